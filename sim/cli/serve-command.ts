// `kafkasim serve FILE [--port 9092] [--speed 1] [--seed N] [--json] [--set k=v]`: runs the
// scenario paced to the wall clock behind Kafka's wire protocol (sim/serve), until its
// duration ends or SIGINT, then prints the summary as `run` does. Log lines (listeners,
// closed connections) go to stderr, so `--json` leaves exactly one JSON object on stdout.

import { InvalidArgumentError } from "commander";
import { loadScenarioFile } from "../scenario/read-file.ts";
import { ServeSession } from "../serve/serve-session.ts";
import { formatSummary, verdictOf } from "./format-summary.ts";

export interface ServeCommandOptions {
  readonly port: string;
  readonly speed: string;
  readonly seed?: string;
  readonly json?: boolean;
  readonly set: string[];
}

function positive(name: string, value: string, integer: boolean): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new InvalidArgumentError(`${name} must be a positive ${integer ? "integer" : "number"}, got "${value}"`);
  return n;
}

export async function serveCommand(file: string, opts: ServeCommandOptions): Promise<number> {
  const port = positive("--port", opts.port, true);
  const speed = positive("--speed", opts.speed, false);
  const scenario = loadScenarioFile(file, opts.seed === undefined ? opts.set : [...opts.set, `seed=${opts.seed}`]);
  if (port + scenario.cluster.brokers - 1 > 65535) throw new InvalidArgumentError(`--port ${port}: ${scenario.cluster.brokers} brokers need ports up to ${port + scenario.cluster.brokers - 1}`);
  const log = (line: string): void => void process.stderr.write(`kafkasim serve: ${line}\n`);
  const session = new ServeSession(scenario, { port, speed, log });
  try {
    await session.open();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES") throw new InvalidArgumentError(`--port ${port}: cannot listen on 127.0.0.1:${port}-${port + scenario.cluster.brokers - 1} (${code})`);
    throw e;
  }
  log(`${scenario.name}: ${scenario.cluster.brokers} broker(s) on 127.0.0.1:${port}-${port + scenario.cluster.brokers - 1}, ${scenario.durationUs / 1e6 / speed} s of wall time (Ctrl-C ends early)`);
  const onSigint = (): void => session.stop();
  process.once("SIGINT", onSigint);
  try {
    const summary = await session.run();
    if (opts.json) process.stdout.write(JSON.stringify(summary) + "\n");
    else process.stdout.write(formatSummary(summary, process.stdout.isTTY === true) + "\n");
    return verdictOf(summary) === "FAIL" ? 1 : 0;
  } finally {
    process.off("SIGINT", onSigint);
  }
}
