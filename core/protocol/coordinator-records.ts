// What the group coordinator writes to __consumer_offsets (Kafka's OffsetCommitKey/Value and
// GroupMetadataKey/Value in group-coordinator/src/main/resources/common/message/). The log
// is the coordinator's state: a broker that becomes leader of an offsets partition replays
// these records to rebuild its groups and committed offsets (CoordinatorLoaderImpl).

import type { PartitionList, Subscription } from "./group-messages.ts";

export interface OffsetCommitRecord {
  readonly type: "OffsetCommit";
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  /** null: a tombstone (offsets deleted). */
  readonly offset: number | null;
  readonly commitTimestampMs: number;
}

export interface GroupMetadataMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly subscription: Subscription;
  readonly assignment: PartitionList;
}

export interface GroupMetadataRecord {
  readonly type: "GroupMetadata";
  readonly groupId: string;
  readonly generationId: number;
  readonly protocolName: string | null;
  readonly leader: string | null;
  /** Empty when the group is Empty. */
  readonly members: readonly GroupMetadataMember[];
}

export type CoordinatorRecord = OffsetCommitRecord | GroupMetadataRecord;

/** Compaction key: the last record per key is the state (cleanup.policy=compact). */
export function coordinatorRecordKey(r: CoordinatorRecord): string {
  return r.type === "OffsetCommit" ? `o:${r.groupId}:${r.topic}:${r.partition}` : `g:${r.groupId}`;
}
