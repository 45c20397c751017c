// Record batches as Kafka's v2 format carries them, minus the value bytes: a record keeps
// its key (compaction and partitioning need it), its value size (null = tombstone) and a
// run-unique id `rid` that the checker uses to follow it, as Jepsen tests write unique values.

import type { CoordinatorRecord } from "./coordinator-records.ts";

export interface LogRecord {
  /** Offset = batch.baseOffset + offsetDelta (compaction leaves gaps, never renumbers). */
  readonly offsetDelta: number;
  readonly rid: number;
  readonly key: string | null;
  /** Value size in bytes; null is a tombstone (a delete on a compacted topic). */
  readonly valueBytes: number | null;
  readonly timestampMs: number;
  /** Only in __consumer_offsets: the coordinator record (Kafka serializes it as key/value bytes). */
  readonly coordinator?: CoordinatorRecord;
}

export const NO_PRODUCER_ID = -1;
export const NO_PRODUCER_EPOCH = -1;
export const NO_SEQUENCE = -1;
/** Bytes of a v2 batch header (DefaultRecordBatch.RECORD_BATCH_OVERHEAD). */
export const BATCH_OVERHEAD_BYTES = 61;

export interface RecordBatch {
  readonly baseOffset: number;
  /** Offset of the last record relative to baseOffset (kept when compaction empties the tail). */
  readonly lastOffsetDelta: number;
  /** Epoch of the leader that appended the batch (KIP-101): the basis of truncation. */
  readonly partitionLeaderEpoch: number;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly maxTimestampMs: number;
  readonly records: readonly LogRecord[];
  readonly sizeBytes: number;
  /** KIP-534: set by the first cleaning that keeps a tombstone in this batch; tombstones go at or after it. */
  readonly deleteHorizonMs?: number;
}

export function lastOffsetOf(batch: RecordBatch): number {
  return batch.baseOffset + batch.lastOffsetDelta;
}

export function lastSequenceOf(batch: RecordBatch): number {
  if (batch.baseSequence === NO_SEQUENCE) return NO_SEQUENCE;
  return (batch.baseSequence + batch.lastOffsetDelta) % 2147483648;
}

/** Size of one record in a v2 batch: varint-framed attributes, deltas, key and value. */
export function recordSizeBytes(key: string | null, valueBytes: number | null): number {
  return 8 + (key === null ? 1 : key.length + 1) + (valueBytes === null ? 1 : valueBytes + 2);
}
