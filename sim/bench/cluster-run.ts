// Part 3: a full Kafka cluster, built from scenario text by the loader and run by the
// runner exactly as `kafkasim run` does, with a wall-clock budget so a runaway model
// cannot hang the benchmark (the run then stops early and says so).
// The runner hides its world; to read the event count of a run stopped early, the bench
// notes which Scheduler `runUntil` was last called on (a one-line wrapper, installed for
// the run only and called once per simulated second).

import { Scheduler } from "../kernel/scheduler.ts";
import { runScenario } from "../run/runner.ts";
import { loadScenario } from "../scenario/index.ts";
import { MemoryPeak, wallMs } from "./measure.ts";

export interface ClusterSpec {
  readonly durationS: number;
  readonly settleS: number;
  readonly wallBudgetMs: number;
}

export function clusterYaml(spec: ClusterSpec): string {
  return `name: bench-cluster
description: 3 brokers, 12 partitions RF 3, one acks=all producer at 50k records/s.
seed: 1
duration: ${spec.durationS}s
settle: ${spec.settleS}s
cluster:
  brokers: 3
  network: { latency: 1ms, jitter: 200us }
  config: { min.insync.replicas: 2 }
topics:
  - { name: bench, partitions: 12, replicationFactor: 3 }
producers:
  - id: p1
    topic: bench
    rate: 50000/s
    keys: { distribution: uniform, count: 10000 }
    valueSize: 200
    config: { acks: all }
`;
}

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

function trackScheduler(): { current: () => Scheduler | null; restore: () => void } {
  const proto = Scheduler.prototype;
  const original = proto.runUntil;
  let last: Scheduler | null = null;
  proto.runUntil = function (this: Scheduler, untilUs: number): void {
    last = this;
    original.call(this, untilUs);
  };
  return { current: () => last, restore: () => void (proto.runUntil = original) };
}

export function runCluster(spec: ClusterSpec): ClusterResult {
  const scenario = loadScenario(clusterYaml(spec), "bench-cluster.yaml");
  const memory = new MemoryPeak();
  const perSecond: SecondSample[] = [];
  const tracker = trackScheduler();
  const t0 = wallMs();
  let lastMs = t0;
  let lastEvents = 0;
  let summary: ReturnType<typeof runScenario>["summary"] | null = null;
  try {
    summary = runScenario(scenario, {
      onProgress: (doneUs, totalUs) => {
        const now = wallMs();
        memory.sample();
        const s = tracker.current();
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
    tracker.restore();
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
    produced: summary === null ? null : { attempted: summary.produced.attempted, acknowledged: summary.produced.acknowledged },
    acknowledgedLost: summary?.durability.acknowledgedLost ?? null,
    traceHash: summary?.traceHash ?? null,
  };
}
