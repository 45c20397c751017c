// One seed's outcome in a sweep: the fields the distributions are built from, small enough
// to print as one JSON line per seed (`sweep --json`) and merge later (`sweep --merge`,
// through parse-outcome.ts).

import type { Summary } from "../run/summary.ts";

export interface SeedResult {
  seed: number;
  traceHash: string;
  events: number;
  attempted: number;
  acknowledged: number;
  failed: number;
  acknowledgedLost: number;
  duplicates: number;
  outOfOrder: number;
  divergentReplicas: number;
  p99Ms: number;
  maxMs: number;
  /** Largest maxLag and total rebalances over the scenario's consumer groups. */
  maxLag: number;
  rebalances: number;
  expectationsOk: boolean;
}

export function seedResult(summary: Summary): SeedResult {
  const groups = Object.values(summary.consumers);
  return {
    seed: summary.seed,
    traceHash: summary.traceHash,
    events: summary.events,
    attempted: summary.produced.attempted,
    acknowledged: summary.produced.acknowledged,
    failed: summary.produced.failed,
    acknowledgedLost: summary.durability.acknowledgedLost,
    duplicates: summary.durability.duplicates,
    outOfOrder: summary.durability.outOfOrder,
    divergentReplicas: summary.durability.divergentReplicas,
    p99Ms: summary.latency.p99Ms,
    maxMs: summary.latency.maxMs,
    maxLag: groups.reduce((m, g) => Math.max(m, g.maxLag), 0),
    rebalances: groups.reduce((n, g) => n + g.rebalances, 0),
    expectationsOk: summary.expectations.every((e) => e.ok),
  };
}
