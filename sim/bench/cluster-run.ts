// Part 3: a full Kafka cluster, built from scenario text by the loader and run by the
// runner exactly as `kafkasim run` does, with a wall-clock budget so a runaway model
// cannot hang the benchmark (the run then stops early and says so).
// Part 4's scaling rows run through the same function with their own scenario text.

import { History } from "../check/history.ts";
import { Scheduler } from "../kernel/scheduler.ts";
import { runScenario } from "../run/runner.ts";
import { loadScenario } from "../scenario/index.ts";
import { clusterYaml, type ClusterSpec } from "./bench-scenarios.ts";
import { firstInstance } from "./first-instance.ts";
import { MemoryPeak, wallMs } from "./measure.ts";

export type { ClusterSpec } from "./bench-scenarios.ts";

export interface SecondSample {
  readonly simulatedS: number;
  readonly wallMs: number;
  readonly events: number;
  readonly pending: number;
}

export interface ClusterResult {
  readonly spec: ClusterSpec;
  /** False when the wall budget stopped the run. */
  readonly completed: boolean;
  readonly simulatedS: number;
  readonly totalSimulatedS: number;
  /** Build + event loop, up to the last simulated second reached. */
  readonly loopMs: number;
  /** After the loop: committed logs, durability check, summary (0 if stopped early). */
  readonly summarizeMs: number;
  readonly events: number;
  readonly perSecond: readonly SecondSample[];
  readonly peakRssBytes: number;
  readonly peakHeapUsedBytes: number;
  readonly startRssBytes: number;
  /** Records the producers handed over, also when the run stopped early. */
  readonly recordsAttempted: number;
  readonly produced: { attempted: number; acknowledged: number } | null;
  readonly acknowledgedLost: number | null;
  readonly traceHash: string | null;
}

class BudgetExceeded extends Error {}

/** A guess at the next simulated second's wall time: the last one, grown as it last grew. */
function nextSecondMs(perSecond: readonly SecondSample[]): number {
  const last = perSecond.at(-1)?.wallMs ?? 0;
  const before = perSecond.at(-2)?.wallMs ?? last;
  return last * Math.max(1, Math.min(4, last / Math.max(before, 1)));
}

/** `yaml` must describe `spec`'s duration and settle (bench-scenarios.ts builds both from it). */
export function runCluster(spec: ClusterSpec, yaml = clusterYaml(spec)): ClusterResult {
  const scenario = loadScenario(yaml, "bench.yaml");
  const memory = new MemoryPeak();
  const perSecond: SecondSample[] = [];
  const scheduler = firstInstance(Scheduler.prototype, "runUntil");
  const history = firstInstance(History.prototype, "sent");
  const t0 = wallMs();
  let lastMs = t0;
  let lastEvents = 0;
  let summary: ReturnType<typeof runScenario>["summary"] | null = null;
  try {
    summary = runScenario(scenario, {
      onProgress: (doneUs, totalUs) => {
        const now = wallMs();
        memory.sample();
        const s = scheduler.current();
        const events = s?.processed ?? 0;
        perSecond.push({ simulatedS: doneUs / 1e6, wallMs: now - lastMs, events: events - lastEvents, pending: s?.pending ?? 0 });
        lastMs = now;
        lastEvents = events;
        if (doneUs < totalUs && now - t0 + nextSecondMs(perSecond) > spec.wallBudgetMs) throw new BudgetExceeded();
      },
    }).summary;
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
  } finally {
    scheduler.restore();
    history.restore();
  }
  const end = wallMs();
  memory.sample();
  return {
    spec,
    completed: summary !== null,
    simulatedS: perSecond.at(-1)?.simulatedS ?? 0,
    totalSimulatedS: spec.durationS + spec.settleS,
    loopMs: lastMs - t0,
    summarizeMs: summary === null ? 0 : end - lastMs,
    events: summary?.events ?? lastEvents,
    perSecond,
    peakRssBytes: memory.rssBytes,
    peakHeapUsedBytes: memory.heapUsedBytes,
    startRssBytes: memory.startRssBytes,
    recordsAttempted: history.current()?.attemptedCount ?? 0,
    produced: summary === null ? null : { attempted: summary.produced.attempted, acknowledged: summary.produced.acknowledged },
    acknowledgedLost: summary?.durability.acknowledgedLost ?? null,
    traceHash: summary?.traceHash ?? null,
  };
}
