// Record batch v2 (DefaultRecordBatch, DefaultRecord): cases after DefaultRecordBatchTest
// (buildDefaultRecordBatch, testInvalidRecordSize, testInvalidCrc, the
// testInvalidRecordCount* family) and a cross-check against an independent encoder and decoder,
// kafkajs's (src/protocol/recordBatch/v0).
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { ByteReader } from "../../core/wire/byte-reader.ts";
import { crc32c } from "../../core/wire/crc32c.ts";
import { decodeRecordBatch, decodeRecordBatches, encodeRecordBatch } from "../../core/wire/record-batch-codec.ts";
import { RecordBatchError } from "../../core/wire/record-batch-error.ts";
import type { WireBatch } from "../../core/wire/wire-batch.ts";
import { nodeGzip } from "../../sim/serve/node-gzip.ts";

const require = createRequire(import.meta.url);
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function batch(over: Partial<WireBatch> = {}): WireBatch {
  return {
    baseOffset: 0, partitionLeaderEpoch: 0, compression: 0, timestampType: 0, isTransactional: false, isControl: false,
    lastOffsetDelta: 2, baseTimestamp: 1, maxTimestamp: 3, producerId: -1, producerEpoch: -1, baseSequence: -1,
    records: [
      { offsetDelta: 0, timestampDelta: 0, key: utf8("a"), value: utf8("1"), headers: [] },
      { offsetDelta: 1, timestampDelta: 1, key: utf8("b"), value: utf8("2"), headers: [{ key: "h", value: utf8("x") }, { key: "n", value: null }] },
      { offsetDelta: 2, timestampDelta: 2, key: null, value: null, headers: [] },
    ],
    ...over,
  };
}

const expectError = (f: () => unknown, error: string): void => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RecordBatchError);
    expect((e as RecordBatchError).error).toBe(error);
    return;
  }
  throw new Error(`expected ${error}`);
};

describe("encodeRecordBatch / decodeRecordBatch", () => {
  it("round-trips keys, values, null values and headers byte for byte", () => {
    const b = batch({ baseOffset: 1234567, producerId: 23423, producerEpoch: 145, baseSequence: 983, isTransactional: true });
    expect(decodeRecordBatches(encodeRecordBatch(b, null), null)).toEqual([b]);
  });

  it("lays out the 61-byte header as DefaultRecordBatch does (buildDefaultRecordBatch)", () => {
    const bytes = encodeRecordBatch(batch({ baseOffset: 1234567 }), null);
    const view = new DataView(bytes.buffer);
    expect(Number(view.getBigInt64(0))).toBe(1234567);
    expect(view.getInt32(8)).toBe(bytes.length - 12); // LENGTH_OFFSET: bytes after the length field
    expect(view.getInt8(16)).toBe(2); // MAGIC_OFFSET
    expect(view.getUint32(17)).toBe(crc32c(bytes.subarray(21))); // CRC over ATTRIBUTES_OFFSET..end
    expect(view.getInt32(57)).toBe(3); // RECORDS_COUNT_OFFSET
  });

  it("round-trips a gzip batch, whose records are compressed together", () => {
    const b = batch({ compression: 1 });
    const bytes = encodeRecordBatch(b, nodeGzip);
    expect(decodeRecordBatches(bytes, nodeGzip)).toEqual([b]);
    expect(new DataView(bytes.buffer).getInt16(21) & 7).toBe(1);
  });

  it("reads two batches back to back and leaves the reader after each", () => {
    const a = encodeRecordBatch(batch(), null);
    const b = encodeRecordBatch(batch({ baseOffset: 3 }), null);
    const both = new Uint8Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    const r = new ByteReader(both);
    expect(decodeRecordBatch(r, null).baseOffset).toBe(0);
    expect(r.pos).toBe(a.length);
    expect(decodeRecordBatch(r, null).baseOffset).toBe(3);
  });
});

describe("invalid batches are answered with Kafka's error", () => {
  it("a length field of 10 is CORRUPT_MESSAGE (testInvalidRecordSize)", () => {
    const bytes = encodeRecordBatch(batch(), null);
    new DataView(bytes.buffer).setInt32(8, 10);
    expectError(() => decodeRecordBatches(bytes, null), "CORRUPT_MESSAGE");
  });

  it("a lastOffsetDelta changed after the CRC was computed is CORRUPT_MESSAGE (testInvalidCrc)", () => {
    const bytes = encodeRecordBatch(batch(), null);
    new DataView(bytes.buffer).setInt32(23, 23);
    expectError(() => decodeRecordBatches(bytes, null), "CORRUPT_MESSAGE");
  });

  for (const compression of [0, 1]) {
    for (const count of [5, 2]) {
      it(`a record count of ${count} for 3 records, compression ${compression}, is INVALID_RECORD (testInvalidRecordCount*)`, () => {
        const bytes = encodeRecordBatch(batch({ compression }), nodeGzip);
        const view = new DataView(bytes.buffer);
        view.setInt32(57, count);
        view.setUint32(17, crc32c(bytes.subarray(21))); // as recordsWithInvalidRecordCount: a valid CRC
        expectError(() => decodeRecordBatches(bytes, nodeGzip), "INVALID_RECORD");
      });
    }
  }

  for (const [code, name] of [[2, "snappy"], [3, "lz4"], [4, "zstd"]] as const) {
    it(`a ${name} batch is UNSUPPORTED_COMPRESSION_TYPE`, () => {
      const bytes = encodeRecordBatch(batch(), null);
      const view = new DataView(bytes.buffer);
      view.setInt16(21, code);
      view.setUint32(17, crc32c(bytes.subarray(21)));
      expectError(() => decodeRecordBatches(bytes, nodeGzip), "UNSUPPORTED_COMPRESSION_TYPE");
    });
  }

  it("a magic 1 message set is UNSUPPORTED_FOR_MESSAGE_FORMAT", () => {
    const bytes = encodeRecordBatch(batch(), null);
    bytes[16] = 1;
    expectError(() => decodeRecordBatches(bytes, null), "UNSUPPORTED_FOR_MESSAGE_FORMAT");
  });

  it("a truncated batch is CORRUPT_MESSAGE", () => {
    const bytes = encodeRecordBatch(batch(), null);
    expectError(() => decodeRecordBatches(bytes.subarray(0, bytes.length - 1), null), "CORRUPT_MESSAGE");
  });
});

describe("against kafkajs's record batch v0 (an independent implementation)", () => {
  const { RecordBatch } = require("kafkajs/src/protocol/recordBatch/v0/index.js") as { RecordBatch: (o: object) => Promise<{ buffer: Buffer }> };
  const Record = require("kafkajs/src/protocol/recordBatch/record/v0/index.js") as (o: object) => unknown;
  const Decoder = require("kafkajs/src/protocol/decoder.js") as new (b: Buffer) => unknown;
  const decodeBatch = require("kafkajs/src/protocol/recordBatch/v0/decoder.js") as (d: unknown) => Promise<{ records: { key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer> }[]; firstOffset: string; producerId: string }>;
  const Long = require("kafkajs/src/utils/long.js") as { fromValue(v: number): unknown; fromInt(v: number): unknown };

  for (const compression of [0, 1]) {
    it(`decodes kafkajs's batch with compression ${compression}`, async () => {
      const records = [
        Record({ offsetDelta: 0, timestampDelta: 0, key: Buffer.from("k1"), value: Buffer.from("v1"), headers: { h: Buffer.from("x") } }),
        Record({ offsetDelta: 1, timestampDelta: 5, key: null, value: Buffer.from("v2") }),
      ];
      const encoded = await RecordBatch({
        compression, firstOffset: Long.fromInt(7), firstTimestamp: 1000, maxTimestamp: 1005, lastOffsetDelta: 1,
        producerId: Long.fromValue(42), producerEpoch: 3, firstSequence: 9, records,
      });
      const [b] = decodeRecordBatches(new Uint8Array(encoded.buffer), nodeGzip);
      expect(b).toMatchObject({ baseOffset: 7, producerId: 42, producerEpoch: 3, baseSequence: 9, baseTimestamp: 1000, compression });
      expect(b!.records.map((r) => [r.key && Buffer.from(r.key).toString(), Buffer.from(r.value!).toString(), r.timestampDelta])).toEqual([["k1", "v1", 0], [null, "v2", 5]]);
      expect(b!.records[0]!.headers).toEqual([{ key: "h", value: utf8("x") }]);
    });
  }

  it("kafkajs decodes our gzip batch", async () => {
    const bytes = encodeRecordBatch(batch({ compression: 1, baseOffset: 11, producerId: 5 }), nodeGzip);
    const decoded = await decodeBatch(new Decoder(Buffer.from(bytes)));
    expect(String(decoded.firstOffset)).toBe("11");
    expect(decoded.records.map((r) => r.value && r.value.toString())).toEqual(["1", "2", null]);
    expect(decoded.records[1]!.headers.h!.toString()).toBe("x");
  });
});
