// The `kafkasim` command line (DESIGN.md's contract): run and validate scenarios, list the
// library. Exit codes: 0 ran and every expect held, 1 an expect failed, 2 bad input —
// always one line on stderr naming file:line:column and the key path, never a stack trace —
// 3 an invariant broke (a simulator bug: one line with scenario, seed and simulated time).

import { placementLines } from "./placement-lines.ts";
import { readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { ScenarioError } from "../scenario/errors.ts";
import { printable } from "../scenario/printable.ts";
import { loadScenarioFile } from "../scenario/read-file.ts";
import { reportNotModelled, StrictConfigError } from "./config-warnings.ts";
import { reportFaultWarnings } from "./fault-warnings.ts";
import { configsCommand, ConfigsUsageError } from "./configs-command.ts";
import { schemaCommand } from "./schema-command.ts";
import { runScenario } from "../run/runner.ts";
import { EventLimitExceeded } from "../kernel/scheduler.ts";
import { InvariantFailure } from "../run/invariant-failure.ts";
import { formatSummary, verdictOf } from "./format-summary.ts";
import { NdjsonWriter } from "./ndjson-writer.ts";
import { progressBar } from "./progress.ts";
import { sweepCommand } from "./sweep-command.ts";
import { SweepUsageError } from "./sweep-usage-error.ts";
import { SeedInvariantFailure } from "../sweep/pool.ts";
import { compareCommand, CompareUsageError } from "./compare-command.ts";
import { SeedSpecError } from "../sweep/seeds.ts";
import { namesAnInput } from "./output-path.ts";
import { limitedRun, runLimitsOf } from "../run/run-limits-node.ts";
import { limitsCommand } from "./limits-command.ts";
import { RunLimitUsageError } from "../scenario/run-limits.ts";
import { commandLine, openReport, ReportError, RunRecorder, teeTrace, writeReport } from "./report-run.ts";
import { commitAll, OutputFile } from "./atomic-file.ts";
import { OutputError } from "./output-error.ts";
import { compareWithReport } from "./report-compare.ts";
import { serveCommand } from "./serve-command.ts";

class UsageError extends Error {}

const LIMIT_HELP = "raise or lower a run limit, e.g. --limit events=2e9 or --limit memory=8GiB (repeatable; kafkasim limits lists them)";

const STRICT_CONFIG_HELP = "exit 2 when the scenario sets a Kafka key the simulator accepts but does not model (each is warned about on stderr either way)";

const EXAMPLES = `Examples:
  kafkasim run scenarios/acks1-leader-crash.yaml
  kafkasim run scenarios/acks1-leader-crash.yaml --seed 7 --json
  kafkasim run scenarios/acks1-leader-crash.yaml --set producers.0.config.acks=all
  kafkasim run scenarios/acks-all-leader-crash.yaml --trace out.ndjson
  kafkasim run scenarios/acks1-leader-crash.yaml --report report.html
  kafkasim run scenarios/nemesis-acks-all.yaml --seed 17 --check
  kafkasim validate scenarios/acks0-leader-crash.yaml
  kafkasim configs --scope topic
  kafkasim schema --out scenarios/kafkasim.schema.json
  kafkasim list`;

const EXIT_CODES = "Exit codes: 0 every expect held, 1 an expect failed, 2 bad input, 3 an invariant broke (a simulator bug).";

const SWEEP_EXIT_CODES = `Exit codes: 0 every expect held in every seed, 1 an expect failed in some seed, 2 bad input or
some seed failed to run (its error is one line in the results, --json too, and the other seeds'
results are kept; 2 wins over 1, as the sweep is incomplete), 3 an invariant broke (the sweep stops).`;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function parseSeed(value: string): string {
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError("the seed must be an integer");
  return value;
}

function overridesOf(opts: { set: string[]; seed?: string }): string[] {
  return opts.seed === undefined ? opts.set : [...opts.set, `seed=${opts.seed}`];
}

async function runCommand(file: string, opts: { set: string[]; limit: string[]; seed?: string; json?: boolean; trace?: string; report?: string; check?: boolean; strictConfig?: boolean }): Promise<number> {
  const limits = runLimitsOf(opts.limit);
  const scenario = reportNotModelled(loadScenarioFile(file, overridesOf(opts), limits), opts.strictConfig);
  refuseClashingOutputs(file, opts);
  let report: OutputFile | null = null;
  let trace: NdjsonWriter | null = null;
  const progress = progressBar(scenario.name);
  try {
    report = opts.report === undefined ? null : openReport(opts.report, [file]);
    trace = opts.trace === undefined ? null : new NdjsonWriter(OutputFile.open("--trace", opts.trace));
    const recorder = report === null ? null : new RunRecorder();
    const { summary } = runScenario(scenario, {
      onProgress: (done, total) => progress.update(done, total),
      check: opts.check === true,
      ...limitedRun(limits),
      ...teeTrace(trace?.write, recorder?.onTrace),
    });
    progress.done();
    if (report !== null) await writeReport(report, [recorder!.finish(scenario, summary)], commandLine());
    trace?.flush();
    commitAll([trace?.file ?? null, report]);
    if (opts.json) process.stdout.write(JSON.stringify(summary) + "\n");
    else process.stdout.write(formatSummary(summary, process.stdout.isTTY === true) + "\n");
    reportFaultWarnings(summary);
    if (summary.incomplete !== undefined) {
      process.stderr.write(`kafkasim: ${summary.incomplete.message}\n`);
      return 2;
    }
    return verdictOf(summary) === "FAIL" ? 1 : 0;
  } finally {
    progress.done();
    trace?.file.discard();
    report?.discard();
  }
}

/** An output that would overwrite the scenario, or the other output, is refused before anything is written. */
function refuseClashingOutputs(file: string, opts: { trace?: string; report?: string }): void {
  if (opts.trace === undefined) return;
  if (namesAnInput(opts.trace, [file])) throw new UsageError(`--trace ${opts.trace}: that is the scenario file; writing the trace would overwrite it`);
  if (opts.report !== undefined && (resolve(opts.report) === resolve(opts.trace) || namesAnInput(opts.report, [opts.trace]))) {
    throw new UsageError(`--report ${opts.report}: that is the --trace file too; one would overwrite the other`);
  }
}

function validateCommand(file: string, opts: { set: string[]; limit: string[]; strictConfig?: boolean }): number {
  const s = reportNotModelled(loadScenarioFile(file, opts.set, runLimitsOf(opts.limit)), opts.strictConfig);
  process.stdout.write(
    `${printable(file)}: ok — ${s.name}: ${s.cluster.brokers} brokers, ${s.topics.length} topic(s), ${s.producers.length} producer(s), ${s.consumers.length} consumer group(s), ${s.faults.length} fault(s), ${s.expect.length} expectation(s)\n`,
  );
  for (const line of placementLines(s)) process.stdout.write(`${printable(line)}\n`);
  return 0;
}

/** The first sentence of a Markdown description, on one line. */
function firstSentence(text: string): string {
  const flat = printable(text.replace(/\s+/g, " ").trim());
  const m = /^(.+?[.!?])(\s|$)/.exec(flat);
  const sentence = m?.[1] ?? flat;
  return sentence.length > 110 ? `${sentence.slice(0, 107)}...` : sentence;
}

function listCommand(dir: string): number {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort();
  } catch {
    throw new UsageError(`${dir}: cannot read the scenario directory`);
  }
  const rows = files.map((f) => {
    const name = basename(f).replace(/\.ya?ml$/, "");
    try {
      return [name, firstSentence(loadScenarioFile(join(dir, f)).description)] as const;
    } catch (error) {
      return [printable(name), error instanceof ScenarioError ? `(invalid: ${error.message})` : "(unreadable)"] as const;
    }
  });
  const width = Math.max(0, ...rows.map((r) => r[0].length));
  for (const [name, line] of rows) process.stdout.write(`${name.padEnd(width)}  ${line}\n`);
  return 0;
}

function program(): Command {
  const p = new Command("kafkasim")
    .description("A deterministic simulator of Apache Kafka: replication, producers, faults — one seed, one history.")
    .version("0.1.0", "-V, --version")
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .showSuggestionAfterError(true)
    .addHelpText("after", `\n${EXAMPLES}\n\n${EXIT_CODES}`);
  p.command("run")
    .description("run a scenario and check its expectations")
    .argument("<file>", "scenario YAML file")
    .option("--seed <n>", "override the scenario's seed", parseSeed)
    .option("--json", "print the summary as one JSON object on stdout")
    .option("--trace <out.ndjson>", "write every trace event as NDJSON")
    .option("--report <out.html>", "write a self-contained HTML report (timelines, charts, verdict)")
    .option("--set <key=value>", "override a scenario key by path (repeatable)", collect, [])
    .option("--check", "check invariants after every event (one leader per epoch, HW within the ISR, committed prefixes agree, one owner per partition per generation); slower")
    .option("--limit <name=value>", LIMIT_HELP, collect, [])
    .option("--strict-config", STRICT_CONFIG_HELP)
    .addHelpText(
      "after",
      `
${EXAMPLES}

${EXIT_CODES}`,
    )
    .action(async (file: string, opts) => {
      process.exitCode = await runCommand(file, opts);
    });
  p.command("serve")
    .description("serve a scenario's cluster on Kafka's wire protocol to real clients (kcat, kafkajs, ...), paced to the wall clock")
    .argument("<file>", "scenario YAML file")
    .option("--port <n>", "port of broker 1; broker n listens on port + n - 1", "9092")
    .option("--speed <factor>", "simulated time per wall-clock time (1 = real time)", "1")
    .option("--seed <n>", "override the scenario's seed", parseSeed)
    .option("--json", "print the summary as one JSON object on stdout")
    .option("--report <out.html>", "write a self-contained HTML report of the served run (timelines, charts, verdict)")
    .option("--set <key=value>", "override a scenario key by path (repeatable)", collect, [])
    .action(async (file: string, opts) => {
      process.exitCode = await serveCommand(file, opts);
    });
  p.command("validate")
    .description("check a scenario file without running it")
    .argument("<file>", "scenario YAML file")
    .option("--set <key=value>", "override a scenario key by path (repeatable)", collect, [])
    .option("--limit <name=value>", LIMIT_HELP, collect, [])
    .option("--strict-config", STRICT_CONFIG_HELP)
    .action((file: string, opts) => {
      process.exitCode = validateCommand(file, opts);
    });
  p.command("compare")
    .description("run one scenario under two configurations (or two files) on the same seed, side by side")
    .argument("<files...>", "one scenario file (with --set … --vs …) or two files")
    .option("--set <key=value>", "override for side A (repeatable)", collect, [])
    .option("--vs <key=value>", "override for side B (repeatable)", collect, [])
    .option("--seed <n>", "the seed both sides run (default: A's)", parseSeed)
    .option("--json", "print {a: summary, b: summary} as one JSON object")
    .option("--report <out.html>", "write both runs into one self-contained HTML report")
    .option("--limit <name=value>", LIMIT_HELP, collect, [])
    .option("--strict-config", STRICT_CONFIG_HELP)
    .addHelpText(
      "after",
      `
Examples:
  kafkasim compare scenarios/acks1-leader-crash.yaml --set producers.0.config.acks=1 --vs producers.0.config.acks=all
  kafkasim compare scenarios/kip101-legacy-truncation.yaml scenarios/kip101-leader-epoch.yaml`,
    )
    .action(async (files: string[], opts) => {
      process.exitCode = opts.report === undefined ? compareCommand(files, opts) : await compareWithReport(files, opts);
    });
  p.command("sweep")
    .description("run one scenario over many seeds in parallel and print the distribution of outcomes")
    .argument("<files...>", "scenario YAML file (or, with --merge, files written by --json)")
    .option("--seeds <spec>", "seeds to run: 1..1000, 42, 1,5,9 (default 1..100)")
    .option("--workers <n>", "worker threads (default: one per core; more than the cores is capped to them, with a note)")
    .option("--force-workers", "start --workers N threads even beyond the cores (at most 256)")
    .option("--shard <i/n>", "run only the i-th of n disjoint slices of the seeds")
    .option("--json", "print one JSON line per seed instead of the distributions")
    .option("--merge", "merge the --json lines of several shards and print the distributions")
    .option("--check", "check invariants after every event of every seed; the first violation stops the sweep (exit 3)")
    .option("--limit <name=value>", `${LIMIT_HELP}; a seed that reaches a run limit fails to run, the others go on`, collect, [])
    .option("--set <key=value>", "override a scenario key by path (repeatable)", collect, [])
    .option("--strict-config", STRICT_CONFIG_HELP)
    .addHelpText(
      "after",
      `
Examples:
  kafkasim sweep scenarios/acks1-leader-crash.yaml --seeds 1..500
  kafkasim sweep scenarios/acks1-leader-crash.yaml --seeds 1..10000 --shard 3/8 --json > part3.ndjson
  kafkasim sweep --merge part*.ndjson

${SWEEP_EXIT_CODES}`,
    )
    .action(async (files: string[], opts) => {
      process.exitCode = await sweepCommand(files, opts);
    });
  p.command("configs")
    .description("list the Kafka config keys a scenario accepts: type, Kafka's default, valid values, and whether the simulator models each")
    .option("--scope <scope>", "only broker, topic, producer, consumer or streams keys")
    .option("--json", "print one JSON array, one object per key: scope, name, type, default, valid, modelled, note")
    .action((opts) => {
      process.exitCode = configsCommand(opts);
    });
  p.command("schema")
    .description("print the JSON Schema (draft-07) of scenario files, for editor completion and checks: every key with its doc, type and default")
    .option("--out <file>", "write the schema to this file instead of stdout")
    .addHelpText(
      "after",
      `
Examples:
  kafkasim schema > kafkasim.schema.json
  kafkasim schema --out scenarios/kafkasim.schema.json

A scenario whose first line is
  # yaml-language-server: $schema=./kafkasim.schema.json
gets completion, hover docs and typo checks in editors that run the YAML language server.`,
    )
    .action((opts) => {
      process.exitCode = schemaCommand(opts);
    });
  p.command("limits")
    .description("list the run limits (simulated time, replicas, clients, faults, file size, events, memory) and their values here")
    .option("--json", "print one JSON array, one object per limit")
    .option("--limit <name=value>", "show the limits as this flag would set them (repeatable)", collect, [])
    .action((opts) => {
      process.exitCode = limitsCommand(opts);
    });
  p.command("list")
    .description("list the scenarios of a directory, one line each")
    .argument("[dir]", "directory", "scenarios")
    .action((dir: string) => {
      process.exitCode = listCommand(dir);
    });
  return p;
}

/** A reader that stops early (`kafkasim schema | head`) closes the pipe: stop quietly, as Unix tools do. */
function exitQuietlyOnClosedPipe(): void {
  // Writers await "drain" with events.once, which listens for "error" too: leave them their ten.
  process.stdout.setMaxListeners(process.stdout.getMaxListeners() + 1);
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
  });
}

async function main(argv: string[]): Promise<number> {
  exitQuietlyOnClosedPipe();
  if (argv.length <= 2) {
    process.stderr.write("kafkasim: missing command (run, serve, validate, compare, sweep, configs, schema, limits or list); try kafkasim --help\n");
    return 2;
  }
  try {
    await program().parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      process.stderr.write(`kafkasim: ${printable(error.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " "))}\n`);
      return 2;
    }
    if (error instanceof ScenarioError) {
      process.stderr.write(error.format() + "\n");
      return 2;
    }
    if (error instanceof OutputError && error.closedPipe) return typeof process.exitCode === "number" ? process.exitCode : 0;
    if (error instanceof StrictConfigError || error instanceof ConfigsUsageError || error instanceof OutputError || error instanceof UsageError || error instanceof SweepUsageError || error instanceof SeedSpecError || error instanceof CompareUsageError || error instanceof ReportError || error instanceof RunLimitUsageError) {
      process.stderr.write(`kafkasim: ${printable(error.message)}\n`);
      return 2;
    }
    if (error instanceof EventLimitExceeded) {
      process.stderr.write(`kafkasim: ${printable(error.message)}\n`);
      return 2;
    }
    if (error instanceof InvariantFailure || error instanceof SeedInvariantFailure) {
      process.stderr.write(`kafkasim: ${printable(error.message)}\n`);
      return 3;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv);
