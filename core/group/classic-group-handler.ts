// The classic group protocol on the coordinator, one group at a time: JoinGroup
// (classic-group-join.ts), SyncGroup (classic-group-sync.ts), Heartbeat and LeaveGroup
// (here), session expiry (member-sessions.ts) and the rebalance timers
// (classic-group-rebalance.ts). Ported from the classic-group half of GroupMetadataManager
// (group-coordinator/.../GroupMetadataManager.java, Kafka 4.x).

import type { NodeId } from "../env.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { HeartbeatRequest, JoinGroupRequest, LeaveGroupRequest, SyncGroupRequest } from "../protocol/group-messages.ts";
import { assertNever } from "../assert-never.ts";
import { validateMember, type ClassicGroup, type ClassicGroupMember } from "./classic-group.ts";
import { GroupReplies, type ClassicGroupHost } from "./classic-group-host.ts";
import { JoinHandler } from "./classic-group-join.ts";
import { Rebalancer } from "./classic-group-rebalance.ts";
import { SyncHandler } from "./classic-group-sync.ts";
import { MemberSessions } from "./member-sessions.ts";

export class ClassicGroupHandler {
  private readonly sessions: MemberSessions;
  private readonly rebalance: Rebalancer;
  private readonly joins: JoinHandler;
  private readonly syncs: SyncHandler;

  constructor(private readonly host: ClassicGroupHost) {
    const replies = new GroupReplies(host);
    this.sessions = new MemberSessions(host, replies, (group, m, reason) => this.rebalance.removeMemberAndUpdate(group, m, reason));
    this.rebalance = new Rebalancer(host, replies, this.sessions);
    this.joins = new JoinHandler(host, replies, this.sessions, this.rebalance);
    this.syncs = new SyncHandler(host, replies, this.sessions, this.rebalance);
  }

  join(group: ClassicGroup, from: NodeId, req: JoinGroupRequest): void {
    this.joins.join(group, from, req);
  }

  sync(group: ClassicGroup, from: NodeId, req: SyncGroupRequest): void {
    this.syncs.sync(group, from, req);
  }

  /** Moves the member's session deadline (a loaded group's members start a fresh session). */
  scheduleSession(group: ClassicGroup, m: ClassicGroupMember, timeoutMs: number): void {
    this.sessions.schedule(group, m, timeoutMs);
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
        this.sessions.touch(group, member);
        return Errors.REBALANCE_IN_PROGRESS;
      case "CompletingRebalance":
      case "Stable":
        this.sessions.touch(group, member);
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
        if (group.state === "PreparingRebalance") this.rebalance.tryCompleteJoin(group);
        return Errors.NONE;
      }
      member = group.members.get(req.memberId);
    }
    if (member === undefined) return Errors.UNKNOWN_MEMBER_ID;
    this.rebalance.removeMemberAndUpdate(group, member, `member left: ${req.reason}`);
    return Errors.NONE;
  }

  /** The coordinator lost the partition: fail what is parked and stop every timer. */
  unload(group: ClassicGroup): void {
    this.rebalance.cancelJoinTimer(group);
    for (const t of group.pendingMembers.values()) this.host.cancel(t);
    for (const m of group.members.values()) this.sessions.unload(m, Errors.NOT_COORDINATOR);
    group.transitionTo("Dead");
  }
}
