import { describe, expect, it } from "vitest";
import { SeededRng } from "../../sim/kernel/rng.ts";
import { keyGenerator } from "../../sim/workload/key-generator.ts";
import type { KeySpec } from "../../sim/scenario/types.ts";

const spec = (s: Partial<KeySpec>): KeySpec => ({ distribution: "uniform", count: 10, exponent: 1, key: "US", share: 0.5, salts: 4, ...s });

describe("keyGenerator", () => {
  it.each([
    ["uniform", spec({}), /^k\d$/],
    ["zipf", spec({ distribution: "zipf" }), /^k\d$/],
    ["fixed", spec({ distribution: "fixed" }), /^(k\d|US)$/],
    ["composite", spec({ distribution: "composite" }), /^(k\d|US-\d)$/],
    ["salted", spec({ distribution: "salted" }), /^(k\d|US#[0-3])$/],
  ])("%s: ids stay in range and name one interned key each", (_, s, shape) => {
    const g = keyGenerator(s, SeededRng.root(7).fork("keys"));
    const nameOf = new Map<number, string>();
    for (let i = 0; i < 2000; i++) {
      const id = g.next();
      expect(id).toBeGreaterThanOrEqual(0);
      expect(id).toBeLessThan(g.idCount);
      const name = g.name(id);
      expect(name).toMatch(shape);
      expect(g.name(id)).toBe(name);
      expect(nameOf.get(id) ?? name).toBe(name);
      nameOf.set(id, name);
    }
    expect(new Set(nameOf.values()).size).toBe(nameOf.size); // distinct ids, distinct keys
  });

  it("none: no key", () => {
    const g = keyGenerator(spec({ distribution: "none" }), SeededRng.root(7));
    expect(g.next()).toBe(-1);
    expect(g.idCount).toBe(0);
  });
});
