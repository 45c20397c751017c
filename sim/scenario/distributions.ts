// Random quantities in a scenario: `processingTime: 2ms` or
// `{ distribution: lognormal, median: 2ms, sigma: 0.5 }`, `valueSize: 200` or
// `{ distribution: uniform, min: 100, max: 1KiB }`, and the network's latency, where
// `latency: 1ms, jitter: 200us` means normal(mean 1ms, stddev 200us) truncated at 0.

import type { Field, MapView } from "./node-reader.ts";
import type { Distribution, LatencySpec } from "./types.ts";
import { parseDurationUs, parseSizeBytes } from "./units.ts";

export type Quantity = "time" | "size";

export const DISTRIBUTION_PARAMS = {
  fixed: ["value"],
  uniform: ["min", "max"],
  normal: ["mean", "stddev"],
  lognormal: ["median", "sigma"],
  exponential: ["mean"],
} as const;
export type DistributionKind = keyof typeof DISTRIBUTION_PARAMS;
export const DISTRIBUTION_KINDS = Object.keys(DISTRIBUTION_PARAMS) as DistributionKind[];
/** A network latency has no exponential kind: its mean would sit at the minimum. */
export const LATENCY_KINDS: readonly DistributionKind[] = ["fixed", "uniform", "normal", "lognormal"];
/** `latency:` when the network does not set one. */
export const DEFAULT_LATENCY_US = 1000;

function readQuantity(f: Field, quantity: Quantity): number {
  const v = f.parsed(quantity === "time" ? parseDurationUs : parseSizeBytes);
  if (v < 0) f.fail(`must not be negative, got ${v}`);
  return v;
}

/** A fixed value, or a map naming a distribution and its parameters (in `quantity` units). */
export function readDistribution(f: Field, quantity: Quantity, kinds: readonly DistributionKind[] = DISTRIBUTION_KINDS): Distribution {
  if (!f.isMap) return { kind: "fixed", value: readQuantity(f, quantity) };
  const m = f.map();
  const kindField = m.req("distribution", `one of ${kinds.join(", ")}`);
  const kind = kindField.string() as DistributionKind;
  if (!kinds.includes(kind)) kindField.fail(`unknown distribution "${kind}"; expected one of ${kinds.join(", ")}`);
  m.allowOnly(["distribution", ...DISTRIBUTION_PARAMS[kind]]);
  const q = (key: string): number => readQuantity(m.req(key), quantity);
  switch (kind) {
    case "fixed":
      return { kind, value: q("value") };
    case "uniform": {
      const min = q("min");
      const max = q("max");
      if (max < min) m.get("max").fail("max must not be below min");
      return { kind, min, max };
    }
    case "normal":
      return { kind, mean: q("mean"), stddev: q("stddev") };
    case "lognormal": {
      const median = q("median");
      if (median === 0) m.get("median").fail("a lognormal median must be above 0");
      return { kind, median, sigma: m.req("sigma").number(0, 10) };
    }
    case "exponential":
      return { kind, mean: q("mean") };
  }
}

/** A value that bounds the distribution from above in practice (for "too big" checks). */
export function typicalMax(d: Distribution): number {
  switch (d.kind) {
    case "fixed":
      return d.value;
    case "uniform":
      return d.max;
    case "normal":
      return d.mean;
    case "lognormal":
      return d.median;
    case "exponential":
      return d.mean;
  }
}

/** `network.latency` (+ `jitter`) as a LatencySpec in microseconds. Default: fixed 1ms. */
export function readLatency(network: MapView): LatencySpec {
  const latency = network.get("latency");
  const jitter = network.get("jitter");
  if (latency.isMap) {
    if (!jitter.missing) jitter.fail("jitter only applies to a plain latency like `latency: 1ms`; a latency distribution sets its own spread");
    const d = readDistribution(latency, "time", LATENCY_KINDS);
    switch (d.kind) {
      case "fixed":
        return { kind: "fixed", us: d.value };
      case "uniform":
        return { kind: "uniform", minUs: d.min, maxUs: d.max };
      case "normal":
        return { kind: "normal", meanUs: d.mean, stddevUs: d.stddev };
      case "lognormal":
        return { kind: "lognormal", medianUs: d.median, sigma: d.sigma };
      case "exponential":
        return latency.fail("unreachable");
    }
  }
  const us = latency.missing ? DEFAULT_LATENCY_US : readQuantity(latency, "time");
  const jitterUs = jitter.missing ? 0 : readQuantity(jitter, "time");
  return jitterUs === 0 ? { kind: "fixed", us } : { kind: "normal", meanUs: us, stddevUs: jitterUs };
}
