import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { TraceFields } from "../../core/env.ts";
import { TraceHash } from "../../sim/trace/hash.ts";

type Step = [number, string, TraceFields];

function hashOf(steps: readonly Step[]): string {
  const h = new TraceHash();
  for (const [t, node, event] of steps) h.add(t, node, event);
  return h.hex();
}

const base: Step[] = [
  [0, "broker-1", { kind: "NodeStarted", incarnation: 1 }],
  [1500, "broker-2", { kind: "FollowerFetched", topic: "orders", partition: 3, leo: 120, hw: 118 }],
  [1500.5, "p1", { kind: "ProduceError", error: "NOT_ENOUGH_REPLICAS", retry: true, batch: [1, 2, 3] }],
];

describe("TraceHash", () => {
  it("is the same for the same history", () => {
    expect(hashOf(base)).toBe(hashOf(structuredClone(base)));
  });

  it("changes when any single value, time, node or field count changes", () => {
    const variants: Step[][] = [
      [[1, "broker-1", { kind: "NodeStarted", incarnation: 1 }], ...base.slice(1)],
      [[0, "broker-3", { kind: "NodeStarted", incarnation: 1 }], ...base.slice(1)],
      [[0, "broker-1", { kind: "NodeStarted", incarnation: 2 }], ...base.slice(1)],
      [[0, "broker-1", { kind: "NodeStarted", incarnation: 1, extra: null }], ...base.slice(1)],
      [base[0]!, [1500, "broker-2", { kind: "FollowerFetched", topic: "order", partition: 3, leo: 120, hw: 118 }], base[2]!],
      [base[0]!, [1500, "broker-2", { kind: "FollowerFetched", topic: "orders", partition: 3, leo: 118, hw: 120 }], base[2]!],
      [base[0]!, base[1]!, [1500.5, "p1", { kind: "ProduceError", error: "NOT_ENOUGH_REPLICAS", retry: false, batch: [1, 2, 3] }]],
      [base[0]!, base[1]!, [1500.5, "p1", { kind: "ProduceError", error: "NOT_ENOUGH_REPLICAS", retry: true, batch: [1, 3, 2] }]],
      [base[0]!, base[1]!, [1500.25, "p1", { kind: "ProduceError", error: "NOT_ENOUGH_REPLICAS", retry: true, batch: [1, 2, 3] }]],
      [base[1]!, base[0]!, base[2]!],
      base.slice(0, 2),
    ];
    const hashes = new Set([hashOf(base), ...variants.map(hashOf)]);
    expect(hashes.size).toBe(variants.length + 1);
  });

  it("tells strings apart however they split into words (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 9 }), fc.string({ maxLength: 9 }), (a, b) => {
        fc.pre(a !== b);
        expect(hashOf([[0, "n", { kind: a }]])).not.toBe(hashOf([[0, "n", { kind: b }]]));
      }),
    );
  });
});
