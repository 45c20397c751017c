// One-way network latency as a distribution, sampled from the network's own rng stream.

import type { Rng } from "../../core/env.ts";
import { normal } from "../kernel/rng.ts";

export type LatencySpec =
  | { kind: "fixed"; us: number }
  | { kind: "uniform"; minUs: number; maxUs: number }
  | { kind: "normal"; meanUs: number; stddevUs: number }
  | { kind: "lognormal"; medianUs: number; sigma: number };

export type LatencySampler = () => number;

export function latencySampler(spec: LatencySpec, rng: Rng): LatencySampler {
  switch (spec.kind) {
    case "fixed": {
      const us = Math.max(0, Math.round(spec.us));
      return () => us;
    }
    case "uniform": {
      const { minUs, maxUs } = spec;
      return () => Math.round(minUs + rng.next() * (maxUs - minUs));
    }
    case "normal": {
      const { meanUs, stddevUs } = spec;
      if (stddevUs <= 0) return () => Math.max(0, Math.round(meanUs));
      // Truncated at zero: a message never arrives before it was sent.
      return () => Math.max(0, Math.round(meanUs + stddevUs * normal(rng)));
    }
    case "lognormal": {
      const mu = Math.log(Math.max(spec.medianUs, 1e-9));
      const { sigma } = spec;
      return () => Math.round(Math.exp(mu + sigma * normal(rng)));
    }
  }
}
