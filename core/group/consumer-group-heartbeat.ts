// The ConsumerGroupHeartbeat RPC on the coordinator (GroupMetadataManager.consumerGroupHeartbeat
// and its timers): join (memberEpoch 0, with the member id the client generated, KIP-1082),
// heartbeat and acknowledge, leave (-1) and a static member's temporary leave (-2). A new
// member or a changed subscription bumps the group epoch; the first heartbeat that finds the
// target assignment behind the group epoch recomputes it; then the member is reconciled
// towards its target (current-assignment-builder.ts). A member that stops heartbeating for
// group.consumer.session.timeout.ms, or does not revoke within its rebalance timeout
// (max.poll.interval.ms), is fenced: removed, and the group epoch bumped.
// The group changes only by replaying the records the handler produces
// (consumer-group-replay.ts), the same replay a loading coordinator runs; the response waits
// for the records to be committed to __consumer_offsets. Kafka's handler returns its records
// unreplayed (CoordinatorResult) and the runtime replays them after it; here each record is
// replayed as it is produced, so the handler's later steps read the group they describe
// where Kafka passes the updated member along by hand.

import type { NodeId } from "../env.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { ConsumerGroupRecord } from "../protocol/coordinator-records.ts";
import type { ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResponse, PartitionList } from "../protocol/group-messages.ts";
import { ConsumerGroup, type ConsumerGroupMember, type TopicPartitions } from "./consumer-group.ts";
import type { ConsumerGroupHost } from "./consumer-group-host.ts";
import { currentAssignmentRecord, memberMetadataRecord, memberTombstones, toList } from "./consumer-group-records.ts";
import { newMember, replayConsumerGroupRecord } from "./consumer-group-replay.ts";
import type { CoordinatorResult } from "./coordinator-result.ts";
import { reconcile } from "./current-assignment-builder.ts";
import { PartitionAssignorError } from "./server-assignor.ts";
import { computeTargetAssignment, groupAssignor } from "./target-assignment.ts";

/** ConsumerGroupHeartbeatRequest's special epochs. */
export const LEAVE_GROUP_MEMBER_EPOCH = -1;
export const LEAVE_GROUP_STATIC_MEMBER_EPOCH = -2;

class HeartbeatError extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

export class ConsumerGroupHeartbeatHandler {
  constructor(private readonly host: ConsumerGroupHost) {}

  /** Runs the heartbeat, then appends its records and answers once they are committed. */
  handle(group: ConsumerGroup, from: NodeId, req: ConsumerGroupHeartbeatRequest): void {
    const { records, response } = this.heartbeat(group, req);
    if (records.length === 0) return this.host.send(from, response);
    this.host.write(group.groupId, records, (error) => this.host.send(from, error === Errors.NONE ? response : this.error(req, error)));
  }

  /** consumerGroupHeartbeat: the records (replayed into `group` already) and the response. */
  heartbeat(group: ConsumerGroup, req: ConsumerGroupHeartbeatRequest): CoordinatorResult<ConsumerGroupHeartbeatResponse> {
    const records: ConsumerGroupRecord[] = [];
    const before = group.state;
    let response: ConsumerGroupHeartbeatResponse;
    try {
      response = req.memberEpoch < 0 ? this.leave(group, req, records) : this.joinOrHeartbeat(group, req, records);
    } catch (e) {
      if (!(e instanceof HeartbeatError)) throw e;
      // Kafka's runtime reverts what a failed write replayed; here the few records replayed
      // before a late error (a rejoin's tombstones, a new member before an assignor error)
      // stay applied in memory without reaching the log, as they always have.
      return { records: [], response: this.error(req, e.code) };
    }
    // Every member reconciled to the target: what the visualizer shows as the group settling.
    if (group.state === "STABLE" && before !== "STABLE") this.host.emit({ kind: "ConsumerGroupStable", group: group.groupId, epoch: group.groupEpoch, members: group.members.size });
    return { records, response };
  }

  error(req: ConsumerGroupHeartbeatRequest, error: ErrorCode): ConsumerGroupHeartbeatResponse {
    return { kind: "ConsumerGroupHeartbeatResponse", correlationId: req.correlationId, error, memberId: req.memberId, memberEpoch: req.memberEpoch, heartbeatIntervalMs: 0, assignment: null };
  }

  private joinOrHeartbeat(group: ConsumerGroup, req: ConsumerGroupHeartbeatRequest, records: ConsumerGroupRecord[]): ConsumerGroupHeartbeatResponse {
    if (req.memberId === "" || (req.memberEpoch === 0 && req.subscribedTopicNames.length === 0)) throw new HeartbeatError(Errors.INVALID_REQUEST);
    if (req.serverAssignor !== null && !(this.host.assignors as readonly string[]).includes(req.serverAssignor)) throw new HeartbeatError(Errors.UNSUPPORTED_ASSIGNOR);
    const { member: existing, isNew } = this.memberFor(group, req, records);
    const member: ConsumerGroupMember = { ...existing, rebalanceTimeoutMs: req.rebalanceTimeoutMs, serverAssignor: req.serverAssignor, subscribedTopics: req.subscribedTopicNames };
    const subscriptionChanged = isNew || !sameTopics(existing.subscribedTopics, req.subscribedTopicNames) || existing.serverAssignor !== req.serverAssignor;
    // hasMemberSubscriptionChanged: any change to the member's metadata is written (a new
    // rebalance timeout too); only a new subscription or assignor bumps the group epoch.
    if (subscriptionChanged || existing.rebalanceTimeoutMs !== req.rebalanceTimeoutMs) apply(group, records, memberMetadataRecord(group.groupId, member));
    if (subscriptionChanged) this.bumpEpoch(group, records, isNew ? `member ${req.memberId} joined` : `member ${req.memberId} changed its subscription`);
    if (group.groupEpoch > group.assignmentEpoch) this.updateTarget(group, records);
    const reconciled = this.maybeReconcile(group, member.memberId, req.ownedPartitions, records);
    this.scheduleSession(group, reconciled);
    this.scheduleRebalanceTimeout(group, existing, reconciled);
    return {
      kind: "ConsumerGroupHeartbeatResponse",
      correlationId: req.correlationId,
      error: Errors.NONE,
      memberId: reconciled.memberId,
      memberEpoch: reconciled.memberEpoch,
      heartbeatIntervalMs: this.host.heartbeatIntervalMs,
      assignment: toList(reconciled.assigned),
    };
  }

  /** getOrMaybeCreateMember plus the epoch check (throwIfConsumerGroupMemberEpochIsInvalid). */
  private memberFor(group: ConsumerGroup, req: ConsumerGroupHeartbeatRequest, records: ConsumerGroupRecord[]): { member: ConsumerGroupMember; isNew: boolean } {
    if (req.memberEpoch === 0 && req.instanceId !== null) {
      const previousId = group.staticMembers.get(req.instanceId);
      const previous = previousId === undefined ? undefined : group.members.get(previousId);
      if (previous !== undefined && previous.memberId !== req.memberId) {
        // A static member may come back under a new member id only after it left with -2.
        if (previous.memberEpoch !== LEAVE_GROUP_STATIC_MEMBER_EPOCH) throw new HeartbeatError(Errors.UNRELEASED_INSTANCE_ID);
        return { member: this.replaceStatic(group, previous, req, records), isNew: false };
      }
    }
    let member = group.members.get(req.memberId);
    if (member !== undefined && req.memberEpoch === 0) {
      // The member rejoins from scratch (after fencing it owns nothing): drop its old state.
      this.cancelTimers(member);
      for (const r of memberTombstones(group.groupId, member.memberId)) apply(group, records, r);
      member = undefined;
    }
    if (member === undefined) {
      if (req.memberEpoch !== 0) throw new HeartbeatError(Errors.UNKNOWN_MEMBER_ID);
      if (group.members.size >= this.host.maxSize) throw new HeartbeatError(Errors.GROUP_MAX_SIZE_REACHED);
      const created: ConsumerGroupMember = { ...newMember(req.memberId), instanceId: req.instanceId, rebalanceTimeoutMs: req.rebalanceTimeoutMs };
      this.host.emit({ kind: "ConsumerGroupMemberJoined", group: group.groupId, member: req.memberId, instance: req.instanceId ?? "" });
      return { member: created, isNew: true };
    }
    if (req.memberEpoch !== member.memberEpoch) {
      // A member that missed a response may repeat its previous epoch if it owns nothing new.
      const ok = req.memberEpoch === member.previousMemberEpoch && req.ownedPartitions.every((tp) => member.assigned.get(tp.topic)?.includes(tp.partition) === true);
      if (!ok) throw new HeartbeatError(Errors.FENCED_MEMBER_EPOCH);
    }
    return { member, isNew: false };
  }

  /** A static member rejoining under a new id takes over the old one's epoch and assignment. */
  private replaceStatic(group: ConsumerGroup, previous: ConsumerGroupMember, req: ConsumerGroupHeartbeatRequest, records: ConsumerGroupRecord[]): ConsumerGroupMember {
    this.cancelTimers(previous);
    const target = group.target.get(previous.memberId);
    for (const r of memberTombstones(group.groupId, previous.memberId)) apply(group, records, r);
    const member: ConsumerGroupMember = { ...previous, memberId: req.memberId, memberEpoch: previous.previousMemberEpoch, sessionTimer: null, rebalanceTimer: null };
    apply(group, records, memberMetadataRecord(group.groupId, member));
    apply(group, records, currentAssignmentRecord(group.groupId, member));
    if (target !== undefined) apply(group, records, { type: "ConsumerGroupTargetAssignmentMember", groupId: group.groupId, memberId: member.memberId, partitions: toList(target) });
    this.host.emit({ kind: "ConsumerGroupStaticMemberReplaced", group: group.groupId, member: member.memberId, previous: previous.memberId, instance: req.instanceId ?? "", epoch: member.memberEpoch });
    return group.members.get(member.memberId)!;
  }

  private bumpEpoch(group: ConsumerGroup, records: ConsumerGroupRecord[], reason: string): void {
    apply(group, records, { type: "ConsumerGroupMetadata", groupId: group.groupId, epoch: group.groupEpoch + 1 });
    this.host.emit({ kind: "ConsumerGroupEpochBumped", group: group.groupId, epoch: group.groupEpoch, members: group.members.size, reason });
  }

  /** TargetAssignmentBuilder.build, and the records of what changed. */
  private updateTarget(group: ConsumerGroup, records: ConsumerGroupRecord[]): void {
    const assignor = groupAssignor(group, this.host.assignors);
    let target: Map<string, TopicPartitions>;
    try {
      target = computeTargetAssignment(group, assignor, (t) => this.host.partitionCount(t));
    } catch (e) {
      if (e instanceof PartitionAssignorError) throw new HeartbeatError(Errors.INVALID_REQUEST);
      throw e;
    }
    for (const [memberId, parts] of target) {
      const old = group.target.get(memberId);
      if (old !== undefined && samePartitions(old, parts)) continue;
      apply(group, records, { type: "ConsumerGroupTargetAssignmentMember", groupId: group.groupId, memberId, partitions: toList(parts) });
    }
    apply(group, records, { type: "ConsumerGroupTargetAssignmentMetadata", groupId: group.groupId, assignmentEpoch: group.groupEpoch });
    const summary = [...target].map(([id, parts]) => `${id}:${toList(parts).map((tp) => tp.partition).join(",")}`);
    this.host.emit({ kind: "ConsumerGroupTargetAssignment", group: group.groupId, epoch: group.assignmentEpoch, assignor, members: summary });
  }

  private maybeReconcile(group: ConsumerGroup, memberId: string, owned: PartitionList | null, records: ConsumerGroupRecord[]): ConsumerGroupMember {
    const current = group.members.get(memberId)!;
    if (current.memberEpoch === group.assignmentEpoch && current.state === "STABLE") return current;
    const fields = reconcile(current, {
      targetEpoch: group.assignmentEpoch,
      target: group.target.get(memberId) ?? new Map(),
      partitionEpoch: (t, p) => group.partitionEpoch(t, p),
      owned,
    });
    // Kafka writes the member whenever it differs (!updatedMember.equals(member)), so also when
    // only previousMemberEpoch moves (a member still waiting in UNRELEASED_PARTITIONS). That
    // record is not written here, to keep the log (and every run) as it was, so the member
    // keeps its older previous epoch: only a client repeating that older epoch (after a lost
    // response) can tell, and it is accepted here where Kafka would fence it.
    const changed = fields.memberEpoch !== current.memberEpoch || fields.state !== current.state || !samePartitions(fields.assigned, current.assigned) || !samePartitions(fields.pendingRevocation, current.pendingRevocation);
    if (changed) {
      apply(group, records, currentAssignmentRecord(group.groupId, { ...current, ...fields }));
      const updated = group.members.get(memberId)!;
      this.host.emit({
        kind: "ConsumerGroupMemberReconciled",
        group: group.groupId,
        member: updated.memberId,
        epoch: updated.memberEpoch,
        state: updated.state,
        assigned: toList(updated.assigned).map((tp) => tp.partition),
        revoking: toList(updated.pendingRevocation).map((tp) => tp.partition),
      });
    }
    return group.members.get(memberId)!;
  }

  // ---- leaving and fencing -----------------------------------------------------------------

  private leave(group: ConsumerGroup, req: ConsumerGroupHeartbeatRequest, records: ConsumerGroupRecord[]): ConsumerGroupHeartbeatResponse {
    const member = group.members.get(req.memberId);
    if (member === undefined) throw new HeartbeatError(Errors.UNKNOWN_MEMBER_ID);
    const response: ConsumerGroupHeartbeatResponse = { kind: "ConsumerGroupHeartbeatResponse", correlationId: req.correlationId, error: Errors.NONE, memberId: req.memberId, memberEpoch: req.memberEpoch, heartbeatIntervalMs: 0, assignment: null };
    if (req.memberEpoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH && member.instanceId !== null) {
      // consumerGroupStaticMemberGroupLeave: keep the assignment for the session timeout.
      const left: ConsumerGroupMember = { ...member, previousMemberEpoch: member.memberEpoch, memberEpoch: LEAVE_GROUP_STATIC_MEMBER_EPOCH };
      apply(group, records, currentAssignmentRecord(group.groupId, left));
      this.host.emit({ kind: "ConsumerGroupMemberLeft", group: group.groupId, member: member.memberId, static: true });
      return response;
    }
    this.remove(group, member, records, "left the group");
    return response;
  }

  /** Removes the member and bumps the epoch (consumerGroupFenceMember / removeMember). */
  remove(group: ConsumerGroup, member: ConsumerGroupMember, records: ConsumerGroupRecord[], reason: string): void {
    this.cancelTimers(member);
    for (const r of memberTombstones(group.groupId, member.memberId)) apply(group, records, r);
    this.host.emit({ kind: "ConsumerGroupMemberLeft", group: group.groupId, member: member.memberId, static: false, reason });
    this.bumpEpoch(group, records, `member ${member.memberId} ${reason}`);
  }

  private fence(group: ConsumerGroup, memberId: string, reason: string): void {
    const member = group.members.get(memberId);
    if (member === undefined) return;
    this.host.emit({ kind: "ConsumerGroupMemberFenced", group: group.groupId, member: memberId, reason });
    const records: ConsumerGroupRecord[] = [];
    this.remove(group, member, records, reason);
    this.host.write(group.groupId, records, () => {});
  }

  // ---- timers ------------------------------------------------------------------------------

  scheduleSession(group: ConsumerGroup, member: ConsumerGroupMember): void {
    if (member.sessionTimer !== null) this.host.cancel(member.sessionTimer);
    const timeoutMs = this.host.sessionTimeoutMs;
    const handle = this.host.schedule(timeoutMs * 1000, () => {
      const m = group.members.get(member.memberId);
      if (m === undefined || m.sessionTimer !== handle) return;
      m.sessionTimer = null;
      this.fence(group, m.memberId, `session expired after ${timeoutMs} ms`);
    });
    member.sessionTimer = handle;
  }

  /** A loaded member's timers start afresh on the new coordinator (as Kafka schedules them on load). */
  restoreTimers(group: ConsumerGroup, member: ConsumerGroupMember): void {
    this.scheduleSession(group, member);
    const idle: ConsumerGroupMember = { ...member, state: "STABLE" };
    this.scheduleRebalanceTimeout(group, idle, member);
  }

  /** The member must revoke within its rebalance timeout once asked to (UNREVOKED_PARTITIONS). */
  private scheduleRebalanceTimeout(group: ConsumerGroup, before: ConsumerGroupMember, after: ConsumerGroupMember): void {
    if (after.state !== "UNREVOKED_PARTITIONS") {
      if (after.rebalanceTimer !== null) this.host.cancel(after.rebalanceTimer);
      after.rebalanceTimer = null;
      return;
    }
    // Armed once per revocation; later heartbeats while still revoking do not extend it.
    if (before.state === "UNREVOKED_PARTITIONS" && after.rebalanceTimer !== null) return;
    if (after.rebalanceTimer !== null) this.host.cancel(after.rebalanceTimer);
    const timeoutMs = after.rebalanceTimeoutMs;
    const handle = this.host.schedule(timeoutMs * 1000, () => {
      const m = group.members.get(after.memberId);
      if (m === undefined || m.rebalanceTimer !== handle) return;
      m.rebalanceTimer = null;
      if (m.state === "UNREVOKED_PARTITIONS") this.fence(group, m.memberId, `did not revoke within the rebalance timeout (${timeoutMs} ms)`);
    });
    after.rebalanceTimer = handle;
  }

  cancelTimers(m: ConsumerGroupMember): void {
    if (m.sessionTimer !== null) this.host.cancel(m.sessionTimer);
    if (m.rebalanceTimer !== null) this.host.cancel(m.rebalanceTimer);
    m.sessionTimer = null;
    m.rebalanceTimer = null;
  }
}

/** Replays the record into the group and keeps it for the log: the one way the group changes. */
function apply(group: ConsumerGroup, records: ConsumerGroupRecord[], r: ConsumerGroupRecord): void {
  replayConsumerGroupRecord(group, r);
  records.push(r);
}

function sameTopics(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function samePartitions(a: TopicPartitions, b: TopicPartitions): boolean {
  const x = toList(a);
  const y = toList(b);
  return x.length === y.length && x.every((tp, i) => tp.topic === y[i]!.topic && tp.partition === y[i]!.partition);
}
