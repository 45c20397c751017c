// `--seeds` and `--shard`: what a sweep runs, and what it refuses before listing any seed.
import { describe, expect, it } from "vitest";
import { MAX_SEEDS_PER_SWEEP, parseSeeds, parseShard } from "../../sim/sweep/seeds.ts";

describe("parseSeeds", () => {
  it("parses ranges, lists and mixes", () => {
    expect(parseSeeds("1..4")).toEqual([1, 2, 3, 4]);
    expect(parseSeeds("7")).toEqual([7]);
    expect(parseSeeds("1..3,10")).toEqual([1, 2, 3, 10]);
    expect(parseSeeds("0")).toEqual([0]);
    expect(() => parseSeeds("5..1")).toThrow(/empty/);
    expect(() => parseSeeds("abc")).toThrow(/expected seeds like/);
    expect(() => parseSeeds("1..1e9")).toThrow(/expected seeds like .*got "1e9"/);
  });

  it("splits seeds into disjoint shards that cover them all, by position", () => {
    const seeds = parseSeeds("1..10");
    const shards = [1, 2, 3].map((index) => parseSeeds("1..10", parseShard(`${index}/3`)));
    expect(shards.flat().sort((a, b) => a - b)).toEqual(seeds);
    expect(new Set(shards.flat()).size).toBe(10);
    expect(parseSeeds("1..3,10,20..22", { index: 2, count: 3 })).toEqual([2, 20]);
    expect(parseSeeds("1..2", { index: 3, count: 4 })).toEqual([]);
    expect(() => parseShard("4/3")).toThrow(/1 ≤ i ≤ n/);
    expect(() => parseShard("1/99999999999999999999")).toThrow(/1 ≤ i ≤ n/);
  });

  it("refuses seeds that are not safe integers ≥ 0", () => {
    expect(() => parseSeeds("-5..-1")).toThrow("--seeds -5..-1: a seed is a whole number from 0 to 9007199254740991; got -5");
    expect(() => parseSeeds("9007199254740992")).toThrow(/from 0 to 9007199254740991; got 9007199254740992$/);
    expect(() => parseSeeds("1..99999999999999999999")).toThrow(/got 99999999999999999999$/);
    expect(parseSeeds("9007199254740990..9007199254740991")).toEqual([9007199254740990, 9007199254740991]);
  });

  it("refuses a seed listed twice, which would count twice", () => {
    expect(() => parseSeeds("1..10,5")).toThrow("--seeds 1..10,5: seed 5 is listed twice");
    expect(() => parseSeeds("20..30,1..20")).toThrow(/seed 20 is listed twice/);
  });

  it(`refuses more than ${MAX_SEEDS_PER_SWEEP} seeds without listing them, and says how far to shard`, () => {
    expect(MAX_SEEDS_PER_SWEEP).toBe(1_000_000);
    expect(() => parseSeeds("1..1000000000")).toThrow("--seeds 1..1000000000: 1,000,000,000 seeds; at most 1,000,000 seeds in one sweep; split it with --shard i/n for n ≥ 1,000");
    expect(() => parseSeeds("0..9007199254740991", { index: 1, count: 2 })).toThrow(/^--seeds 0\.\.9007199254740991 --shard 1\/2: 4,503,599,627,370,496 seeds in this shard; .* n ≥ 9,007,199,255$/);
    expect(parseSeeds("1..1000000")).toHaveLength(MAX_SEEDS_PER_SWEEP);
    const shard = parseSeeds("1..1000000000", { index: 7, count: 1000 });
    expect(shard).toHaveLength(MAX_SEEDS_PER_SWEEP);
    expect(shard.slice(0, 2)).toEqual([7, 1007]);
    expect(shard.at(-1)).toBe(999_999_007);
  });
});
