// `kafkasim sweep`: one scenario over many seeds, in parallel, with distributions of the
// outcomes; `--shard i/n` and `--json` split a sweep over machines, `--merge` joins the parts.

import { availableParallelism } from "node:os";
import { aggregate, type SweepReport } from "../sweep/aggregate.ts";
import { runPool } from "../sweep/pool.ts";
import { parseSeeds, parseShard } from "../sweep/seeds.ts";
import { loadScenario } from "../scenario/loader.ts";
import { loadScenarioFile, readScenarioText } from "../scenario/read-file.ts";
import { reportNotModelled } from "./config-warnings.ts";
import { failedSeedsLine, formatReport, sweepExitCode } from "./format-sweep.ts";
import { runLimitsOf } from "../run/run-limits-node.ts";
import { progressBar } from "./progress.ts";
import { SweepUsageError } from "./sweep-usage-error.ts";
import { mergeParts } from "./sweep-merge.ts";
import { sweepWorkers } from "./sweep-workers.ts";

export interface SweepOptions {
  seeds?: string;
  workers?: string;
  forceWorkers?: boolean;
  shard?: string;
  json?: boolean;
  merge?: boolean;
  check?: boolean;
  strictConfig?: boolean;
  set: string[];
  limit: string[];
}

export async function sweepCommand(files: string[], opts: SweepOptions): Promise<number> {
  if (opts.merge) {
    const report = await mergeParts(files);
    // The parts do not name their scenario; the replay hint says where it goes.
    process.stdout.write(formatReport("merged", "SCENARIO.yaml", report, { workers: 0, wallMs: -1 }) + "\n");
    return finish("merged", report);
  }
  if (files.length !== 1) throw new SweepUsageError("sweep takes one scenario file (or --merge with result files)");
  const file = files[0]!;
  const limits = runLimitsOf(opts.limit);
  const scenario = reportNotModelled(loadScenarioFile(file, opts.set, limits), opts.strictConfig); // validates, with the file's own seed
  const text = readScenarioText(file, limits["file-size"]);
  const seeds = opts.shard === undefined ? parseSeeds(opts.seeds ?? "1..100") : parseSeeds(opts.seeds ?? "1..100", parseShard(opts.shard));
  loadScenario(text, file, [...opts.set, `seed=${seeds[0] ?? 1}`], limits); // the seed override is valid too
  const { workers, note } = sweepWorkers(opts.workers, opts.forceWorkers === true, availableParallelism());
  if (seeds.length === 0) {
    // More shards than seeds: this one has nothing to run, which is not a failure (its --json part is empty).
    process.stderr.write(`sweep ${scenario.name}: shard ${opts.shard} of ${opts.seeds ?? "1..100"} holds no seed; nothing to run\n`);
    return 0;
  }
  if (note !== undefined) process.stderr.write(`kafkasim: ${note}\n`);
  const progress = progressBar(`sweep ${scenario.name}`);
  const started = Date.now(); // allow-nondeterminism: wall time of the sweep, printed only
  const outcomes = await runPool({
    text,
    file,
    overrides: opts.set,
    seeds,
    workers,
    check: opts.check === true,
    limits,
    onResult: (outcome, done) => {
      progress.update(done, seeds.length, "seeds");
      if (opts.json) process.stdout.write(JSON.stringify(outcome) + "\n");
    },
  });
  progress.done();
  const report = aggregate(outcomes);
  if (!opts.json) process.stdout.write(formatReport(scenario.name, file, report, { workers, wallMs: Date.now() - started }) + "\n"); // allow-nondeterminism
  return finish(scenario.name, report);
}

/** The exit code, with its one stderr line when seeds failed to run. */
function finish(name: string, report: SweepReport): number {
  const line = failedSeedsLine(name, report);
  if (line !== null) process.stderr.write(`kafkasim: ${line}\n`);
  return sweepExitCode(report);
}
