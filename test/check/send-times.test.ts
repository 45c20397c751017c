import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SendTimes } from "../../sim/check/send-times.ts";

describe("SendTimes", () => {
  it("gives back every time exactly, near or far from its block's first, in any order, after growing", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.oneof(fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 0, max: 1e13 }))), { maxLength: 300 }), (writes) => {
        const t = new SendTimes();
        const want = new Map<number, number>();
        for (const [rid, at] of writes) {
          t.set(rid, at);
          want.set(rid, at);
        }
        for (const [rid, at] of want) expect(t.get(rid)).toBe(at);
      }),
    );
  });
});
