// Entry point for one row of part 4, run in a child process of its own so that its peak
// RSS is its own: `node bin/run-ts.js sim/bench/scale-row.ts --rate=N --duration=S
// --settle=S --budget=S` prints one JSON line (a ScaleOutcome) and nothing else on stdout.

import { parseArgs } from "node:util";
import { scaleYaml, type ScaleSpec } from "./bench-scenarios.ts";
import { runCluster } from "./cluster-run.ts";
import { scaleFigures } from "./scale-figures.ts";

const { values: args } = parseArgs({
  options: {
    rate: { type: "string" },
    duration: { type: "string" },
    settle: { type: "string" },
    budget: { type: "string" },
  },
});

function positive(name: string, text: string | undefined): number {
  const n = Number(text);
  if (text === undefined || !Number.isFinite(n) || n <= 0) throw new Error(`scale-row: --${name} needs a positive number, got ${String(text)}`);
  return n;
}

const spec: ScaleSpec = {
  ratePerSec: positive("rate", args.rate),
  durationS: positive("duration", args.duration),
  settleS: positive("settle", args.settle),
  wallBudgetMs: positive("budget", args.budget) * 1000,
};
const result = runCluster(spec, scaleYaml(spec));
const maxRssBytes = process.resourceUsage().maxRSS * 1024; // maxRSS is in KiB
process.stdout.write(JSON.stringify(scaleFigures(spec.ratePerSec, result, maxRssBytes)) + "\n");
