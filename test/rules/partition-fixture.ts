// A leader Partition (core/broker/partition.ts) over a PartitionLog on a MemDisk, on the test
// harness's clock (the real Scheduler). It holds no rule of its own: each step calls the
// Partition method the ReplicaManager calls for it, so the rule tests test the broker's code.
// `fetch` is Partition.updateFollowerFetchState (record the fetch, maybe expand, maybe advance
// the HW); `commitIsr` and `failIsr` stand for the controller's AlterPartition answer
// (alterPartitionManager.completeIsrUpdate / failIsrUpdate in Kafka's PartitionTest), followed
// by the HW check ReplicaManager.leadershipOrIsrChanged makes. Time starts well above 0, as
// MockTime's does, so that a lastCaughtUpTimeMs of 0 means "long ago".

import { Partition, type FollowerState } from "../../core/broker/partition.ts";
import { PartitionLog } from "../../core/log/partition-log.ts";
import { Errors } from "../../core/protocol/errors.ts";
import { MemDisk, TestClock } from "../harness/index.ts";
import { batch } from "./batches.ts";

export const LEADER = 0;
export const LAG_MS = 30_000; // replica.lag.time.max.ms
export const T0 = 1_000_000;
export const UNKNOWN = -1; // UnifiedLog.UnknownOffset

export class Fixture {
  readonly clock = new TestClock(T0 * 1000);
  readonly log = PartitionLog.load(new MemDisk(), "logs/t-0", { segmentBytes: 1 << 30, segmentMs: Infinity, flushMessages: Infinity }, 0);
  minIsr = 1;
  readonly ineligible = new Set<number>();
  readonly p = new Partition("t", 0, this.log, LEADER, {
    replicaLagTimeMaxMs: LAG_MS,
    minInsyncReplicas: () => this.minIsr,
    isReplicaIsrEligible: (id) => !this.ineligible.has(id),
  });

  get now(): number {
    return this.clock.nowMs;
  }

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
    this.clock.advance(ms);
    return this;
  }

  maybeIncrementHw(): boolean {
    return this.p.maybeIncrementLeaderHW(this.now);
  }

  fetch(followerId: number, fetchOffset: number): this {
    this.p.updateFollowerFetchState(followerId, fetchOffset, this.now);
    return this;
  }

  /** Partition.maybeShrinkIsr: the replicas it proposes to drop, or none. */
  maybeShrinkIsr(): readonly number[] {
    const change = this.p.maybeShrinkIsr(this.now);
    return change?.kind === "shrink" ? change.outOfSyncReplicaIds : [];
  }

  /** The controller commits the pending change in the next partition epoch. */
  commitIsr(): this {
    const pending = this.p.pendingIsr!;
    this.p.handleAlterPartitionResult(Errors.NONE, { leaderEpoch: this.p.leaderEpoch, isr: pending.newIsr, partitionEpoch: this.p.partitionEpoch + 1 });
    this.maybeIncrementHw();
    return this;
  }

  /** The AlterPartition fails (no answer in time). */
  failIsr(): this {
    this.p.handleAlterPartitionResult(Errors.REQUEST_TIMED_OUT, null);
    return this;
  }

  follower(id: number): FollowerState {
    return { ...this.p.followers.get(id)! };
  }

  isCaughtUp(id: number): boolean {
    return this.p.isCaughtUp(this.p.followers.get(id)!, this.now);
  }

  get hw(): number {
    return this.log.highWatermark;
  }
}

export function state(logEndOffset: number, lastCaughtUpTimeMs: number, lastFetchLeaderLogEndOffset: number, lastFetchTimeMs: number): FollowerState {
  return { logEndOffset, lastCaughtUpTimeMs, lastFetchLeaderLogEndOffset, lastFetchTimeMs };
}
