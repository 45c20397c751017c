// The transaction APIs (KIP-98, KIP-890): what a transactional producer asks its transaction
// coordinator (AddPartitionsToTxn, AddOffsetsToTxn, EndTxn), what it asks the group coordinator
// (TxnOffsetCommit) and what the coordinator asks partition leaders
// (WriteTxnMarkers). Fields follow the JSON schemas in clients/src/main/resources/common/message/,
// trimmed to what the simulation uses; InitProducerId and FindCoordinator live with the others.

import type { ErrorCode } from "./errors.ts";
import type { TopicPartitionRef } from "./messages.ts";

export interface AddPartitionsToTxnRequest {
  readonly kind: "AddPartitionsToTxn";
  readonly correlationId: number;
  readonly transactionalId: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  /** KIP-890 part 1: a partition leader asks whether the partition is already in the transaction, adding nothing. */
  readonly verifyOnly: boolean;
  readonly partitions: readonly TopicPartitionRef[];
}

export interface AddPartitionsToTxnResponse {
  readonly kind: "AddPartitionsToTxnResponse";
  readonly correlationId: number;
  /** The top-level error (NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, ...), else NONE with one per partition. */
  readonly error: ErrorCode;
  readonly partitions: readonly (TopicPartitionRef & { readonly error: ErrorCode })[];
}

export interface EndTxnRequest {
  readonly kind: "EndTxn";
  readonly correlationId: number;
  readonly transactionalId: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  /** true: commit, false: abort. */
  readonly committed: boolean;
}

export interface EndTxnResponse {
  readonly kind: "EndTxnResponse";
  readonly correlationId: number;
  readonly error: ErrorCode;
  /** EndTxn v5 (transaction.version 2): the epoch the producer uses from now on (every EndTxn bumps it); -1 before. */
  readonly producerId: number;
  readonly producerEpoch: number;
}

/** AddOffsetsToTxn: the group's __consumer_offsets partition joins the transaction (sendOffsetsToTransaction, KIP-98). */
export interface AddOffsetsToTxnRequest {
  readonly kind: "AddOffsetsToTxn";
  readonly correlationId: number;
  readonly transactionalId: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly groupId: string;
}

export interface AddOffsetsToTxnResponse {
  readonly kind: "AddOffsetsToTxnResponse";
  readonly correlationId: number;
  readonly error: ErrorCode;
}

/**
 * TxnOffsetCommit (v3+, KIP-447): the consumer's offsets written to the group coordinator inside
 * the producer's transaction, with the consumer's group metadata so that a member fenced by a
 * rebalance cannot commit.
 */
export interface TxnOffsetCommitRequest {
  readonly kind: "TxnOffsetCommit";
  readonly correlationId: number;
  readonly transactionalId: string;
  readonly groupId: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly offsets: readonly (TopicPartitionRef & { readonly offset: number })[];
}

export interface TxnOffsetCommitResponse {
  readonly kind: "TxnOffsetCommitResponse";
  readonly correlationId: number;
  readonly partitions: readonly (TopicPartitionRef & { readonly error: ErrorCode })[];
}

/** One WritableTxnMarker: the end of one producer's transaction on some partitions. */
export interface TxnMarker {
  readonly producerId: number;
  readonly producerEpoch: number;
  /** true: COMMIT, false: ABORT. */
  readonly transactionResult: boolean;
  readonly coordinatorEpoch: number;
  readonly partitions: readonly TopicPartitionRef[];
}

export interface WriteTxnMarkersRequest {
  readonly kind: "WriteTxnMarkers";
  readonly correlationId: number;
  readonly markers: readonly TxnMarker[];
}

export interface WriteTxnMarkersResponse {
  readonly kind: "WriteTxnMarkersResponse";
  readonly correlationId: number;
  readonly markers: readonly { readonly producerId: number; readonly partitions: readonly (TopicPartitionRef & { readonly error: ErrorCode })[] }[];
}

export type TxnMessage = AddOffsetsToTxnRequest | AddOffsetsToTxnResponse | TxnOffsetCommitRequest | TxnOffsetCommitResponse | AddPartitionsToTxnRequest | AddPartitionsToTxnResponse | EndTxnRequest | EndTxnResponse | WriteTxnMarkersRequest | WriteTxnMarkersResponse;
