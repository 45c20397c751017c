// Members' sessions on the coordinator: each heartbeat (or join, or sync) moves a member's
// deadline by session.timeout.ms; a member past it is expired (GroupMetadataManager's
// classicGroupHeartbeat expiry and ClassicGroupMember.hasSatisfiedHeartbeat). Also how a
// member leaves the group's tables, answering whatever it had parked.

import { Errors } from "../protocol/errors.ts";
import type { ClassicGroup, ClassicGroupMember } from "./classic-group.ts";
import type { ClassicGroupHost, GroupReplies } from "./classic-group-host.ts";

export class MemberSessions {
  constructor(
    private readonly host: ClassicGroupHost,
    private readonly replies: GroupReplies,
    /** The member's session expired: remove it and rebalance (removeMemberAndUpdateClassicGroup). */
    private readonly onExpired: (group: ClassicGroup, m: ClassicGroupMember, reason: string) => void,
  ) {}

  touch(group: ClassicGroup, m: ClassicGroupMember): void {
    m.isNew = false;
    this.schedule(group, m, m.sessionTimeoutMs);
  }

  /** Moves the member's session deadline; one timer per member re-arms itself lazily. */
  schedule(group: ClassicGroup, m: ClassicGroupMember, timeoutMs: number): void {
    m.sessionDeadlineUs = this.host.now() + timeoutMs * 1000;
    if (m.sessionTimer !== null && m.sessionTimerAtUs <= m.sessionDeadlineUs) return;
    if (m.sessionTimer !== null) this.host.cancel(m.sessionTimer);
    m.sessionTimerAtUs = m.sessionDeadlineUs;
    m.sessionTimer = this.host.schedule(timeoutMs * 1000, () => this.onTimer(group, m));
  }

  private onTimer(group: ClassicGroup, m: ClassicGroupMember): void {
    m.sessionTimer = null;
    if (group.members.get(m.memberId) !== m || group.state === "Dead") return;
    const now = this.host.now();
    if (now < m.sessionDeadlineUs) {
      m.sessionTimerAtUs = m.sessionDeadlineUs;
      m.sessionTimer = this.host.schedule(m.sessionDeadlineUs - now, () => this.onTimer(group, m));
      return;
    }
    // ClassicGroupMember.hasSatisfiedHeartbeat: a member parked in join or sync is not expired.
    if (!m.isNew && (m.awaitingJoin !== null || m.awaitingSync !== null)) {
      this.schedule(group, m, m.sessionTimeoutMs);
      return;
    }
    this.host.emit({ kind: "GroupMemberExpired", group: group.groupId, member: m.memberId, instance: m.groupInstanceId ?? "", sessionTimeoutMs: m.sessionTimeoutMs });
    this.onExpired(group, m, `member ${m.memberId} session expired`);
  }

  /** Drops the member from the group, failing its parked join or sync with UNKNOWN_MEMBER_ID. */
  remove(group: ClassicGroup, m: ClassicGroupMember, reason: string): void {
    if (m.sessionTimer !== null) this.host.cancel(m.sessionTimer);
    m.sessionTimer = null;
    if (m.awaitingJoin !== null) this.replies.join(m.awaitingJoin.from, m.awaitingJoin.correlationId, Errors.UNKNOWN_MEMBER_ID, m.memberId);
    if (m.awaitingSync !== null) this.replies.sync(m.awaitingSync.from, m.awaitingSync.correlationId, Errors.UNKNOWN_MEMBER_ID, null, []);
    m.awaitingJoin = null;
    m.awaitingSync = null;
    group.members.delete(m.memberId);
    group.pendingSync.delete(m.memberId);
    if (m.groupInstanceId !== null && group.staticMembers.get(m.groupInstanceId) === m.memberId) group.staticMembers.delete(m.groupInstanceId);
    if (group.leaderId === m.memberId) group.leaderId = group.members.keys().next().value ?? null;
    this.host.emit({ kind: "GroupMemberRemoved", group: group.groupId, member: m.memberId, reason });
  }

  /** The coordinator lost the partition: stop the member's timer and fail what it parked. */
  unload(m: ClassicGroupMember, error: typeof Errors.NOT_COORDINATOR): void {
    if (m.sessionTimer !== null) this.host.cancel(m.sessionTimer);
    m.sessionTimer = null;
    if (m.awaitingJoin !== null) this.replies.join(m.awaitingJoin.from, m.awaitingJoin.correlationId, error, m.memberId);
    if (m.awaitingSync !== null) this.replies.sync(m.awaitingSync.from, m.awaitingSync.correlationId, error, null, []);
    m.awaitingJoin = null;
    m.awaitingSync = null;
  }
}
