// Record keys as the scenario describes them: uniform or zipf over a key space, one hot key
// for a share of records, and the two hot-key mitigations — a composite key (hot key plus a
// sub-key, "US-123") and a salted key (hot key plus a small salt, "US#3").

import type { Rng } from "../../core/env.ts";
import type { KeySpec } from "../scenario/types.ts";

/**
 * Draws record keys as small integer ids, each naming one interned string, so callers can
 * index per-key tables by id instead of hashing a string per record.
 */
export interface KeyGenerator {
  /** The next record's key id, or -1 for no key. */
  next(): number;
  /** The key an id stands for: the same string object every time. */
  name(id: number): string;
  /** Ids are in [0, idCount). */
  readonly idCount: number;
}

export function keyGenerator(spec: KeySpec, rng: Rng): KeyGenerator {
  // Ids: 0..count-1 are "k<i>"; from `count` on, the hot key (fixed), its sub-keys
  // (composite, "US-123") or its salted forms (salted, "US#3").
  const n = spec.count;
  const names: string[] = [];
  const name = (id: number): string => (names[id] ??= id < n ? `k${id}` : hotName(spec, id - n));
  const uniform = (): number => rng.int(n);
  const generator = (next: () => number, idCount: number): KeyGenerator => ({ next, name, idCount });
  switch (spec.distribution) {
    case "none":
      return generator(() => -1, 0);
    case "uniform":
      return generator(uniform, n);
    case "zipf": {
      const cdf = zipfCdf(n, spec.exponent);
      return generator(() => searchCdf(cdf, rng.next()), n);
    }
    case "fixed":
      return generator(() => (rng.next() < spec.share ? n : uniform()), n + 1);
    case "composite":
      return generator(() => (rng.next() < spec.share ? n + rng.int(n) : uniform()), 2 * n);
    case "salted":
      return generator(() => (rng.next() < spec.share ? n + rng.int(spec.salts) : uniform()), n + spec.salts);
  }
}

function hotName(spec: KeySpec, i: number): string {
  switch (spec.distribution) {
    case "composite":
      return `${spec.key}-${i}`;
    case "salted":
      return `${spec.key}#${i}`;
    default:
      return spec.key;
  }
}

/** Cumulative probabilities of ranks 0..n-1 with weight 1/(rank+1)^s. */
function zipfCdf(n: number, s: number): Float64Array {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 1 / Math.pow(i + 1, s);
    cdf[i] = total;
  }
  for (let i = 0; i < n; i++) cdf[i]! /= total;
  return cdf;
}

function searchCdf(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
