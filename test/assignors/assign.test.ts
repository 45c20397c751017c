// The assign() contract (DESIGN.md "Library exports"): inputs it accepts and rejects, output shape.
import { describe, expect, it } from "vitest";
import { assign, isAssignmentStrategy } from "../../core/assignors/assign.ts";
import { ASSIGNMENT_STRATEGIES } from "../../core/assignors/types.ts";
import { tp } from "./helpers.ts";

describe("assign()", () => {
  it.each(ASSIGNMENT_STRATEGIES)("%s: an empty group gets an empty assignment", (strategy) => {
    expect(assign(strategy, [], { t: 3 })).toEqual({});
  });

  it.each(ASSIGNMENT_STRATEGIES)("%s: lists every member, sorted by topic then partition", (strategy) => {
    const a = assign(
      strategy,
      [
        { id: "z", topics: ["b", "a"] },
        { id: "y", topics: ["nothing-here"] },
      ],
      { a: 2, b: 3, unrelated: 4 },
    );
    expect(Object.keys(a).sort()).toEqual(["y", "z"]);
    expect(a.y).toEqual([]);
    expect(a.z).toEqual([tp("a", 0), tp("a", 1), tp("b", 0), tp("b", 1), tp("b", 2)]);
  });

  it("treats a member id like __proto__ as an ordinary key", () => {
    const a = assign("range", [{ id: "__proto__", topics: ["t"] }], { t: 1 });
    expect(Object.keys(a)).toEqual(["__proto__"]);
    expect(a["__proto__"]).toEqual([tp("t", 0)]);
  });

  it("ignores owned partitions that do not exist", () => {
    const a = assign("sticky", [{ id: "m", topics: ["t"], owned: [tp("t", 7), tp("gone", 0)], generation: 3 }], { t: 2 });
    expect(a).toEqual({ m: [tp("t", 0), tp("t", 1)] });
  });

  it("rejects an unknown strategy, duplicate member ids and bad partition counts", () => {
    expect(isAssignmentStrategy("cooperative-sticky")).toBe(true);
    expect(isAssignmentStrategy("uniform")).toBe(false);
    expect(() => assign("uniform" as never, [], {})).toThrow(RangeError);
    expect(() => assign("range", [{ id: "a", topics: [] }, { id: "a", topics: [] }], {})).toThrow(/duplicate member id/);
    expect(() => assign("range", [{ id: "a", topics: ["t"] }], { t: -1 })).toThrow(RangeError);
    expect(() => assign("range", [{ id: "a", topics: ["t"] }], { t: 1.5 })).toThrow(RangeError);
  });
});
