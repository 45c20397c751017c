// One replica of one partition on a broker, as a leader or a follower: Kafka's Partition
// (core/src/main/scala/kafka/cluster/Partition.scala) and Replica (the leader's view of each
// follower). The leader tracks every follower's log end offset and last caught-up time,
// advances the high watermark (maybeIncrementLeaderHW), and decides when the ISR should shrink
// or expand (maybeShrinkIsr, maybeExpandIsr), one AlterPartition in flight at a time (KIP-497).
// Sending the AlterPartition and tracing it are the ReplicaManager's; the rule is here, as in
// Kafka, so that the rule tests drive the code the broker runs.

import { Errors, type ErrorCode } from "../protocol/errors.ts";
import { NO_LEADER } from "../protocol/metadata-records.ts";
import type { PartitionLog } from "../log/partition-log.ts";

export interface FollowerState {
  logEndOffset: number;
  lastCaughtUpTimeMs: number;
  /** Leader LEO and time at this follower's previous fetch (Replica.updateFetchStateOrThrow). */
  lastFetchLeaderLogEndOffset: number;
  lastFetchTimeMs: number;
}

/**
 * An AlterPartition the leader sent and has not heard back about: Kafka's PendingExpandIsr and
 * PendingShrinkIsr. `maximalIsr` is the ISR the HW counts while it is pending: the ISR with the
 * joining replica for an expansion (assume it will make it), the current ISR for a shrink
 * (a failed shrink must not have advanced the HW).
 */
export type PendingIsrChange =
  | { readonly kind: "expand"; readonly newInSyncReplicaId: number; readonly newIsr: readonly number[]; readonly maximalIsr: readonly number[] }
  | { readonly kind: "shrink"; readonly outOfSyncReplicaIds: readonly number[]; readonly newIsr: readonly number[]; readonly maximalIsr: readonly number[] };

/**
 * What Kafka's Partition reads from its broker: replica.lag.time.max.ms (a constructor
 * argument there), the topic's min.insync.replicas (the leader log's config), and the metadata
 * cache's view of which brokers may join an ISR.
 */
export interface PartitionConfig {
  readonly replicaLagTimeMaxMs: number;
  /** Read on each use: Kafka reads the log's current config, which may change. */
  minInsyncReplicas(): number;
  /** Partition.isReplicaIsrEligible (KRaft: registered, unfenced, not in controlled shutdown). */
  isReplicaIsrEligible(brokerId: number): boolean;
}

/** The ISR before the controller's answer changed it, for the trace. */
export interface IsrUpdate {
  readonly previousIsr: readonly number[];
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
  /** The followers' ids in `followers` order, so the HW check iterates without allocating. */
  private followerIds: number[] = [];
  /** updateFollowerFetchState's answer, reused: it runs for every partition of every follower fetch. */
  private readonly fetchUpdate: { expansion: PendingIsrChange | null; hwIncremented: boolean } = { expansion: null, hwIncremented: false };

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly log: PartitionLog,
    readonly localBrokerId: number,
    private readonly config: PartitionConfig,
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
    this.followerIds = [...this.followers.keys()];
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
    this.followerIds = [];
  }

  /** Partition.effectiveMinIsr: min.insync.replicas, capped by the replication factor. */
  effectiveMinIsr(): number {
    return Math.min(this.config.minInsyncReplicas(), this.replicas.length);
  }

  /**
   * Partition.updateFollowerFetchState: record what the fetch tells the leader, maybe start an
   * ISR expansion, then maybe advance the HW (which counts the joining follower at once). Kafka
   * re-checks the HW only when the follower's LEO moved; we check on every fetch, since a
   * follower outside the ISR stops holding the HW back as time passes. Returns the expansion
   * to send, if one began, and whether the HW moved (in one object reused by every call: read
   * it before the next).
   */
  updateFollowerFetchState(followerId: number, fetchOffset: number, nowMs: number): { readonly expansion: PendingIsrChange | null; readonly hwIncremented: boolean } {
    this.updateReplicaFetchState(followerId, fetchOffset, nowMs);
    const update = this.fetchUpdate;
    update.expansion = this.maybeExpandIsr(followerId);
    update.hwIncremented = this.maybeIncrementLeaderHW(nowMs);
    return update;
  }

  /** Replica.updateFetchStateOrThrow. */
  private updateReplicaFetchState(followerId: number, fetchOffset: number, nowMs: number): void {
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
  isCaughtUp(f: FollowerState, nowMs: number): boolean {
    return f.logEndOffset === this.log.logEndOffset || nowMs - f.lastCaughtUpTimeMs <= this.config.replicaLagTimeMaxMs;
  }

  /**
   * Partition.maybeIncrementLeaderHW (Kafka 4.x): no advance while the ISR is below
   * min.insync.replicas (KIP-966's strict min ISR); otherwise the HW is the smallest LEO among
   * the leader, the maximal ISR, and caught-up ISR-eligible replicas about to join it.
   */
  maybeIncrementLeaderHW(nowMs: number): boolean {
    if (this.role !== "leader") return false;
    if (this.isr.length < this.effectiveMinIsr()) return false;
    let newHw = this.log.logEndOffset;
    const maximal = this.maximalIsr;
    for (const id of this.followerIds) {
      const f = this.followers.get(id)!;
      if (f.logEndOffset >= newHw) continue;
      if (maximal.includes(id) || (this.isCaughtUp(f, nowMs) && this.config.isReplicaIsrEligible(id))) {
        newHw = Math.max(f.logEndOffset, 0);
      }
    }
    return this.log.maybeIncrementHighWatermark(newHw);
  }

  /**
   * Partition.maybeExpandIsr (canAddReplicaToIsr && isFollowerInSync, then prepareIsrExpand):
   * a follower outside the ISR that has caught up joins the maximal ISR at once and is proposed
   * to the controller; nothing while another change is in flight.
   */
  private maybeExpandIsr(followerId: number): PendingIsrChange | null {
    if (this.role !== "leader" || this.pendingIsr !== null || this.isr.includes(followerId)) return null;
    if (!this.isFollowerInSync(followerId) || !this.config.isReplicaIsrEligible(followerId)) return null;
    const newIsr = [...this.isr, followerId].sort((a, b) => a - b);
    this.pendingIsr = { kind: "expand", newInSyncReplicaId: followerId, newIsr, maximalIsr: newIsr };
    return this.pendingIsr;
  }

  /**
   * Partition.maybeShrinkIsr (needsShrinkIsr, then prepareIsrShrink), run by the ReplicaManager's
   * isr-expiration task: proposes the ISR without its out-of-sync followers, which the HW keeps
   * counting until the controller commits the shrink.
   */
  maybeShrinkIsr(nowMs: number): PendingIsrChange | null {
    if (this.role !== "leader" || this.pendingIsr !== null) return null;
    const out = this.getOutOfSyncReplicas(nowMs);
    if (out.length === 0) return null;
    const newIsr = this.isr.filter((id) => !out.includes(id));
    this.pendingIsr = { kind: "shrink", outOfSyncReplicaIds: out, newIsr, maximalIsr: this.isr };
    return this.pendingIsr;
  }

  /**
   * Partition.getOutOfSyncReplicas: ISR followers that have not caught up within the lag time;
   * none while an AlterPartition is in flight (Kafka returns an empty set when isInflight).
   */
  getOutOfSyncReplicas(nowMs: number): number[] {
    if (this.pendingIsr !== null) return [];
    const out: number[] = [];
    for (const id of this.isr) {
      if (id === this.localBrokerId) continue;
      const f = this.followers.get(id);
      if (f === undefined || !this.isCaughtUp(f, nowMs)) out.push(id);
    }
    return out;
  }

  /** Partition.isFollowerInSync: caught up to the HW and into the current leader epoch. */
  isFollowerInSync(followerId: number): boolean {
    const f = this.followers.get(followerId);
    if (f === undefined) return false;
    return f.logEndOffset >= this.log.highWatermark && f.logEndOffset >= this.leaderEpochStartOffset;
  }

  /**
   * The controller's answer to the pending AlterPartition: Partition.handleAlterPartitionUpdate
   * commits the ISR it returns when it is for this leader epoch and a newer partition epoch.
   * Any answer ends the pending state here, errors included (Kafka keeps it pending on some
   * errors until new metadata arrives; our broker re-proposes on its next check instead).
   * Returns the ISR before, if it changed.
   */
  handleAlterPartitionResult(error: ErrorCode, result: { leaderEpoch: number; isr: readonly number[]; partitionEpoch: number } | null): IsrUpdate | null {
    this.pendingIsr = null;
    if (error !== Errors.NONE || result === null || this.role !== "leader") return null;
    if (result.leaderEpoch !== this.leaderEpoch || result.partitionEpoch <= this.partitionEpoch) return null;
    const previousIsr = this.isr;
    this.isr = result.isr;
    this.partitionEpoch = result.partitionEpoch;
    return { previousIsr };
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
