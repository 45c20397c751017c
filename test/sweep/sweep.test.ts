import { defaultRunLimits } from "../../sim/scenario/run-limits.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { aggregate, wilson95 } from "../../sim/sweep/aggregate.ts";
import { runPool } from "../../sim/sweep/pool.ts";
import { seedError, type SeedOutcome } from "../../sim/sweep/seed-error.ts";
import { parseOutcome } from "../../sim/sweep/parse-outcome.ts";
import { parseSeeds } from "../../sim/sweep/seeds.ts";

const file = join(import.meta.dirname, "../fixtures/cli/small.yaml");
const text = readFileSync(file, "utf8");
const overrides = ["faults=[{ at: 2s, crash: leader(orders-0), for: 2s }]", "producers.0.config.acks=1"];

function outcomeOf(line: string): SeedOutcome {
  const parsed = parseOutcome(line);
  if ("reason" in parsed) throw new Error(parsed.reason);
  return parsed.outcome;
}

const sweep = (seeds: number[], workers: number) => runPool({ text, file, overrides, seeds, workers, check: false, limits: defaultRunLimits(), onResult: () => {} });

describe("wilson95", () => {
  it("matches the textbook interval for 10 of 100", () => {
    const [lo, hi] = wilson95(10, 100);
    expect(lo).toBeCloseTo(0.0552, 3);
    expect(hi).toBeCloseTo(0.1744, 3);
  });
});

describe("sweep", () => {
  it("gives the same results for any worker count, and for shards merged", async () => {
    const seeds = parseSeeds("1..6");
    const one = aggregate(await sweep(seeds, 1));
    const three = aggregate(await sweep(seeds, 3));
    expect(three).toEqual(one);
    const a = await sweep(parseSeeds("1..6", { index: 1, count: 2 }), 2);
    const b = await sweep(parseSeeds("1..6", { index: 2, count: 2 }), 1);
    const lines = [...a, ...b].map((r) => JSON.stringify(r));
    expect(aggregate(lines.map(outcomeOf))).toEqual(one);
    expect(one.seeds).toBe(6);
  });
});

describe("seeds that fail to run", () => {
  it("keep their error on one line, cut at 500 characters", () => {
    expect(seedError(3, new Error("first\n   at somewhere\nthird"))).toEqual({ seed: 3, error: "first at somewhere third" });
    expect(seedError(4, "x".repeat(600)).error).toHaveLength(500);
  });

  it("are counted apart from the figures, lowest seeds listed first", async () => {
    const results = await sweep([1, 2], 1);
    const report = aggregate([seedError(9, new Error("nine")), ...results, seedError(5, new Error("five"))]);
    expect(report.seeds).toBe(2);
    expect(report.failed).toBe(2);
    expect(report.failures).toEqual([{ seed: 5, error: "five" }, { seed: 9, error: "nine" }]);
    expect({ ...report, failed: 0, failures: [] }).toEqual(aggregate(results));
  });
});
