// A simulator RecordBatch as the v2 batch a Fetch response carries. Records a real client
// produced come back with their own key, value and header bytes (the batch's payload);
// records of the scenario's modelled producers, which have sizes but no bytes, get their key
// name in UTF-8 and a value of zero bytes of their size; a transaction marker gets its
// ControlRecordType key and EndTransactionMarker value (ControlRecordType.recordKey,
// EndTransactionMarker.serializeValue). Offsets, epochs, producer fields and timestamps are
// the log's. Gzip batches are re-encoded with gzip; other codecs go out uncompressed (this edge
// writes none of them), which clients read as well.

import { CompressionType } from "../../core/protocol/compression.ts";
import type { RecordBatch } from "../../core/protocol/records.ts";
import type { WireBatch, WireRecord } from "../../core/wire/wire-batch.ts";

const utf8 = new TextEncoder();

function controlRecord(batch: RecordBatch): WireRecord {
  const key = new Uint8Array(4);
  new DataView(key.buffer).setInt16(2, batch.control!.type); // version 0, then the type
  const value = new Uint8Array(6);
  new DataView(value.buffer).setInt32(2, batch.control!.coordinatorEpoch); // version 0, then the epoch
  return { offsetDelta: 0, timestampDelta: 0, key, value, headers: [] };
}

function record(batch: RecordBatch, i: number, base: number): WireRecord {
  const p = batch.payload;
  const offsetDelta = batch.offsetDeltaAt(i);
  const timestampDelta = batch.timestampAt(i) - base;
  if (p !== null) return { offsetDelta, timestampDelta, key: p.keys[i] ?? null, value: p.values[i] ?? null, headers: p.headers[i] ?? [] };
  const key = batch.keyAt(i);
  const size = batch.valueSizeAt(i);
  return { offsetDelta, timestampDelta, key: key === null ? null : utf8.encode(key), value: batch.isTombstoneAt(i) ? null : new Uint8Array(size), headers: [] };
}

export function toWireBatch(batch: RecordBatch): WireBatch {
  const base = batch.count > 0 ? batch.timestampAt(0) : batch.maxTimestampMs;
  const records = batch.control !== null ? [controlRecord(batch)] : Array.from({ length: batch.count }, (_, i) => record(batch, i, base));
  return {
    baseOffset: batch.baseOffset,
    partitionLeaderEpoch: batch.partitionLeaderEpoch,
    compression: batch.compression === CompressionType.GZIP ? CompressionType.GZIP : CompressionType.NONE,
    timestampType: 0,
    isTransactional: batch.isTransactional,
    isControl: batch.control !== null,
    lastOffsetDelta: batch.lastOffsetDelta,
    baseTimestamp: base,
    maxTimestamp: batch.maxTimestampMs,
    producerId: batch.producerId,
    producerEpoch: batch.producerEpoch,
    baseSequence: batch.baseSequence,
    records,
  };
}
