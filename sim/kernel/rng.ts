// Seeded randomness. Every component draws from its own named stream (`fork("network")`),
// derived from the run's seed and the stream's path only, so adding a component or an
// extra draw in one place never shifts the numbers another component sees.
// Uses seedrandom's Alea generator: fast, and identical in Node and in browsers.

import seedrandom from "seedrandom";
import type { Rng } from "../../core/env.ts";

export class SeededRng implements Rng {
  private readonly gen: () => number;

  constructor(readonly path: string) {
    this.gen = seedrandom.alea(path);
  }

  static root(seed: number | string): SeededRng {
    return new SeededRng(`kafkasim:${seed}`);
  }

  next(): number {
    return this.gen();
  }

  int(n: number): number {
    return Math.floor(this.gen() * n);
  }

  int32(): number {
    return (this.gen() * 4294967296) | 0;
  }

  fork(name: string): SeededRng {
    return new SeededRng(`${this.path}/${name}`);
  }
}

/** Standard normal by Box–Muller (one value per call keeps the stream simple to reason about). */
export function normal(rng: Rng): number {
  let u = rng.next();
  if (u < 1e-300) u = 1e-300;
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
