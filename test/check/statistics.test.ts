import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { quantile, quantiles } from "../../sim/run/summary.ts";
import { countInversions } from "../../sim/check/durability.ts";

describe("quantile", () => {
  it("equals the nearest-rank quantile of the sorted values (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 300 }), fc.constantFrom(0.5, 0.9, 0.99, 1), (xs, q) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const expected = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
        expect(quantile(Float64Array.from(xs), q)).toBe(expected);
      }),
    );
  });
  it("quantiles: several in one pass equal each taken alone (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 300 }), (xs) => {
        const qs = [0.1, 0.5, 0.5, 0.9, 0.99, 1];
        const one = qs.map((q) => quantile(Float64Array.from(xs), q));
        expect(quantiles(Float64Array.from(xs), qs)).toEqual(one);
      }),
    );
  });
  it("is 0 for no values", () => {
    expect(quantile(new Float64Array(0), 0.99)).toBe(0);
  });
});

describe("countInversions", () => {
  it("counts pairs out of order like the quadratic definition (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 120 }), (xs) => {
        let naive = 0;
        for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) if (xs[i]! > xs[j]!) naive++;
        expect(countInversions(xs)).toBe(naive);
      }),
    );
  });
});
