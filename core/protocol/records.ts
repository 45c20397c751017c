// Record batches as Kafka's v2 format carries them (DefaultRecordBatch), minus the value
// bytes. A batch is the unit everywhere: the producer seals it once, and the leader's log, the
// followers' logs, fetch responses and the consumers all share the same immutable columns.
// A record is one row of those columns, never an object: its run-unique id `rid` (the
// checker follows records by it, as Jepsen tests write unique values), its key (an id into
// the batch's `keys`), its value size (TOMBSTONE = null value) and its timestamp. Columns that
// would hold one value for every record (dense offsets, no keys, one value size, one
// timestamp) are not stored at all; see RecordLayout.

import type { CompressionCode } from "./compression.ts";
import type { CoordinatorRecord } from "./coordinator-records.ts";

export const NO_PRODUCER_ID = -1;
export const NO_PRODUCER_EPOCH = -1;
export const NO_SEQUENCE = -1;
/** Key id of a record without a key. */
export const NO_KEY = -1;
/** Value size of a tombstone (a null value: a delete on a compacted topic). */
export const TOMBSTONE = -1;
/** Bytes of a v2 batch header (DefaultRecordBatch.RECORD_BATCH_OVERHEAD). */
export const BATCH_OVERHEAD_BYTES = 61;

/** ControlRecordType: the key of a control batch's one record. */
export const ControlType = { ABORT: 0, COMMIT: 1 } as const;
export type ControlTypeCode = (typeof ControlType)[keyof typeof ControlType];

/**
 * A transaction marker (EndTransactionMarker): the one record of a control batch, written by
 * WriteTxnMarkers for a producer's transaction on this partition, with the epoch of the
 * transaction coordinator that wrote it (a marker from an older coordinator is fenced).
 */
export interface ControlMarker {
  readonly type: ControlTypeCode;
  readonly coordinatorEpoch: number;
}

/** Bytes of a control batch: its header and one record of a 4-byte key and 6-byte value (EndTransactionMarker). */
export const CONTROL_BATCH_BYTES = BATCH_OVERHEAD_BYTES + recordSizeBytes(4, 6);

/** What a batch's key ids stand for: the writer's key table (the bytes a real batch carries). */
export interface KeyNames {
  name(id: number): string;
}

/**
 * Real record contents, for records that came from a real client: kept per batch, one entry
 * per stored record, in the order of the columns. Generated workloads carry none.
 */
export interface RecordPayload {
  readonly keys: readonly (Uint8Array | null)[];
  readonly values: readonly (Uint8Array | null)[];
  readonly headers: readonly (readonly { readonly key: string; readonly value: Uint8Array | null }[])[];
}

/** Which optional columns a batch stores after its rid column, in this order. */
export const RecordLayout = {
  /** Offset deltas are not 0..count-1 (compaction removed records; offsets are never renumbered). */
  SPARSE_OFFSETS: 1,
  /** Some record has a key. */
  KEYED: 2,
  /** Value sizes differ (otherwise every record has `valueSize`). */
  VALUE_SIZES: 4,
  /** Timestamps differ (otherwise every record has `baseTimestampMs`). */
  TIMESTAMPS: 8,
  /**
   * With KEYED and TIMESTAMPS: one column holds both, key id + 1 in the low 20 bits and the
   * timestamp delta in the 11 above (a batch spans a linger, not seconds), saving a column.
   */
  KEY_TIME_PACKED: 16,
} as const;

/** Bits of the key id + 1 in a packed key-and-timestamp value; the delta lies above. */
export const PACKED_KEY_BITS = 20;
/** Largest timestamp delta a packed value holds. */
export const PACKED_MAX_DELTA_MS = 2047;

/** Column index (in units of `count`) of each optional column, by the layout bits below it. */
const columnsBelow = (layout: number, bit: number): number => {
  let n = 1; // the rid column comes first
  for (let b = 1; b < bit; b <<= 1) if ((layout & b) !== 0) n++;
  return n;
};
const KEY_COLUMN = Int8Array.from({ length: 32 }, (_, l) => columnsBelow(l, RecordLayout.KEYED));
const VALUE_COLUMN = Int8Array.from({ length: 32 }, (_, l) => columnsBelow(l, RecordLayout.VALUE_SIZES));
const TIMESTAMP_COLUMN = Int8Array.from({ length: 32 }, (_, l) => columnsBelow(l, RecordLayout.TIMESTAMPS));
const KEY_MASK = (1 << PACKED_KEY_BITS) - 1;

/** Where a batch's columns live: `count` rows per present column from `at` in `data` (a slab shared by many batches). */
export interface RecordColumns {
  readonly count: number;
  readonly layout: number;
  readonly data: Int32Array;
  readonly at: number;
  readonly valueSize: number;
  readonly baseTimestampMs: number;
  /** Latest timestamp among the rows (a batch header may say otherwise: the header's counts). */
  readonly maxTimestampMs: number;
  readonly keys: KeyNames | null;
  /** Only in __consumer_offsets: the coordinator record of each row (Kafka serializes it as key/value bytes). */
  readonly coordinator: readonly CoordinatorRecord[] | null;
  readonly payload: RecordPayload | null;
}

/** The rid of row `i`: the rid column comes first in every layout. */
export function ridAt(c: RecordColumns, i: number): number {
  return c.data[c.at + i]!;
}

/** The header fields a writer sets; the rest of a batch is its columns. */
export interface BatchHeader {
  readonly baseOffset: number;
  /** Offset of the last record relative to baseOffset (kept when compaction empties the tail). */
  readonly lastOffsetDelta: number;
  /** Epoch of the leader that appended the batch (KIP-101): the basis of truncation. */
  readonly partitionLeaderEpoch: number;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly maxTimestampMs: number;
  readonly sizeBytes: number;
  /** KIP-534: set by the first cleaning that keeps a tombstone in this batch; tombstones go at or after it. */
  readonly deleteHorizonMs: number | undefined;
  /** The codec of its records (the attributes' compression bits); sizeBytes counts them compressed. */
  readonly compression: CompressionCode;
  /** The attributes' isTransactional bit: the records belong to a transaction of the producer. */
  readonly isTransactional: boolean;
  /** The attributes' isControl bit, with the marker its one record holds; null for data batches. */
  readonly control: ControlMarker | null;
}

/** Header and column fields few batches set (compaction, transactions, coordinators, real clients), kept apart. */
interface RareFields {
  readonly deleteHorizonMs: number | undefined;
  readonly control: ControlMarker | null;
  readonly coordinator: readonly CoordinatorRecord[] | null;
  readonly payload: RecordPayload | null;
}

// How `RecordBatch.bits` packs the codec, the isTransactional bit and the layout, as a v2
// batch packs its attributes: a batch lives for the whole run (every replica shares it), so
// each field it drops saves 8 bytes a batch.
const COMPRESSION_MASK = 7;
const TRANSACTIONAL_BIT = 8;
const LAYOUT_SHIFT = 4;

export class RecordBatch implements BatchHeader, RecordColumns {
  readonly baseOffset: number;
  readonly lastOffsetDelta: number;
  readonly partitionLeaderEpoch: number;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
  readonly maxTimestampMs: number;
  readonly sizeBytes: number;
  /** Records stored (fewer than lastOffsetDelta + 1 once compaction removed some). */
  readonly count: number;
  readonly data: Int32Array;
  readonly at: number;
  readonly valueSize: number;
  readonly baseTimestampMs: number;
  readonly keys: KeyNames | null;
  private readonly bits: number;
  private readonly rare: RareFields | null;

  constructor(h: BatchHeader, c: RecordColumns) {
    this.baseOffset = h.baseOffset;
    this.lastOffsetDelta = h.lastOffsetDelta;
    this.partitionLeaderEpoch = h.partitionLeaderEpoch;
    this.producerId = h.producerId;
    this.producerEpoch = h.producerEpoch;
    this.baseSequence = h.baseSequence;
    this.maxTimestampMs = h.maxTimestampMs;
    this.sizeBytes = h.sizeBytes;
    this.count = c.count;
    this.data = c.data;
    this.at = c.at;
    this.valueSize = c.valueSize;
    this.baseTimestampMs = c.baseTimestampMs;
    this.keys = c.keys;
    this.bits = h.compression | (h.isTransactional ? TRANSACTIONAL_BIT : 0) | (c.layout << LAYOUT_SHIFT);
    const rare = h.deleteHorizonMs !== undefined || h.control !== null || c.coordinator !== null || c.payload !== null;
    this.rare = rare ? { deleteHorizonMs: h.deleteHorizonMs, control: h.control, coordinator: c.coordinator, payload: c.payload } : null;
  }

  get compression(): CompressionCode {
    return (this.bits & COMPRESSION_MASK) as CompressionCode;
  }

  get isTransactional(): boolean {
    return (this.bits & TRANSACTIONAL_BIT) !== 0;
  }

  get layout(): number {
    return this.bits >>> LAYOUT_SHIFT;
  }

  get deleteHorizonMs(): number | undefined {
    return this.rare === null ? undefined : this.rare.deleteHorizonMs;
  }

  get control(): ControlMarker | null {
    return this.rare === null ? null : this.rare.control;
  }

  /** Only in __consumer_offsets: the coordinator record of each row (Kafka serializes it as key/value bytes). */
  get coordinator(): readonly CoordinatorRecord[] | null {
    return this.rare === null ? null : this.rare.coordinator;
  }

  get payload(): RecordPayload | null {
    return this.rare === null ? null : this.rare.payload;
  }

  /** The same records under other header fields (the columns are shared, never copied). */
  with(changes: Partial<BatchHeader>): RecordBatch {
    return new RecordBatch({ ...this.header(), ...changes }, this);
  }

  header(): BatchHeader {
    const { baseOffset, lastOffsetDelta, partitionLeaderEpoch, producerId, producerEpoch, baseSequence, maxTimestampMs, sizeBytes, deleteHorizonMs, compression, isTransactional, control } = this;
    return { baseOffset, lastOffsetDelta, partitionLeaderEpoch, producerId, producerEpoch, baseSequence, maxTimestampMs, sizeBytes, deleteHorizonMs, compression, isTransactional, control };
  }

  ridAt(i: number): number {
    return this.data[this.at + i]!;
  }

  offsetDeltaAt(i: number): number {
    return (this.layout & RecordLayout.SPARSE_OFFSETS) === 0 ? i : this.data[this.at + this.count + i]!;
  }

  offsetAt(i: number): number {
    return this.baseOffset + this.offsetDeltaAt(i);
  }

  /** NO_KEY for a record without a key. */
  keyIdAt(i: number): number {
    const l = this.layout;
    if ((l & RecordLayout.KEYED) === 0) return NO_KEY;
    const v = this.data[this.at + this.count * KEY_COLUMN[l]! + i]!;
    return (l & RecordLayout.KEY_TIME_PACKED) === 0 ? v : (v & KEY_MASK) - 1;
  }

  keyAt(i: number): string | null {
    const id = this.keyIdAt(i);
    return id === NO_KEY || this.keys === null ? null : this.keys.name(id);
  }

  /** TOMBSTONE for a null value. */
  valueSizeAt(i: number): number {
    const l = this.layout;
    return (l & RecordLayout.VALUE_SIZES) === 0 ? this.valueSize : this.data[this.at + this.count * VALUE_COLUMN[l]! + i]!;
  }

  isTombstoneAt(i: number): boolean {
    return this.valueSizeAt(i) === TOMBSTONE;
  }

  timestampAt(i: number): number {
    const l = this.layout;
    if ((l & RecordLayout.TIMESTAMPS) === 0) return this.baseTimestampMs;
    if ((l & RecordLayout.KEY_TIME_PACKED) !== 0) return this.baseTimestampMs + (this.data[this.at + this.count * KEY_COLUMN[l]! + i]! >>> PACKED_KEY_BITS);
    return this.baseTimestampMs + this.data[this.at + this.count * TIMESTAMP_COLUMN[l]! + i]!;
  }

  /** LogValidator.validateKey's question: is some record of the batch without a key? */
  hasRecordWithoutKey(): boolean {
    if ((this.layout & RecordLayout.KEYED) === 0) return this.count > 0;
    for (let i = 0; i < this.count; i++) if (this.keyIdAt(i) === NO_KEY) return true;
    return false;
  }

  /** Index of the first stored record at or after `offset` (count if none). */
  indexAtOrAfter(offset: number): number {
    const delta = offset - this.baseOffset;
    if (delta <= 0) return 0;
    if ((this.layout & RecordLayout.SPARSE_OFFSETS) === 0) return Math.min(delta, this.count);
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsetDeltaAt(mid) < delta) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export function lastOffsetOf(batch: BatchHeader): number {
  return batch.baseOffset + batch.lastOffsetDelta;
}

export function lastSequenceOf(batch: BatchHeader): number {
  if (batch.baseSequence === NO_SEQUENCE) return NO_SEQUENCE;
  return (batch.baseSequence + batch.lastOffsetDelta) % 2147483648;
}

/** Bytes of the records of a batch, uncompressed (what a codec reads or writes). */
export function uncompressedRecordsBytes(batch: RecordBatch): number {
  let bytes = 0;
  for (let i = 0; i < batch.count; i++) {
    const key = batch.keyAt(i);
    bytes += recordSizeBytes(key === null ? null : key.length, batch.valueSizeAt(i));
  }
  return bytes;
}

/** Size of one record in a v2 batch: varint-framed attributes, deltas, key and value. */
export function recordSizeBytes(keyLength: number | null, valueSize: number): number {
  return 8 + (keyLength === null ? 1 : keyLength + 1) + (valueSize === TOMBSTONE ? 1 : valueSize + 2);
}
