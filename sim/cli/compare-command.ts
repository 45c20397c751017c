// `kafkasim compare`: one scenario under two configurations (or two scenario files) on the
// same seed, their summaries side by side with the differences marked.

import { runScenario, type RunOptions } from "../run/runner.ts";
import { limitedRun, runLimitsOf } from "../run/run-limits-node.ts";
import type { Summary } from "../run/summary.ts";
import { verdictOf } from "../run/verdict.ts";
import { loadScenarioFile } from "../scenario/read-file.ts";
import { reportNotModelled } from "./config-warnings.ts";
import { reportFaultWarnings } from "./fault-warnings.ts";
import type { Scenario } from "../scenario/types.ts";

export interface CompareOptions {
  set: string[];
  vs: string[];
  seed?: string;
  json?: boolean;
  strictConfig?: boolean;
  limit: string[];
}

export class CompareUsageError extends Error {}

/** The two sides of a comparison: their scenarios on one seed (B takes A's) and their labels. */
export interface ComparePair {
  readonly a: Scenario;
  readonly b: Scenario;
  readonly labelA: string;
  readonly labelB: string;
  /** The run limits both sides run under (`--limit`). */
  readonly run: RunOptions;
}

export function loadComparePair(files: string[], opts: CompareOptions): ComparePair {
  if (files.length < 1 || files.length > 2) throw new CompareUsageError("compare takes one scenario file (with --set … --vs …) or two files");
  if (files.length === 1 && opts.vs.length === 0 && opts.set.length === 0) {
    throw new CompareUsageError("compare one file needs overrides for each side: --set key=a --vs key=b");
  }
  const seedOverride = opts.seed === undefined ? [] : [`seed=${opts.seed}`];
  const limits = runLimitsOf(opts.limit);
  const a = reportNotModelled(loadScenarioFile(files[0]!, [...opts.set, ...seedOverride], limits), opts.strictConfig);
  // Both sides run on one seed: B takes A's unless --seed says otherwise.
  const b = reportNotModelled(loadScenarioFile(files[1] ?? files[0]!, [...opts.vs, `seed=${a.seed}`], limits), opts.strictConfig);
  const labelA = files.length === 2 ? files[0]! : opts.set.join(" ") || "as written";
  const labelB = files.length === 2 ? files[1]! : opts.vs.join(" ") || "as written";
  return { a, b, labelA, labelB, run: limitedRun(limits) };
}

/** Prints both summaries (one JSON object with --json, else the side-by-side table), then each side's fault warnings on stderr. */
export function printComparison(pair: ComparePair, left: Summary, right: Summary, json: boolean | undefined): void {
  if (json) process.stdout.write(JSON.stringify({ a: left, b: right }) + "\n");
  else process.stdout.write(formatComparison(left, right, pair.labelA, pair.labelB, process.stdout.isTTY === true) + "\n");
  reportFaultWarnings(left, "A: ");
  reportFaultWarnings(right, "B: ");
}

export function compareCommand(files: string[], opts: CompareOptions): number {
  const pair = loadComparePair(files, opts);
  const left = runScenario(pair.a, pair.run).summary;
  const right = runScenario(pair.b, pair.run).summary;
  printComparison(pair, left, right, opts.json);
  return compareExitCode(left, right);
}

/** 0, or 2 with one stderr line per side that stopped at a run limit: its figures answer another question. */
export function compareExitCode(left: Summary, right: Summary): number {
  let code = 0;
  for (const [side, s] of [["A", left], ["B", right]] as const) {
    if (s.incomplete === undefined) continue;
    process.stderr.write(`kafkasim: side ${side} ${s.incomplete.message}\n`);
    code = 2;
  }
  return code;
}

type Row = [string, string, string];

function rows(a: Summary, b: Summary): Row[] {
  const n = (x: number): string => x.toLocaleString("en-US");
  const ms = (x: number): string => `${x >= 100 ? n(Math.round(x)) : Math.round(x * 10) / 10} ms`;
  const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;
  const out: Row[] = [
    ["verdict", verdictOf(a), verdictOf(b)],
    ["traceHash", a.traceHash, b.traceHash],
    ["events", n(a.events), n(b.events)],
    ["produced.attempted", n(a.produced.attempted), n(b.produced.attempted)],
    ["produced.acknowledged", n(a.produced.acknowledged), n(b.produced.acknowledged)],
    ["produced.failed", n(a.produced.failed), n(b.produced.failed)],
    ["durability.acknowledgedLost", n(a.durability.acknowledgedLost), n(b.durability.acknowledgedLost)],
    ["durability.duplicates", n(a.durability.duplicates), n(b.durability.duplicates)],
    ["durability.outOfOrder", n(a.durability.outOfOrder), n(b.durability.outOfOrder)],
    ["durability.divergentReplicas", n(a.durability.divergentReplicas), n(b.durability.divergentReplicas)],
    ["latency.p50Ms", ms(a.latency.p50Ms), ms(b.latency.p50Ms)],
    ["latency.p99Ms", ms(a.latency.p99Ms), ms(b.latency.p99Ms)],
    ["latency.maxMs", ms(a.latency.maxMs), ms(b.latency.maxMs)],
  ];
  const errors = [...new Set([...Object.keys(a.errorResponses), ...Object.keys(b.errorResponses)])].sort();
  for (const e of errors) out.push([`errorResponses.${e}`, n(a.errorResponses[e] ?? 0), n(b.errorResponses[e] ?? 0)]);
  // Brokers only where either side read from disk, blocked appends or spent time on TLS.
  for (const id of Object.keys(a.brokers)) {
    const x = a.brokers[id];
    const y = b.brokers[id];
    if (x === undefined || y === undefined) continue;
    if (x.networkBusy === 0 && y.networkBusy === 0 && x.appendsThrottled === 0 && y.appendsThrottled === 0) continue;
    out.push([`brokers.${id}.networkBusy`, pct(x.networkBusy), pct(y.networkBusy)]);
    out.push([`brokers.${id}.appendThrottledMs`, ms(x.appendThrottledMs), ms(y.appendThrottledMs)]);
  }
  const groups = [...new Set([...Object.keys(a.consumers), ...Object.keys(b.consumers)])].sort();
  for (const g of groups) {
    for (const field of ["consumed", "maxLag", "finalLag", "rebalances", "processedTwice", "neverProcessed"] as const) {
      const x = a.consumers[g]?.[field];
      const y = b.consumers[g]?.[field];
      out.push([`consumers.${g}.${field}`, x === undefined ? "—" : n(x), y === undefined ? "—" : n(y)]);
    }
  }
  return out;
}

export function formatComparison(a: Summary, b: Summary, labelA: string, labelB: string, color: boolean): string {
  const mark = (s: string): string => (color ? `\x1b[1;33m${s}\x1b[0m` : s);
  const table = rows(a, b);
  const w0 = Math.max(...table.map((r) => r[0].length));
  const w1 = Math.max("A".length, ...table.map((r) => r[1].length));
  const w2 = Math.max("B".length, ...table.map((r) => r[2].length));
  const lines = [
    `compare ${a.scenario} on seed ${a.seed}`,
    `  A: ${labelA}`,
    `  B: ${labelB}`,
    "",
    `  ${"".padEnd(w0)}  ${"A".padStart(w1)}  ${"B".padStart(w2)}`,
  ];
  for (const [name, x, y] of table) {
    const differs = x !== y && name !== "traceHash" && name !== "events";
    const line = `${differs ? "≠" : " "} ${name.padEnd(w0)}  ${x.padStart(w1)}  ${y.padStart(w2)}`;
    lines.push(differs ? mark(line) : line);
  }
  lines.push("", "≠ marks a difference. Replay either side with `kafkasim run FILE --seed N --set ...`.");
  return lines.join("\n");
}
