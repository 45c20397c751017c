// A sweep worker thread: runs the seeds it is sent and posts one SeedResult per seed, or the
// error its run threw. Simulation runs are independent and deterministic, so which worker
// runs a seed never changes its result.

import { parentPort, workerData } from "node:worker_threads";
import { loadScenario } from "../scenario/loader.ts";
import { runScenario, type RunOptions } from "../run/runner.ts";
import { seedResult } from "./seed-result.ts";
import { InvariantFailure } from "../run/invariant-failure.ts";

const { text, file, overrides, check, eventLimit } = workerData as { text: string; file: string; overrides: string[]; check: boolean; eventLimit?: number };
const options: RunOptions = eventLimit === undefined ? { check } : { check, eventLimit };
const port = parentPort!;

port.on("message", (msg: { seed: number } | { stop: true }) => {
  if ("stop" in msg) {
    port.close();
    return;
  }
  try {
    const scenario = loadScenario(text, file, [...overrides, `seed=${msg.seed}`]);
    port.postMessage({ result: seedResult(runScenario(scenario, options).summary) });
  } catch (error) {
    port.postMessage({ seed: msg.seed, error: error instanceof Error ? error.message : String(error), invariant: error instanceof InvariantFailure });
  }
});
port.postMessage({ ready: true });
