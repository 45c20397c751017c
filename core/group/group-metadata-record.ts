// The GroupMetadataValue record a classic group writes to its __consumer_offsets partition
// (the assignment of each generation, an emptied group, a static member's new id), and its
// replay, which both a loading coordinator (group-store.ts) and the live SyncGroup and
// empty-group paths use.

import type { GroupMetadataRecord } from "../protocol/coordinator-records.ts";
import type { PartitionList } from "../protocol/group-messages.ts";
import type { ClassicGroup, ClassicGroupMember } from "./classic-group.ts";

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

/** newEmptyGroupMetadataRecord: the group at `generationId` with nobody in it. */
export function emptyGroupRecord(groupId: string, generationId: number): GroupMetadataRecord {
  return { type: "GroupMetadata", groupId, generationId, protocolName: null, leader: null, members: [] };
}

/**
 * GroupMetadataManager.replay(GroupMetadataKey, GroupMetadataValue): the group becomes what
 * the record stores, Stable with its members or Empty. Kafka builds a new ClassicGroup from
 * the record on load, and writes a live group's records with replayRecords=false because the
 * group already is what they say. Here the live group takes what its record persists (a
 * generation's assignment, an emptied group) through this same function, keeping what only
 * memory holds: parked requests, session timers and the protocols a member offered (the
 * record keeps the chosen one only, as Kafka's does).
 */
export function replayGroupMetadata(group: ClassicGroup, r: GroupMetadataRecord): void {
  const live = new Map(group.members);
  group.generationId = r.generationId;
  group.protocolName = r.protocolName;
  group.leaderId = r.leader;
  group.members.clear();
  group.staticMembers.clear();
  for (const m of r.members) {
    const member: ClassicGroupMember = live.get(m.memberId) ?? {
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      sessionTimeoutMs: m.sessionTimeoutMs,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      protocols: [],
      assignment: m.assignment,
      awaitingJoin: null,
      awaitingSync: null,
      isNew: false,
      sessionDeadlineUs: 0,
      sessionTimer: null,
      sessionTimerAtUs: 0,
    };
    // The record holds the chosen protocol's subscription; a member's other protocols stay.
    const chosen = { name: r.protocolName ?? "", metadata: m.subscription };
    member.protocols = member.protocols.some((p) => p.name === chosen.name) ? member.protocols.map((p) => (p.name === chosen.name ? chosen : p)) : [chosen];
    member.sessionTimeoutMs = m.sessionTimeoutMs;
    member.rebalanceTimeoutMs = m.rebalanceTimeoutMs;
    member.assignment = m.assignment;
    group.members.set(m.memberId, member);
    if (m.groupInstanceId !== null) group.staticMembers.set(m.groupInstanceId, m.memberId);
  }
  group.transitionTo(r.members.length > 0 ? "Stable" : "Empty");
}
