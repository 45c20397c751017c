import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { aggregate, wilson95 } from "../../sim/sweep/aggregate.ts";
import { runPool } from "../../sim/sweep/pool.ts";
import { parseSeedResult } from "../../sim/sweep/seed-result.ts";
import { parseSeeds, parseShard, shardOf } from "../../sim/sweep/seeds.ts";

const file = join(import.meta.dirname, "../fixtures/cli/small.yaml");
const text = readFileSync(file, "utf8");
const overrides = ["faults=[{ at: 2s, crash: leader(orders-0), for: 2s }]", "producers.0.config.acks=1"];

const sweep = (seeds: number[], workers: number) => runPool({ text, file, overrides, seeds, workers, check: false, onResult: () => {} });

describe("seed specs", () => {
  it("parses ranges, lists and mixes", () => {
    expect(parseSeeds("1..4")).toEqual([1, 2, 3, 4]);
    expect(parseSeeds("7")).toEqual([7]);
    expect(parseSeeds("1..3,10")).toEqual([1, 2, 3, 10]);
    expect(() => parseSeeds("5..1")).toThrow(/empty/);
    expect(() => parseSeeds("abc")).toThrow(/expected seeds like/);
  });
  it("splits seeds into disjoint shards that cover them all", () => {
    const seeds = parseSeeds("1..10");
    const shards = [1, 2, 3].map((index) => shardOf(seeds, parseShard(`${index}/3`)));
    expect(shards.flat().sort((a, b) => a - b)).toEqual(seeds);
    expect(new Set(shards.flat()).size).toBe(10);
    expect(() => parseShard("4/3")).toThrow(/1 ≤ i ≤ n/);
  });
});

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
    const a = await sweep(shardOf(seeds, { index: 1, count: 2 }), 2);
    const b = await sweep(shardOf(seeds, { index: 2, count: 2 }), 1);
    const lines = [...a, ...b].map((r) => JSON.stringify(r));
    expect(aggregate(lines.map((l, i) => parseSeedResult(l, `line ${i}`)))).toEqual(one);
    expect(one.seeds).toBe(6);
  });

  it("rejects a line that is not a sweep result", () => {
    expect(() => parseSeedResult('{"seed": 1}', "x.ndjson:1")).toThrow(/x.ndjson:1: field "traceHash"/);
  });
});
