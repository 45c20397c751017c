// The messages nodes exchange, named after Kafka's APIs (ApiKeys) and carrying the fields
// the simulated behaviour needs. Requests carry a correlationId that the response echoes,
// as on Kafka's wire. The union is discriminated on `kind`.

import type { ErrorCode } from "./errors.ts";
import type { GroupMessage } from "./group-messages.ts";
import type { MetadataRecord } from "./metadata-records.ts";
import type { RecordBatch } from "./records.ts";
import type { RaftMessage } from "../raft/raft-messages.ts";
import type { TxnMessage } from "./txn-messages.ts";

export interface TopicPartitionRef {
  readonly topic: string;
  readonly partition: number;
}

// ---- Produce ----------------------------------------------------------------------------

export interface ProduceRequest {
  readonly kind: "Produce";
  readonly correlationId: number;
  /** -1 (all), 0 or 1. */
  readonly acks: number;
  readonly timeoutMs: number;
  /** The producer's transactional.id, or null. */
  readonly transactionalId: string | null;
  readonly partitions: readonly (TopicPartitionRef & { readonly batch: RecordBatch })[];
}

export interface ProducePartitionResponse extends TopicPartitionRef {
  readonly error: ErrorCode;
  readonly baseOffset: number;
  readonly logStartOffset: number;
}

export interface ProduceResponse {
  readonly kind: "ProduceResponse";
  readonly correlationId: number;
  readonly partitions: readonly ProducePartitionResponse[];
}

/**
 * The first request on a new connection (NetworkClient's CHECKING_API_VERSIONS state): the
 * connection is ready for other requests only once the response is back.
 */
export interface ApiVersionsRequest {
  readonly kind: "ApiVersions";
  readonly correlationId: number;
}

export interface ApiVersionsResponse {
  readonly kind: "ApiVersionsResponse";
  readonly correlationId: number;
}

export interface InitProducerIdRequest {
  readonly kind: "InitProducerId";
  readonly correlationId: number;
  /** null for an idempotent producer (any broker answers); else sent to its transaction coordinator. */
  readonly transactionalId: string | null;
  readonly transactionTimeoutMs: number;
  /** The current id and epoch when re-initializing (KIP-360), else -1. */
  readonly producerId: number;
  readonly producerEpoch: number;
}

export interface InitProducerIdResponse {
  readonly kind: "InitProducerIdResponse";
  readonly correlationId: number;
  readonly error: ErrorCode;
  readonly producerId: number;
  readonly producerEpoch: number;
}

// ---- Fetch (followers and consumers) ----------------------------------------------------

export interface FetchPartition extends TopicPartitionRef {
  readonly currentLeaderEpoch: number;
  readonly fetchOffset: number;
  /** Epoch of the last batch the fetcher has (KIP-595 style divergence check); -1 if none. */
  readonly lastFetchedEpoch: number;
  readonly partitionMaxBytes: number;
}

/** IsolationLevel: READ_UNCOMMITTED reads to the high watermark, READ_COMMITTED to the last stable offset. */
export const IsolationLevel = { READ_UNCOMMITTED: 0, READ_COMMITTED: 1 } as const;
export type IsolationLevelCode = (typeof IsolationLevel)[keyof typeof IsolationLevel];

/** FetchResponse.AbortedTransaction: a producer's aborted transaction that starts at firstOffset. */
export interface AbortedTransaction {
  readonly producerId: number;
  readonly firstOffset: number;
}

export interface FetchRequest {
  readonly kind: "Fetch";
  readonly correlationId: number;
  /** Broker id of a follower, or -1 for a consumer. */
  readonly replicaId: number;
  readonly replicaEpoch: number;
  readonly maxWaitMs: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  /** Followers always READ_UNCOMMITTED. */
  readonly isolationLevel: IsolationLevelCode;
  readonly partitions: readonly FetchPartition[];
  /** A consumer's client.rack (Fetch v11+ rack_id, KIP-392); absent from followers and consumers without one. */
  readonly rackId?: string;
}

export interface FetchPartitionResponse extends TopicPartitionRef {
  readonly error: ErrorCode;
  readonly highWatermark: number;
  /** UnifiedLog.lastStableOffset: below it every transaction is decided; -1 with an error. */
  readonly lastStableOffset: number;
  readonly logStartOffset: number;
  /** READ_COMMITTED only: the aborted transactions overlapping the batches returned, else null. */
  readonly abortedTransactions: readonly AbortedTransaction[] | null;
  /** Set when the fetcher's log diverged from the leader's (KIP-320/KIP-595). */
  readonly divergingEpoch: { readonly epoch: number; readonly endOffset: number } | null;
  readonly batches: readonly RecordBatch[];
  /** KIP-392: the leader asks a consumer to fetch from this replica instead (and sent no records); absent when not. */
  readonly preferredReadReplica?: number;
}

export interface FetchResponse {
  readonly kind: "FetchResponse";
  readonly correlationId: number;
  readonly error: ErrorCode;
  readonly partitions: readonly FetchPartitionResponse[];
}

// ---- Metadata (clients) -----------------------------------------------------------------

export interface MetadataRequest {
  readonly kind: "Metadata";
  readonly correlationId: number;
  /** null = all topics. */
  readonly topics: readonly string[] | null;
  /** MetadataRequest.AllowAutoTopicCreation (set by serve's real clients; modelled clients never ask). */
  readonly allowAutoTopicCreation?: boolean;
}

// ---- CreateTopics (admin clients; a broker forwards it to the active controller) ---------

export interface CreatableTopic {
  readonly name: string;
  /** -1: num.partitions (or a manual assignment). */
  readonly numPartitions: number;
  /** -1: default.replication.factor (or a manual assignment). */
  readonly replicationFactor: number;
  readonly assignments: readonly { readonly partitionIndex: number; readonly brokerIds: readonly number[] }[];
  readonly configs: readonly { readonly name: string; readonly value: string | null }[];
}

export interface CreateTopicsRequest {
  readonly kind: "CreateTopics";
  readonly correlationId: number;
  readonly topics: readonly CreatableTopic[];
  readonly timeoutMs: number;
  readonly validateOnly: boolean;
}

export interface CreatableTopicResult {
  readonly name: string;
  readonly error: ErrorCode;
  readonly errorMessage: string | null;
  readonly numPartitions: number;
  readonly replicationFactor: number;
}

export interface CreateTopicsResponse {
  readonly kind: "CreateTopicsResponse";
  readonly correlationId: number;
  readonly topics: readonly CreatableTopicResult[];
  /** NOT_CONTROLLER from a controller that is not active: the Raft leader it knows, -1 when none. */
  readonly controllerId?: number;
}

export interface PartitionMetadata {
  readonly partition: number;
  readonly error: ErrorCode;
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

export interface MetadataResponse {
  readonly kind: "MetadataResponse";
  readonly correlationId: number;
  readonly brokers: readonly number[];
  readonly topics: readonly { readonly name: string; readonly error: ErrorCode; readonly partitions: readonly PartitionMetadata[] }[];
  /** broker.rack of brokers 1..n (MetadataResponseBroker.rack); absent when the brokers have none. */
  readonly brokerRacks?: readonly string[];
}

// ---- KRaft broker lifecycle and partition changes ---------------------------------------

export interface BrokerRegistrationRequest {
  readonly kind: "BrokerRegistration";
  readonly correlationId: number;
  readonly brokerId: number;
  /** A fresh id per process start, as Kafka's incarnationId. */
  readonly incarnationId: number;
}

export interface BrokerRegistrationResponse {
  readonly kind: "BrokerRegistrationResponse";
  readonly correlationId: number;
  readonly error: ErrorCode;
  readonly brokerEpoch: number;
  /** NOT_CONTROLLER from a controller that is not active: the Raft leader it knows, -1 when none. */
  readonly controllerId?: number;
}

export interface BrokerHeartbeatRequest {
  readonly kind: "BrokerHeartbeat";
  readonly correlationId: number;
  readonly brokerId: number;
  readonly brokerEpoch: number;
  readonly currentMetadataOffset: number;
  readonly wantFence: boolean;
  readonly wantShutDown: boolean;
}

export interface BrokerHeartbeatResponse {
  readonly kind: "BrokerHeartbeatResponse";
  readonly correlationId: number;
  readonly error: ErrorCode;
  readonly isCaughtUp: boolean;
  readonly isFenced: boolean;
  readonly shouldShutDown: boolean;
  /** NOT_CONTROLLER from a controller that is not active: the Raft leader it knows, -1 when none. */
  readonly controllerId?: number;
}

/** The brokers' long-poll on the metadata log (KRaft's Fetch on __cluster_metadata). */
export interface MetadataFetchRequest {
  readonly kind: "MetadataFetch";
  readonly correlationId: number;
  readonly brokerId: number;
  readonly fetchOffset: number;
  readonly maxWaitMs: number;
}

export interface MetadataFetchResponse {
  readonly kind: "MetadataFetchResponse";
  readonly correlationId: number;
  readonly records: readonly MetadataRecord[];
  readonly highWatermark: number;
  /**
   * With a controller quorum only: NOT_LEADER_OR_FOLLOWER from a controller that is not the
   * Raft leader, with the leader it knows (`leaderId`, -1 when none) for the broker to fetch from.
   */
  readonly error?: ErrorCode;
  readonly leaderId?: number;
}

export interface AlterPartitionItem extends TopicPartitionRef {
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
  readonly newIsr: readonly number[];
}

export interface AlterPartitionRequest {
  readonly kind: "AlterPartition";
  readonly correlationId: number;
  readonly brokerId: number;
  readonly brokerEpoch: number;
  readonly partitions: readonly AlterPartitionItem[];
}

export interface AlterPartitionResponse {
  readonly kind: "AlterPartitionResponse";
  readonly correlationId: number;
  readonly error: ErrorCode;
  readonly partitions: readonly (TopicPartitionRef & {
    readonly error: ErrorCode;
    readonly leaderId: number;
    readonly leaderEpoch: number;
    readonly isr: readonly number[];
    readonly partitionEpoch: number;
  })[];
  /** NOT_CONTROLLER from a controller that is not active: the Raft leader it knows, -1 when none. */
  readonly controllerId?: number;
}

export type KafkaMessage =
  | ProduceRequest
  | ProduceResponse
  | InitProducerIdRequest
  | InitProducerIdResponse
  | ApiVersionsRequest
  | ApiVersionsResponse
  | FetchRequest
  | FetchResponse
  | MetadataRequest
  | MetadataResponse
  | CreateTopicsRequest
  | CreateTopicsResponse
  | BrokerRegistrationRequest
  | BrokerRegistrationResponse
  | BrokerHeartbeatRequest
  | BrokerHeartbeatResponse
  | MetadataFetchRequest
  | MetadataFetchResponse
  | AlterPartitionRequest
  | AlterPartitionResponse
  | RaftMessage
  | GroupMessage
  | TxnMessage;

export type KafkaMessageKind = KafkaMessage["kind"];
