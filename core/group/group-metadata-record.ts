// The GroupMetadataValue record a classic group writes to its __consumer_offsets partition
// (on every new assignment and when a static member's id changes); replaying it rebuilds
// the group on a new coordinator (group-loader.ts).

import type { GroupMetadataRecord } from "../protocol/coordinator-records.ts";
import type { PartitionList } from "../protocol/group-messages.ts";
import type { ClassicGroup } from "./classic-group.ts";

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
