// Record batches built by hand for rule and log tests: what Kafka's tests get from
// TestUtils.records / MemoryRecords.withRecords, as columns (core/protocol/records.ts).

import { KeyTable } from "../../core/protocol/key-table.ts";
import { columnsOf, RecordSlab } from "../../core/protocol/record-builder.ts";
import { CompressionType } from "../../core/protocol/compression.ts";
import { NO_KEY, NO_PRODUCER_EPOCH, NO_PRODUCER_ID, NO_SEQUENCE, RecordBatch, TOMBSTONE, type BatchHeader } from "../../core/protocol/records.ts";

/** One record: key null = no key, valueBytes null = tombstone. */
export interface TestRecord {
  readonly rid?: number;
  readonly key?: string | null;
  readonly valueBytes?: number | null;
  readonly timestampMs?: number;
  readonly offsetDelta?: number;
}

/** Every test batch's keys come from this table (tests compare keys by name anyway). */
export const TEST_KEYS = new KeyTable();
const slab = new RecordSlab(4096);

export function recordBatch(header: Partial<BatchHeader>, records: readonly TestRecord[]): RecordBatch {
  const rows = records.map((r, i) => ({
    rid: r.rid ?? i,
    offsetDelta: r.offsetDelta ?? i,
    keyId: r.key === undefined || r.key === null ? NO_KEY : TEST_KEYS.intern(r.key),
    valueSize: r.valueBytes === null ? TOMBSTONE : (r.valueBytes ?? 10),
    timestampMs: r.timestampMs ?? 0,
  }));
  const columns = columnsOf(slab, rows, TEST_KEYS);
  const full: BatchHeader = {
    baseOffset: 0,
    lastOffsetDelta: records.length === 0 ? 0 : (records.at(-1)!.offsetDelta ?? records.length - 1),
    partitionLeaderEpoch: 0,
    producerId: NO_PRODUCER_ID,
    producerEpoch: NO_PRODUCER_EPOCH,
    baseSequence: NO_SEQUENCE,
    maxTimestampMs: columns.maxTimestampMs,
    sizeBytes: 61 + 20 * records.length,
    deleteHorizonMs: undefined,
    compression: CompressionType.NONE,
    isTransactional: false,
    control: null,
    ...header,
  };
  return new RecordBatch(full, columns);
}

/** [key, valueBytes (null = tombstone), rid] of each stored record. */
export function rowsOf(b: RecordBatch): [string | null, number | null, number][] {
  return Array.from({ length: b.count }, (_, i) => [b.keyAt(i), b.isTombstoneAt(i) ? null : b.valueSizeAt(i), b.ridAt(i)]);
}
