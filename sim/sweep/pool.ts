// Runs a sweep's seeds on worker threads (one per core by default), handing each idle worker
// the next seed so long and short runs balance out. Workers load TypeScript through tsx, like
// the CLI itself. A seed whose run throws is an outcome like any other; only an invariant
// failure stops the pool.

import { Worker } from "node:worker_threads";
import { seedError, type SeedOutcome } from "./seed-error.ts";
import type { RunLimits } from "../scenario/run-limits.ts";
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
  /** The run limits of every seed (`--limit`): one that loads or runs past them fails to run. */
  limits: RunLimits;
  onResult: (outcome: SeedOutcome, done: number) => void;
}

type WorkerReply = { ready: true } | { result: SeedResult } | { seed: number; error: string; invariant: boolean };

export function runPool(options: PoolOptions): Promise<SeedOutcome[]> {
  const entry = new URL("./worker.ts", import.meta.url).href;
  const boot = new URL("../../bin/ts-worker.js", import.meta.url);
  const { text, file, overrides, check, limits, seeds } = options;
  const outcomes: SeedOutcome[] = [];
  let next = 0;
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      reject(error);
    };
    /** true once it was the last seed. */
    const record = (outcome: SeedOutcome): boolean => {
      outcomes.push(outcome);
      options.onResult(outcome, outcomes.length);
      if (outcomes.length < seeds.length) return false;
      settled = true;
      for (const x of workers) x.postMessage({ stop: true });
      resolve(outcomes);
      return true;
    };
    const start = (): void => {
      const w = new Worker(boot, { workerData: { entry, text, file, overrides, check, limits } });
      workers.push(w);
      let running: number | "idle" | "stopped" = "idle";
      const feed = (): void => {
        running = next < seeds.length ? seeds[next++]! : "stopped";
        w.postMessage(running === "stopped" ? { stop: true } : { seed: running });
      };
      // The thread is gone (out of memory, say): the seed it ran failed, a fresh thread takes
      // the rest. One that dies before its first seed would die again: that stops the sweep.
      const died = (error: Error): void => {
        const seed = running;
        running = "stopped";
        if (settled || seed === "stopped") return;
        if (seed === "idle") return fail(error);
        if (!record(seedError(seed, error))) start();
      };
      w.on("message", (msg: WorkerReply) => {
        if ("invariant" in msg && msg.invariant) return fail(new SeedInvariantFailure(msg.error));
        running = "idle";
        if ("result" in msg && record(msg.result)) return;
        if ("error" in msg && record(seedError(msg.seed, msg.error))) return;
        feed();
      });
      w.on("error", died);
      w.on("exit", (code) => died(new Error(`its worker thread exited with code ${code}`)));
    };
    for (let i = 0; i < Math.max(1, Math.min(options.workers, seeds.length)); i++) start();
  });
}
