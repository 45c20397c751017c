// The client-side history of every consumer group, kept outside the consumer processes (a
// crash does not erase what an application already did): which records each group's
// application processed and when, what it committed, which partitions each generation gave
// each member, and what poll() delivered. The consumer checker reads it with the final logs.

import type { ConsumeObserver } from "../../core/consumer/observer.ts";
import type { RecordBatch } from "../../core/protocol/records.ts";

export interface GenerationAssignment {
  readonly member: string;
  readonly generation: number;
  readonly partitions: readonly number[];
  readonly revoked: number;
  readonly atUs: number;
}

/**
 * One group's history. What the application processed is kept as ranges, one per run of
 * rows of one fetched batch that one poll handed over: the batch itself (shared with the
 * logs, so a record costs no bytes here), the rows, and when processing the first and the
 * last of them ended, with the longest gap between two of them.
 */
export class GroupHistory {
  private readonly batches: RecordBatch[] = [];
  private bounds = new Int32Array(3 * 256); // from, to, partition per range
  private times = new Float64Array(3 * 256); // first done, last done, longest gap per range
  rangeCount = 0;
  /** Records processed, counting repeats. */
  processedCount = 0;
  /** Last successful commit per partition (the group's committed offset as the clients saw it). */
  readonly committed = new Map<number, number>();
  /** Lowest position the group ever started a partition from (committed offset or reset). */
  readonly startOffsets = new Map<number, number>();
  /** poll() results that handed out a record at or above the HW its fetch reported. */
  deliveredAtOrAboveHw = 0;
  /** The first member each (generation, partition) was delivered to, and the pairs delivered to another one too. */
  readonly deliveredTo = new Map<string, string>();
  readonly ownershipConflicts = new Set<string>();
  readonly assignments: GenerationAssignment[] = [];
  /** KIP-320 truncations a member detected: the position and the leader's end offset for its epoch (-1 if none). */
  readonly truncations: { readonly partition: number; readonly position: number; readonly endOffset: number }[] = [];

  /** "consumer" (KIP-848): generations are member epochs and rebalances are counted per group epoch. */
  constructor(readonly group: string, readonly topic: string, readonly protocol: "classic" | "consumer" = "classic") {}

  addProcessed(partition: number, batch: RecordBatch, from: number, to: number, firstDoneUs: number, lastDoneUs: number, longestGapUs: number): void {
    const k = this.rangeCount;
    if (3 * k >= this.bounds.length) {
      const b = new Int32Array(2 * this.bounds.length);
      b.set(this.bounds);
      this.bounds = b;
      const t = new Float64Array(2 * this.times.length);
      t.set(this.times);
      this.times = t;
    }
    this.batches.push(batch);
    this.bounds[3 * k] = from;
    this.bounds[3 * k + 1] = to;
    this.bounds[3 * k + 2] = partition;
    this.times[3 * k] = firstDoneUs;
    this.times[3 * k + 1] = lastDoneUs;
    this.times[3 * k + 2] = longestGapUs;
    this.rangeCount = k + 1;
    this.processedCount += to - from;
  }

  /** poll() (or, for a real consumer, a commit after its fetch) handed rows up to `lastOffset` of a partition to `member`. */
  delivered(member: string, generation: number, partition: number, lastOffset: number, highWatermark: number): void {
    if (lastOffset >= highWatermark) this.deliveredAtOrAboveHw++;
    // Kept as it comes, not per poll: a long run polls millions of times.
    const key = `${generation}:${partition}`;
    const owner = this.deliveredTo.get(key);
    if (owner === undefined) this.deliveredTo.set(key, member);
    else if (owner !== member) this.ownershipConflicts.add(key);
  }

  assign(member: string, generation: number, partitions: readonly number[], revoked: number, atUs: number): void {
    this.assignments.push({ member, generation, partitions, revoked, atUs });
  }

  positionInitialized(partition: number, offset: number): void {
    const prev = this.startOffsets.get(partition);
    if (prev === undefined || offset < prev) this.startOffsets.set(partition, offset);
  }

  rangeBatch(k: number): RecordBatch {
    return this.batches[k]!;
  }
  rangeFrom(k: number): number {
    return this.bounds[3 * k]!;
  }
  rangeTo(k: number): number {
    return this.bounds[3 * k + 1]!;
  }
  rangePartition(k: number): number {
    return this.bounds[3 * k + 2]!;
  }
  rangeFirstDoneUs(k: number): number {
    return this.times[3 * k]!;
  }
  rangeLastDoneUs(k: number): number {
    return this.times[3 * k + 1]!;
  }
  rangeLongestGapUs(k: number): number {
    return this.times[3 * k + 2]!;
  }

  /** Each processed record's rid, in the order the group processed them (ranges in recorded order). */
  forEachRid(visit: (rid: number) => void): void {
    for (let k = 0; k < this.rangeCount; k++) {
      const b = this.batches[k]!;
      for (let i = this.bounds[3 * k]!, to = this.bounds[3 * k + 1]!; i < to; i++) visit(b.ridAt(i));
    }
  }

  /**
   * Range indices by the time their processing ended (first record), ties in recorded order.
   * Ranges that overlap in time (two members on one partition at once) are not interleaved.
   */
  rangesByTime(): Int32Array {
    const order = Int32Array.from({ length: this.rangeCount }, (_, k) => k);
    return order.sort((a, b) => this.times[3 * a]! - this.times[3 * b]! || a - b);
  }
}

export class ConsumerHistory implements ConsumeObserver {
  readonly groups = new Map<string, GroupHistory>();
  /**
   * Groups no scenario consumer declared, formed at run time by kafkasim serve's real consumers:
   * by group id, one history per topic the group read (GroupHistory follows one topic).
   */
  readonly unplanned = new Map<string, GroupHistory[]>();

  addGroup(group: string, topic: string, protocol: "classic" | "consumer" = "classic"): void {
    this.groups.set(group, new GroupHistory(group, topic, protocol));
  }

  /** The history of `group` reading `topic`: the scenario's group when it reads that topic, else an unplanned one (made on first use). */
  historyFor(group: string, topic: string): GroupHistory {
    const planned = this.groups.get(group);
    if (planned !== undefined && planned.topic === topic) return planned;
    let list = this.unplanned.get(group);
    if (list === undefined) this.unplanned.set(group, (list = []));
    let h = list.find((x) => x.topic === topic);
    if (h === undefined) list.push((h = new GroupHistory(group, topic)));
    return h;
  }

  /** Every group's history: the scenario's, then the unplanned ones in the order they formed. */
  allGroups(): GroupHistory[] {
    return [...this.groups.values(), ...[...this.unplanned.values()].flat()];
  }

  private g(group: string): GroupHistory {
    const g = this.groups.get(group);
    if (g === undefined) throw new Error(`unknown group ${group}`);
    return g;
  }

  processed(group: string, _member: string, _topic: string, partition: number, batch: RecordBatch, from: number, to: number, firstDoneUs: number, lastDoneUs: number, longestGapUs: number): void {
    this.g(group).addProcessed(partition, batch, from, to, firstDoneUs, lastDoneUs, longestGapUs);
  }

  delivered(group: string, member: string, generation: number, _topic: string, partition: number, _firstOffset: number, lastOffset: number, highWatermark: number): void {
    this.g(group).delivered(member, generation, partition, lastOffset, highWatermark);
  }

  committed(group: string, _member: string, _topic: string, partition: number, offset: number): void {
    this.g(group).committed.set(partition, offset);
  }

  assigned(group: string, member: string, generation: number, partitions: readonly { topic: string; partition: number }[], revoked: number, atUs: number): void {
    this.g(group).assign(member, generation, partitions.map((p) => p.partition), revoked, atUs);
  }

  logTruncation(group: string, _topic: string, partition: number, position: number, endOffset: number): void {
    this.g(group).truncations.push({ partition, position, endOffset });
  }

  positionInitialized(group: string, _topic: string, partition: number, offset: number): void {
    this.g(group).positionInitialized(partition, offset);
  }
}
