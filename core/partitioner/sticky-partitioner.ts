// Where a record WITHOUT a key goes: Kafka's BuiltInPartitioner (KIP-480 sticky partitioning,
// KIP-794 uniform sticky with adaptive partitioning), one instance per topic, driven by the
// RecordAccumulator. Records stick to one partition until about batch.size bytes went there,
// then a new partition is drawn: uniformly among partitions that have a leader, or, when the
// accumulator supplies queue sizes ("load stats"), with probability inversely related to how
// many batches are already queued for each partition, so slow brokers get less new data.
//
// Source: clients/src/main/java/org/apache/kafka/clients/producer/internals/BuiltInPartitioner.java
// Left out: the AtomicReference/compareAndSet dance and isPartitionChanged, which only guard
// against concurrent producer threads; the simulator calls in one thread. The random source is
// a parameter (Kafka uses ThreadLocalRandom; its test swaps in a counter via mockRandom).

import { toPositive } from "./murmur2.ts";

/** A source of Java-style `Random.nextInt()` values; the simulator passes a seeded stream. */
export interface RandomInt32 {
  int32(): number;
}

/** What BuiltInPartitioner reads from the producer's metadata (Kafka's `Cluster`) for its topic. */
export interface TopicPartitionsView {
  /** `cluster.partitionsForTopic(topic).size()`: all partitions, with or without a leader. */
  readonly partitionCount: number;
  /** `cluster.availablePartitionsForTopic(topic)`: partition ids that have a leader, in metadata order. */
  readonly availablePartitions: readonly number[];
}

/** The current sticky partition and the bytes produced to it since it was chosen. */
export interface StickyPartitionInfo {
  readonly partition: number;
  producedBytes: number;
}

interface PartitionLoadStats {
  readonly cumulativeFrequencyTable: readonly number[];
  readonly partitionIds: readonly number[];
  readonly length: number;
}

export class StickyPartitioner {
  private loadStats: PartitionLoadStats | null = null;
  private current: StickyPartitionInfo | null = null;

  /**
   * @param topic the topic this partitioner serves (Kafka keeps one per topic)
   * @param stickyBatchSize bytes to produce to a partition before switching (the producer's batch.size)
   * @param random where `nextInt()` comes from
   */
  constructor(
    readonly topic: string,
    private readonly stickyBatchSize: number,
    private readonly random: RandomInt32,
  ) {
    if (!(stickyBatchSize >= 1)) {
      throw new RangeError(`stickyBatchSize must be >= 1 but got ${stickyBatchSize}`);
    }
  }

  /**
   * The partition the next unkeyed record goes to (BuiltInPartitioner.peekCurrentPartitionInfo).
   * The first call draws one; afterwards it stays until updatePartitionInfo switches.
   */
  peekCurrentPartitionInfo(cluster: TopicPartitionsView): StickyPartitionInfo {
    if (this.current === null) this.current = { partition: this.nextPartition(cluster), producedBytes: 0 };
    return this.current;
  }

  /**
   * Records `appendedBytes` appended to the sticky partition and maybe switches.
   * The accumulator passes `enableSwitch = allBatchesFull(deque)` (RecordAccumulator.append): while
   * the partition's last batch is still filling, switching would strand a small batch, so it waits
   * for the batch to fill, but never beyond 2 x batch.size (KIP-794's cap for mixed keyed/unkeyed load).
   */
  updatePartitionInfo(
    info: StickyPartitionInfo | null,
    appendedBytes: number,
    cluster: TopicPartitionsView,
    enableSwitch = true,
  ): void {
    // Kafka passes null when the record did not use the built-in partitioner (keyed or explicit).
    if (info === null) return;
    if (info !== this.current) throw new Error(`stale sticky partition info for topic ${this.topic}`);
    info.producedBytes += appendedBytes;
    const produced = info.producedBytes;
    if ((produced >= this.stickyBatchSize && enableSwitch) || produced >= this.stickyBatchSize * 2) {
      this.current = { partition: this.nextPartition(cluster), producedBytes: 0 };
    }
  }

  /**
   * Feeds per-partition queue sizes (batches waiting in the accumulator) for adaptive partitioning
   * (BuiltInPartitioner.updatePartitionLoadStats). `length` may be shorter than the arrays when the
   * accumulator excluded partitions whose brokers exceeded partitioner.availability.timeout.ms.
   * Pass `null` when adaptive partitioning is off.
   */
  updatePartitionLoadStats(queueSizes: readonly number[] | null, partitionIds: readonly number[], length: number): void {
    if (queueSizes === null) {
      this.loadStats = null;
      return;
    }
    if (queueSizes.length !== partitionIds.length || length > queueSizes.length) {
      throw new RangeError("queueSizes and partitionIds must have the same length, and length must not exceed it");
    }
    // Fewer than 2 partitions in the topic: nothing to balance. (With exclusions, even 1 counts.)
    if (length < 1 || queueSizes.length < 2) {
      this.loadStats = null;
      return;
    }
    let maxSizePlus1 = queueSizes[0]!;
    let allEqual = true;
    for (let i = 1; i < length; i++) {
      const q = queueSizes[i]!;
      if (q !== maxSizePlus1) allEqual = false;
      if (q > maxSizePlus1) maxSizePlus1 = q;
    }
    ++maxSizePlus1;
    if (allEqual && length === queueSizes.length) {
      this.loadStats = null;
      return;
    }
    // Invert (an empty queue weighs max+1, the longest weighs 1) and fold into a running sum:
    // queue sizes 0 3 1 -> weights 4 1 3 -> table 4 5 8. A uniform draw in [0, 8) then picks
    // partition i with probability weight_i / 8.
    const table: number[] = [];
    let sum = 0;
    for (let i = 0; i < length; i++) {
      sum += maxSizePlus1 - queueSizes[i]!;
      table.push(sum);
    }
    this.loadStats = { cumulativeFrequencyTable: table, partitionIds: partitionIds.slice(0, length), length };
  }

  /** Test helper from Kafka: the end of the random range when load stats are in use. */
  loadStatsRangeEnd(): number {
    if (this.loadStats === null) throw new Error("no partition load stats");
    return this.loadStats.cumulativeFrequencyTable[this.loadStats.length - 1]!;
  }

  /** BuiltInPartitioner.nextPartition. */
  private nextPartition(cluster: TopicPartitionsView): number {
    const random = toPositive(this.random.int32());
    const stats = this.loadStats;
    if (stats === null) {
      const available = cluster.availablePartitions;
      if (available.length > 0) return available[random % available.length]!;
      // No partition has a leader: pick among all; the batch waits for a leader.
      if (cluster.partitionCount < 1) throw new RangeError(`topic ${this.topic} has no partitions`);
      return random % cluster.partitionCount;
    }
    const table = stats.cumulativeFrequencyTable;
    const weightedRandom = random % table[stats.length - 1]!;
    return stats.partitionIds[firstGreater(table, stats.length, weightedRandom)]!;
  }
}

/**
 * Index of the first table entry strictly greater than `value`. Kafka gets it from
 * Arrays.binarySearch as |result + 1|; the table is strictly increasing (every weight >= 1).
 */
function firstGreater(table: readonly number[], length: number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table[mid]! > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
