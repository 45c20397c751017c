// The consumer's side of the classic group protocol: Kafka's AbstractCoordinator and the
// group half of ConsumerCoordinator (clients/.../consumer/internals/). It finds the
// coordinator, joins (with KIP-394's MEMBER_ID_REQUIRED round trip), runs the assignor when
// it is the leader, syncs, and leaves on close or when max.poll.interval.ms is exceeded.
// Heartbeats come from heartbeat-thread.ts, commits go through offset-committer.ts. What to
// revoke and when is the owning KafkaConsumer's business.

import { assign } from "../assignors/assign.ts";
import type { AssignmentStrategy } from "../assignors/types.ts";
import { brokerNode } from "../cluster-names.ts";
import type { NodeId } from "../env.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { JoinGroupResponse, OffsetCommitResponse, PartitionList, SyncGroupResponse } from "../protocol/group-messages.ts";
import type { ConsumerContext } from "./consumer-context.ts";
import { HeartbeatThread } from "./heartbeat-thread.ts";
import { assertNever } from "../assert-never.ts";
import { FIND_COORDINATOR_RETRY, REJOIN_BACKOFF, type CoordinatorTimer } from "./consumer-timers.ts";
import { OffsetCommitter, type CommitOffsets } from "./offset-committer.ts";

export type MemberState = "UNJOINED" | "PREPARING_REBALANCE" | "COMPLETING_REBALANCE" | "STABLE";

export interface MembershipListener {
  /** SyncGroup succeeded: the new assignment of `generation`. */
  onAssignment(generation: number, assignment: PartitionList): void;
  /** The member was fenced or left: its partitions are lost (ConsumerCoordinator.onPartitionsLost). */
  onMembershipLost(reason: string): void;
  /** The coordinator or the group needs the application loop to act (rejoin, retry). */
  wake(): void;
  /** A non-retriable error: the KafkaConsumer throws from poll() and the application dies. */
  fatal(error: string): void;
  /** The partitions the member owns now and its last assignment (the subscription's ownedPartitions). */
  owned(): PartitionList;
}

/** AbstractCoordinator.JOIN_GROUP_TIMEOUT_LAPSE. */
const JOIN_GROUP_TIMEOUT_LAPSE_MS = 5000;

export class ConsumerCoordinator {
  state: MemberState = "UNJOINED";
  memberId = "";
  generation = -1;
  protocol: string | null = null;
  coordinator: NodeId | null = null;
  rejoinNeeded = true;
  private findInFlight = false;
  /** No FindCoordinator before this (retry.backoff.ms after a failed lookup). */
  private findNotBeforeUs = 0;
  /** Failed lookups since the coordinator was last known (ensureCoordinatorReady's attempts). */
  private findFailures = 0;
  /** Last poll() by the application (max.poll.interval.ms counts from it). */
  lastPollUs = 0;
  rejoinReason = "initial join";
  private backoffArmed = false;
  private readonly heartbeat: HeartbeatThread;
  private readonly committer: OffsetCommitter;

  constructor(
    protected readonly ctx: ConsumerContext,
    readonly instanceId: string | null,
    protected readonly listener: MembershipListener,
  ) {
    this.heartbeat = new HeartbeatThread(ctx, this, listener);
    this.committer = new OffsetCommitter(ctx, this, listener);
  }

  protected get env() {
    return this.ctx.env;
  }

  get isStatic(): boolean {
    return this.instanceId !== null;
  }

  // ---- coordinator discovery ---------------------------------------------------------------

  ensureCoordinator(): boolean {
    if (this.coordinator !== null) return true;
    if (this.findInFlight || this.env.now() < this.findNotBeforeUs) return false;
    this.findInFlight = true;
    this.ctx.request(this.ctx.anyBroker(), { type: "find-coordinator" }, this.ctx.settings.requestTimeoutMs, (correlationId) => ({ kind: "FindCoordinator", correlationId, key: this.ctx.groupId, keyType: "group" }));
    return false;
  }

  onFindCoordinator(error: ErrorCode, nodeId: number): void {
    this.findInFlight = false;
    // ensureCoordinatorReady: a failed lookup, or a coordinator whose connection is in
    // reconnect backoff (a crashed broker not yet fenced), is retried after retry.backoff.ms.
    if (error !== Errors.NONE || this.ctx.connections.isUnavailable(brokerNode(nodeId))) return this.retryLookup();
    this.coordinator = brokerNode(nodeId);
    this.findFailures = 0;
    this.heartbeat.lastOkUs = this.env.now();
    this.env.emit({ kind: "CoordinatorFound", group: this.ctx.groupId, coordinator: nodeId });
    this.listener.wake();
  }

  private retryLookup(): void {
    const delayUs = this.ctx.retryBackoff.backoffUs(this.findFailures++);
    this.findNotBeforeUs = this.env.now() + delayUs;
    this.env.setTimer(delayUs, FIND_COORDINATOR_RETRY);
  }

  /** AbstractCoordinator.markCoordinatorUnknown. */
  markCoordinatorUnknown(reason: string): void {
    if (this.coordinator === null) return;
    this.env.emit({ kind: "CoordinatorLost", group: this.ctx.groupId, coordinator: this.coordinator, reason });
    this.coordinator = null;
    // A join or sync parked at the old coordinator is lost with it.
    if (this.state === "PREPARING_REBALANCE" || this.state === "COMPLETING_REBALANCE") {
      this.state = "UNJOINED";
      this.rejoinNeeded = true;
    }
    this.listener.wake();
  }

  // ---- join and sync -----------------------------------------------------------------------

  /** The application loop should (re)join now: nothing in flight, coordinator known. */
  needsJoin(): boolean {
    return this.rejoinNeeded && this.state !== "PREPARING_REBALANCE" && this.state !== "COMPLETING_REBALANCE" && !this.backoffArmed;
  }

  requestRejoin(reason: string): void {
    if (!this.rejoinNeeded) this.env.emit({ kind: "RejoinRequested", group: this.ctx.groupId, member: this.memberId, reason });
    this.rejoinNeeded = true;
    this.rejoinReason = reason;
    this.listener.wake();
  }

  startJoin(): void {
    const s = this.ctx.settings;
    this.state = "PREPARING_REBALANCE";
    const owned = this.listener.owned();
    const rack = this.ctx.settings.clientRack;
    const metadata = { topics: [this.ctx.topic], ownedPartitions: owned, generationId: this.generation, ...(rack === "" ? {} : { rackId: rack }) };
    const rebalanceTimeoutMs = s.maxPollIntervalMs;
    this.env.emit({ kind: "JoinGroupSent", group: this.ctx.groupId, member: this.memberId, generation: this.generation, reason: this.rejoinReason });
    this.ctx.request(this.coordinator!, { type: "join" }, Math.max(s.requestTimeoutMs, rebalanceTimeoutMs + JOIN_GROUP_TIMEOUT_LAPSE_MS), (correlationId) => ({
      kind: "JoinGroup",
      correlationId,
      groupId: this.ctx.groupId,
      sessionTimeoutMs: s.sessionTimeoutMs,
      rebalanceTimeoutMs,
      memberId: this.memberId,
      groupInstanceId: this.instanceId,
      protocolType: "consumer",
      protocols: s.partitionAssignmentStrategy.map((name) => ({ name, metadata })),
      reason: this.rejoinReason,
    }));
  }

  onJoinResponse(resp: JoinGroupResponse): void {
    if (this.state !== "PREPARING_REBALANCE") return;
    switch (resp.error) {
      case Errors.NONE:
        this.memberId = resp.memberId;
        this.generation = resp.generationId;
        this.protocol = resp.protocolName;
        this.state = "COMPLETING_REBALANCE";
        this.heartbeat.lastOkUs = this.env.now();
        this.heartbeat.arm();
        this.sendSync(resp.leader === resp.memberId && !resp.skipAssignment ? this.performAssignment(resp) : []);
        return;
      case Errors.MEMBER_ID_REQUIRED:
        this.memberId = resp.memberId;
        return this.joinFailed("member id required", 0);
      case Errors.UNKNOWN_MEMBER_ID:
      case Errors.ILLEGAL_GENERATION:
        this.resetGeneration(resp.error === Errors.UNKNOWN_MEMBER_ID);
        return this.joinFailed(resp.error, 0);
      case Errors.COORDINATOR_NOT_AVAILABLE:
      case Errors.NOT_COORDINATOR:
        this.markCoordinatorUnknown(resp.error);
        return this.joinFailed(resp.error, this.ctx.settings.retryBackoffMs);
      case Errors.COORDINATOR_LOAD_IN_PROGRESS:
      case Errors.REBALANCE_IN_PROGRESS:
      case Errors.REQUEST_TIMED_OUT:
      case Errors.NETWORK_EXCEPTION:
        return this.joinFailed(resp.error, this.ctx.settings.retryBackoffMs);
      default:
        this.state = "UNJOINED";
        this.listener.fatal(`JoinGroup failed: ${resp.error}`);
    }
  }

  private joinFailed(reason: string, backoffMs: number): void {
    this.state = "UNJOINED";
    this.rejoinNeeded = true;
    this.rejoinReason = reason;
    if (backoffMs > 0) {
      this.backoffArmed = true;
      this.env.setTimer(backoffMs * 1000, REJOIN_BACKOFF);
      return;
    }
    this.listener.wake();
  }

  /** ConsumerCoordinator.onLeaderElected: the leader runs the group's assignor client-side. */
  private performAssignment(resp: JoinGroupResponse): { memberId: string; partitions: PartitionList }[] {
    const strategy = (resp.protocolName ?? "range") as AssignmentStrategy;
    const members = resp.members.map((m) => ({
      id: m.memberId,
      topics: m.metadata.topics,
      groupInstanceId: m.groupInstanceId ?? undefined,
      owned: m.metadata.ownedPartitions,
      generation: m.metadata.generationId >= 0 ? m.metadata.generationId : undefined,
      rackId: m.metadata.rackId,
    }));
    // KIP-881: the leader's metadata says on which racks each partition's replicas are.
    const racks = this.ctx.partitionRacks();
    const result = assign(strategy, members, { [this.ctx.topic]: this.ctx.partitionCount() }, racks === null ? {} : { [this.ctx.topic]: racks });
    this.env.emit({ kind: "AssignmentComputed", group: this.ctx.groupId, generation: resp.generationId, strategy, members: members.length });
    return resp.members.map((m) => ({ memberId: m.memberId, partitions: result[m.memberId] ?? [] }));
  }

  private sendSync(assignments: { memberId: string; partitions: PartitionList }[]): void {
    this.ctx.request(this.coordinator!, { type: "sync" }, this.ctx.settings.requestTimeoutMs, (correlationId) => ({
      kind: "SyncGroup",
      correlationId,
      groupId: this.ctx.groupId,
      generationId: this.generation,
      memberId: this.memberId,
      groupInstanceId: this.instanceId,
      protocolName: this.protocol,
      assignments,
    }));
  }

  onSyncResponse(resp: SyncGroupResponse): void {
    if (this.state !== "COMPLETING_REBALANCE") return;
    switch (resp.error) {
      case Errors.NONE:
        this.state = "STABLE";
        this.rejoinNeeded = false;
        this.listener.onAssignment(this.generation, resp.assignment);
        return;
      case Errors.REBALANCE_IN_PROGRESS:
        return this.joinFailed("rebalance in progress at sync", 0);
      case Errors.UNKNOWN_MEMBER_ID:
      case Errors.ILLEGAL_GENERATION:
        this.resetGeneration(resp.error === Errors.UNKNOWN_MEMBER_ID);
        this.listener.onMembershipLost(resp.error);
        return this.joinFailed(resp.error, 0);
      case Errors.COORDINATOR_NOT_AVAILABLE:
      case Errors.NOT_COORDINATOR:
        this.markCoordinatorUnknown(resp.error);
        return this.joinFailed(resp.error, this.ctx.settings.retryBackoffMs);
      case Errors.REQUEST_TIMED_OUT:
      case Errors.NETWORK_EXCEPTION:
        return this.joinFailed(resp.error, this.ctx.settings.retryBackoffMs);
      default:
        this.state = "UNJOINED";
        this.listener.fatal(`SyncGroup failed: ${resp.error}`);
    }
  }

  /** AbstractCoordinator.resetStateAndGeneration. */
  resetGeneration(resetMemberId: boolean): void {
    this.generation = -1;
    this.protocol = null;
    if (resetMemberId) this.memberId = "";
    this.state = "UNJOINED";
    this.rejoinNeeded = true;
  }

  // ---- heartbeat and leave ----------------------------------------------------------------

  onHeartbeatResponse(error: ErrorCode): void {
    this.heartbeat.onResponse(error);
  }

  /** AbstractCoordinator.maybeLeaveGroup: dynamic members say goodbye; static ones do not (KIP-345). */
  maybeLeaveGroup(reason: string): void {
    if (!this.isStatic && this.coordinator !== null && this.state !== "UNJOINED" && this.memberId !== "") {
      const memberId = this.memberId;
      this.ctx.request(this.coordinator, { type: "leave" }, this.ctx.settings.requestTimeoutMs, (correlationId) => ({
        kind: "LeaveGroup",
        correlationId,
        groupId: this.ctx.groupId,
        memberId,
        groupInstanceId: null,
        reason,
      }));
    }
    this.env.emit({ kind: "LeaveGroup", group: this.ctx.groupId, member: this.memberId, reason, sent: !this.isStatic });
    this.resetGeneration(true);
    this.rejoinReason = reason;
  }

  // ---- commits -----------------------------------------------------------------------------

  commit(offsets: CommitOffsets, done: (error: ErrorCode) => void): void {
    this.committer.commit(offsets, done);
  }

  onCommitResponse(id: number, resp: OffsetCommitResponse | null, failure: ErrorCode): void {
    this.committer.onResponse(id, resp, failure);
  }

  // ---- timers and failures -----------------------------------------------------------------

  onTimer(timer: CoordinatorTimer): void {
    switch (timer.kind) {
      case "HeartbeatThreadTimer":
        this.heartbeat.onTimer();
        return;
      case "FindCoordinatorRetryTimer":
        this.ensureCoordinator();
        return;
      case "RejoinBackoffTimer":
        this.backoffArmed = false;
        this.listener.wake();
        return;
      case "ConsumerGroupHeartbeatTimer":
        // Armed only by the KIP-848 member (ConsumerMembershipManager), which handles it.
        return;
      default:
        assertNever(timer);
    }
  }

  /** A request to the coordinator failed (timeout or broken connection). */
  onRequestFailed(type: "find-coordinator" | "join" | "sync" | "heartbeat" | "leave", error: ErrorCode): void {
    switch (type) {
      case "find-coordinator":
        this.findInFlight = false;
        this.retryLookup();
        return;
      case "join":
        if (this.state !== "PREPARING_REBALANCE") return;
        this.markCoordinatorUnknown(`JoinGroup: ${error}`);
        return this.joinFailed(error, this.ctx.settings.retryBackoffMs);
      case "sync":
        if (this.state !== "COMPLETING_REBALANCE") return;
        this.markCoordinatorUnknown(`SyncGroup: ${error}`);
        return this.joinFailed(error, this.ctx.settings.retryBackoffMs);
      case "heartbeat":
        this.heartbeat.onFailed(error);
        return;
      case "leave":
        return;
      default:
        return assertNever(type);
    }
  }
}
