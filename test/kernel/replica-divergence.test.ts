import { describe, expect, it } from "vitest";
import { divergentOffsets } from "../../sim/check/replica-divergence.ts";
import type { RecordBatch } from "../../core/protocol/records.ts";
import { recordBatch } from "../harness/index.ts";

function batch(baseOffset: number, rids: number[]): RecordBatch {
  return recordBatch({ baseOffset, sizeBytes: 100 }, rids.map((rid) => ({ rid, valueBytes: 1 })));
}

describe("divergentOffsets", () => {
  const shared = batch(0, [1, 2, 3]);
  it("is 0 for logs sharing batches", () => {
    expect(divergentOffsets([shared, batch(3, [4])], [shared, batch(3, [4])], 4)).toBe(0);
  });
  it("counts offsets holding different records", () => {
    expect(divergentOffsets([shared, batch(3, [4, 5])], [shared, batch(3, [9, 5])], 5)).toBe(1);
  });
  it("counts records one side lacks below the bound, and ignores what lies above it", () => {
    expect(divergentOffsets([shared, batch(3, [4, 5])], [shared], 5)).toBe(2);
    expect(divergentOffsets([shared, batch(3, [4, 5])], [shared], 3)).toBe(0);
  });
  it("compares records across differently split batches", () => {
    expect(divergentOffsets([batch(0, [1, 2, 3, 4])], [batch(0, [1, 2]), batch(2, [3, 4])], 4)).toBe(0);
    expect(divergentOffsets([batch(0, [1, 2, 3, 4])], [batch(0, [1, 2]), batch(2, [3, 7])], 4)).toBe(1);
  });
});
