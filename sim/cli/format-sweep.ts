// What `kafkasim sweep` (and `--merge`) prints for a report: the distributions on stdout, the
// exit code, and the one stderr line when seeds failed to run.

import type { Distribution, SweepReport } from "../sweep/aggregate.ts";

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const count = (n: number): string => n.toLocaleString("en-US");

/**
 * 2 when a seed failed to run, even if another broke an expect: the sweep did not complete,
 * so its share of failures is not known (`run` exits 2 on the event limit too); else 1 when an
 * expect failed in some seed, else 0. An invariant broken (3) stops the sweep before this.
 */
export function sweepExitCode(r: SweepReport): number {
  if (r.failed > 0) return 2;
  return r.expectationsHeld === r.seeds ? 0 : 1;
}

/** The stderr line that goes with exit 2 from failed seeds; null when none failed. */
export function failedSeedsLine(name: string, r: SweepReport): string | null {
  const first = r.failures[0];
  if (first === undefined) return null;
  return `sweep ${name}: ${count(r.failed)} of ${count(r.failed + r.seeds)} seeds failed to run (seed ${first.seed}: ${first.error})`;
}

function row(name: string, d: Distribution): string {
  const f = (x: number): string => (Number.isInteger(x) ? count(x) : x.toFixed(1));
  return `  ${name.padEnd(22)}${[d.p50, d.p90, d.p99, d.max, d.mean].map((x) => f(x).padStart(10)).join("")}`;
}

export function formatReport(name: string, file: string, r: SweepReport, run: { workers: number; wallMs: number }): string {
  const lines: string[] = [];
  const wall = run.wallMs >= 0 ? `, ${(run.wallMs / 1000).toFixed(1)} s wall on ${run.workers} worker(s)` : "";
  lines.push(`sweep ${name}: ${count(r.seeds + r.failed)} seeds${wall}`);
  if (r.failed > 0) lines.push(`${count(r.failed)} seeds failed to run (listed at the end); the figures are over the other ${count(r.seeds)}`);
  lines.push(`acknowledged records lost in ${r.lossSeeds}/${r.seeds} seeds = ${pct(r.lossRate)} (95% CI ${pct(r.lossRateCi95[0])}–${pct(r.lossRateCi95[1])})`);
  lines.push(`duplicates in ${r.duplicateSeeds} seeds, reordering in ${r.reorderSeeds} seeds; expectations held in ${r.expectationsHeld}/${r.seeds}`);
  lines.push("");
  lines.push(`  ${"per seed".padEnd(22)}${["p50", "p90", "p99", "max", "mean"].map((h) => h.padStart(10)).join("")}`);
  lines.push(row("acknowledged lost", r.acknowledgedLost));
  lines.push(row("duplicates", r.duplicates));
  lines.push(row("ack latency p99 (ms)", r.p99Ms));
  if (r.maxLag.max > 0 || r.rebalances.max > 0) {
    lines.push(row("consumer max lag", r.maxLag));
    lines.push(row("rebalances", r.rebalances));
  }
  lines.push("");
  lines.push(`worst seeds (replay with: kafkasim run ${file} --seed N):`);
  for (const w of r.worst) lines.push(`  seed ${w.seed}: ${count(w.acknowledgedLost)} lost, p99 ${w.p99Ms.toFixed(1)} ms`);
  if (r.failed > 0) lines.push("", ...failureLines(r));
  return lines.join("\n");
}

function failureLines(r: SweepReport): string[] {
  const lines = [`seeds that failed to run (${count(r.failed)}):`, ...r.failures.map((f) => `  seed ${f.seed}: ${f.error}`)];
  const rest = r.failed - r.failures.length;
  if (rest > 0) lines.push(`  and ${count(rest)} more (every one: sweep --json)`);
  return lines;
}
