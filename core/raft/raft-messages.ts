// The KRaft quorum's RPCs between controllers (KIP-595; Kafka's VoteRequest.json,
// BeginQuorumEpochRequest.json, EndQuorumEpochRequest.json, FetchRequest.json on
// __cluster_metadata). Voters are named by their node id (1..N); `epoch` is the sender's
// current epoch. Brokers do not send these:
// their observer fetch is MetadataFetch (messages.ts), served up to the high watermark.

import type { ErrorCode } from "../protocol/errors.ts";
import type { RaftEntry } from "./raft-log.ts";

/** Vote and PreVote (KIP-996: `preVote` true, epoch not bumped, no state changes on the voter). */
export interface VoteRequest {
  readonly kind: "Vote";
  readonly candidateId: number;
  readonly epoch: number;
  readonly lastEpoch: number;
  readonly lastOffset: number;
  readonly preVote: boolean;
}

export interface VoteResponse {
  readonly kind: "VoteResponse";
  readonly voterId: number;
  readonly epoch: number;
  readonly granted: boolean;
  readonly preVote: boolean;
  /** The voter's known leader in `epoch`, -1 when none. */
  readonly leaderId: number;
}

/** A new leader tells the voters (KafkaRaftClient.maybeSendBeginQuorumEpochRequest). */
export interface BeginQuorumEpochRequest {
  readonly kind: "BeginQuorumEpoch";
  readonly leaderId: number;
  readonly epoch: number;
}

export interface BeginQuorumEpochResponse {
  readonly kind: "BeginQuorumEpochResponse";
  readonly voterId: number;
  readonly epoch: number;
}

/**
 * A leader that resigns tells the voters (KafkaRaftClient.pollResigned, EndQuorumEpochRequest.json):
 * `preferredSuccessors` are the other voters, the most caught up first.
 */
export interface EndQuorumEpochRequest {
  readonly kind: "EndQuorumEpoch";
  readonly leaderId: number;
  readonly epoch: number;
  readonly preferredSuccessors: readonly number[];
}

export interface EndQuorumEpochResponse {
  readonly kind: "EndQuorumEpochResponse";
  readonly voterId: number;
  readonly error: ErrorCode;
  readonly epoch: number;
  /** The voter's known leader in `epoch`, -1 when none. */
  readonly leaderId: number;
}

/** A voter's pull of the metadata log from the leader. */
export interface RaftFetchRequest {
  readonly kind: "RaftFetch";
  readonly replicaId: number;
  readonly epoch: number;
  readonly fetchOffset: number;
  readonly lastFetchedEpoch: number;
  readonly maxWaitMs: number;
}

export interface RaftFetchResponse {
  readonly kind: "RaftFetchResponse";
  readonly error: ErrorCode;
  readonly leaderId: number;
  readonly epoch: number;
  readonly highWatermark: number;
  readonly records: readonly RaftEntry[];
  /** Set when the follower's log diverges: truncate to the end of this epoch, then fetch again. */
  readonly divergingEpoch: { readonly epoch: number; readonly endOffset: number } | null;
}

export type RaftMessage =
  | VoteRequest
  | VoteResponse
  | BeginQuorumEpochRequest
  | BeginQuorumEpochResponse
  | EndQuorumEpochRequest
  | EndQuorumEpochResponse
  | RaftFetchRequest
  | RaftFetchResponse;
