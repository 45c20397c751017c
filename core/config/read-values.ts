// Typed reads of resolved config values for the settings accessors. A wrong type here
// is a bug in kafkasim (the catalog guarantees the type), so it throws.

import type { ConfigValue } from "./catalog.ts";
import { LONG_MAX } from "./limits.ts";

export type Values = Readonly<Record<string, ConfigValue>>;

function fault(key: string, want: string, got: ConfigValue | undefined): never {
  throw new Error(`config ${key}: expected ${want}, found ${JSON.stringify(got)}`);
}

export function num(values: Values, key: string): number {
  const v = values[key];
  return typeof v === "number" ? v : fault(key, "a number", v);
}

export function numOrNull(values: Values, key: string): number | null {
  const v = values[key];
  return v === null || typeof v === "number" ? v : fault(key, "a number or null", v);
}

export function bool(values: Values, key: string): boolean {
  const v = values[key];
  return typeof v === "boolean" ? v : fault(key, "a boolean", v);
}

export function str(values: Values, key: string): string {
  const v = values[key];
  return typeof v === "string" ? v : fault(key, "a string", v);
}

export function strOrNull(values: Values, key: string): string | null {
  const v = values[key];
  return v === null || typeof v === "string" ? v : fault(key, "a string or null", v);
}

export function list(values: Values, key: string): readonly string[] {
  const v = values[key];
  return Array.isArray(v) ? (v as readonly string[]) : fault(key, "a list", v);
}

/** One of `allowed`, typed as such. */
export function oneOf<T extends string>(values: Values, key: string, allowed: readonly T[]): T {
  const v = str(values, key);
  return (allowed as readonly string[]).includes(v) ? (v as T) : fault(key, allowed.join("|"), v);
}

/** Kafka's "never"/"unbounded" sentinels (Long.MAX_VALUE, or any negative for sizes/times) as Infinity. */
export function unbounded(n: number, negativeMeansInfinite = false): number {
  if (n >= LONG_MAX) return Number.POSITIVE_INFINITY;
  if (negativeMeansInfinite && n < 0) return Number.POSITIVE_INFINITY;
  return n;
}
