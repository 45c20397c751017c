// Requests parked until a condition holds or they time out: Kafka's DelayedProduce (acks=all
// waits for the HW to pass the appended records) and DelayedFetch (a long poll waits for
// fetch.min.bytes). Both are checked when their partitions change, never polled.

import type { NodeId, TimerHandle } from "../env.ts";
import type { ErrorCode } from "../protocol/errors.ts";
import type { FetchRequest } from "../protocol/messages.ts";

export interface ProducePartitionStatus {
  readonly topic: string;
  readonly partition: number;
  /** The HW this partition must reach (last appended offset + 1); -1 when already settled. */
  requiredOffset: number;
  error: ErrorCode;
  baseOffset: number;
  logStartOffset: number;
}

export interface DelayedProduce {
  readonly id: number;
  readonly from: NodeId;
  readonly correlationId: number;
  readonly statuses: ProducePartitionStatus[];
  remaining: number;
  timer: TimerHandle | null;
  /** Internal appends (the group coordinator's) get a callback instead of a ProduceResponse. */
  readonly onComplete?: (statuses: readonly ProducePartitionStatus[]) => void;
}

export interface DelayedFetch {
  readonly id: number;
  readonly from: NodeId;
  readonly request: FetchRequest;
  timer: TimerHandle | null;
}

const NONE: readonly never[] = [];

/**
 * Completed operations a purgatory lets pile up in its watch lists before it sweeps them all
 * (Kafka's fetch/producer.purgatory.purge.interval.requests default, 1000).
 */
export const PURGE_INTERVAL_OPERATIONS = 1000;

interface WatchList<T> {
  readonly ops: T[];
  /** The sweep count when watching() last returned this list. */
  watchedAtSweep: number;
}

/** Parked operations indexed by partition key, in arrival order. */
export class Purgatory<T extends { readonly id: number }> {
  private readonly byPartition = new Map<string, WatchList<T>>();
  private readonly byId = new Map<number, T>();
  /** Operations completed since the last sweep; some may still sit in watch lists. */
  private completedSincePurge = 0;
  private sweeps = 0;

  get size(): number {
    return this.byId.size;
  }

  add(op: T, partitionKeys: readonly string[]): void {
    // A key nobody appends to (an idle __consumer_offsets partition in a follower's fetch)
    // is never pruned by watching(): as DelayedOperationPurgatory.purgeCompleted, sweep the
    // lists now and then so completed operations do not pile up there for the whole run.
    if (this.completedSincePurge > PURGE_INTERVAL_OPERATIONS && this.completedSincePurge > this.byId.size) this.purgeCompleted();
    this.byId.set(op.id, op);
    for (const key of partitionKeys) {
      let list = this.byPartition.get(key);
      if (list === undefined) {
        list = { ops: [], watchedAtSweep: -2 };
        this.byPartition.set(key, list);
      }
      list.ops.push(op);
    }
  }

  get(id: number): T | undefined {
    return this.byId.get(id);
  }

  /**
   * Live operations watching `key`; completed ones are pruned here, in place (this runs on
   * every append and HW move, so it allocates nothing). Callers may complete operations while
   * iterating: completion only removes them from the id index.
   */
  watching(key: string): readonly T[] {
    const list = this.byPartition.get(key);
    if (list === undefined) return NONE;
    if (this.prune(list.ops) === 0) {
      this.byPartition.delete(key);
      return NONE;
    }
    list.watchedAtSweep = this.sweeps;
    return list.ops;
  }

  remove(op: T): boolean {
    if (!this.byId.delete(op.id)) return false;
    this.completedSincePurge++;
    return true;
  }

  /**
   * Drops completed operations from the lists nobody watched since the sweep before last,
   * keeping the live ones' order. A list watching() returned lately is left alone: it prunes
   * itself, and a caller may still be iterating it (add() runs inside such loops, when a
   * completed produce makes the group coordinator append), so it must not shift under it.
   */
  private purgeCompleted(): void {
    this.completedSincePurge = 0;
    for (const [key, list] of this.byPartition) {
      if (list.watchedAtSweep >= this.sweeps - 1) continue;
      if (this.prune(list.ops) === 0) this.byPartition.delete(key);
    }
    this.sweeps++;
  }

  /** Drops completed operations from `ops` in place, keeping order; returns how many are left. */
  private prune(ops: T[]): number {
    let n = 0;
    for (const op of ops) if (this.byId.has(op.id)) ops[n++] = op;
    ops.length = n;
    return n;
  }

  all(): T[] {
    return [...this.byId.values()];
  }
}
