// Which seeds a sweep runs: "1..1000", "7", "1,5,9" or a mix ("1..10,42"), and the i-th of n
// disjoint shards of them (a seed goes to shard (position mod n) + 1), so shards from any
// batch runner together cover the list exactly once.

export class SeedSpecError extends Error {}

const MAX_SEEDS = 10_000_000;

export function parseSeeds(spec: string): number[] {
  const seeds: number[] = [];
  for (const part of spec.split(",")) {
    const p = part.trim();
    const range = /^(-?\d+)\.\.(-?\d+)$/.exec(p);
    if (range !== null) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to < from) throw new SeedSpecError(`--seeds ${spec}: the range ${p} is empty (${to} < ${from})`);
      if (to - from + 1 + seeds.length > MAX_SEEDS) throw new SeedSpecError(`--seeds ${spec}: more than ${MAX_SEEDS.toLocaleString("en-US")} seeds`);
      for (let s = from; s <= to; s++) seeds.push(s);
    } else if (/^-?\d+$/.test(p)) {
      seeds.push(Number(p));
    } else {
      throw new SeedSpecError(`--seeds ${spec}: expected seeds like 1..1000, 42 or 1,5,9; got "${p}"`);
    }
  }
  if (seeds.length === 0) throw new SeedSpecError(`--seeds ${spec}: no seeds`);
  return seeds;
}

/** `--shard i/n` (1-based i). */
export function parseShard(spec: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index < 1 || index > count) throw new SeedSpecError(`--shard ${spec}: expected i/n with 1 ≤ i ≤ n, like 2/8`);
  return { index, count };
}

export function shardOf(seeds: readonly number[], shard: { index: number; count: number }): number[] {
  return seeds.filter((_, i) => i % shard.count === shard.index - 1);
}
