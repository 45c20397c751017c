// `kafkasim serve FILE [--port 9092] [--speed 1] [--seed N] [--json] [--report OUT.html] [--set k=v]`:
// runs the scenario paced to the wall clock behind Kafka's wire protocol (sim/serve), until its
// duration ends or SIGINT, then prints the summary as `run` does and, with `--report`, writes
// run's HTML report of the served run (from the cluster's start through the settle). Log lines
// (listeners, closed connections) go to stderr, so `--json` leaves exactly one JSON object on stdout.

import { InvalidArgumentError } from "commander";
import { loadScenarioFile } from "../scenario/read-file.ts";
import { ServeSession } from "../serve/serve-session.ts";
import type { OutputFile } from "./atomic-file.ts";
import { reportNotModelled } from "./config-warnings.ts";
import { formatSummary, verdictOf } from "./format-summary.ts";
import { commandLine, openReport, RunRecorder, writeReport } from "./report-run.ts";

export interface ServeCommandOptions {
  readonly port: string;
  readonly speed: string;
  readonly seed?: string;
  readonly json?: boolean;
  readonly report?: string;
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
  const scenario = reportNotModelled(loadScenarioFile(file, opts.seed === undefined ? opts.set : [...opts.set, `seed=${opts.seed}`]), false);
  if (port + scenario.cluster.brokers - 1 > 65535) throw new InvalidArgumentError(`--port ${port}: ${scenario.cluster.brokers} brokers need ports up to ${port + scenario.cluster.brokers - 1}`);
  const log = (line: string): void => void process.stderr.write(`kafkasim serve: ${line}\n`);
  const report: OutputFile | null = opts.report === undefined ? null : openReport(opts.report, [file]);
  const recorder = report === null ? null : new RunRecorder();
  const session = new ServeSession(scenario, { port, speed, log, ...(recorder === null ? {} : { onTrace: recorder.onTrace }) });
  const onSigint = (): void => session.stop();
  try {
    try {
      await session.open();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE" || code === "EACCES") throw new InvalidArgumentError(`--port ${port}: cannot listen on 127.0.0.1:${port}-${port + scenario.cluster.brokers - 1} (${code})`);
      throw e;
    }
    log(`${scenario.name}: ${scenario.cluster.brokers} broker(s) on 127.0.0.1:${port}-${port + scenario.cluster.brokers - 1}, ${scenario.durationUs / 1e6 / speed} s of wall time (Ctrl-C ends early)`);
    process.once("SIGINT", onSigint);
    const summary = await session.run();
    process.off("SIGINT", onSigint);
    if (report !== null) {
      await writeReport(report, [recorder!.finish(session.servedScenario(), summary)], commandLine());
      report.commit();
    }
    if (opts.json) process.stdout.write(JSON.stringify(summary) + "\n");
    else process.stdout.write(formatSummary(summary, process.stdout.isTTY === true) + "\n");
    return verdictOf(summary) === "FAIL" ? 1 : 0;
  } finally {
    process.off("SIGINT", onSigint);
    report?.discard();
  }
}
