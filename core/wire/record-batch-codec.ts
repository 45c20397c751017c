// Record batch format v2 (magic 2), as org.apache.kafka.common.record.DefaultRecordBatch lays
// it out: baseOffset int64, batchLength int32, partitionLeaderEpoch int32, magic int8, crc
// uint32, attributes int16, lastOffsetDelta int32, baseTimestamp int64, maxTimestamp int64,
// producerId int64, producerEpoch int16, baseSequence int32, then the record count and the
// records (compressed together when the attributes say so). The CRC-32C covers attributes to
// the end. Each record (DefaultRecord) is a varint length, an int8 of attributes, a varlong
// timestamp delta, a varint offset delta, varint-framed key and value (-1: null) and headers.

import { ByteReader } from "./byte-reader.ts";
import { ByteWriter, utf8Bytes } from "./byte-writer.ts";
import { crc32c } from "./crc32c.ts";
import type { GzipCodec } from "./gzip-codec.ts";
import { RecordBatchError } from "./record-batch-error.ts";
import type { WireBatch, WireHeader, WireRecord } from "./wire-batch.ts";
import { WireFormatError } from "./wire-format-error.ts";

/** DefaultRecordBatch.RECORD_BATCH_OVERHEAD: the header up to and including the record count. */
export const RECORD_BATCH_OVERHEAD = 61;
const LOG_OVERHEAD = 12; // baseOffset + batchLength
const CRC_OFFSET = 17;
const ATTRIBUTES_OFFSET = 21;
/** A decompressed batch may not exceed this (Kafka bounds it by max.message.bytes). */
export const MAX_UNCOMPRESSED_BATCH_BYTES = 64 * 1024 * 1024;

const COMPRESSION_MASK = 0x07;
const TIMESTAMP_TYPE_MASK = 0x08;
const TRANSACTIONAL_FLAG = 0x10;
const CONTROL_FLAG = 0x20;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function attributesOf(b: WireBatch): number {
  return (b.compression & COMPRESSION_MASK) | (b.timestampType === 1 ? TIMESTAMP_TYPE_MASK : 0) | (b.isTransactional ? TRANSACTIONAL_FLAG : 0) | (b.isControl ? CONTROL_FLAG : 0);
}

function writeRecord(w: ByteWriter, r: WireRecord): void {
  const body = new ByteWriter(64);
  body.int8(0).varlong(r.timestampDelta).varint(r.offsetDelta);
  writeVarBytes(body, r.key);
  writeVarBytes(body, r.value);
  body.varint(r.headers.length);
  for (const h of r.headers) {
    writeVarBytes(body, utf8Bytes(h.key));
    writeVarBytes(body, h.value);
  }
  const bytes = body.finish();
  w.varint(bytes.length).raw(bytes);
}

function writeVarBytes(w: ByteWriter, b: Uint8Array | null): void {
  if (b === null) w.varint(-1);
  else w.varint(b.length).raw(b);
}

/** One batch's bytes. Compresses with gzip when asked; other codecs are not offered. */
export function encodeRecordBatch(b: WireBatch, gzip: GzipCodec | null): Uint8Array {
  const records = new ByteWriter(256);
  for (const r of b.records) writeRecord(records, r);
  let recordBytes = records.finish();
  if (b.compression === 1) {
    if (gzip === null) throw new RecordBatchError("UNSUPPORTED_COMPRESSION_TYPE", "gzip is not available");
    recordBytes = gzip.gzip(recordBytes);
  } else if (b.compression !== 0) throw new RecordBatchError("UNSUPPORTED_COMPRESSION_TYPE", `compression ${b.compression} is not supported`);
  const w = new ByteWriter(RECORD_BATCH_OVERHEAD + recordBytes.length);
  w.int64(b.baseOffset).int32(RECORD_BATCH_OVERHEAD - LOG_OVERHEAD + recordBytes.length).int32(b.partitionLeaderEpoch).int8(2).uint32(0);
  w.int16(attributesOf(b)).int32(b.lastOffsetDelta).int64(b.baseTimestamp).int64(b.maxTimestamp);
  w.int64(b.producerId).int16(b.producerEpoch).int32(b.baseSequence).int32(b.records.length).raw(recordBytes);
  w.uint32At(CRC_OFFSET, crc32c(w.written(ATTRIBUTES_OFFSET)));
  return w.finish();
}

/** Several batches back to back (a partition's `Records` field). */
export function encodeRecordBatches(batches: readonly WireBatch[], gzip: GzipCodec | null): Uint8Array {
  const w = new ByteWriter();
  for (const b of batches) w.raw(encodeRecordBatch(b, gzip));
  return w.finish();
}

function readVarBytes(r: ByteReader): Uint8Array | null {
  const n = r.varint();
  if (n < -1) throw new WireFormatError(`negative length ${n}`);
  return n === -1 ? null : r.raw(n).slice();
}

function readRecord(r: ByteReader): WireRecord {
  const length = r.varint();
  if (length < 0 || length > r.remaining) throw new WireFormatError(`record length ${length} exceeds the batch`);
  const end = r.pos + length;
  const rr = new ByteReader(r.bytes, r.pos, end);
  rr.int8(); // attributes: unused by Kafka (DefaultRecord.readFrom)
  const timestampDelta = rr.varlong();
  const offsetDelta = rr.varint();
  const key = readVarBytes(rr);
  const value = readVarBytes(rr);
  const headerCount = rr.varint();
  if (headerCount < 0 || headerCount > rr.remaining) throw new WireFormatError(`bad header count ${headerCount}`);
  const headers: WireHeader[] = [];
  for (let i = 0; i < headerCount; i++) {
    const k = readVarBytes(rr);
    if (k === null) throw new WireFormatError("null header key"); // DefaultRecord.readHeaders: InvalidRecordException
    let name: string;
    try {
      name = utf8.decode(k);
    } catch {
      throw new WireFormatError("header key is not UTF-8");
    }
    headers.push({ key: name, value: readVarBytes(rr) });
  }
  if (rr.remaining !== 0) throw new WireFormatError(`record has ${rr.remaining} bytes past its fields`);
  r.pos = end;
  return { offsetDelta, timestampDelta, key, value, headers };
}

function corrupt(message: string): never {
  throw new RecordBatchError("CORRUPT_MESSAGE", message);
}

/** Reads one batch at `r.pos`; leaves `r` after it. CRC and framing are checked (DefaultRecordBatch.ensureValid). */
export function decodeRecordBatch(r: ByteReader, gzip: GzipCodec | null): WireBatch {
  const start = r.pos;
  if (r.remaining < RECORD_BATCH_OVERHEAD) corrupt(`batch of ${r.remaining} bytes is shorter than its header`);
  const baseOffset = r.int64();
  const batchLength = r.int32();
  if (batchLength < RECORD_BATCH_OVERHEAD - LOG_OVERHEAD || batchLength > r.remaining) corrupt(`batch length ${batchLength} does not fit`);
  const end = start + LOG_OVERHEAD + batchLength;
  const partitionLeaderEpoch = r.int32();
  const magic = r.int8();
  if (magic !== 2) throw new RecordBatchError("UNSUPPORTED_FOR_MESSAGE_FORMAT", `magic ${magic}: only v2 batches are accepted`);
  const crc = r.uint32();
  if (crc32c(r.bytes.subarray(start + ATTRIBUTES_OFFSET, end)) !== crc) corrupt("batch CRC-32C does not match");
  const attributes = r.int16();
  const lastOffsetDelta = r.int32();
  const baseTimestamp = r.int64();
  const maxTimestamp = r.int64();
  const producerId = r.int64();
  const producerEpoch = r.int16();
  const baseSequence = r.int32();
  const count = r.int32();
  const compression = attributes & COMPRESSION_MASK;
  let body = r.bytes.subarray(r.pos, end);
  if (compression === 1) {
    if (gzip === null) throw new RecordBatchError("UNSUPPORTED_COMPRESSION_TYPE", "gzip is not available");
    try {
      body = gzip.gunzip(body, MAX_UNCOMPRESSED_BATCH_BYTES);
    } catch (e) {
      corrupt(`gzip: ${(e as Error).message}`);
    }
  } else if (compression !== 0) throw new RecordBatchError("UNSUPPORTED_COMPRESSION_TYPE", `compression type ${compression} is not supported`);
  if (count < 0 || count > body.length) corrupt(`record count ${count} does not fit`);
  const rr = new ByteReader(body);
  const records: WireRecord[] = [];
  try {
    for (let i = 0; i < count; i++) {
      // DefaultRecordBatch.RecordIterator: a count the records do not fill is an InvalidRecordException
      if (rr.remaining === 0) throw new RecordBatchError("INVALID_RECORD", `found ${i} records, the batch header says ${count}`);
      records.push(readRecord(rr));
    }
  } catch (e) {
    if (e instanceof WireFormatError) corrupt(e.message);
    throw e;
  }
  if (rr.remaining !== 0) throw new RecordBatchError("INVALID_RECORD", `${rr.remaining} bytes after the batch's ${count} records`);
  r.pos = end;
  return {
    baseOffset, partitionLeaderEpoch, compression, timestampType: (attributes & TIMESTAMP_TYPE_MASK) !== 0 ? 1 : 0,
    isTransactional: (attributes & TRANSACTIONAL_FLAG) !== 0, isControl: (attributes & CONTROL_FLAG) !== 0,
    lastOffsetDelta, baseTimestamp, maxTimestamp, producerId, producerEpoch, baseSequence, records,
  };
}

/** Every batch in a `Records` field; a trailing partial batch is an error here (a request, not a fetch). */
export function decodeRecordBatches(bytes: Uint8Array, gzip: GzipCodec | null): WireBatch[] {
  const r = new ByteReader(bytes);
  const out: WireBatch[] = [];
  while (r.remaining > 0) out.push(decodeRecordBatch(r, gzip));
  return out;
}
