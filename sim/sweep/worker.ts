// A sweep worker thread: runs the seeds it is sent and posts one SeedResult per seed, or the
// error its run threw. Simulation runs are independent and deterministic, so which worker
// runs a seed never changes its result.

import { parentPort, workerData } from "node:worker_threads";
import { loadScenario } from "../scenario/loader.ts";
import { runScenario, type RunOptions } from "../run/runner.ts";
import { seedResult } from "./seed-result.ts";
import { InvariantFailure } from "../run/invariant-failure.ts";
import type { RunLimits } from "../scenario/run-limits.ts";
import { limitedRun } from "../run/run-limits-node.ts";

const { text, file, overrides, check, limits } = workerData as { text: string; file: string; overrides: string[]; check: boolean; limits: RunLimits };
const options: RunOptions = { check, ...limitedRun(limits) };
const port = parentPort!;

port.on("message", (msg: { seed: number } | { stop: true }) => {
  if ("stop" in msg) {
    port.close();
    return;
  }
  try {
    const scenario = loadScenario(text, file, [...overrides, `seed=${msg.seed}`], limits);
    const { summary } = runScenario(scenario, options);
    // A run stopped at a limit is no outcome to count: the seed failed to run, and says why.
    if (summary.incomplete !== undefined) port.postMessage({ seed: msg.seed, error: summary.incomplete.message, invariant: false });
    else port.postMessage({ result: seedResult(summary) });
  } catch (error) {
    port.postMessage({ seed: msg.seed, error: error instanceof Error ? error.message : String(error), invariant: error instanceof InvariantFailure });
  }
});
port.postMessage({ ready: true });
