// Runs a sweep's seeds on worker threads (one per core by default), handing each idle worker
// the next seed so long and short runs balance out. Workers load TypeScript through tsx, like
// the CLI itself.

import { Worker } from "node:worker_threads";
import type { SeedResult } from "./seed-result.ts";

/** A seed whose run broke an invariant: the sweep stops, naming it (exit 3). */
export class SeedInvariantFailure extends Error {
  override readonly name = "SeedInvariantFailure";
}

export interface PoolOptions {
  text: string;
  file: string;
  overrides: string[];
  seeds: readonly number[];
  workers: number;
  /** Check invariants after every event in every seed (`sweep --check`). */
  check: boolean;
  onResult: (result: SeedResult, done: number) => void;
}

export function runPool(options: PoolOptions): Promise<SeedResult[]> {
  const entry = new URL("./worker.ts", import.meta.url).href;
  const boot = new URL("../../bin/ts-worker.js", import.meta.url);
  const results: SeedResult[] = [];
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const count = Math.max(1, Math.min(options.workers, options.seeds.length));
    const workers: Worker[] = [];
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(error);
    };
    const feed = (w: Worker): void => {
      if (next < options.seeds.length) w.postMessage({ seed: options.seeds[next++] });
      else w.postMessage({ stop: true });
    };
    for (let i = 0; i < count; i++) {
      const w = new Worker(boot, { workerData: { entry, text: options.text, file: options.file, overrides: options.overrides, check: options.check } });
      workers.push(w);
      w.on("message", (msg: { ready?: true; result?: SeedResult; seed?: number; error?: string; invariant?: boolean }) => {
        if (msg.error !== undefined) return fail(msg.invariant === true ? new SeedInvariantFailure(msg.error) : new Error(`seed ${msg.seed}: ${msg.error}`));
        if (msg.result !== undefined) {
          results.push(msg.result);
          done++;
          options.onResult(msg.result, done);
          if (done === options.seeds.length) {
            for (const x of workers) x.postMessage({ stop: true });
            resolve(results);
            return;
          }
        }
        feed(w);
      });
      w.on("error", (e: Error) => fail(e));
    }
  });
}
