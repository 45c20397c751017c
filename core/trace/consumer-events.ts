// Trace events of a consumer client: its fetcher, poll loop and commits (KafkaConsumer,
// Fetcher, ConsumerCoordinator's commit path).

export interface ConsumerSeek {
  readonly kind: "ConsumerSeek";
  readonly group: string;
  readonly partition: number;
  readonly offset: number;
  readonly reason: string;
}

export interface ConsumerFetchError {
  readonly kind: "ConsumerFetchError";
  readonly group: string;
  readonly partition: number;
  readonly error: string;
  readonly position: number;
}

/**
 * KIP-320: OffsetsForLeaderEpoch confirmed a position after a leader change: the leader's
 * log still holds epoch `offsetEpoch` up to `endOffset` ≥ `position`.
 */
export interface ConsumerPositionValidated extends ValidationAnswer {
  readonly kind: "ConsumerPositionValidated";
}

/** A position (offset and the epoch of its last record) and the leader's end offset for that epoch. */
interface ValidationAnswer {
  readonly group: string;
  readonly partition: number;
  readonly position: number;
  readonly offsetEpoch: number;
  readonly endOffset: number;
  readonly endEpoch: number;
}

/**
 * KIP-320: the leader's log ends epoch `offsetEpoch` at `endOffset` < `position` (or knows no
 * end offset, -1): records the consumer already read were truncated. `action`: "seek" to
 * `endOffset` (any auto.offset.reset but none), "reset" by auto.offset.reset (no end offset
 * known), "LogTruncationException" (auto.offset.reset=none: the partition stops).
 */
export interface ConsumerLogTruncation extends ValidationAnswer {
  readonly kind: "ConsumerLogTruncation";
  readonly action: "seek" | "reset" | "LogTruncationException";
}

export interface RecordsProcessed {
  readonly kind: "RecordsProcessed";
  readonly group: string;
  readonly records: number;
  readonly tookMs: number;
}

export interface OffsetsCommitted {
  readonly kind: "OffsetsCommitted";
  readonly group: string;
  readonly member: string;
  readonly generation: number;
  /** "partition:offset" per committed partition. */
  readonly offsets: readonly string[];
}

export interface OffsetCommitFailed {
  readonly kind: "OffsetCommitFailed";
  readonly group: string;
  readonly member: string;
  readonly error: string;
}

export interface CommitSyncFailed {
  readonly kind: "CommitSyncFailed";
  readonly reason: string;
  readonly error: string;
}

export interface ConsumerFailed {
  readonly kind: "ConsumerFailed";
  readonly group: string;
  readonly error: string;
}

export type ConsumerEvent = ConsumerSeek | ConsumerFetchError | ConsumerPositionValidated | ConsumerLogTruncation | RecordsProcessed | OffsetsCommitted | OffsetCommitFailed | CommitSyncFailed | ConsumerFailed;
