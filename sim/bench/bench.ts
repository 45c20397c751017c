// `npm run bench [-- --quick] [--only=kernel,world,cluster,scale] [--budget=SECONDS]
//   [--scale-rates=A,B,...] [--scale-budget=SECONDS] [--json] [--strict]`
// Prints ratios measured in this run (kernel vs a bare loop, world vs the bare loop, a
// Kafka cluster's speed against real time and against the bare loop, how a cluster's cost
// grows with load), absolute rates beside them. --quick: smaller sizes (for CI); --strict:
// exit 1 if a goal is not met.

import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { runCluster, type ClusterResult, type ClusterSpec } from "./cluster-run.ts";
import { compareKernel, compareWorld, type LoopComparison, type WorldComparison } from "./loops.ts";
import { median, wallMs } from "./measure.ts";
import * as report from "./report.ts";
import type { ScaleOutcome } from "./scale-figures.ts";
import { runScaleTable, type ScalePlan } from "./scale-table.ts";

interface Sizes {
  readonly pending: readonly number[];
  readonly kernelEvents: number;
  readonly worldMessages: number;
  readonly reps: number;
  readonly cluster: ClusterSpec;
  readonly scale: ScalePlan;
}

const SCALE_RATES = [10_000, 50_000, 200_000, 1_000_000];

const FULL: Sizes = {
  pending: [1_000, 100_000],
  kernelEvents: 2_000_000,
  worldMessages: 1_000_000,
  reps: 5,
  cluster: { durationS: 60, settleS: 1, wallBudgetMs: 90_000 },
  // At most 4 rows × 80 s (about 4–5 minutes measured); the top rows are expected to stop early.
  scale: { ratesPerSec: SCALE_RATES, durationS: 60, settleS: 1, wallBudgetMs: 80_000 },
};

const QUICK: Sizes = {
  pending: [1_000, 100_000],
  kernelEvents: 600_000,
  worldMessages: 300_000,
  reps: 3,
  cluster: { durationS: 10, settleS: 1, wallBudgetMs: 5_000 },
  scale: { ratesPerSec: SCALE_RATES, durationS: 5, settleS: 1, wallBudgetMs: 5_000 },
};

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string", default: "kernel,world,cluster,scale" },
    budget: { type: "string" },
    "scale-rates": { type: "string" },
    "scale-budget": { type: "string" },
    json: { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
  },
});

function rates(text: string): number[] {
  const out = text.split(",").map(Number);
  if (out.some((r) => !Number.isFinite(r) || r <= 0)) throw new Error(`--scale-rates takes positive records/s separated by commas, got "${text}"`);
  return out;
}

const base = args.quick ? QUICK : FULL;
const sizes: Sizes = {
  ...base,
  cluster: args.budget === undefined ? base.cluster : { ...base.cluster, wallBudgetMs: Number(args.budget) * 1000 },
  scale: {
    ...base.scale,
    ...(args["scale-rates"] === undefined ? {} : { ratesPerSec: rates(args["scale-rates"]) }),
    ...(args["scale-budget"] === undefined ? {} : { wallBudgetMs: Number(args["scale-budget"]) * 1000 }),
  },
};
const parts = new Set(args.only.split(","));
const say = (text: string): void => {
  if (!args.json) process.stdout.write(text + "\n");
};

say(`kafkasim bench (${args.quick ? "quick" : "full"}): node ${process.version}, ${process.platform} ${process.arch}, ${cpus().length} CPUs`);

// The cluster runs first, on a fresh heap (its section still prints last): the kernel and
// world loops leave a few hundred MiB behind that the cluster's GC would otherwise pay for.
const clusterResult = parts.has("cluster") ? runCluster(sizes.cluster) : null;

const kernel: LoopComparison[] = [];
if (parts.has("kernel") || parts.has("world")) {
  say("\n" + report.kernelHeader(sizes.reps));
  for (const n of sizes.pending) {
    const c = compareKernel(n, sizes.kernelEvents, sizes.reps);
    kernel.push(c);
    say(report.kernelRow(c));
  }
}

const world: WorldComparison[] = [];
if (parts.has("world")) {
  say("\n" + report.worldHeader(sizes.reps));
  for (const c of kernel) {
    const w = compareWorld(c, sizes.worldMessages, sizes.reps);
    world.push(w);
    say(report.worldRow(w));
  }
}

let cluster: { result: ClusterResult; figures: report.ClusterFigures } | null = null;
if (clusterResult !== null) {
  say("\n" + report.clusterHeader(sizes.cluster));
  const result = clusterResult;
  const medianPending = median(result.perSecond.map((s) => s.pending));
  // The bare loop at the pending count closest to the cluster's (measured now if part 1 did not run).
  const candidates = kernel.length > 0 ? kernel : [compareKernel(1_000, 500_000, 3)];
  const distance = (c: LoopComparison): number => Math.abs(Math.log(c.pending / Math.max(medianPending, 1)));
  const bare = candidates.reduce((a, b) => (distance(b) < distance(a) ? b : a));
  const wallS = (result.loopMs + result.summarizeMs) / 1000;
  const eventsPerSec = result.events / (result.loopMs / 1000);
  const simPerWall = result.simulatedS / wallS;
  const figures: report.ClusterFigures = {
    simPerWall,
    loopSimPerWall: result.simulatedS / (result.loopMs / 1000),
    eventsPerSec,
    bare,
    ratioToBare: eventsPerSec / bare.bareEventsPerSec,
    medianPending,
    goalMet: result.completed && simPerWall >= report.CLUSTER_GOAL,
  };
  cluster = { result, figures };
  say(report.clusterLines(result, figures));
}

let scale: ScaleOutcome[] = [];
if (parts.has("scale")) {
  say("\n" + report.scaleHeader(sizes.scale));
  const t0 = wallMs();
  scale = runScaleTable(sizes.scale, (r) => say(report.scaleRow(r)));
  say(report.scaleLines(scale, wallMs() - t0));
}

const goals = [
  ...kernel.map((c) => ({ goal: `kernel/bare ≥ ${report.KERNEL_GOAL}× at ${c.pending} pending`, met: c.ratio >= report.KERNEL_GOAL })),
  ...(cluster === null ? [] : [{ goal: `cluster ≥ ${report.CLUSTER_GOAL}× real time`, met: cluster.figures.goalMet }]),
];
if (goals.length > 0) say("\ngoals: " + goals.map((g) => `${g.goal}: ${g.met ? "met" : "NOT MET"}`).join("; "));
if (args.json) {
  const { bare: _bare, ...figures } = cluster?.figures ?? { bare: null };
  const out = { mode: args.quick ? "quick" : "full", kernel, world, cluster: cluster === null ? null : { ...cluster.result, ...figures }, scale, goals };
  process.stdout.write(JSON.stringify(out) + "\n");
}
if (args.strict && goals.some((g) => !g.met)) process.exitCode = 1;
