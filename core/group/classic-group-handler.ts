// The classic group protocol on the coordinator: JoinGroup, SyncGroup, Heartbeat and
// LeaveGroup, session expiry and the rebalance timers. Ported from the classic-group half
// of GroupMetadataManager (group-coordinator/.../GroupMetadataManager.java, Kafka 4.x):
// classicGroupJoin*, prepareRebalance, completeClassicGroupJoin, classicGroupSync,
// classicGroupHeartbeat, classicGroupLeave, updateStaticMemberThenRebalanceOrCompleteJoin.

import type { NodeId, TimerHandle } from "../env.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { GroupMetadataRecord } from "../protocol/coordinator-records.ts";
import type {
  HeartbeatRequest,
  JoinGroupRequest,
  JoinGroupResponse,
  LeaveGroupRequest,
  PartitionList,
  SyncGroupRequest,
} from "../protocol/group-messages.ts";
import { assertNever, type KafkaMessage } from "../protocol/messages.ts";
import { ClassicGroup, sameProtocols, type ClassicGroupMember } from "./classic-group.ts";

/** GroupCoordinatorConfig.CLASSIC_GROUP_NEW_MEMBER_JOIN_TIMEOUT_MS. */
const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

export interface ClassicGroupHost {
  now(): number;
  send(to: NodeId, msg: KafkaMessage): void;
  schedule(delayUs: number, fn: () => void): TimerHandle;
  cancel(timer: TimerHandle): void;
  /** Appends the record to the group's offsets partition; `done` once committed or failed. */
  write(record: GroupMetadataRecord, done: (error: ErrorCode) => void): void;
  newMemberId(clientNode: NodeId): string;
  emit(event: { kind: string; [k: string]: string | number | boolean | null | readonly (string | number)[] }): void;
  readonly initialRebalanceDelayMs: number;
  readonly minSessionTimeoutMs: number;
  readonly maxSessionTimeoutMs: number;
  readonly maxSize: number;
}

export class ClassicGroupHandler {
  constructor(private readonly host: ClassicGroupHost) {}

  // ---- JoinGroup ---------------------------------------------------------------------------

  join(group: ClassicGroup, from: NodeId, req: JoinGroupRequest): void {
    const fail = (error: ErrorCode, memberId = req.memberId): void => this.respondJoin(from, req.correlationId, error, memberId);
    if (req.sessionTimeoutMs < this.host.minSessionTimeoutMs || req.sessionTimeoutMs > this.host.maxSessionTimeoutMs) return fail(Errors.INVALID_SESSION_TIMEOUT);
    if (group.state === "Dead") return fail(Errors.COORDINATOR_NOT_AVAILABLE);
    if (!group.supportsProtocols(req.protocols)) return fail(Errors.INCONSISTENT_GROUP_PROTOCOL);
    if (req.memberId === "") return this.joinUnknownMember(group, from, req);
    if (group.pendingMembers.has(req.memberId)) {
      this.host.cancel(group.pendingMembers.get(req.memberId)!);
      group.pendingMembers.delete(req.memberId);
      return this.addMemberAndRebalance(group, from, req, req.memberId);
    }
    const invalid = validateMember(group, req.memberId, req.groupInstanceId);
    if (invalid !== Errors.NONE) return fail(invalid);
    const member = group.members.get(req.memberId)!;
    switch (group.state) {
      case "PreparingRebalance":
        return this.updateMemberAndRebalance(group, member, from, req, "member rejoined");
      case "CompletingRebalance":
        if (sameProtocols(member.protocols, req.protocols)) return this.respondCurrentGeneration(group, member, from, req.correlationId, false);
        return this.updateMemberAndRebalance(group, member, from, req, "member changed its protocols");
      case "Stable":
        if (group.isLeader(member.memberId) || !sameProtocols(member.protocols, req.protocols)) {
          return this.updateMemberAndRebalance(group, member, from, req, group.isLeader(member.memberId) ? "leader rejoined" : "member changed its subscription");
        }
        return this.respondCurrentGeneration(group, member, from, req.correlationId, false);
      case "Empty":
        return fail(Errors.UNKNOWN_MEMBER_ID);
      default:
        assertNever(group.state);
    }
  }

  private joinUnknownMember(group: ClassicGroup, from: NodeId, req: JoinGroupRequest): void {
    if (group.members.size >= this.host.maxSize) return this.respondJoin(from, req.correlationId, Errors.GROUP_MAX_SIZE_REACHED, "");
    const memberId = this.host.newMemberId(from);
    if (req.groupInstanceId !== null) {
      const existing = group.staticMembers.get(req.groupInstanceId);
      if (existing !== undefined) return this.replaceStaticMember(group, group.members.get(existing)!, memberId, from, req);
      return this.addMemberAndRebalance(group, from, req, memberId);
    }
    // KIP-394: hand out a member id and wait for the member to come back with it.
    const timer = this.host.schedule(req.sessionTimeoutMs * 1000, () => {
      if (!group.pendingMembers.delete(memberId)) return;
      if (group.state === "PreparingRebalance") this.tryCompleteJoin(group);
    });
    group.pendingMembers.set(memberId, timer);
    this.respondJoin(from, req.correlationId, Errors.MEMBER_ID_REQUIRED, memberId);
  }

  private addMemberAndRebalance(group: ClassicGroup, from: NodeId, req: JoinGroupRequest, memberId: string): void {
    const member: ClassicGroupMember = {
      memberId,
      groupInstanceId: req.groupInstanceId,
      sessionTimeoutMs: req.sessionTimeoutMs,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs,
      protocols: req.protocols,
      assignment: [],
      awaitingJoin: { from, correlationId: req.correlationId },
      awaitingSync: null,
      isNew: true,
      sessionDeadlineUs: 0,
      sessionTimer: null,
      sessionTimerAtUs: 0,
    };
    group.members.set(memberId, member);
    if (group.leaderId === null) group.leaderId = memberId;
    if (req.groupInstanceId !== null) group.staticMembers.set(req.groupInstanceId, memberId);
    group.newMemberAdded = true;
    this.host.emit({ kind: "GroupMemberAdded", group: group.groupId, member: memberId, instance: req.groupInstanceId ?? "", reason: req.reason });
    // New members cannot heartbeat yet: time out their parked join instead (addMemberThenRebalanceOrCompleteJoin).
    this.scheduleSession(group, member, NEW_MEMBER_JOIN_TIMEOUT_MS);
    if (group.state === "PreparingRebalance") this.tryCompleteJoin(group);
    else this.prepareRebalance(group, `new member ${memberId} joined`);
  }

  private updateMemberAndRebalance(group: ClassicGroup, member: ClassicGroupMember, from: NodeId, req: JoinGroupRequest, reason: string): void {
    member.protocols = req.protocols;
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    member.sessionTimeoutMs = req.sessionTimeoutMs;
    if (member.awaitingJoin !== null) this.respondJoin(member.awaitingJoin.from, member.awaitingJoin.correlationId, Errors.UNKNOWN_MEMBER_ID, member.memberId);
    member.awaitingJoin = { from, correlationId: req.correlationId };
    if (group.state === "PreparingRebalance") this.tryCompleteJoin(group);
    else this.prepareRebalance(group, reason);
  }

  /** KIP-345: a static member came back with a new member id; fence the old one. */
  private replaceStaticMember(group: ClassicGroup, old: ClassicGroupMember, newId: string, from: NodeId, req: JoinGroupRequest): void {
    const oldId = old.memberId;
    if (old.awaitingJoin !== null) this.respondJoin(old.awaitingJoin.from, old.awaitingJoin.correlationId, Errors.FENCED_INSTANCE_ID, oldId);
    if (old.awaitingSync !== null) this.respondSync(old.awaitingSync.from, old.awaitingSync.correlationId, Errors.FENCED_INSTANCE_ID, null, []);
    old.awaitingJoin = null;
    old.awaitingSync = null;
    group.members.delete(oldId);
    old.memberId = newId;
    group.members.set(newId, old);
    group.staticMembers.set(req.groupInstanceId!, newId);
    if (group.leaderId === oldId) group.leaderId = newId;
    if (group.pendingSync.delete(oldId)) group.pendingSync.add(newId);
    this.host.emit({ kind: "StaticMemberReplaced", group: group.groupId, instance: req.groupInstanceId!, oldMember: oldId, member: newId });
    const changed = !sameProtocols(old.protocols, req.protocols);
    if (group.state !== "Stable" || changed) return this.updateMemberAndRebalance(group, old, from, req, "static member rejoined");
    // Stable and unchanged: no rebalance; persist the new member id, then answer with the current generation.
    old.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    old.sessionTimeoutMs = req.sessionTimeoutMs;
    const generation = group.generationId;
    this.host.write(groupMetadataRecord(group), (error) => {
      if (group.generationId !== generation || old.memberId !== newId) return;
      if (error !== Errors.NONE) return this.respondJoin(from, req.correlationId, error, newId);
      this.scheduleSession(group, old, old.sessionTimeoutMs);
      this.respondCurrentGeneration(group, old, from, req.correlationId, group.isLeader(newId));
    });
  }

  // ---- rebalance phases --------------------------------------------------------------------

  prepareRebalance(group: ClassicGroup, reason: string): void {
    if (group.state === "CompletingRebalance") this.resetAndPropagateAssignmentWithError(group, Errors.REBALANCE_IN_PROGRESS);
    group.pendingSync.clear();
    const initial = group.state === "Empty";
    group.transitionTo("PreparingRebalance");
    this.host.emit({ kind: "GroupPreparingRebalance", group: group.groupId, generation: group.generationId, reason, members: group.members.size });
    this.cancelJoinTimer(group);
    const rebalanceTimeoutMs = group.rebalanceTimeoutMs();
    if (initial) {
      // InitialDelayedJoin: wait group.initial.rebalance.delay.ms for more members, extending while they come.
      const delayMs = Math.min(this.host.initialRebalanceDelayMs, rebalanceTimeoutMs);
      group.initialRemainingMs = Math.max(rebalanceTimeoutMs - this.host.initialRebalanceDelayMs, 0);
      group.newMemberAdded = false;
      group.joinTimer = this.host.schedule(delayMs * 1000, () => this.onInitialDelay(group));
      return;
    }
    group.initialRemainingMs = -1;
    group.joinTimer = this.host.schedule(rebalanceTimeoutMs * 1000, () => this.completeJoin(group));
    this.tryCompleteJoin(group);
  }

  private onInitialDelay(group: ClassicGroup): void {
    group.joinTimer = null;
    if (group.state !== "PreparingRebalance") return;
    if (group.newMemberAdded && group.initialRemainingMs > 0) {
      group.newMemberAdded = false;
      const delayMs = Math.min(this.host.initialRebalanceDelayMs, group.initialRemainingMs);
      group.initialRemainingMs = Math.max(group.initialRemainingMs - delayMs, 0);
      group.joinTimer = this.host.schedule(delayMs * 1000, () => this.onInitialDelay(group));
      return;
    }
    group.initialRemainingMs = -1;
    this.completeJoin(group);
  }

  /** DelayedJoin.tryComplete: everyone is in (the initial delay always runs its course). */
  tryCompleteJoin(group: ClassicGroup): void {
    if (group.state !== "PreparingRebalance" || group.initialRemainingMs >= 0) return;
    if (group.hasAllMembersJoined()) this.completeJoin(group);
  }

  private cancelJoinTimer(group: ClassicGroup): void {
    if (group.joinTimer !== null) this.host.cancel(group.joinTimer);
    group.joinTimer = null;
  }

  /** completeClassicGroupJoin. */
  private completeJoin(group: ClassicGroup): void {
    if (group.state !== "PreparingRebalance") return;
    this.cancelJoinTimer(group);
    group.initialRemainingMs = -1;
    for (const m of [...group.members.values()]) {
      if (m.awaitingJoin === null && m.groupInstanceId === null) this.removeMember(group, m, "did not rejoin in time");
    }
    if (!group.maybeElectNewJoinedLeader() && group.members.size > 0) {
      group.joinTimer = this.host.schedule(group.rebalanceTimeoutMs() * 1000, () => this.completeJoin(group));
      return;
    }
    group.generationId++;
    if (group.members.size === 0) {
      group.protocolName = null;
      group.leaderId = null;
      group.transitionTo("Empty");
      this.host.emit({ kind: "GroupEmpty", group: group.groupId, generation: group.generationId });
      this.host.write(groupMetadataRecord(group), () => {});
      return;
    }
    group.protocolName = group.selectProtocol();
    group.transitionTo("CompletingRebalance");
    this.host.emit({ kind: "GroupGeneration", group: group.groupId, generation: group.generationId, protocol: group.protocolName ?? "", leader: group.leaderId ?? "", members: [...group.members.keys()] });
    for (const m of group.members.values()) {
      if (m.awaitingJoin === null) continue;
      const parked = m.awaitingJoin;
      m.awaitingJoin = null;
      m.isNew = false;
      this.respondCurrentGeneration(group, m, parked.from, parked.correlationId, false);
      group.pendingSync.add(m.memberId);
      this.scheduleSession(group, m, m.sessionTimeoutMs);
    }
    // schedulePendingSync: members that never send SyncGroup are removed after the rebalance timeout.
    const generation = group.generationId;
    group.joinTimer = this.host.schedule(group.rebalanceTimeoutMs() * 1000, () => this.expirePendingSync(group, generation));
  }

  private expirePendingSync(group: ClassicGroup, generation: number): void {
    group.joinTimer = null;
    if (group.generationId !== generation || (group.state !== "CompletingRebalance" && group.state !== "Stable")) return;
    const missing = [...group.pendingSync].map((id) => group.members.get(id)).filter((m) => m !== undefined);
    group.pendingSync.clear();
    if (missing.length === 0) return;
    for (const m of missing) this.removeMember(group, m, "did not sync in time");
    this.prepareRebalance(group, "members failed to sync");
  }

  private respondCurrentGeneration(group: ClassicGroup, m: ClassicGroupMember, to: NodeId, correlationId: number, skipAssignment: boolean): void {
    const isLeader = group.isLeader(m.memberId);
    const msg: JoinGroupResponse = {
      kind: "JoinGroupResponse",
      correlationId,
      error: Errors.NONE,
      generationId: group.generationId,
      protocolName: group.protocolName,
      leader: group.leaderId ?? "",
      skipAssignment,
      memberId: m.memberId,
      members: isLeader ? [...group.members.values()].map((x) => ({ memberId: x.memberId, groupInstanceId: x.groupInstanceId, metadata: group.metadataOf(x) })) : [],
    };
    this.host.send(to, msg);
  }

  private respondJoin(to: NodeId, correlationId: number, error: ErrorCode, memberId: string): void {
    this.host.send(to, { kind: "JoinGroupResponse", correlationId, error, generationId: -1, protocolName: null, leader: "", skipAssignment: false, memberId, members: [] });
  }

  // ---- SyncGroup ---------------------------------------------------------------------------

  sync(group: ClassicGroup, from: NodeId, req: SyncGroupRequest): void {
    const fail = (error: ErrorCode): void => this.respondSync(from, req.correlationId, error, null, []);
    if (group.state === "Dead") return fail(Errors.COORDINATOR_NOT_AVAILABLE);
    const invalid = validateMember(group, req.memberId, req.groupInstanceId);
    if (invalid !== Errors.NONE) return fail(invalid);
    const member = group.members.get(req.memberId)!;
    if (req.generationId !== group.generationId) return fail(Errors.ILLEGAL_GENERATION);
    if (req.protocolName !== null && req.protocolName !== group.protocolName) return fail(Errors.INCONSISTENT_GROUP_PROTOCOL);
    switch (group.state) {
      case "Empty":
        return fail(Errors.UNKNOWN_MEMBER_ID);
      case "PreparingRebalance":
        return fail(Errors.REBALANCE_IN_PROGRESS);
      case "Stable":
        group.pendingSync.delete(member.memberId);
        this.touchSession(group, member);
        return this.respondSync(from, req.correlationId, Errors.NONE, group.protocolName, member.assignment);
      case "CompletingRebalance":
        break;
      default:
        assertNever(group.state);
    }
    member.awaitingSync = { from, correlationId: req.correlationId };
    group.pendingSync.delete(member.memberId);
    this.touchSession(group, member);
    if (!group.isLeader(member.memberId)) return;
    const assignments = new Map<string, PartitionList>();
    for (const a of req.assignments) assignments.set(a.memberId, a.partitions);
    const generation = group.generationId;
    const record = groupMetadataRecord(group, assignments);
    this.host.write(record, (error) => {
      if (group.state !== "CompletingRebalance" || group.generationId !== generation) return;
      if (error !== Errors.NONE) {
        this.resetAndPropagateAssignmentWithError(group, error);
        this.prepareRebalance(group, `failed to persist the assignment: ${error}`);
        return;
      }
      for (const m of group.members.values()) m.assignment = assignments.get(m.memberId) ?? [];
      this.propagateAssignment(group);
      group.transitionTo("Stable");
      this.host.emit({ kind: "GroupStable", group: group.groupId, generation, members: group.members.size });
    });
  }

  private propagateAssignment(group: ClassicGroup): void {
    for (const m of group.members.values()) {
      if (m.awaitingSync === null) continue;
      const parked = m.awaitingSync;
      m.awaitingSync = null;
      this.respondSync(parked.from, parked.correlationId, Errors.NONE, group.protocolName, m.assignment);
      this.touchSession(group, m);
    }
  }

  private resetAndPropagateAssignmentWithError(group: ClassicGroup, error: ErrorCode): void {
    for (const m of group.members.values()) {
      m.assignment = [];
      if (m.awaitingSync === null) continue;
      const parked = m.awaitingSync;
      m.awaitingSync = null;
      this.respondSync(parked.from, parked.correlationId, error, null, []);
    }
  }

  private respondSync(to: NodeId, correlationId: number, error: ErrorCode, protocolName: string | null, assignment: PartitionList): void {
    this.host.send(to, { kind: "SyncGroupResponse", correlationId, error, protocolName, assignment });
  }

  // ---- Heartbeat and LeaveGroup ------------------------------------------------------------

  heartbeat(group: ClassicGroup, req: HeartbeatRequest): ErrorCode {
    if (group.state === "Dead") return Errors.COORDINATOR_NOT_AVAILABLE;
    const invalid = validateMember(group, req.memberId, req.groupInstanceId);
    if (invalid !== Errors.NONE) return invalid;
    const member = group.members.get(req.memberId)!;
    if (req.generationId !== group.generationId) return Errors.ILLEGAL_GENERATION;
    switch (group.state) {
      case "Empty":
        return Errors.UNKNOWN_MEMBER_ID;
      case "PreparingRebalance":
        this.touchSession(group, member);
        return Errors.REBALANCE_IN_PROGRESS;
      case "CompletingRebalance":
      case "Stable":
        this.touchSession(group, member);
        return Errors.NONE;
      default:
        return assertNever(group.state);
    }
  }

  leave(group: ClassicGroup, req: LeaveGroupRequest): ErrorCode {
    if (group.state === "Dead") return Errors.COORDINATOR_NOT_AVAILABLE;
    let member: ClassicGroupMember | undefined;
    if (req.groupInstanceId !== null) {
      const id = group.staticMembers.get(req.groupInstanceId);
      if (id === undefined) return Errors.UNKNOWN_MEMBER_ID;
      if (req.memberId !== "" && req.memberId !== id) return Errors.FENCED_INSTANCE_ID;
      member = group.members.get(id);
    } else {
      const pending = group.pendingMembers.get(req.memberId);
      if (pending !== undefined) {
        this.host.cancel(pending);
        group.pendingMembers.delete(req.memberId);
        if (group.state === "PreparingRebalance") this.tryCompleteJoin(group);
        return Errors.NONE;
      }
      member = group.members.get(req.memberId);
    }
    if (member === undefined) return Errors.UNKNOWN_MEMBER_ID;
    this.removeMemberAndUpdateGroup(group, member, `member left: ${req.reason}`);
    return Errors.NONE;
  }

  // ---- sessions ----------------------------------------------------------------------------

  private touchSession(group: ClassicGroup, m: ClassicGroupMember): void {
    m.isNew = false;
    this.scheduleSession(group, m, m.sessionTimeoutMs);
  }

  /** Moves the member's session deadline; one timer per member re-arms itself lazily. */
  scheduleSession(group: ClassicGroup, m: ClassicGroupMember, timeoutMs: number): void {
    m.sessionDeadlineUs = this.host.now() + timeoutMs * 1000;
    if (m.sessionTimer !== null && m.sessionTimerAtUs <= m.sessionDeadlineUs) return;
    if (m.sessionTimer !== null) this.host.cancel(m.sessionTimer);
    m.sessionTimerAtUs = m.sessionDeadlineUs;
    m.sessionTimer = this.host.schedule(timeoutMs * 1000, () => this.onSessionTimer(group, m));
  }

  private onSessionTimer(group: ClassicGroup, m: ClassicGroupMember): void {
    m.sessionTimer = null;
    if (group.members.get(m.memberId) !== m || group.state === "Dead") return;
    const now = this.host.now();
    if (now < m.sessionDeadlineUs) {
      m.sessionTimerAtUs = m.sessionDeadlineUs;
      m.sessionTimer = this.host.schedule(m.sessionDeadlineUs - now, () => this.onSessionTimer(group, m));
      return;
    }
    // ClassicGroupMember.hasSatisfiedHeartbeat: a member parked in join or sync is not expired.
    if (!m.isNew && (m.awaitingJoin !== null || m.awaitingSync !== null)) {
      this.scheduleSession(group, m, m.sessionTimeoutMs);
      return;
    }
    this.host.emit({ kind: "GroupMemberExpired", group: group.groupId, member: m.memberId, instance: m.groupInstanceId ?? "", sessionTimeoutMs: m.sessionTimeoutMs });
    this.removeMemberAndUpdateGroup(group, m, `member ${m.memberId} session expired`);
  }

  private removeMember(group: ClassicGroup, m: ClassicGroupMember, reason: string): void {
    if (m.sessionTimer !== null) this.host.cancel(m.sessionTimer);
    m.sessionTimer = null;
    if (m.awaitingJoin !== null) this.respondJoin(m.awaitingJoin.from, m.awaitingJoin.correlationId, Errors.UNKNOWN_MEMBER_ID, m.memberId);
    if (m.awaitingSync !== null) this.respondSync(m.awaitingSync.from, m.awaitingSync.correlationId, Errors.UNKNOWN_MEMBER_ID, null, []);
    m.awaitingJoin = null;
    m.awaitingSync = null;
    group.members.delete(m.memberId);
    group.pendingSync.delete(m.memberId);
    if (m.groupInstanceId !== null && group.staticMembers.get(m.groupInstanceId) === m.memberId) group.staticMembers.delete(m.groupInstanceId);
    if (group.leaderId === m.memberId) group.leaderId = group.members.keys().next().value ?? null;
    this.host.emit({ kind: "GroupMemberRemoved", group: group.groupId, member: m.memberId, reason });
  }

  /** removeMemberAndUpdateClassicGroup. */
  private removeMemberAndUpdateGroup(group: ClassicGroup, m: ClassicGroupMember, reason: string): void {
    this.removeMember(group, m, reason);
    switch (group.state) {
      case "Stable":
      case "CompletingRebalance":
        this.prepareRebalance(group, reason);
        return;
      case "PreparingRebalance":
        this.tryCompleteJoin(group);
        return;
      case "Empty":
      case "Dead":
        return;
      default:
        assertNever(group.state);
    }
  }

  /** The coordinator lost the partition: fail what is parked and stop every timer. */
  unload(group: ClassicGroup): void {
    this.cancelJoinTimer(group);
    for (const t of group.pendingMembers.values()) this.host.cancel(t);
    for (const m of group.members.values()) {
      if (m.sessionTimer !== null) this.host.cancel(m.sessionTimer);
      m.sessionTimer = null;
      if (m.awaitingJoin !== null) this.respondJoin(m.awaitingJoin.from, m.awaitingJoin.correlationId, Errors.NOT_COORDINATOR, m.memberId);
      if (m.awaitingSync !== null) this.respondSync(m.awaitingSync.from, m.awaitingSync.correlationId, Errors.NOT_COORDINATOR, null, []);
      m.awaitingJoin = null;
      m.awaitingSync = null;
    }
    group.transitionTo("Dead");
  }
}

/** GroupMetadataValue for the log; `assignments` overrides the members' current ones. */
export function groupMetadataRecord(group: ClassicGroup, assignments?: ReadonlyMap<string, PartitionList>): GroupMetadataRecord {
  return {
    type: "GroupMetadata",
    groupId: group.groupId,
    generationId: group.generationId,
    protocolName: group.protocolName,
    leader: group.leaderId,
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      sessionTimeoutMs: m.sessionTimeoutMs,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      subscription: group.metadataOf(m),
      assignment: assignments?.get(m.memberId) ?? m.assignment,
    })),
  };
}

/**
 * ClassicGroup.validateMember: a static member is checked by its instance id first, so a
 * zombie with a replaced member id learns it was fenced (FENCED_INSTANCE_ID), not forgotten.
 */
export function validateMember(group: ClassicGroup, memberId: string, groupInstanceId: string | null): ErrorCode {
  if (groupInstanceId !== null) {
    const existing = group.staticMembers.get(groupInstanceId);
    if (existing === undefined) return Errors.UNKNOWN_MEMBER_ID;
    return existing === memberId ? Errors.NONE : Errors.FENCED_INSTANCE_ID;
  }
  return group.members.has(memberId) ? Errors.NONE : Errors.UNKNOWN_MEMBER_ID;
}
