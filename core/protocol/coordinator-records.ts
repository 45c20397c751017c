// What the group coordinator writes to __consumer_offsets (Kafka's OffsetCommitKey/Value and
// GroupMetadataKey/Value in group-coordinator/src/main/resources/common/message/). The log
// is the coordinator's state: a broker that becomes leader of an offsets partition replays
// these records to rebuild its groups and committed offsets (CoordinatorLoaderImpl).

import type { PartitionList, Subscription } from "./group-messages.ts";
import { assertNever } from "../assert-never.ts";
import type { TxnTransit } from "../txn/transaction-metadata.ts";

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

// KIP-848 consumer groups (ConsumerGroup*Key/Value): a value of null is a tombstone.

export interface ConsumerGroupMetadataRecord {
  readonly type: "ConsumerGroupMetadata";
  readonly groupId: string;
  readonly epoch: number;
}

export interface ConsumerGroupMemberMetadataRecord {
  readonly type: "ConsumerGroupMemberMetadata";
  readonly groupId: string;
  readonly memberId: string;
  readonly value: { readonly instanceId: string | null; readonly rebalanceTimeoutMs: number; readonly subscribedTopics: readonly string[]; readonly serverAssignor: string | null } | null;
}

export interface ConsumerGroupTargetAssignmentMetadataRecord {
  readonly type: "ConsumerGroupTargetAssignmentMetadata";
  readonly groupId: string;
  readonly assignmentEpoch: number;
}

export interface ConsumerGroupTargetAssignmentMemberRecord {
  readonly type: "ConsumerGroupTargetAssignmentMember";
  readonly groupId: string;
  readonly memberId: string;
  readonly partitions: PartitionList | null;
}

export interface ConsumerGroupCurrentMemberAssignmentRecord {
  readonly type: "ConsumerGroupCurrentMemberAssignment";
  readonly groupId: string;
  readonly memberId: string;
  readonly value: {
    readonly memberEpoch: number;
    readonly previousMemberEpoch: number;
    readonly state: "STABLE" | "UNREVOKED_PARTITIONS" | "UNRELEASED_PARTITIONS";
    readonly assigned: PartitionList;
    readonly pendingRevocation: PartitionList;
  } | null;
}

export type ConsumerGroupRecord =
  | ConsumerGroupMetadataRecord
  | ConsumerGroupMemberMetadataRecord
  | ConsumerGroupTargetAssignmentMetadataRecord
  | ConsumerGroupTargetAssignmentMemberRecord
  | ConsumerGroupCurrentMemberAssignmentRecord;

/** __transaction_state's TransactionLogKey/Value: a transactional.id's state after a committed change; null is a tombstone. */
export interface TransactionLogRecord {
  readonly type: "TransactionLog";
  readonly transactionalId: string;
  readonly value: TxnTransit | null;
}

export type CoordinatorRecord = OffsetCommitRecord | GroupMetadataRecord | ConsumerGroupRecord | TransactionLogRecord;

/** Compaction key: the last record per key is the state (cleanup.policy=compact). */
export function coordinatorRecordKey(r: CoordinatorRecord): string {
  switch (r.type) {
    case "OffsetCommit":
      return `o:${r.groupId}:${r.topic}:${r.partition}`;
    case "GroupMetadata":
      return `g:${r.groupId}`;
    case "ConsumerGroupMetadata":
    case "ConsumerGroupTargetAssignmentMetadata":
      return `${r.type}:${r.groupId}`;
    case "ConsumerGroupMemberMetadata":
    case "ConsumerGroupTargetAssignmentMember":
    case "ConsumerGroupCurrentMemberAssignment":
      return `${r.type}:${r.groupId}:${r.memberId}`;
    case "TransactionLog":
      return `t:${r.transactionalId}`;
    default:
      return assertNever(r);
  }
}

/** Bytes of a record's value on disk (roughly its Kafka encoding). */
export function coordinatorRecordBytes(r: CoordinatorRecord): number {
  switch (r.type) {
    case "OffsetCommit":
      return 24;
    case "GroupMetadata":
      return 64 + 48 * r.members.length;
    case "ConsumerGroupMetadata":
    case "ConsumerGroupTargetAssignmentMetadata":
      return 8;
    case "ConsumerGroupMemberMetadata":
      return r.value === null ? 0 : 64 + 16 * r.value.subscribedTopics.length;
    case "ConsumerGroupTargetAssignmentMember":
      return r.partitions === null ? 0 : 24 + 4 * r.partitions.length;
    case "ConsumerGroupCurrentMemberAssignment":
      return r.value === null ? 0 : 32 + 4 * (r.value.assigned.length + r.value.pendingRevocation.length);
    case "TransactionLog":
      return r.value === null ? 0 : 40 + 24 * r.value.partitions.length;
    default:
      return assertNever(r);
  }
}
