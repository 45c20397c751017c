// Reads back one line that `sweep --json` printed: a SeedResult, or a SeedError for a seed
// that failed to run. Anything else (a scenario, a log, a line cut short, JSON of another
// shape) is named with why, so `--merge` can point at the file and line.

import type { SeedOutcome } from "./seed-error.ts";
import type { SeedResult } from "./seed-result.ts";

const RESULT_FIELDS: Record<Exclude<keyof SeedResult, "seed">, "number" | "string" | "boolean"> = {
  traceHash: "string",
  events: "number",
  attempted: "number",
  acknowledged: "number",
  failed: "number",
  acknowledgedLost: "number",
  duplicates: "number",
  outOfOrder: "number",
  divergentReplicas: "number",
  p99Ms: "number",
  maxMs: "number",
  maxLag: "number",
  rebalances: "number",
  expectationsOk: "boolean",
};

export function parseOutcome(line: string): { outcome: SeedOutcome } | { reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { reason: "not JSON" };
  }
  const kind = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  if (kind !== "object") return { reason: `JSON ${kind}, not an object` };
  const o = value as Record<string, unknown>;
  if (!isSeed(o.seed)) return { reason: `field "seed" is missing or not a whole number from 0 to ${Number.MAX_SAFE_INTEGER}` };
  if ("error" in o) return typeof o.error === "string" ? { outcome: { seed: o.seed, error: o.error } } : { reason: `field "error" is not a string` };
  for (const [field, type] of Object.entries(RESULT_FIELDS)) {
    const v = o[field];
    if (typeof v !== type || (type === "number" && !Number.isFinite(v))) return { reason: `field "${field}" is missing or not a ${type}` };
  }
  return { outcome: o as unknown as SeedResult };
}

const isSeed = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
