// Wall-clock measurement for the benchmarks. This file (and sim/bench as a whole) is
// outside the simulation path: reading the real clock here is the point.

import { performance } from "node:perf_hooks";

export const wallMs = (): number => performance.now(); // allow-nondeterminism: the benchmark measures wall time

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** One timed repetition: how many units of work ran in how many wall milliseconds. */
export interface Sample {
  readonly work: number;
  readonly ms: number;
}

export const ratePerSec = (s: Sample): number => (s.work * 1000) / s.ms;

/** Median rate over samples (rates, not times: repetitions may differ slightly in work). */
export function medianRate(samples: readonly Sample[]): number {
  return median(samples.map(ratePerSec));
}

/** Memory high-water marks, sampled by the caller. */
export class MemoryPeak {
  rssBytes = 0;
  heapUsedBytes = 0;
  readonly startRssBytes: number;
  readonly startHeapUsedBytes: number;

  constructor() {
    const m = process.memoryUsage();
    this.startRssBytes = m.rss;
    this.startHeapUsedBytes = m.heapUsed;
    this.sample();
  }

  sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.rssBytes) this.rssBytes = m.rss;
    if (m.heapUsed > this.heapUsedBytes) this.heapUsedBytes = m.heapUsed;
  }
}

export const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MiB`;

/** 12345678 → "12.3M", 4321 → "4.32k", 1000 → "1k". */
export function si(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  const p3 = (v: number): string => String(Number(v.toPrecision(3)));
  if (a >= 1e9) return `${p3(x / 1e9)}G`;
  if (a >= 1e6) return `${p3(x / 1e6)}M`;
  if (a >= 1e3) return `${p3(x / 1e3)}k`;
  return p3(x);
}

export const ratio = (x: number): string => `${x.toFixed(2)}×`;
