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

export type ConsumerEvent = ConsumerSeek | ConsumerFetchError | RecordsProcessed | OffsetsCommitted | OffsetCommitFailed | CommitSyncFailed | ConsumerFailed;
