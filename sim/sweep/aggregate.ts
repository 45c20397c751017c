// Distributions over a sweep's seeds: the share of seeds that lost acknowledged records with
// a Wilson 95% confidence interval, percentiles of the per-seed figures, and the worst seeds;
// seeds that failed to run are counted apart and left out of the figures. Results are ordered
// by seed first, so the output is the same for any worker count or shard split.

import { isSeedError, type SeedError, type SeedOutcome } from "./seed-error.ts";
import type { SeedResult } from "./seed-result.ts";

export interface Distribution {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface SweepReport {
  /** Seeds that ran to a summary: every figure below is over these. */
  seeds: number;
  /** Seeds whose run threw instead, and the first of them (lowest seeds), with their errors. */
  failed: number;
  failures: SeedError[];
  lossSeeds: number;
  lossRate: number;
  lossRateCi95: [number, number];
  duplicateSeeds: number;
  reorderSeeds: number;
  expectationsHeld: number;
  acknowledgedLost: Distribution;
  duplicates: Distribution;
  p99Ms: Distribution;
  maxLag: Distribution;
  rebalances: Distribution;
  /** Seeds with the most acknowledged records lost (then the highest p99), worst first. */
  worst: { seed: number; acknowledgedLost: number; p99Ms: number }[];
}

/** Wilson score interval for a binomial proportion (z = 1.96). */
export function wilson95(successes: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959963984540054;
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  const mean = sorted.length === 0 ? 0 : sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1), mean: Math.round(mean * 1000) / 1000 };
}

export function aggregate(outcomes: readonly SeedOutcome[], worstCount = 5): SweepReport {
  const sorted = [...outcomes].sort((a, b) => a.seed - b.seed);
  const errors = sorted.filter(isSeedError);
  const rs = sorted.filter((o): o is SeedResult => !isSeedError(o));
  const n = rs.length;
  const lossSeeds = rs.filter((r) => r.acknowledgedLost > 0).length;
  const worst = [...rs]
    .sort((a, b) => b.acknowledgedLost - a.acknowledgedLost || b.p99Ms - a.p99Ms || a.seed - b.seed)
    .slice(0, worstCount)
    .map((r) => ({ seed: r.seed, acknowledgedLost: r.acknowledgedLost, p99Ms: r.p99Ms }));
  return {
    seeds: n,
    failed: errors.length,
    failures: errors.slice(0, worstCount),
    lossSeeds,
    lossRate: n === 0 ? 0 : lossSeeds / n,
    lossRateCi95: wilson95(lossSeeds, n),
    duplicateSeeds: rs.filter((r) => r.duplicates > 0).length,
    reorderSeeds: rs.filter((r) => r.outOfOrder > 0).length,
    expectationsHeld: rs.filter((r) => r.expectationsOk).length,
    acknowledgedLost: distribution(rs.map((r) => r.acknowledgedLost)),
    duplicates: distribution(rs.map((r) => r.duplicates)),
    p99Ms: distribution(rs.map((r) => r.p99Ms)),
    maxLag: distribution(rs.map((r) => r.maxLag)),
    rebalances: distribution(rs.map((r) => r.rebalances)),
    worst,
  };
}
