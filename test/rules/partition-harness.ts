// The test bench for Partition's rules: a leader Partition over a PartitionLog on a MemDisk.
// `Harness.fetch` plays Kafka's Partition.updateFollowerFetchState as ReplicaManager drives ours:
// record the fetch (Replica.updateFetchStateOrThrow), maybe start an ISR expansion
// (maybeExpandIsr), then maybe advance the HW (maybeIncrementLeaderHW). `commitIsr` and
// `failIsr` stand for the controller's AlterPartition answer (alterPartitionManager.completeIsrUpdate
// / failIsrUpdate in Kafka's PartitionTest). Time starts well above 0, as MockTime's does, so
// that a lastCaughtUpTimeMs of 0 means "long ago".

import { Partition, type FollowerState } from "../../core/broker/partition.ts";
import { PartitionLog } from "../../core/log/partition-log.ts";
import { batch } from "./batches.ts";
import { MemDisk } from "../harness/index.ts";

export const LEADER = 0;
export const LAG_MS = 30_000; // replica.lag.time.max.ms
export const T0 = 1_000_000;
export const UNKNOWN = -1; // UnifiedLog.UnknownOffset

export class Harness {
  readonly log = PartitionLog.load(new MemDisk(), "logs/t-0", { segmentBytes: 1 << 30, segmentMs: Infinity, flushMessages: Infinity }, 0);
  readonly p = new Partition("t", 0, this.log, LEADER);
  now = T0;
  minIsr = 1;
  readonly ineligible = new Set<number>();

  /** seedLogData: `n` records in one batch written in `leaderEpoch`. */
  seed(n: number, leaderEpoch: number): this {
    this.log.appendAsLeader(batch({ count: n }), leaderEpoch, this.now);
    return this;
  }

  makeLeader(leaderEpoch: number, replicas: number[], isr: number[], partitionEpoch = 1): this {
    this.p.makeLeader(leaderEpoch, partitionEpoch, replicas, isr, this.now);
    this.maybeIncrementHw();
    return this;
  }

  sleep(ms: number): this {
    this.now += ms;
    return this;
  }

  eligible = (id: number): boolean => !this.ineligible.has(id);

  maybeIncrementHw(): boolean {
    return this.p.maybeIncrementLeaderHW(this.now, this.minIsr, LAG_MS, this.eligible);
  }

  fetch(followerId: number, fetchOffset: number): this {
    this.p.updateFollowerFetchState(followerId, fetchOffset, this.now);
    const p = this.p;
    if (p.pendingIsr === null && !p.isr.includes(followerId) && p.isFollowerInSync(followerId) && this.eligible(followerId)) {
      const newIsr = [...p.isr, followerId].sort((a, b) => a - b);
      p.pendingIsr = { kind: "expand", newIsr, maximalIsr: newIsr };
    }
    this.maybeIncrementHw();
    return this;
  }

  /** Partition.maybeShrinkIsr: one AlterPartition at a time. */
  maybeShrinkIsr(): number[] {
    if (this.p.pendingIsr !== null) return [];
    const out = this.p.outOfSyncReplicas(this.now, LAG_MS);
    if (out.length > 0) this.p.pendingIsr = { kind: "shrink", newIsr: this.p.isr.filter((id) => !out.includes(id)), maximalIsr: this.p.isr };
    return out;
  }

  commitIsr(): this {
    this.p.isr = this.p.pendingIsr!.newIsr;
    this.p.pendingIsr = null;
    this.p.partitionEpoch++;
    this.maybeIncrementHw();
    return this;
  }

  failIsr(): this {
    this.p.pendingIsr = null;
    return this;
  }

  follower(id: number): FollowerState {
    return { ...this.p.followers.get(id)! };
  }

  isCaughtUp(id: number): boolean {
    return this.p.isCaughtUp(this.p.followers.get(id)!, this.now, LAG_MS);
  }

  get hw(): number {
    return this.log.highWatermark;
  }
}

export function state(logEndOffset: number, lastCaughtUpTimeMs: number, lastFetchLeaderLogEndOffset: number, lastFetchTimeMs: number): FollowerState {
  return { logEndOffset, lastCaughtUpTimeMs, lastFetchLeaderLogEndOffset, lastFetchTimeMs };
}
