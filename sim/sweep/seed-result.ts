// One seed's outcome in a sweep: the fields the distributions are built from, small enough
// to print as one JSON line per seed (`sweep --json`) and merge later (`sweep --merge`).

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

const FIELDS: readonly (keyof SeedResult)[] = [
  "seed",
  "traceHash",
  "events",
  "attempted",
  "acknowledged",
  "failed",
  "acknowledgedLost",
  "duplicates",
  "outOfOrder",
  "divergentReplicas",
  "p99Ms",
  "maxMs",
  "maxLag",
  "rebalances",
  "expectationsOk",
];

/** Parses one `sweep --json` line; throws a one-line message when it is not one. */
export function parseSeedResult(line: string, where: string): SeedResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`${where}: not a JSON line`);
  }
  if (value === null || typeof value !== "object") throw new Error(`${where}: not a sweep result`);
  const o = value as Record<string, unknown>;
  for (const f of FIELDS) {
    const expected = f === "traceHash" ? "string" : f === "expectationsOk" ? "boolean" : "number";
    if (typeof o[f] !== expected) throw new Error(`${where}: field "${f}" is missing or not a ${expected} (is this a \`kafkasim sweep --json\` line?)`);
  }
  return o as unknown as SeedResult;
}
