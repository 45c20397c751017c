// Human-readable lines for each part of the benchmark: ratios first, absolute rates next to them.

import { SCALE_PRODUCERS } from "./bench-scenarios.ts";
import type { ClusterResult } from "./cluster-run.ts";
import type { LoopComparison, WorldComparison } from "./loops.ts";
import { mib, ratio, si } from "./measure.ts";
import { DEFAULT_MIX } from "./mix.ts";
import type { ScaleOutcome, ScaleRow } from "./scale-figures.ts";
import type { ScalePlan } from "./scale-table.ts";

export const KERNEL_GOAL = 0.5;
export const CLUSTER_GOAL = 20;

const verdict = (ok: boolean): string => (ok ? "met" : "NOT MET");
const row = (cells: readonly string[], widths: readonly number[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();

export function kernelHeader(reps: number): string {
  const m = DEFAULT_MIX;
  return [
    "1. Kernel (sim/kernel/scheduler.ts) vs bare loop (typed-array binary heap), same event history",
    `   mix: each event schedules its successor in U(1..${2 * m.meanDelayUs}) µs (${m.zeroDelayShare * 100}% zero-delay); ${m.timerShare * 100}% arm a`,
    `   ${m.timeoutUs / 1000} ms timeout that replaces (cancels) the chain's previous one; warm-up, then median of ${reps}`,
    row(["   pending", "heap", "events/rep", "kernel ev/s", "bare ev/s", "kernel/bare", `goal ≥ ${KERNEL_GOAL}×`], W1),
  ].join("\n");
}
const W1 = [11, 6, 10, 11, 9, 11, 10];

export function kernelRow(c: LoopComparison): string {
  const cells = [`   ${si(c.pending)}`, si(c.heapEntries), si(c.eventsPerRep), si(c.kernelEventsPerSec), si(c.bareEventsPerSec), ratio(c.ratio), verdict(c.ratio >= KERNEL_GOAL)];
  return row(cells, W1) + (c.sameHistory ? "" : "  (!) histories differ: the comparison is not like for like");
}

export function worldHeader(reps: number): string {
  return [
    "2. World (sim/world/world.ts) with echo nodes vs the bare loop of part 1 at the same pending count",
    `   10 clients keep pings in flight to 2 echo servers; latency 1 ms ± 200 µs (normal), 10 Gbps; median of ${reps}`,
    row(["   in flight", "msgs/rep", "world msg/s", "world/bare", "world/kernel"], W2),
  ].join("\n");
}
const W2 = [12, 8, 11, 10, 12];

export function worldRow(w: WorldComparison): string {
  return row([`   ${si(w.inFlight)}`, si(w.messagesPerRep), si(w.worldMessagesPerSec), ratio(w.ratio), ratio(w.ratioToKernel)], W2);
}

export function clusterHeader(c: { durationS: number; settleS: number; wallBudgetMs: number }): string {
  return [
    "3. Kafka cluster via loadScenario + runScenario: 3 brokers, 12 partitions RF 3, min.insync.replicas 2,",
    `   one producer 50k rec/s acks=all, uniform keys over 10k, 200 B values; ${c.durationS} s + settle ${c.settleS} s simulated`,
    `   (wall budget ${(c.wallBudgetMs / 1000).toFixed(0)} s; raise it with --budget=SECONDS)`,
  ].join("\n");
}

export interface ClusterFigures {
  readonly simPerWall: number;
  readonly loopSimPerWall: number;
  readonly eventsPerSec: number;
  readonly bare: LoopComparison;
  readonly ratioToBare: number;
  readonly medianPending: number;
  readonly goalMet: boolean;
}

export function clusterLines(r: ClusterResult, f: ClusterFigures): string {
  const underLoad = r.perSecond.filter((s) => s.simulatedS <= r.spec.durationS); // settle has no producer
  const first = underLoad[0];
  const last = underLoad.at(-1);
  const lines = [
    r.completed
      ? `   ran ${r.totalSimulatedS} s simulated in ${(r.loopMs / 1000 + r.summarizeMs / 1000).toFixed(1)} s wall (event loop ${(r.loopMs / 1000).toFixed(1)} s, checker + summary ${(r.summarizeMs / 1000).toFixed(1)} s)`
      : `   STOPPED by the wall budget at ${r.simulatedS} s of ${r.totalSimulatedS} s simulated, after ${(r.loopMs / 1000).toFixed(1)} s wall (figures below cover what ran)`,
    `   simulated s per wall s: ${f.simPerWall.toFixed(2)}× end to end, ${f.loopSimPerWall.toFixed(2)}× event loop only   goal ≥ ${CLUSTER_GOAL}×: ${verdict(f.goalMet)}`,
    `   events: ${si(r.events)} (${si(r.events / Math.max(r.simulatedS, 1e-9))} per simulated s), ${si(f.eventsPerSec)} events/s wall`,
    `   events/s vs bare loop at ${si(f.bare.pending)} pending (cluster median pending ${si(f.medianPending)}): ${ratio(f.ratioToBare)}; vs kernel: ${ratio(f.eventsPerSec / f.bare.kernelEventsPerSec)}`,
    `   peak memory: rss ${mib(r.peakRssBytes)} (at start ${mib(r.startRssBytes)}), heapUsed ${mib(r.peakHeapUsedBytes)}`,
  ];
  if (first !== undefined && last !== undefined && underLoad.length > 2) {
    const growth = last.events / Math.max(first.events, 1);
    lines.push(
      `   per simulated second: first ${si(first.events)} events in ${first.wallMs.toFixed(0)} ms, last ${si(last.events)} events in ${last.wallMs.toFixed(0)} ms` +
        (growth > 3 ? `  (!) events per simulated second grew ${growth.toFixed(1)}× at a steady load: something accumulates` : ""),
    );
  }
  if (r.produced !== null) lines.push(`   produced ${si(r.produced.attempted)}, acknowledged ${si(r.produced.acknowledged)}, acknowledgedLost ${r.acknowledgedLost}, traceHash ${r.traceHash}`);
  return lines.join("\n");
}

export function scaleHeader(p: ScalePlan): string {
  return [
    `4. Scaling: 6 brokers, 60 partitions RF 3, min.insync.replicas 2, ${SCALE_PRODUCERS} acks=all producers sharing the rate equally,`,
    `   uniform keys over 10k, 200 B values, one 12-member consumer group; ${p.durationS} s + settle ${p.settleS} s simulated per row,`,
    `   each row in a fresh process (wall budget ${(p.wallBudgetMs / 1000).toFixed(0)} s per row; --scale-budget=SECONDS, --scale-rates=A,B,...)`,
    row(["   rec/s", "simulated s", "wall s", "sim s/wall s", "wall µs/rec", "events/rec", "peak rss", "maxRSS", "rss/rec"], W4),
  ].join("\n");
}
const W4 = [9, 15, 6, 12, 11, 10, 8, 8, 7];

export function scaleRow(r: ScaleOutcome): string {
  if (r.kind === "failed") return `   ${si(r.ratePerSec).padEnd(6)}  FAILED: ${r.reason}`;
  const reached = `${r.simulatedS} / ${r.plannedS}${r.completed ? "" : " stopped"}`;
  const cells = [`   ${si(r.ratePerSec)}`, reached, r.wallS.toFixed(1), ratio(r.simPerWall), si(r.wallUsPerRecord), r.eventsPerRecord.toFixed(2), mib(r.peakRssBytes), mib(r.maxRssBytes), `${si(r.rssBytesPerRecord)} B`];
  return row(cells, W4);
}

/** The reference goals of the issue that asked for this table; the bench does not judge them. */
const REFERENCE_RATE = 1_000_000;

export function scaleLines(rows: readonly ScaleOutcome[], totalWallMs: number): string {
  const ran = rows.filter((r): r is ScaleRow => r.kind === "ran");
  const lines = ran.filter((r) => !r.completed).map((r) => `   the ${si(r.ratePerSec)} rec/s row stopped at ${r.simulatedS} of ${r.plannedS} simulated s (wall budget); its figures cover what ran`);
  const byRate = [...ran].sort((a, b) => a.ratePerSec - b.ratePerSec);
  const low = byRate[0];
  const high = byRate.at(-1);
  if (low !== undefined && high !== undefined && high.ratePerSec > low.ratePerSec) {
    const growth = high.wallUsPerRecord / low.wallUsPerRecord;
    const how = growth >= 1 ? `grows ${ratio(growth)}` : `shrinks to ${ratio(growth)}`;
    lines.push(`   cost per record (wall µs per record) ${how} from ${si(low.ratePerSec)} to ${si(high.ratePerSec)} rec/s`);
  }
  const ref = ran.find((r) => r.ratePerSec === REFERENCE_RATE);
  const reached = ref === undefined ? "" : `; this run at 1M rec/s: ${ratio(ref.simPerWall)} real time, peak rss ${mib(ref.peakRssBytes)} (maxRSS ${mib(ref.maxRssBytes)})${ref.completed ? "" : `, over the ${ref.simulatedS} s it reached`}`;
  lines.push(`   reference, the issue's goals (not checked here): at 1M rec/s ≥ 1× real time, peak RSS ≤ 1.5 GiB${reached}`);
  lines.push(`   the scaling table took ${(totalWallMs / 1000).toFixed(0)} s wall, child process start-up included`);
  return lines.join("\n");
}
