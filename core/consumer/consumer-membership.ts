// The consumer's side of KIP-848 (group.protocol=consumer): Kafka 4's ConsumerMembershipManager
// and ConsumerHeartbeatRequestManager. The member id is a UUID the client makes (KIP-1082) and
// keeps; it joins with memberEpoch 0 and then heartbeats every interval the coordinator gives
// (group.consumer.heartbeat.interval.ms), at once when it has an assignment change to
// acknowledge. Each response carries the member's epoch and the partitions it may own; the
// KafkaConsumer reconciles to them in its poll loop (revoke first, committing with auto-commit,
// then take the new ones) and the next heartbeat reports what it owns. Fenced or unknown: the
// partitions are lost and the member rejoins at epoch 0. It leaves with -1 (static: -2).
// Coordinator discovery and commits are the classic coordinator's (ConsumerCoordinator).

import type { ErrorCode } from "../protocol/errors.ts";
import { Errors } from "../protocol/errors.ts";
import type { ConsumerGroupHeartbeatResponse, PartitionList } from "../protocol/group-messages.ts";
import type { ConsumerContext } from "./consumer-context.ts";
import { ConsumerCoordinator, type MembershipListener } from "./coordinator-client.ts";
import { CONSUMER_GROUP_HEARTBEAT, type CoordinatorTimer } from "./consumer-timers.ts";

const LEAVE_EPOCH = -1;
const LEAVE_STATIC_EPOCH = -2;

export interface ReconcileListener extends MembershipListener {
  /** A new target assignment arrived: the poll loop should reconcile to it. */
  onTargetAssignment(epoch: number, assignment: PartitionList): void;
}

export class ConsumerMembershipManager extends ConsumerCoordinator {
  private memberEpoch = 0;
  private inFlight = false;
  private timerArmed = false;
  private nextHeartbeatUs = 0;
  /** Set when the member must tell the coordinator at once (join, acknowledgement). */
  private sendNow = true;
  private fatalError = false;
  /** After a poll timeout the member left; the next poll() rejoins. */
  private rejoinOnPoll = false;

  constructor(ctx: ConsumerContext, instanceId: string | null, private readonly reconciler: ReconcileListener) {
    super(ctx, instanceId, reconciler);
    this.memberId = newMemberId(ctx);
    this.rejoinNeeded = false;
  }

  /** Joining and rebalancing happen through heartbeats: the poll loop never calls startJoin. */
  override needsJoin(): boolean {
    return false;
  }

  override requestRejoin(reason: string): void {
    this.rejoinReason = reason;
    this.sendNow = true;
    this.maybeHeartbeat();
  }

  /** A commit found the member unknown: the heartbeat will say how (fenced, unknown). */
  override resetGeneration(_resetMemberId: boolean): void {
    this.sendNow = true;
  }

  /** The reconciled partitions are what the next heartbeat reports; send it now. */
  acknowledge(): void {
    this.sendNow = true;
    this.maybeHeartbeat();
  }

  /** Called from poll(): the poll timer is reset and, after a poll timeout, the member rejoins. */
  onPoll(): void {
    if (this.rejoinOnPoll) {
      this.rejoinOnPoll = false;
      this.sendNow = true;
    }
    this.maybeHeartbeat();
  }

  /**
   * Reconcile only with no heartbeat in flight: its response may carry a newer target, and the
   * coordinator judges revocations by the owned partitions that heartbeat reported (Kafka's
   * ConsumerMembershipManager likewise drops a reconciliation that a newer epoch overtook).
   */
  canReconcile(): boolean {
    return !this.inFlight;
  }

  maybeHeartbeat(): void {
    if (this.fatalError || this.inFlight) return;
    // As the heartbeat thread does: look the coordinator up again, the poll loop may be busy.
    if (this.coordinator === null) {
      this.ensureCoordinator();
      return;
    }
    const now = this.env.now();
    const due = this.sendNow || (this.memberEpoch > 0 && now >= this.nextHeartbeatUs);
    if (!due) return this.armAt(this.nextHeartbeatUs);
    if (this.memberEpoch === 0 && this.state !== "UNJOINED") return;
    this.sendHeartbeat(this.memberEpoch);
  }

  private sendHeartbeat(epoch: number): void {
    const s = this.ctx.settings;
    const owned = this.listener.owned();
    this.inFlight = true;
    this.sendNow = false;
    if (epoch === 0) this.env.emit({ kind: "ConsumerGroupHeartbeatJoin", group: this.ctx.groupId, member: this.memberId, reason: this.rejoinReason });
    this.ctx.request(this.coordinator!, { type: "heartbeat" }, s.requestTimeoutMs, (correlationId) => ({
      kind: "ConsumerGroupHeartbeat",
      correlationId,
      groupId: this.ctx.groupId,
      memberId: this.memberId,
      memberEpoch: epoch,
      instanceId: this.instanceId,
      rebalanceTimeoutMs: s.maxPollIntervalMs,
      subscribedTopicNames: [this.ctx.topic],
      serverAssignor: s.groupRemoteAssignor,
      ownedPartitions: owned,
    }));
  }

  private armAt(atUs: number): void {
    if (this.timerArmed || this.memberEpoch <= 0) return;
    this.timerArmed = true;
    this.env.setTimer(Math.max(0, atUs - this.env.now()), CONSUMER_GROUP_HEARTBEAT);
  }

  onConsumerGroupHeartbeatResponse(resp: ConsumerGroupHeartbeatResponse): void {
    this.inFlight = false;
    switch (resp.error) {
      case Errors.NONE:
        return this.onHeartbeatOk(resp);
      case Errors.FENCED_MEMBER_EPOCH:
      case Errors.UNKNOWN_MEMBER_ID:
        return this.fenced(resp.error);
      case Errors.NOT_COORDINATOR:
      case Errors.COORDINATOR_NOT_AVAILABLE:
        this.sendNow = this.sendNow || this.memberEpoch === 0;
        return this.markCoordinatorUnknown(`ConsumerGroupHeartbeat: ${resp.error}`);
      case Errors.COORDINATOR_LOAD_IN_PROGRESS:
        return this.retryAfterBackoff();
      default:
        // UNRELEASED_INSTANCE_ID, GROUP_MAX_SIZE_REACHED, UNSUPPORTED_ASSIGNOR, ...: poll() throws.
        this.fatalError = true;
        this.state = "UNJOINED";
        this.listener.fatal(`ConsumerGroupHeartbeat failed: ${resp.error}`);
    }
  }

  private onHeartbeatOk(resp: ConsumerGroupHeartbeatResponse): void {
    if (this.state === "UNJOINED" && this.memberEpoch !== 0 && resp.memberEpoch < 0) return;
    if (resp.memberEpoch < 0) return; // the answer to a leave
    const joined = this.memberEpoch === 0;
    this.memberEpoch = resp.memberEpoch;
    this.generation = resp.memberEpoch;
    this.state = "STABLE";
    this.nextHeartbeatUs = this.env.now() + resp.heartbeatIntervalMs * 1000;
    if (joined) this.env.emit({ kind: "ConsumerGroupJoined", group: this.ctx.groupId, member: this.memberId, epoch: resp.memberEpoch });
    if (resp.assignment !== null) this.reconciler.onTargetAssignment(resp.memberEpoch, resp.assignment);
    this.maybeHeartbeat();
  }

  /** transitionToFenced: give up everything without committing, rejoin at epoch 0. */
  private fenced(error: ErrorCode): void {
    this.env.emit({ kind: "ConsumerGroupMemberFencedClient", group: this.ctx.groupId, member: this.memberId, epoch: this.memberEpoch, error });
    this.memberEpoch = 0;
    this.generation = -1;
    this.state = "UNJOINED";
    this.listener.onMembershipLost(error);
    this.rejoinReason = `rejoin after ${error}`;
    this.sendNow = true;
    this.maybeHeartbeat();
  }

  private retryAfterBackoff(): void {
    this.nextHeartbeatUs = this.env.now() + this.ctx.settings.retryBackoffMs * 1000;
    this.sendNow = false;
    if (this.memberEpoch === 0) {
      this.timerArmed = true;
      this.env.setTimer(this.ctx.settings.retryBackoffMs * 1000, CONSUMER_GROUP_HEARTBEAT);
      this.sendNow = true;
      return;
    }
    this.armAt(this.nextHeartbeatUs);
  }

  /** The heartbeat timed out or its connection broke: find the coordinator again. */
  override onRequestFailed(type: "find-coordinator" | "join" | "sync" | "heartbeat" | "leave", error: ErrorCode): void {
    if (type !== "heartbeat") return super.onRequestFailed(type, error);
    this.inFlight = false;
    this.sendNow = true;
    this.markCoordinatorUnknown(`ConsumerGroupHeartbeat: ${error}`);
  }

  override onHeartbeatResponse(_error: ErrorCode): void {}

  override onTimer(timer: CoordinatorTimer): void {
    if (timer.kind !== "ConsumerGroupHeartbeatTimer") return super.onTimer(timer);
    this.timerArmed = false;
    if (this.pollTimedOut()) return;
    this.maybeHeartbeat();
  }

  /** max.poll.interval.ms passed without poll(): leave (as the classic member does) and rejoin on the next poll. */
  private pollTimedOut(): boolean {
    const now = this.env.now();
    if (this.memberEpoch <= 0 || now - this.lastPollUs <= this.ctx.settings.maxPollIntervalMs * 1000) return false;
    this.env.emit({ kind: "PollTimeoutExpired", group: this.ctx.groupId, member: this.memberId, sincePollMs: Math.round((now - this.lastPollUs) / 1000) });
    this.maybeLeaveGroup("consumer poll timeout has expired");
    this.listener.onMembershipLost("poll timeout");
    this.rejoinOnPoll = true;
    return true;
  }

  /** Leave with epoch -1, or -2 for a static member (its partitions wait for it). */
  override maybeLeaveGroup(reason: string): void {
    const epoch = this.isStatic ? LEAVE_STATIC_EPOCH : LEAVE_EPOCH;
    const sent = this.coordinator !== null && this.memberEpoch > 0;
    if (sent) {
      this.inFlight = false;
      this.sendHeartbeat(epoch);
    }
    this.env.emit({ kind: "LeaveGroup", group: this.ctx.groupId, member: this.memberId, reason, sent, epoch });
    this.memberEpoch = 0;
    this.generation = -1;
    this.state = "UNJOINED";
    this.sendNow = false;
    this.rejoinReason = reason;
  }

  get epoch(): number {
    return this.memberEpoch;
  }
}

/** Uuid.randomUuid().toString(): 16 random bytes, URL-safe base64 without padding (KIP-1082). */
function newMemberId(ctx: ConsumerContext): string {
  const rng = ctx.env.rng.fork("member-id");
  const bytes: number[] = [];
  for (let i = 0; i < 4; i++) {
    const n = rng.int32();
    bytes.push((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
  }
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let c = 0; c < chars; c++) out += alphabet[(chunk >>> (18 - 6 * c)) & 63];
  }
  return out;
}
