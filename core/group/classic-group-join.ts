// JoinGroup on the coordinator: a new member (KIP-394's MEMBER_ID_REQUIRED round trip for
// dynamic members), a known member rejoining in each group state, and a static member
// (KIP-345) coming back with a new member id, which fences the old one and, when the group
// is stable and nothing changed, gets its assignment back without a rebalance.
// GroupMetadataManager's classicGroupJoin*, addMemberThenRebalanceOrCompleteJoin,
// updateMemberThenRebalanceOrCompleteJoin and updateStaticMemberThenRebalanceOrCompleteJoin.

import type { NodeId } from "../env.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { JoinGroupRequest } from "../protocol/group-messages.ts";
import { assertNever } from "../assert-never.ts";
import { sameProtocols, validateMember, type ClassicGroup, type ClassicGroupMember } from "./classic-group.ts";
import type { ClassicGroupHost, GroupReplies } from "./classic-group-host.ts";
import type { Rebalancer } from "./classic-group-rebalance.ts";
import { groupMetadataRecord } from "./group-metadata-record.ts";
import type { MemberSessions } from "./member-sessions.ts";

/** GroupCoordinatorConfig.CLASSIC_GROUP_NEW_MEMBER_JOIN_TIMEOUT_MS. */
const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

export class JoinHandler {
  constructor(
    private readonly host: ClassicGroupHost,
    private readonly replies: GroupReplies,
    private readonly sessions: MemberSessions,
    private readonly rebalance: Rebalancer,
  ) {}

  join(group: ClassicGroup, from: NodeId, req: JoinGroupRequest): void {
    const fail = (error: ErrorCode, memberId = req.memberId): void => this.replies.join(from, req.correlationId, error, memberId);
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
        if (sameProtocols(member.protocols, req.protocols)) return this.replies.currentGeneration(group, member, from, req.correlationId, false);
        return this.updateMemberAndRebalance(group, member, from, req, "member changed its protocols");
      case "Stable":
        if (group.isLeader(member.memberId) || !sameProtocols(member.protocols, req.protocols)) {
          return this.updateMemberAndRebalance(group, member, from, req, group.isLeader(member.memberId) ? "leader rejoined" : "member changed its subscription");
        }
        return this.replies.currentGeneration(group, member, from, req.correlationId, false);
      case "Empty":
        return fail(Errors.UNKNOWN_MEMBER_ID);
      default:
        assertNever(group.state);
    }
  }

  private joinUnknownMember(group: ClassicGroup, from: NodeId, req: JoinGroupRequest): void {
    if (group.members.size >= this.host.maxSize) return this.replies.join(from, req.correlationId, Errors.GROUP_MAX_SIZE_REACHED, "");
    const memberId = this.host.newMemberId(from);
    if (req.groupInstanceId !== null) {
      const existing = group.staticMembers.get(req.groupInstanceId);
      if (existing !== undefined) return this.replaceStaticMember(group, group.members.get(existing)!, memberId, from, req);
      return this.addMemberAndRebalance(group, from, req, memberId);
    }
    // KIP-394: hand out a member id and wait for the member to come back with it.
    const timer = this.host.schedule(req.sessionTimeoutMs * 1000, () => {
      if (!group.pendingMembers.delete(memberId)) return;
      if (group.state === "PreparingRebalance") this.rebalance.tryCompleteJoin(group);
    });
    group.pendingMembers.set(memberId, timer);
    this.replies.join(from, req.correlationId, Errors.MEMBER_ID_REQUIRED, memberId);
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
    this.sessions.schedule(group, member, NEW_MEMBER_JOIN_TIMEOUT_MS);
    if (group.state === "PreparingRebalance") this.rebalance.tryCompleteJoin(group);
    else this.rebalance.prepare(group, `new member ${memberId} joined`);
  }

  private updateMemberAndRebalance(group: ClassicGroup, member: ClassicGroupMember, from: NodeId, req: JoinGroupRequest, reason: string): void {
    member.protocols = req.protocols;
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    member.sessionTimeoutMs = req.sessionTimeoutMs;
    if (member.awaitingJoin !== null) this.replies.join(member.awaitingJoin.from, member.awaitingJoin.correlationId, Errors.UNKNOWN_MEMBER_ID, member.memberId);
    member.awaitingJoin = { from, correlationId: req.correlationId };
    if (group.state === "PreparingRebalance") this.rebalance.tryCompleteJoin(group);
    else this.rebalance.prepare(group, reason);
  }

  /** KIP-345: a static member came back with a new member id; fence the old one. */
  private replaceStaticMember(group: ClassicGroup, old: ClassicGroupMember, newId: string, from: NodeId, req: JoinGroupRequest): void {
    const oldId = old.memberId;
    if (old.awaitingJoin !== null) this.replies.join(old.awaitingJoin.from, old.awaitingJoin.correlationId, Errors.FENCED_INSTANCE_ID, oldId);
    if (old.awaitingSync !== null) this.replies.sync(old.awaitingSync.from, old.awaitingSync.correlationId, Errors.FENCED_INSTANCE_ID, null, []);
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
      if (error !== Errors.NONE) return this.replies.join(from, req.correlationId, error, newId);
      this.sessions.schedule(group, old, old.sessionTimeoutMs);
      this.replies.currentGeneration(group, old, from, req.correlationId, group.isLeader(newId));
    });
  }
}
