// The client-side history of every consumer group, kept outside the consumer processes (a
// crash does not erase what an application already did): which records each group's
// application processed and when, what it committed, which partitions each generation gave
// each member, and what poll() delivered. The consumer checker reads it with the final logs.

import type { ConsumeObserver } from "../../core/consumer/observer.ts";

export interface Delivery {
  readonly member: string;
  readonly generation: number;
  readonly partition: number;
  readonly firstOffset: number;
  readonly lastOffset: number;
  readonly highWatermark: number;
}

export interface GenerationAssignment {
  readonly member: string;
  readonly generation: number;
  readonly partitions: readonly number[];
  readonly revoked: number;
  readonly atUs: number;
}

/** One group's history. Processed records are columnar (rid, partition, offset, time). */
export class GroupHistory {
  private rids = new Float64Array(1024);
  private partitions = new Int32Array(1024);
  private offsets = new Float64Array(1024);
  private times = new Float64Array(1024);
  processedCount = 0;
  /** Last successful commit per partition (the group's committed offset as the clients saw it). */
  readonly committed = new Map<number, number>();
  /** Lowest position the group ever started a partition from (committed offset or reset). */
  readonly startOffsets = new Map<number, number>();
  readonly deliveries: Delivery[] = [];
  readonly assignments: GenerationAssignment[] = [];

  /** "consumer" (KIP-848): generations are member epochs and rebalances are counted per group epoch. */
  constructor(readonly group: string, readonly topic: string, readonly protocol: "classic" | "consumer" = "classic") {}

  addProcessed(rid: number, partition: number, offset: number, atUs: number): void {
    const n = this.processedCount;
    if (n >= this.rids.length) {
      const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.rids = grow(this.rids, (k) => new Float64Array(k));
      this.partitions = grow(this.partitions, (k) => new Int32Array(k));
      this.offsets = grow(this.offsets, (k) => new Float64Array(k));
      this.times = grow(this.times, (k) => new Float64Array(k));
    }
    this.rids[n] = rid;
    this.partitions[n] = partition;
    this.offsets[n] = offset;
    this.times[n] = atUs;
    this.processedCount = n + 1;
  }

  rid(i: number): number {
    return this.rids[i]!;
  }
  partition(i: number): number {
    return this.partitions[i]!;
  }
  offset(i: number): number {
    return this.offsets[i]!;
  }
  timeUs(i: number): number {
    return this.times[i]!;
  }
}

export class ConsumerHistory implements ConsumeObserver {
  readonly groups = new Map<string, GroupHistory>();

  addGroup(group: string, topic: string, protocol: "classic" | "consumer" = "classic"): void {
    this.groups.set(group, new GroupHistory(group, topic, protocol));
  }

  private g(group: string): GroupHistory {
    const g = this.groups.get(group);
    if (g === undefined) throw new Error(`unknown group ${group}`);
    return g;
  }

  processed(group: string, _member: string, _topic: string, partition: number, offset: number, rid: number, atUs: number): void {
    this.g(group).addProcessed(rid, partition, offset, atUs);
  }

  delivered(group: string, member: string, generation: number, _topic: string, partition: number, firstOffset: number, lastOffset: number, highWatermark: number): void {
    this.g(group).deliveries.push({ member, generation, partition, firstOffset, lastOffset, highWatermark });
  }

  committed(group: string, _member: string, _topic: string, partition: number, offset: number): void {
    this.g(group).committed.set(partition, offset);
  }

  assigned(group: string, member: string, generation: number, partitions: readonly { topic: string; partition: number }[], revoked: number, atUs: number): void {
    this.g(group).assignments.push({ member, generation, partitions: partitions.map((p) => p.partition), revoked, atUs });
  }

  positionInitialized(group: string, _topic: string, partition: number, offset: number): void {
    const g = this.g(group);
    const prev = g.startOffsets.get(partition);
    if (prev === undefined || offset < prev) g.startOffsets.set(partition, offset);
  }
}
