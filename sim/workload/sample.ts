// Draws from the scenario's distributions (processing times, value sizes) with a given stream.

import type { Rng } from "../../core/env.ts";
import { normal } from "../kernel/rng.ts";
import type { Distribution } from "../scenario/types.ts";

export function sample(d: Distribution, rng: Rng): number {
  switch (d.kind) {
    case "fixed":
      return d.value;
    case "uniform":
      return d.min + rng.next() * (d.max - d.min);
    case "normal":
      return Math.max(0, d.mean + d.stddev * normal(rng));
    case "lognormal":
      return d.median * Math.exp(d.sigma * normal(rng));
    case "exponential":
      return -d.mean * Math.log(1 - rng.next());
  }
}
