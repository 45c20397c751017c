// `kafkasim limits`: the run limits with their defaults on this machine (the memory limit
// follows the heap Node was given), and how to change one.

import { formatLimit, RUN_LIMIT_SPECS } from "../scenario/run-limits.ts";
import { runLimitsOf } from "../run/run-limits-node.ts";

export function limitsCommand(opts: { json?: boolean; limit: string[] }): number {
  const limits = runLimitsOf(opts.limit);
  if (opts.json) {
    process.stdout.write(JSON.stringify(RUN_LIMIT_SPECS.map((s) => ({ name: s.name, value: limits[s.name], unit: s.unit, checked: s.atRunTime ? "run" : "load", bounds: s.what }))) + "\n");
    return 0;
  }
  const rows = RUN_LIMIT_SPECS.map((s) => [s.name, formatLimit(s.name, limits[s.name]), s.atRunTime ? "run" : "load", s.what]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ["limit", "value", "checked"][i]!.length));
  const line = (r: readonly string[]): string => `${r.slice(0, 3).map((c, i) => c.padEnd(widths[i]!)).join("  ")}  ${r[3]}\n`;
  process.stdout.write(line(["limit", "value", "checked", "bounds"]));
  for (const r of rows) process.stdout.write(line(r));
  process.stdout.write(
    "\nA file that asks more is refused when it loads (exit 2, naming the key); a run that reaches a run-time limit stops\n" +
      "with one line and a summary marked incomplete (exit 2). Change one with --limit name=value on run, validate,\n" +
      "compare and sweep, e.g. --limit simulated-time=90d or --limit memory=8GiB (Node's heap is raised to fit).\n",
  );
  return 0;
}
