// Applies one ConsumerGroup* record to a consumer group (GroupMetadataManager.replay for the
// ConsumerGroup*Key/Value records): the only way a consumer group's persisted state changes.
// The heartbeat handler replays each record as it produces it, and a coordinator that loads
// __consumer_offsets replays the log through the same function (group-store.ts), so the live
// group and the loaded one cannot drift. Timers stay in memory, as Kafka's do.

import type { ConsumerGroupRecord } from "../protocol/coordinator-records.ts";
import { assertNever } from "../assert-never.ts";
import type { ConsumerGroup, ConsumerGroupMember } from "./consumer-group.ts";
import { fromList } from "./consumer-group-records.ts";

/** The member a record for an unknown member id starts from (ConsumerGroup.getOrMaybeCreateMember). */
export function newMember(memberId: string): ConsumerGroupMember {
  return {
    memberId,
    instanceId: null,
    memberEpoch: 0,
    previousMemberEpoch: 0,
    state: "STABLE",
    rebalanceTimeoutMs: 0,
    subscribedTopics: [],
    serverAssignor: null,
    assigned: new Map(),
    pendingRevocation: new Map(),
    sessionTimer: null,
    rebalanceTimer: null,
  };
}

/** Kafka's LEAVE_GROUP_MEMBER_EPOCH, which a current-assignment tombstone leaves behind. */
const LEFT_EPOCH = -1;

export function replayConsumerGroupRecord(group: ConsumerGroup, r: ConsumerGroupRecord): void {
  switch (r.type) {
    case "ConsumerGroupMetadata":
      group.groupEpoch = r.epoch;
      return;
    case "ConsumerGroupTargetAssignmentMetadata":
      group.assignmentEpoch = r.assignmentEpoch;
      return;
    case "ConsumerGroupMemberMetadata": {
      if (r.value === null) return group.removeMember(r.memberId);
      const old = group.members.get(r.memberId) ?? newMember(r.memberId);
      const { instanceId, rebalanceTimeoutMs, subscribedTopics, serverAssignor } = r.value;
      group.putMember({ ...old, instanceId, rebalanceTimeoutMs, subscribedTopics, serverAssignor });
      return;
    }
    case "ConsumerGroupCurrentMemberAssignment": {
      const old = group.members.get(r.memberId) ?? newMember(r.memberId);
      if (r.value === null) {
        // The member is leaving: it holds nothing any more; its metadata tombstone removes it.
        group.putMember({ ...old, memberEpoch: LEFT_EPOCH, previousMemberEpoch: LEFT_EPOCH, assigned: new Map(), pendingRevocation: new Map() });
        return;
      }
      const { memberEpoch, previousMemberEpoch, state } = r.value;
      group.putMember({ ...old, memberEpoch, previousMemberEpoch, state, assigned: fromList(r.value.assigned), pendingRevocation: fromList(r.value.pendingRevocation) });
      return;
    }
    case "ConsumerGroupTargetAssignmentMember":
      if (r.partitions === null) group.target.delete(r.memberId);
      else group.target.set(r.memberId, fromList(r.partitions));
      return;
    default:
      assertNever(r);
  }
}
