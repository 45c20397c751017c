// Bookkeeping of partition moves during one general sticky assignment
// (AbstractStickyAssignor.PartitionMovements). When a partition of topic T must move from A to B
// and some partition of T earlier moved from B to A, Kafka moves that one back instead, so two
// members do not swap partitions of the same topic within one rebalance.
// Which earlier-moved partition comes back is `HashSet.iterator().next()` in Kafka; JavaHashOrder
// reproduces that choice. Left out: isSticky()/cycle detection, which only Kafka's tests call.
// Source: clients/src/main/java/org/apache/kafka/clients/consumer/internals/AbstractStickyAssignor.java

import { JavaHashOrder, topicPartitionHashCode } from "./java-hash-order.ts";
import type { TopicPartition } from "./types.ts";

interface ConsumerPair {
  readonly src: string;
  readonly dst: string;
}

const pairKey = (src: string, dst: string): string => JSON.stringify([src, dst]);

export class PartitionMovements {
  /** topic -> (src,dst) -> partitions of that topic that moved from src to dst. */
  private readonly byTopic = new Map<string, Map<string, JavaHashOrder<TopicPartition>>>();
  /** partition -> its net move (first owner -> current owner). */
  private readonly movements = new Map<TopicPartition, ConsumerPair>();

  /** Records that `partition` moved from `oldConsumer` to `newConsumer`, folding repeated moves. */
  movePartition(partition: TopicPartition, oldConsumer: string, newConsumer: string): void {
    const existing = this.movements.get(partition);
    if (existing === undefined) {
      this.add(partition, { src: oldConsumer, dst: newConsumer });
      return;
    }
    this.remove(partition);
    if (existing.dst !== oldConsumer) throw new Error(`movement of ${partition.topic}-${partition.partition} does not end at ${oldConsumer}`);
    // Moving back to where it started cancels the movement.
    if (existing.src !== newConsumer) this.add(partition, { src: existing.src, dst: newConsumer });
  }

  /** PartitionMovements.getTheActualPartitionToBeMoved. */
  getTheActualPartitionToBeMoved(partition: TopicPartition, oldConsumer: string, newConsumer: string): TopicPartition {
    const forTopic = this.byTopic.get(partition.topic);
    if (forTopic === undefined) return partition;
    const earlier = this.movements.get(partition);
    const from = earlier !== undefined ? earlier.src : oldConsumer;
    const reverse = forTopic.get(pairKey(newConsumer, from));
    if (reverse === undefined) return partition;
    return reverse.first()!;
  }

  private add(partition: TopicPartition, pair: ConsumerPair): void {
    this.movements.set(partition, pair);
    let forTopic = this.byTopic.get(partition.topic);
    if (forTopic === undefined) {
      forTopic = new Map();
      this.byTopic.set(partition.topic, forTopic);
    }
    const key = pairKey(pair.src, pair.dst);
    let partitions = forTopic.get(key);
    if (partitions === undefined) {
      partitions = new JavaHashOrder<TopicPartition>(topicPartitionHashCode);
      forTopic.set(key, partitions);
    }
    partitions.add(partition);
  }

  private remove(partition: TopicPartition): void {
    const pair = this.movements.get(partition)!;
    this.movements.delete(partition);
    const forTopic = this.byTopic.get(partition.topic)!;
    const key = pairKey(pair.src, pair.dst);
    const partitions = forTopic.get(key)!;
    partitions.delete(partition);
    if (partitions.size === 0) forTopic.delete(key);
    if (forTopic.size === 0) this.byTopic.delete(partition.topic);
  }
}
