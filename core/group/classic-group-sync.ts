// SyncGroup on the coordinator: members park their SyncGroup until the leader's arrives
// with the assignment, which is written to the group's offsets partition before anyone
// hears it; once committed the record is replayed into the group (the members get the
// assignment the log holds) and the group is Stable. A member syncing a Stable group gets
// its assignment at once. GroupMetadataManager.classicGroupSync and propagateAssignment.

import type { NodeId } from "../env.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { PartitionList, SyncGroupRequest } from "../protocol/group-messages.ts";
import { assertNever } from "../assert-never.ts";
import { validateMember, type ClassicGroup } from "./classic-group.ts";
import type { ClassicGroupHost, GroupReplies } from "./classic-group-host.ts";
import type { Rebalancer } from "./classic-group-rebalance.ts";
import { groupMetadataRecord, replayGroupMetadata } from "./group-metadata-record.ts";
import type { MemberSessions } from "./member-sessions.ts";

export class SyncHandler {
  constructor(
    private readonly host: ClassicGroupHost,
    private readonly replies: GroupReplies,
    private readonly sessions: MemberSessions,
    private readonly rebalance: Rebalancer,
  ) {}

  sync(group: ClassicGroup, from: NodeId, req: SyncGroupRequest): void {
    const fail = (error: ErrorCode): void => this.replies.sync(from, req.correlationId, error, null, []);
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
        this.sessions.touch(group, member);
        return this.replies.sync(from, req.correlationId, Errors.NONE, group.protocolName, member.assignment);
      case "CompletingRebalance":
        break;
      default:
        assertNever(group.state);
    }
    member.awaitingSync = { from, correlationId: req.correlationId };
    group.pendingSync.delete(member.memberId);
    this.sessions.touch(group, member);
    if (!group.isLeader(member.memberId)) return;
    const given = new Map<string, PartitionList>();
    for (const a of req.assignments) given.set(a.memberId, a.partitions);
    // classicGroupSyncToCompletingRebalance: a member the leader left out gets an empty assignment.
    const assignments = new Map<string, PartitionList>();
    for (const id of group.members.keys()) assignments.set(id, given.get(id) ?? []);
    const generation = group.generationId;
    const record = groupMetadataRecord(group, assignments);
    this.host.write(record, (error) => {
      if (group.state !== "CompletingRebalance" || group.generationId !== generation) return;
      if (error !== Errors.NONE) {
        this.rebalance.resetAssignmentWithError(group, error);
        this.rebalance.prepare(group, `failed to persist the assignment: ${error}`);
        return;
      }
      // Nothing changed the members since the record was made: that would have restarted the rebalance.
      replayGroupMetadata(group, record);
      this.propagateAssignment(group);
      this.host.emit({ kind: "GroupStable", group: group.groupId, generation, members: group.members.size });
    });
  }

  private propagateAssignment(group: ClassicGroup): void {
    for (const m of group.members.values()) {
      if (m.awaitingSync === null) continue;
      const parked = m.awaitingSync;
      m.awaitingSync = null;
      this.replies.sync(parked.from, parked.correlationId, Errors.NONE, group.protocolName, m.assignment);
      this.sessions.touch(group, m);
    }
  }
}
