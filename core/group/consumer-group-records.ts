// The records a consumer group writes for each change (GroupCoordinatorRecordHelpers'
// newConsumerGroup*Record): the log they form is enough for a new coordinator to rebuild the
// group (consumer-group-replay.ts).

import type { ConsumerGroupRecord } from "../protocol/coordinator-records.ts";
import type { PartitionList } from "../protocol/group-messages.ts";
import type { ConsumerGroupMember, TopicPartitions } from "./consumer-group.ts";

export function toList(parts: TopicPartitions): PartitionList {
  const out: { topic: string; partition: number }[] = [];
  for (const [topic, ps] of parts) for (const partition of ps) out.push({ topic, partition });
  return out.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}

export function fromList(list: PartitionList): TopicPartitions {
  const out = new Map<string, number[]>();
  for (const tp of list) {
    let ps = out.get(tp.topic);
    if (ps === undefined) out.set(tp.topic, (ps = []));
    ps.push(tp.partition);
  }
  for (const ps of out.values()) ps.sort((a, b) => a - b);
  return out;
}

export function memberMetadataRecord(groupId: string, m: ConsumerGroupMember): ConsumerGroupRecord {
  return { type: "ConsumerGroupMemberMetadata", groupId, memberId: m.memberId, value: { instanceId: m.instanceId, rebalanceTimeoutMs: m.rebalanceTimeoutMs, subscribedTopics: m.subscribedTopics, serverAssignor: m.serverAssignor } };
}

export function currentAssignmentRecord(groupId: string, m: ConsumerGroupMember): ConsumerGroupRecord {
  return {
    type: "ConsumerGroupCurrentMemberAssignment",
    groupId,
    memberId: m.memberId,
    value: { memberEpoch: m.memberEpoch, previousMemberEpoch: m.previousMemberEpoch, state: m.state, assigned: toList(m.assigned), pendingRevocation: toList(m.pendingRevocation) },
  };
}

/** The tombstones of a member that left or was fenced (newConsumerGroup*Tombstone). */
export function memberTombstones(groupId: string, memberId: string): ConsumerGroupRecord[] {
  return [
    { type: "ConsumerGroupCurrentMemberAssignment", groupId, memberId, value: null },
    { type: "ConsumerGroupTargetAssignmentMember", groupId, memberId, partitions: null },
    { type: "ConsumerGroupMemberMetadata", groupId, memberId, value: null },
  ];
}
