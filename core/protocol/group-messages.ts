// The group and offset APIs of the classic consumer protocol, named after Kafka's ApiKeys:
// FindCoordinator, JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch,
// ListOffsets (which auto.offset.reset uses) and OffsetsForLeaderEpoch (KIP-320 position
// validation). Fields follow the request/response JSON schemas in
// clients/src/main/resources/common/message/, trimmed to what the simulation uses.

import type { ErrorCode } from "./errors.ts";
import type { IsolationLevelCode, TopicPartitionRef } from "./messages.ts";

/** A partition list per topic, as ConsumerProtocolSubscription/Assignment carry them. */
export type PartitionList = readonly TopicPartitionRef[];

/** ConsumerProtocolSubscription (v1+ carries owned partitions and the generation, KIP-429/KIP-792). */
export interface Subscription {
  readonly topics: readonly string[];
  readonly ownedPartitions: PartitionList;
  readonly generationId: number;
  /** v3 rack_id: the member's client.rack (KIP-881); absent without one. */
  readonly rackId?: string;
}

export interface JoinGroupProtocol {
  /** Assignor name ("range", "cooperative-sticky", ...). */
  readonly name: string;
  readonly metadata: Subscription;
}

export interface JoinGroupMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly metadata: Subscription;
}

/** FindCoordinatorRequest.KeyType: a group id (0) or a transactional.id (1). */
export type CoordinatorKeyType = "group" | "transaction";

export interface FindCoordinatorRequest {
  readonly kind: "FindCoordinator";
  readonly correlationId: number;
  readonly key: string;
  readonly keyType: CoordinatorKeyType;
}

export interface FindCoordinatorResponse {
  readonly kind: "FindCoordinatorResponse";
  readonly correlationId: number;
  readonly error: ErrorCode;
  readonly nodeId: number;
}

export interface JoinGroupRequest {
  readonly kind: "JoinGroup";
  readonly correlationId: number;
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  /** "" on the first join (KIP-394: the coordinator answers MEMBER_ID_REQUIRED with one). */
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly protocolType: "consumer";
  /** In the member's preference order. */
  readonly protocols: readonly JoinGroupProtocol[];
  readonly reason: string;
}

export interface JoinGroupResponse {
  readonly kind: "JoinGroupResponse";
  readonly correlationId: number;
  readonly error: ErrorCode;
  readonly generationId: number;
  readonly protocolName: string | null;
  readonly leader: string;
  /** KIP-814: a static leader that rejoined a stable group must not re-assign. */
  readonly skipAssignment: boolean;
  readonly memberId: string;
  /** Every member's subscription, for the leader only. */
  readonly members: readonly JoinGroupMember[];
}

export interface SyncGroupRequest {
  readonly kind: "SyncGroup";
  readonly correlationId: number;
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly protocolName: string | null;
  /** From the leader only: the assignment of every member. */
  readonly assignments: readonly { readonly memberId: string; readonly partitions: PartitionList }[];
}

export interface SyncGroupResponse {
  readonly kind: "SyncGroupResponse";
  readonly correlationId: number;
  readonly error: ErrorCode;
  readonly protocolName: string | null;
  readonly assignment: PartitionList;
}

export interface HeartbeatRequest {
  readonly kind: "Heartbeat";
  readonly correlationId: number;
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
}

export interface HeartbeatResponse {
  readonly kind: "HeartbeatResponse";
  readonly correlationId: number;
  readonly error: ErrorCode;
}

export interface LeaveGroupRequest {
  readonly kind: "LeaveGroup";
  readonly correlationId: number;
  readonly groupId: string;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly reason: string;
}

export interface LeaveGroupResponse {
  readonly kind: "LeaveGroupResponse";
  readonly correlationId: number;
  readonly error: ErrorCode;
}

export interface OffsetCommitRequest {
  readonly kind: "OffsetCommit";
  readonly correlationId: number;
  readonly groupId: string;
  /** -1 for a commit outside group management (simple consumer). */
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly offsets: readonly (TopicPartitionRef & { readonly offset: number })[];
}

export interface OffsetCommitResponse {
  readonly kind: "OffsetCommitResponse";
  readonly correlationId: number;
  readonly partitions: readonly (TopicPartitionRef & { readonly error: ErrorCode })[];
}

export interface OffsetFetchRequest {
  readonly kind: "OffsetFetch";
  readonly correlationId: number;
  readonly groupId: string;
  readonly partitions: PartitionList;
  /** KIP-447 require_stable (set by read_committed consumers): pending transactional offsets answer UNSTABLE_OFFSET_COMMIT. */
  readonly requireStable?: true;
}

export interface OffsetFetchResponse {
  readonly kind: "OffsetFetchResponse";
  readonly correlationId: number;
  readonly error: ErrorCode;
  /** offset -1: nothing committed; error only when not NONE (UNSTABLE_OFFSET_COMMIT). */
  readonly partitions: readonly (TopicPartitionRef & { readonly offset: number; readonly error?: ErrorCode })[];
}

/** ListOffsetsRequest's special timestamps. */
export const EARLIEST_TIMESTAMP = -2;
export const LATEST_TIMESTAMP = -1;
/** KIP-734 (ListOffsets v7+): the record with the largest timestamp. */
export const MAX_TIMESTAMP = -3;
/** KIP-1005 (ListOffsets v8+): the local log's start (without tiered storage, the log start). */
export const EARLIEST_LOCAL_TIMESTAMP = -4;

export interface ListOffsetsRequest {
  readonly kind: "ListOffsets";
  readonly correlationId: number;
  readonly replicaId: number;
  /** LATEST is the HW for READ_UNCOMMITTED, the last stable offset for READ_COMMITTED. */
  readonly isolationLevel: IsolationLevelCode;
  readonly partitions: readonly (TopicPartitionRef & { readonly currentLeaderEpoch: number; readonly timestamp: number })[];
}

export interface ListOffsetsResponse {
  readonly kind: "ListOffsetsResponse";
  readonly correlationId: number;
  /** `timestamp`: the record's found by a timestamp lookup, else -1. */
  readonly partitions: readonly (TopicPartitionRef & { readonly error: ErrorCode; readonly offset: number; readonly timestamp: number; readonly leaderEpoch: number })[];
}

/**
 * OffsetsForLeaderEpoch (OffsetForLeaderEpochRequest.json v4, KIP-320) as a consumer sends it
 * (replicaId -1): per partition the epoch of the last consumed record and the epoch the
 * consumer believes the leader has.
 */
export interface OffsetsForLeaderEpochRequest {
  readonly kind: "OffsetsForLeaderEpoch";
  readonly correlationId: number;
  readonly replicaId: number;
  readonly partitions: readonly (TopicPartitionRef & { readonly currentLeaderEpoch: number; readonly leaderEpoch: number })[];
}

/** EpochEndOffset per partition: the largest epoch ≤ the one asked for and where it ends (-1/-1 when unknown). */
export interface OffsetsForLeaderEpochResponse {
  readonly kind: "OffsetsForLeaderEpochResponse";
  readonly correlationId: number;
  readonly partitions: readonly (TopicPartitionRef & { readonly error: ErrorCode; readonly leaderEpoch: number; readonly endOffset: number })[];
}

/**
 * ConsumerGroupHeartbeat (KIP-848, ConsumerGroupHeartbeatRequest.json): join (memberEpoch 0),
 * heartbeat and acknowledge (the member's epoch), leave (-1) or a static member's temporary
 * leave (-2). kafkasim sends the subscription and owned partitions in every request.
 */
export interface ConsumerGroupHeartbeatRequest {
  readonly kind: "ConsumerGroupHeartbeat";
  readonly correlationId: number;
  readonly groupId: string;
  /** Generated by the client (KIP-1082) and kept for the consumer's lifetime. */
  readonly memberId: string;
  readonly memberEpoch: number;
  readonly instanceId: string | null;
  readonly rebalanceTimeoutMs: number;
  readonly subscribedTopicNames: readonly string[];
  /** group.remote.assignor; null lets the coordinator pick its first group.consumer.assignors. */
  readonly serverAssignor: string | null;
  /** The partitions the member owns now: how it acknowledges a revocation. */
  readonly ownedPartitions: PartitionList;
}

export interface ConsumerGroupHeartbeatResponse {
  readonly kind: "ConsumerGroupHeartbeatResponse";
  readonly correlationId: number;
  readonly error: ErrorCode;
  readonly memberId: string;
  readonly memberEpoch: number;
  readonly heartbeatIntervalMs: number;
  /** The partitions the member may own at memberEpoch; null when not sent. */
  readonly assignment: PartitionList | null;
}

export type GroupMessage =
  | OffsetsForLeaderEpochRequest
  | OffsetsForLeaderEpochResponse
  | ConsumerGroupHeartbeatRequest
  | ConsumerGroupHeartbeatResponse
  | FindCoordinatorRequest
  | FindCoordinatorResponse
  | JoinGroupRequest
  | JoinGroupResponse
  | SyncGroupRequest
  | SyncGroupResponse
  | HeartbeatRequest
  | HeartbeatResponse
  | LeaveGroupRequest
  | LeaveGroupResponse
  | OffsetCommitRequest
  | OffsetCommitResponse
  | OffsetFetchRequest
  | OffsetFetchResponse
  | ListOffsetsRequest
  | ListOffsetsResponse;

/** Requests the group coordinator serves (routed there by the broker). */
export type GroupCoordinatorRequest = ConsumerGroupHeartbeatRequest | JoinGroupRequest | SyncGroupRequest | HeartbeatRequest | LeaveGroupRequest | OffsetCommitRequest | OffsetFetchRequest;
