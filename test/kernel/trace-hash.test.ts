import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { TraceEvent } from "../../core/trace/index.ts";
import { TraceHash } from "../../sim/trace/hash.ts";

type Step = [number, string, TraceEvent];

function hashOf(steps: readonly Step[]): string {
  const h = new TraceHash();
  for (const [t, node, event] of steps) h.add(t, node, event);
  return h.hex();
}

const produceError = (retry: boolean): TraceEvent => ({ kind: "ProduceError", partition: 0, error: "NOT_ENOUGH_REPLICAS", attempt: 1, retry, records: 3, baseSequence: 0 });
const leaveGroup = (epoch?: number): TraceEvent => ({ kind: "LeaveGroup", group: "g", member: "m", reason: "r", sent: true, ...(epoch === undefined ? {} : { epoch }) });

const base: Step[] = [
  [0, "broker-1", { kind: "NodeStarted", incarnation: 1 }],
  [1500, "broker-2", { kind: "FollowerFetched", topic: "orders", partition: 3, leo: 120, hw: 118 }],
  [1500.5, "p1", produceError(true)],
  [1501, "p1", { kind: "ProducerMetadata", leaders: [1, 2, 3] }],
  [1502, "g-1", leaveGroup()],
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
      [...base.slice(0, 4), [1502, "g-1", leaveGroup(0)]],
      [base[0]!, [1500, "broker-2", { kind: "FollowerFetched", topic: "order", partition: 3, leo: 120, hw: 118 }], ...base.slice(2)],
      [base[0]!, [1500, "broker-2", { kind: "FollowerFetched", topic: "orders", partition: 3, leo: 118, hw: 120 }], ...base.slice(2)],
      [base[0]!, base[1]!, [1500.5, "p1", produceError(false)], ...base.slice(3)],
      [...base.slice(0, 3), [1501, "p1", { kind: "ProducerMetadata", leaders: [1, 3, 2] }], base[4]!],
      [base[0]!, base[1]!, [1500.25, "p1", produceError(true)], ...base.slice(3)],
      [base[1]!, base[0]!, ...base.slice(2)],
      base.slice(0, 4),
    ];
    const hashes = new Set([hashOf(base), ...variants.map(hashOf)]);
    expect(hashes.size).toBe(variants.length + 1);
  });

  it("tells strings apart however they split into words (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 9 }), fc.string({ maxLength: 9 }), (a, b) => {
        fc.pre(a !== b);
        const lost = (reason: string): TraceEvent => ({ kind: "CoordinatorLost", group: "g", coordinator: "broker-1", reason });
        expect(hashOf([[0, "n", lost(a)]])).not.toBe(hashOf([[0, "n", lost(b)]]));
      }),
    );
  });
});
