// Record keys as the scenario describes them: uniform or zipf over a key space, one hot key
// for a share of records, and the two hot-key mitigations — a composite key (hot key plus a
// sub-key, "US-123") and a salted key (hot key plus a small salt, "US#3").

import type { Rng } from "../../core/env.ts";
import type { KeySpec } from "../scenario/types.ts";

export type KeyGenerator = () => string | null;

export function keyGenerator(spec: KeySpec, rng: Rng): KeyGenerator {
  // Key strings are interned: the same key is the same string, not a new one per record.
  const names: string[] = [];
  const name = (i: number): string => (names[i] ??= `k${i}`);
  const uniform = (): string => name(rng.int(spec.count));
  switch (spec.distribution) {
    case "none":
      return () => null;
    case "uniform":
      return uniform;
    case "zipf": {
      const cdf = zipfCdf(spec.count, spec.exponent);
      return () => name(searchCdf(cdf, rng.next()));
    }
    case "fixed":
      return () => (rng.next() < spec.share ? spec.key : uniform());
    case "composite":
      return () => (rng.next() < spec.share ? `${spec.key}-${rng.int(spec.count)}` : uniform());
    case "salted":
      return () => (rng.next() < spec.share ? `${spec.key}#${rng.int(spec.salts)}` : uniform());
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
