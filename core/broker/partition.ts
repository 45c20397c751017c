// One replica of one partition on a broker, as a leader or a follower: Kafka's Partition
// (core/src/main/scala/kafka/cluster/Partition.scala) and Replica (the leader's view of each
// follower). The leader tracks every follower's log end offset and last caught-up time,
// advances the high watermark (maybeIncrementLeaderHW), and asks the controller to shrink
// or expand the ISR (AlterPartition, one request in flight at a time, KIP-497).

import { NO_LEADER } from "../protocol/metadata-records.ts";
import type { PartitionLog } from "../log/partition-log.ts";

export interface FollowerState {
  logEndOffset: number;
  lastCaughtUpTimeMs: number;
  /** Leader LEO and time at this follower's previous fetch (Replica.updateFetchStateOrThrow). */
  lastFetchLeaderLogEndOffset: number;
  lastFetchTimeMs: number;
}

/** An AlterPartition the leader sent and has not heard back about. */
export interface PendingIsrChange {
  readonly kind: "expand" | "shrink";
  readonly newIsr: readonly number[];
  /** ISR used for the HW while pending: the larger of old and new (KIP-497 "maximal ISR"). */
  readonly maximalIsr: readonly number[];
}

export type Role = "leader" | "follower" | "none";

export class Partition {
  role: Role = "none";
  leaderId = NO_LEADER;
  leaderEpoch = -1;
  partitionEpoch = -1;
  replicas: readonly number[] = [];
  isr: readonly number[] = [];
  pendingIsr: PendingIsrChange | null = null;
  /** Leader only: the LEO when this leader epoch began (Partition.leaderEpochStartOffsetOpt). */
  leaderEpochStartOffset = 0;
  readonly followers = new Map<number, FollowerState>();

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly log: PartitionLog,
    readonly localBrokerId: number,
  ) {}

  get maximalIsr(): readonly number[] {
    return this.pendingIsr?.maximalIsr ?? this.isr;
  }

  /**
   * Partition.makeLeader: on a new leader epoch, every follower's state is reset
   * (Replica.resetReplicaState) and the epoch starts at the LEO.
   */
  makeLeader(leaderEpoch: number, partitionEpoch: number, replicas: readonly number[], isr: readonly number[], nowMs: number): void {
    const isNewLeader = this.role !== "leader";
    const newEpoch = isNewLeader || leaderEpoch !== this.leaderEpoch;
    this.role = "leader";
    this.leaderId = this.localBrokerId;
    this.replicas = replicas;
    this.isr = isr;
    // A newer committed state (the controller's record) ends any ISR change in flight, as
    // Partition.makeLeader's CommittedPartitionState does (PartitionTest.testAlterIsrLeaderAndIsrRace).
    if (partitionEpoch > this.partitionEpoch) this.pendingIsr = null;
    this.partitionEpoch = partitionEpoch;
    if (!newEpoch) return;
    this.leaderEpoch = leaderEpoch;
    this.pendingIsr = null;
    this.leaderEpochStartOffset = this.log.logEndOffset;
    const previous = isNewLeader ? new Map<number, FollowerState>() : new Map(this.followers);
    this.followers.clear();
    for (const id of replicas) {
      if (id === this.localBrokerId) continue;
      this.followers.set(id, resetFollower(previous.get(id), isr.includes(id), this.leaderEpochStartOffset, nowMs));
    }
  }

  makeFollower(leaderId: number, leaderEpoch: number, partitionEpoch: number, replicas: readonly number[], isr: readonly number[]): void {
    this.role = "follower";
    this.leaderId = leaderId;
    this.leaderEpoch = leaderEpoch;
    this.partitionEpoch = partitionEpoch;
    this.replicas = replicas;
    this.isr = isr;
    this.pendingIsr = null;
    this.followers.clear();
  }

  effectiveMinIsr(minInsyncReplicas: number): number {
    return Math.min(minInsyncReplicas, this.replicas.length);
  }

  /** Replica.updateFetchStateOrThrow: what a follower's fetch tells the leader. */
  updateFollowerFetchState(followerId: number, fetchOffset: number, nowMs: number): void {
    const f = this.followers.get(followerId);
    if (f === undefined) return;
    const leaderLeo = this.log.logEndOffset;
    if (fetchOffset >= leaderLeo) f.lastCaughtUpTimeMs = Math.max(f.lastCaughtUpTimeMs, nowMs);
    else if (fetchOffset >= f.lastFetchLeaderLogEndOffset) f.lastCaughtUpTimeMs = Math.max(f.lastCaughtUpTimeMs, f.lastFetchTimeMs);
    f.logEndOffset = fetchOffset;
    f.lastFetchLeaderLogEndOffset = leaderLeo;
    f.lastFetchTimeMs = nowMs;
  }

  /** Replica.isCaughtUp. */
  isCaughtUp(f: FollowerState, nowMs: number, replicaLagTimeMaxMs: number): boolean {
    return f.logEndOffset === this.log.logEndOffset || nowMs - f.lastCaughtUpTimeMs <= replicaLagTimeMaxMs;
  }

  /**
   * Partition.maybeIncrementLeaderHW (Kafka 4.x): no advance while the ISR is below
   * min.insync.replicas (KIP-966's strict min ISR); otherwise the HW is the smallest LEO among
   * the leader, the maximal ISR, and caught-up ISR-eligible replicas about to join it.
   */
  maybeIncrementLeaderHW(nowMs: number, minInsyncReplicas: number, replicaLagTimeMaxMs: number, isEligible: (id: number) => boolean): boolean {
    if (this.role !== "leader") return false;
    if (this.isr.length < this.effectiveMinIsr(minInsyncReplicas)) return false;
    let newHw = this.log.logEndOffset;
    const maximal = this.maximalIsr;
    for (const [id, f] of this.followers) {
      if (f.logEndOffset >= newHw) continue;
      if (maximal.includes(id) || (this.isCaughtUp(f, nowMs, replicaLagTimeMaxMs) && isEligible(id))) {
        newHw = Math.max(f.logEndOffset, 0);
      }
    }
    return this.log.maybeIncrementHighWatermark(newHw);
  }

  /**
   * Partition.getOutOfSyncReplicas: ISR followers that have not caught up within the lag time;
   * none while an AlterPartition is in flight (Kafka returns an empty set when isInflight).
   */
  outOfSyncReplicas(nowMs: number, replicaLagTimeMaxMs: number): number[] {
    if (this.pendingIsr !== null) return [];
    const out: number[] = [];
    for (const id of this.isr) {
      if (id === this.localBrokerId) continue;
      const f = this.followers.get(id);
      if (f === undefined || !this.isCaughtUp(f, nowMs, replicaLagTimeMaxMs)) out.push(id);
    }
    return out;
  }

  /** Partition.isFollowerInSync: caught up to the HW and into the current leader epoch. */
  isFollowerInSync(followerId: number): boolean {
    const f = this.followers.get(followerId);
    if (f === undefined) return false;
    return f.logEndOffset >= this.log.highWatermark && f.logEndOffset >= this.leaderEpochStartOffset;
  }
}

/**
 * Replica.resetReplicaState. A follower in the ISR counts as caught up now, others as never
 * (so they do not hold the HW back). A new leader (`prev` undefined) knows nothing of the
 * follower's log; a re-elected leader (a new epoch while already leading) keeps the follower's
 * LEO and takes the epoch start as the leader LEO of its "last fetch" (PartitionTest /
 * ReplicaTest.testResetReplicaStateWhenLeaderIsReelectedAndReplicaIs{InSync,NotInSync}).
 */
function resetFollower(prev: FollowerState | undefined, inSync: boolean, leaderEndOffset: number, nowMs: number): FollowerState {
  const lastCaughtUpTimeMs = inSync ? nowMs : 0;
  if (prev === undefined) return { logEndOffset: -1, lastCaughtUpTimeMs, lastFetchLeaderLogEndOffset: -1, lastFetchTimeMs: 0 };
  return { logEndOffset: prev.logEndOffset, lastCaughtUpTimeMs, lastFetchLeaderLogEndOffset: leaderEndOffset, lastFetchTimeMs: inSync ? nowMs : 0 };
}
