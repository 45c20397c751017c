// A classic group's rebalance: PreparingRebalance (wait for every member to rejoin, or the
// rebalance timeout; the first rebalance of an empty group waits
// group.initial.rebalance.delay.ms for more members), then a new generation in
// CompletingRebalance (wait for SyncGroup), and what removing a member does to each state.
// GroupMetadataManager's prepareRebalance, completeClassicGroupJoin, schedulePendingSync and
// removeMemberAndUpdateClassicGroup; DelayedJoin and InitialDelayedJoin.

import { Errors, type ErrorCode } from "../protocol/errors.ts";
import { assertNever } from "../assert-never.ts";
import type { ClassicGroup, ClassicGroupMember } from "./classic-group.ts";
import type { ClassicGroupHost, GroupReplies } from "./classic-group-host.ts";
import { emptyGroupRecord, replayGroupMetadata } from "./group-metadata-record.ts";
import type { MemberSessions } from "./member-sessions.ts";

export class Rebalancer {
  constructor(
    private readonly host: ClassicGroupHost,
    private readonly replies: GroupReplies,
    private readonly sessions: MemberSessions,
  ) {}

  prepare(group: ClassicGroup, reason: string): void {
    if (group.state === "CompletingRebalance") this.resetAssignmentWithError(group, Errors.REBALANCE_IN_PROGRESS);
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

  cancelJoinTimer(group: ClassicGroup): void {
    if (group.joinTimer !== null) this.host.cancel(group.joinTimer);
    group.joinTimer = null;
  }

  /** completeClassicGroupJoin. */
  private completeJoin(group: ClassicGroup): void {
    if (group.state !== "PreparingRebalance") return;
    this.cancelJoinTimer(group);
    group.initialRemainingMs = -1;
    for (const m of [...group.members.values()]) {
      if (m.awaitingJoin === null && m.groupInstanceId === null) this.sessions.remove(group, m, "did not rejoin in time");
    }
    if (!group.maybeElectNewJoinedLeader() && group.members.size > 0) {
      group.joinTimer = this.host.schedule(group.rebalanceTimeoutMs() * 1000, () => this.completeJoin(group));
      return;
    }
    if (group.members.size === 0) {
      // The emptied group is persisted; its record is what makes it Empty at the next generation.
      const record = emptyGroupRecord(group.groupId, group.generationId + 1);
      replayGroupMetadata(group, record);
      this.host.emit({ kind: "GroupEmpty", group: group.groupId, generation: group.generationId });
      this.host.write(record, () => {});
      return;
    }
    // initNextGeneration: in memory until the leader's assignment is written (as in Kafka).
    group.generationId++;
    group.protocolName = group.selectProtocol();
    group.transitionTo("CompletingRebalance");
    this.host.emit({ kind: "GroupGeneration", group: group.groupId, generation: group.generationId, protocol: group.protocolName ?? "", leader: group.leaderId ?? "", members: [...group.members.keys()] });
    for (const m of group.members.values()) {
      if (m.awaitingJoin === null) continue;
      const parked = m.awaitingJoin;
      m.awaitingJoin = null;
      m.isNew = false;
      this.replies.currentGeneration(group, m, parked.from, parked.correlationId, false);
      group.pendingSync.add(m.memberId);
      this.sessions.schedule(group, m, m.sessionTimeoutMs);
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
    for (const m of missing) this.sessions.remove(group, m, "did not sync in time");
    this.prepare(group, "members failed to sync");
  }

  /** Fails every parked SyncGroup with `error` and forgets the members' assignments. */
  resetAssignmentWithError(group: ClassicGroup, error: ErrorCode): void {
    for (const m of group.members.values()) {
      m.assignment = [];
      if (m.awaitingSync === null) continue;
      const parked = m.awaitingSync;
      m.awaitingSync = null;
      this.replies.sync(parked.from, parked.correlationId, error, null, []);
    }
  }

  /** removeMemberAndUpdateClassicGroup. */
  removeMemberAndUpdate(group: ClassicGroup, m: ClassicGroupMember, reason: string): void {
    this.sessions.remove(group, m, reason);
    switch (group.state) {
      case "Stable":
      case "CompletingRebalance":
        this.prepare(group, reason);
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
}
