// Which seeds a sweep runs: "1..1000", "7", "1,5,9" or a mix ("1..10,42"), and the i-th of n
// disjoint shards of them (a seed goes to shard (position mod n) + 1), so shards from any
// batch runner together cover the list exactly once. A spec is kept as ranges until the
// shard is known, so `1..1000000000` is refused (or sharded) without listing a billion seeds.

export class SeedSpecError extends Error {}

/**
 * A sweep keeps every seed's result in memory, and a million seeds is hours of work on one
 * machine already; larger sweeps are split over machines with --shard.
 */
export const MAX_SEEDS_PER_SWEEP = 1_000_000;

export interface Shard {
  index: number;
  count: number;
}

const WHOLE: Shard = { index: 1, count: 1 };

/** Inclusive. */
interface SeedRange {
  from: number;
  to: number;
}

/** The seeds of `spec` that fall in `shard`, in the spec's order. */
export function parseSeeds(spec: string, shard: Shard = WHOLE): number[] {
  const ranges = spec.split(",").map((part) => parseRange(spec, part.trim()));
  refuseOverlaps(spec, ranges);
  // Disjoint ranges of safe integers: the total is at most 2^53, still exact.
  const total = ranges.reduce((n, r) => n + (r.to - r.from + 1), 0);
  const inShard = total < shard.index ? 0 : Math.floor((total - shard.index) / shard.count) + 1;
  if (inShard > MAX_SEEDS_PER_SWEEP) {
    const where = shard === WHOLE ? `--seeds ${spec}: ${count(inShard)} seeds` : `--seeds ${spec} --shard ${shard.index}/${shard.count}: ${count(inShard)} seeds in this shard`;
    throw new SeedSpecError(`${where}; at most ${count(MAX_SEEDS_PER_SWEEP)} seeds in one sweep; split it with --shard i/n for n ≥ ${count(Math.ceil(total / MAX_SEEDS_PER_SWEEP))}`);
  }
  return listShard(ranges, shard);
}

const count = (n: number): string => n.toLocaleString("en-US");

function parseRange(spec: string, part: string): SeedRange {
  const range = /^(\S+?)\.\.(\S+)$/.exec(part);
  if (range !== null) {
    const from = toSeed(spec, range[1]!);
    const to = toSeed(spec, range[2]!);
    if (to < from) throw new SeedSpecError(`--seeds ${spec}: the range ${part} is empty (${to} < ${from})`);
    return { from, to };
  }
  const seed = toSeed(spec, part);
  return { from: seed, to: seed };
}

function toSeed(spec: string, text: string): number {
  if (/^-?\d+$/.test(text)) {
    const seed = Number(text);
    if (Number.isSafeInteger(seed) && seed >= 0) return seed;
    throw new SeedSpecError(`--seeds ${spec}: a seed is a whole number from 0 to ${Number.MAX_SAFE_INTEGER}; got ${text}`);
  }
  throw new SeedSpecError(`--seeds ${spec}: expected seeds like 1..1000, 42 or 1,5,9; got "${text}"`);
}

/** A seed listed twice would count twice in the distributions. */
function refuseOverlaps(spec: string, ranges: readonly SeedRange[]): void {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  for (let i = 1; i < sorted.length; i++) {
    const seed = sorted[i]!.from;
    if (seed <= sorted[i - 1]!.to) throw new SeedSpecError(`--seeds ${spec}: seed ${seed} is listed twice`);
  }
}

function listShard(ranges: readonly SeedRange[], shard: Shard): number[] {
  const seeds: number[] = [];
  let position = 0; // of the range's first seed in the whole list
  for (const { from, to } of ranges) {
    const first = (((shard.index - 1 - position) % shard.count) + shard.count) % shard.count;
    for (let seed = from + first; seed <= to; seed += shard.count) seeds.push(seed);
    position += to - from + 1;
  }
  return seeds;
}

/** `--shard i/n` (1-based i). */
export function parseShard(spec: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) throw new SeedSpecError(`--shard ${spec}: expected i/n with 1 ≤ i ≤ n, like 2/8`);
  return { index, count };
}
