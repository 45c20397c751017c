// Record batches as columns: which columns a batch stores, what each row reads back as, and
// that real record bytes ride along through compaction row for row.
import { describe, expect, it } from "vitest";
import { KeyTable } from "../../core/protocol/key-table.ts";
import { RecordColumnsBuilder, RecordSlab } from "../../core/protocol/record-builder.ts";
import { NO_KEY, RecordBatch, RecordLayout, TOMBSTONE, type BatchHeader } from "../../core/protocol/records.ts";
import { cleanBatch, emptyStats, type CleanContext } from "../../core/log/cleaner.ts";
import { CleanedTransactions } from "../../core/log/cleaned-transactions.ts";

const HEADER: BatchHeader = { baseOffset: 100, lastOffsetDelta: 2, partitionLeaderEpoch: 0, producerId: -1, producerEpoch: -1, baseSequence: -1, maxTimestampMs: 7, sizeBytes: 200, deleteHorizonMs: undefined, compression: 0, isTransactional: false, control: null };
const keys = new KeyTable();

function built(rows: [rid: number, key: string | null, value: number, ts: number][], slab = new RecordSlab(64)) {
  const b = new RecordColumnsBuilder(slab);
  rows.forEach(([rid, key, value, ts], i) => b.add(rid, i, key === null ? NO_KEY : keys.intern(key), value, ts));
  return new RecordBatch(HEADER, b.seal(keys));
}

describe("RecordBatch columns", () => {
  it.each([
    { name: "unkeyed, one value size, one timestamp: the rid column only", rows: [[1, null, 10, 5], [2, null, 10, 5]], layout: 0, ints: 2 },
    { name: "keyed", rows: [[1, "a", 10, 5], [2, null, 10, 5]], layout: RecordLayout.KEYED, ints: 4 },
    { name: "a tombstone among values", rows: [[1, "a", 10, 5], [2, "a", TOMBSTONE, 5]], layout: RecordLayout.KEYED | RecordLayout.VALUE_SIZES, ints: 6 },
    { name: "timestamps that differ", rows: [[1, null, 10, 5], [2, null, 10, 7]], layout: RecordLayout.TIMESTAMPS, ints: 4 },
    { name: "keys and timestamps that differ share one column", rows: [[1, "a", 10, 5], [2, null, 10, 2052]], layout: RecordLayout.KEYED | RecordLayout.TIMESTAMPS | RecordLayout.KEY_TIME_PACKED, ints: 4 },
    { name: "a timestamp delta past 2047 ms gets its own column", rows: [[1, "a", 10, 5], [2, null, 10, 2053]], layout: RecordLayout.KEYED | RecordLayout.TIMESTAMPS, ints: 6 },
  ] as const)("$name", ({ rows, layout, ints }) => {
    const slab = new RecordSlab(64);
    const b = built(rows.map((r) => [...r]), slab);
    expect(b.layout).toBe(layout);
    expect(slab.take(0)).toBe(b.data); // same chunk
    expect(slab.lastAt).toBe(ints);
    rows.forEach(([rid, key, value, ts], i) => {
      expect([b.ridAt(i), b.keyAt(i), b.valueSizeAt(i), b.timestampAt(i), b.offsetAt(i)]).toEqual([rid, key, value, ts, 100 + i]);
    });
  });

  it("keeps key ids past the packed range in their own column", () => {
    const b = new RecordColumnsBuilder(new RecordSlab(64));
    b.add(1, 0, (1 << 20) - 2, 1, 0);
    b.add(2, 1, (1 << 20) - 1, 1, 1);
    const packedLimit = new RecordBatch(HEADER, b.seal(null));
    expect(packedLimit.layout & RecordLayout.KEY_TIME_PACKED).toBe(0);
    expect([packedLimit.keyIdAt(0), packedLimit.keyIdAt(1), packedLimit.timestampAt(1)]).toEqual([(1 << 20) - 2, (1 << 20) - 1, 1]);
  });

  it("finds the first row at or after an offset, with gaps compaction left", () => {
    const b = new RecordColumnsBuilder(new RecordSlab(64));
    [0, 3, 4, 9].forEach((delta, i) => b.add(i, delta, NO_KEY, 1, 0));
    const batch = new RecordBatch({ ...HEADER, lastOffsetDelta: 9 }, b.seal(null));
    expect(batch.layout & RecordLayout.SPARSE_OFFSETS).toBeTruthy();
    expect([99, 100, 101, 103, 105, 109, 110].map((o) => batch.indexAtOrAfter(o))).toEqual([0, 0, 1, 1, 3, 3, 4]);
  });

  it("shares the columns when only the header changes", () => {
    const b = built([[1, "a", 10, 5]]);
    const stamped = b.with({ baseOffset: 500, partitionLeaderEpoch: 3 });
    expect([stamped.data, stamped.at, stamped.offsetAt(0), stamped.ridAt(0)]).toEqual([b.data, b.at, 500, 1]);
  });

  it("keeps real record bytes row for row through compaction", () => {
    const b = new RecordColumnsBuilder(new RecordSlab(64));
    ["a", "b", "a"].forEach((k, i) => b.add(i, i, keys.intern(k), 1, 0));
    const bytes = (s: string) => new TextEncoder().encode(s);
    const payload = { keys: ["a", "b", "a"].map(bytes), values: ["v0", "v1", "v2"].map(bytes), headers: [[], [{ key: "h", value: bytes("x") }], []] };
    const batch = new RecordBatch(HEADER, b.seal(keys, payload));
    const ctx: CleanContext = { map: { offsets: new Map([["a", 102], ["b", 101]]), latestOffset: 102 }, nowMs: 0, deleteRetentionMs: 0, lastDataOffset: () => undefined, producerEpoch: () => undefined, txns: new CleanedTransactions(), stats: emptyStats(), builder: new RecordColumnsBuilder(new RecordSlab(64)) };
    const cleaned = cleanBatch(ctx, batch)!;
    expect([cleaned.count, cleaned.offsetAt(0), cleaned.offsetAt(1), cleaned.keyAt(0), cleaned.keyAt(1)]).toEqual([2, 101, 102, "b", "a"]);
    expect(cleaned.payload!.values.map((v) => new TextDecoder().decode(v!))).toEqual(["v1", "v2"]);
    expect(cleaned.payload!.headers[0]).toEqual([{ key: "h", value: bytes("x") }]);
  });
});
