// The latency histogram against the exact nearest-rank quantiles it replaces (summary.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LatencyHistogram } from "../../sim/check/latency-histogram.ts";
import { quantiles } from "../../sim/run/summary.ts";

const QS = [0.5, 0.99, 1];
const exact = (values: readonly number[]): number[] => quantiles(Float64Array.from(values, (v) => v / 1000), QS);

function histogramOf(values: readonly number[], maxSparse?: number): LatencyHistogram {
  const h = new LatencyHistogram(maxSparse);
  for (const v of values) h.record(v);
  return h;
}

const latencies = fc.array(fc.oneof(fc.integer({ min: 0, max: 70_000 }), fc.integer({ min: 0, max: 60_000_000 }), fc.constantFrom(65_535, 65_536, 65_537)), { minLength: 1, maxLength: 400 });

describe("LatencyHistogram", () => {
  it.each([
    { values: [], want: [0, 0, 0] },
    { values: [1234], want: [1.234, 1.234, 1.234] },
    { values: [65_535, 65_536], want: [65.535, 65.536, 65.536] },
    { values: [10, 20, 30, 40], want: [0.02, 0.04, 0.04] },
  ])("nearest rank of $values", ({ values, want }) => {
    expect(histogramOf(values).quantilesMs(QS)).toEqual(want);
  });

  it("counts a batch of one latency at once", () => {
    const h = new LatencyHistogram();
    h.record(500, 99);
    h.record(90_000);
    expect(h.quantilesMs(QS)).toEqual(exact([...Array<number>(99).fill(500), 90_000]));
  });

  it("gives exactly the quantiles of the values while it is exact", () => {
    fc.assert(
      fc.property(latencies, (values) => {
        const h = histogramOf(values);
        expect(h.isExact).toBe(true);
        expect(h.quantilesMs(QS)).toEqual(exact(values));
      }),
    );
  });

  it("after folding, never reports below the true value nor more than 2^-11 above it", () => {
    fc.assert(
      fc.property(latencies, (values) => {
        const h = histogramOf(values, 4);
        const want = exact(values);
        h.quantilesMs(QS).forEach((got, i) => {
          expect(got).toBeGreaterThanOrEqual(want[i]!);
          expect(got).toBeLessThanOrEqual(want[i]! * (1 + 2 ** -11) + 0.001);
        });
      }),
    );
  });

  it("merging equals recording everything into one", () => {
    fc.assert(
      fc.property(latencies, latencies, (a, b) => {
        const merged = histogramOf(a);
        merged.merge(histogramOf(b));
        expect(merged.quantilesMs(QS)).toEqual(histogramOf([...a, ...b]).quantilesMs(QS));
        expect(merged.count).toBe(a.length + b.length);
      }),
    );
  });
});
