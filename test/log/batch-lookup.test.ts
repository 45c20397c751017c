// PartitionLog.batchEndingAtOrAfter finds the batch holding an offset across segments (the
// consumer-lag sampler reads a committed offset's timestamp this way, from metadata only).
import { describe, expect, it } from "vitest";
import { lastOffsetOf } from "../../core/protocol/records.ts";
import { makeLog } from "./helpers.ts";

describe("PartitionLog.batchEndingAtOrAfter", () => {
  const log = makeLog(Array.from({ length: 7 }, (_, i) => [`k${i}`, 10] as const), { perSegment: 2 });

  it.each([
    [-5, 0],
    [0, 0],
    [1, 1],
    [2, 2], // first batch of the second segment
    [6, 6],
  ])("offset %i is in the batch at offset %i", (offset, base) => {
    expect(log.batchEndingAtOrAfter(offset)?.baseOffset).toBe(base);
  });

  it("finds nothing past the log end", () => {
    expect(log.batchEndingAtOrAfter(7)).toBeUndefined();
  });

  it("agrees with a search over every batch", () => {
    const all = log.allBatches();
    for (let offset = -1; offset <= 8; offset++) expect(log.batchEndingAtOrAfter(offset)).toBe(all.find((b) => lastOffsetOf(b) >= offset));
  });
});
