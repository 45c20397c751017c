// Replays __consumer_offsets records into groups (CoordinatorLoaderImpl feeding
// GroupMetadataManager.replay / OffsetMetadataManager.replay): the last GroupMetadata record
// of a group is its membership and assignment, the last OffsetCommit per partition its offset.
// A loaded group with members is Stable at its stored generation; its members keep their
// member ids and must heartbeat the new coordinator within their session timeout.
// KIP-848 consumer groups' records (and their offsets) go to `consumer` instead.

import type { GroupMetadataRecord } from "../protocol/coordinator-records.ts";
import type { RecordBatch } from "../protocol/records.ts";
import type { ClassicGroup } from "./classic-group.ts";
import type { ConsumerGroupReplay } from "./consumer-group-replay.ts";

export function replayGroupRecords(batches: readonly RecordBatch[], groupOf: (groupId: string) => ClassicGroup, consumer?: ConsumerGroupReplay): ClassicGroup[] {
  const touched = new Map<string, ClassicGroup>();
  for (const b of batches) {
    for (const r of b.records) {
      const c = r.coordinator;
      if (c === undefined) continue;
      if (consumer !== undefined && c.type !== "GroupMetadata" && (c.type !== "OffsetCommit" || consumer.has(c.groupId))) {
        if (c.type === "OffsetCommit") consumer.offset(c.groupId, `${c.topic}-${c.partition}`, c.offset);
        else consumer.apply(c);
        continue;
      }
      const group = groupOf(c.groupId);
      touched.set(c.groupId, group);
      if (c.type === "OffsetCommit") {
        const key = `${c.topic}-${c.partition}`;
        if (c.offset === null) group.offsets.delete(key);
        else group.offsets.set(key, c.offset);
      } else if (c.type === "GroupMetadata") restoreGroup(group, c);
    }
  }
  return [...touched.values()];
}

function restoreGroup(group: ClassicGroup, r: GroupMetadataRecord): void {
  group.generationId = r.generationId;
  group.protocolName = r.protocolName;
  group.leaderId = r.leader;
  group.members.clear();
  group.staticMembers.clear();
  for (const m of r.members) {
    group.members.set(m.memberId, {
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      sessionTimeoutMs: m.sessionTimeoutMs,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      protocols: [{ name: r.protocolName ?? "", metadata: m.subscription }],
      assignment: m.assignment,
      awaitingJoin: null,
      awaitingSync: null,
      isNew: false,
      sessionDeadlineUs: 0,
      sessionTimer: null,
      sessionTimerAtUs: 0,
    });
    if (m.groupInstanceId !== null) group.staticMembers.set(m.groupInstanceId, m.memberId);
  }
  group.state = r.members.length > 0 ? "Stable" : "Empty";
  group.previousState = "Empty";
}
