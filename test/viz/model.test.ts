// The visualizer's model and state, in Node (no browser): timelines answer "what at t" as a
// replay would, messages in flight match a brute-force scan, the model's final picture matches
// the runner's summary, and interventions and URLs round-trip.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/index.ts";
import type { TraceRecord } from "../../sim/trace/trace.ts";
import { formatInterventions, parseInterventions, withInterventions, type Intervention } from "../../viz/src/interventions.ts";
import { buildModel } from "../../viz/src/model/build-model.ts";
import { MessageIndex } from "../../viz/src/model/messages.ts";
import { StepSeries } from "../../viz/src/model/step-series.ts";
import { readUrl, writeUrl } from "../../viz/src/url-state.ts";
import { repoRoot } from "./harness.ts";
import { storeOf } from "./store-of.ts";

describe("StepSeries", () => {
  it("at(t) is the last value set at or before t; segments cover the range", () => {
    const s = new StepSeries("down");
    s.set(10, "up");
    s.set(20, "crashed");
    s.set(20, "paused");
    expect([s.at(0), s.at(10), s.at(19), s.at(20), s.at(99)]).toEqual(["down", "up", "up", "paused", "paused"]);
    expect(s.segments(5, 30)).toEqual([
      { fromUs: 5, toUs: 10, value: "down" },
      { fromUs: 10, toUs: 20, value: "up" },
      { fromUs: 20, toUs: 30, value: "paused" },
    ]);
  });
});

describe("MessageIndex.inFlight", () => {
  it("equals a brute-force scan, long messages included", () => {
    const m = new MessageIndex(2000);
    let x = 12345;
    const rand = (n: number): number => ((x = (x * 1103515245 + 12345) % 2147483648), x % n);
    const sends: [number, number][] = [];
    for (let i = 0; i < 2000; i++) {
      const sent = rand(5_000_000);
      const arrival = sent + (i % 50 === 0 ? rand(4_000_000) : rand(20_000));
      sends.push([sent, arrival]);
    }
    sends.sort((a, b) => a[0] - b[0]);
    for (const [s, a] of sends) m.add(s, a, "broker-1", "broker-2", "Fetch");
    m.seal(10_000_000);
    for (let k = 0; k < 200; k++) {
      const t = rand(9_000_000);
      const expected = sends.flatMap(([s, a], i) => (s <= t && a > t ? [i] : []));
      expect([...m.inFlight(t)].sort((a, b) => a - b)).toEqual(expected);
    }
  });
});

describe("buildModel on acks1-leader-crash", () => {
  const file = "scenarios/acks1-leader-crash.yaml";
  const scenario = loadScenario(readFileSync(join(repoRoot, file), "utf8"), file, ["producers.0.rate=2000/s"]);
  const records: TraceRecord[] = [];
  const { summary } = runScenario(scenario, { onTrace: (r) => records.push(r) });
  const model = buildModel(scenario, storeOf(records), summary);
  const end = model.endUs;

  it("ends with the summary's leaders, epochs, ISRs and the leaders' log end offsets and high watermarks", () => {
    for (const p of summary.partitions) {
      const m = model.partitions.find((x) => x.topic === p.topic && x.partition === p.partition)!;
      const view = m.state.at(end);
      expect({ leader: view.leader, epoch: view.leaderEpoch, isr: [...view.isr].sort() }).toEqual({ leader: p.leader, epoch: p.leaderEpoch, isr: [...p.isr].sort() });
      expect(m.logs.get(p.leader)!.at(end)).toEqual([p.logEndOffset, p.highWatermark]);
    }
  });

  it("sees broker 1 crash at 10 s, get fenced, and come back at 20 s", () => {
    expect(model.process.get("broker-1")!.at(9_999_999)).toBe("up");
    expect(model.process.get("broker-1")!.at(10_000_000)).toBe("crashed");
    expect(model.fenced.get(1)!.at(19_000_000)).toBe(true);
    expect(model.process.get("broker-1")!.at(20_000_000)).toBe("up");
    expect(model.fenced.get(1)!.at(end)).toBe(false);
  });

  it("counts UnderReplicatedPartitions while broker 1 is out of the ISR, and none at the end", () => {
    expect(model.metrics.underReplicated.at(19_000_000)).toBe(6);
    expect(model.metrics.underReplicated.at(end)).toBe(0);
    expect(model.metrics.offline.at(end)).toBe(0);
  });

  it("has every Send as a message and every lost record marked", () => {
    expect(model.messages.size).toBe(records.filter((r) => r.event.kind === "Send").length);
    expect(model.lost.reduce((n, l) => n + l.count, 0)).toBe(summary.lost.length);
  });
});

describe("buildModel: broker resources (BrokerResources samples)", () => {
  const modelOf = (file: string) => {
    const scenario = loadScenario(readFileSync(join(repoRoot, file), "utf8"), file);
    const records: TraceRecord[] = [];
    const { summary } = runScenario(scenario, { onTrace: (r) => records.push(r) });
    return { model: buildModel(scenario, storeOf(records), summary), summary };
  };

  it("a lagging consumer's cold reads show as disk reads and busy network threads, adding up to the summary's", () => {
    const { model, summary } = modelOf("scenarios/page-cache-cold-reads.yaml");
    const r = model.metrics.brokerResources.get(1)!;
    // Each sample holds for one second: MB/s × 1 s summed over the run = bytes read.
    const mb = r.diskReadMBps.values.reduce((sum, v) => sum + v, 0);
    expect(mb * 1e6).toBeCloseTo(summary.brokers["1"]!.diskReadBytes, -5);
    expect(Math.min(...r.networkIdlePct.values)).toBeLessThan(100);
    expect(r.diskReadMBps.at(2_500_000)).toBe(0); // the consumer is keeping up then
  });

  it("runs that never touch the disk or TLS have no samples (and no resource charts)", () => {
    expect(modelOf("scenarios/acks-all-leader-crash.yaml").model.metrics.brokerResources.size).toBe(0);
  });
});

describe("buildModel on a KIP-848 group (rebalance-consumer-protocol-member-joins)", () => {
  const file = "scenarios/rebalance-consumer-protocol-member-joins.yaml";
  const scenario = loadScenario(readFileSync(join(repoRoot, file), "utf8"), file);
  const records: TraceRecord[] = [];
  const { summary } = runScenario(scenario, { onTrace: (r) => records.push(r) });
  const g = buildModel(scenario, storeOf(records), summary).groups.find((x) => x.group === "billing")!;

  it("shows the group epoch as the generation, reconciling (never rebalancing) after billing-4 joins, then stable", () => {
    expect(g.generation.at(29_000_000)).toBe(3);
    expect(g.generation.at(31_000_000)).toBe(4);
    expect(g.state.at(31_000_000)).toBe("reconciling");
    expect(g.state.segments(0, 60_000_000).some((x) => x.value === "rebalancing")).toBe(false);
    expect(g.state.at(59_000_000)).toBe("stable");
  });

  it("ends with every member's partitions: 3 each, all 12 once", () => {
    const owned = g.members.map((m) => [...(g.assignment.get(m)?.at(59_000_000) ?? [])]);
    expect(owned.map((o) => o.length)).toEqual([3, 3, 3, 3]);
    expect(owned.flat().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
});

describe("interventions", () => {
  const list: Intervention[] = [
    { action: "crash", target: "2", atMs: 12000.5, forMs: null },
    { action: "pause", target: "1", atMs: 15000, forMs: 5000 },
    { action: "powerLoss", target: "all", atMs: 3, forMs: 1000 }, // back before the crash, which would otherwise do nothing
    { action: "isolate", target: "1", atMs: 4000, forMs: 20000 },
    { action: "slowDisk", target: "3", atMs: 5000, forMs: 20000 },
    { action: "partition", target: "1,p1|2,3", atMs: 6000, forMs: 10000 },
  ];

  it("round-trip through their URL form", () => {
    expect(parseInterventions(formatInterventions(list))).toEqual(list);
  });

  it("append faults the loader accepts, at the exact microsecond", () => {
    const file = "scenarios/acks-all-leader-crash.yaml";
    const s = loadScenario(withInterventions(readFileSync(join(repoRoot, file), "utf8"), list), file);
    expect(s.faults.slice(-6).map((f) => [f.action, f.atUs, "forUs" in f ? f.forUs : null])).toEqual([
      ["crash", 12_000_500, null],
      ["pause", 15_000_000, 5_000_000],
      ["powerLoss", 3000, 1_000_000],
      ["partition", 4_000_000, 20_000_000],
      ["slowDisk", 5_000_000, 20_000_000],
      ["partition", 6_000_000, 10_000_000],
    ]);
    const groups = (f: (typeof s.faults)[number]): unknown => (f.action === "partition" ? f.groups.map((g) => g.map((t) => (t.kind === "broker" ? t.id : t.kind === "producer" ? t.id : t.kind))) : null);
    expect(groups(s.faults[s.faults.length - 3]!)).toEqual([[1], [2, 3]]);
    // A drawn partition: its groups as picked, clients included.
    expect(groups(s.faults[s.faults.length - 1]!)).toEqual([[1, "p1"], [2, 3]]);
  });

  it("addConsumer gives the group one more instance, kept down until that time (it starts and joins then)", () => {
    const file = "scenarios/consumer-lag-slow-processing.yaml";
    const text = readFileSync(join(repoRoot, file), "utf8");
    const before = loadScenario(text, file);
    const iv: Intervention[] = [{ action: "addConsumer", target: "billing", atMs: 20_000, forMs: null }];
    expect(parseInterventions(formatInterventions(iv))).toEqual(iv);
    const s = loadScenario(withInterventions(text, iv), file);
    expect(s.consumers[0]!.instances).toBe(before.consumers[0]!.instances + 1);
    const f = s.faults[s.faults.length - 1]!;
    expect(f.action === "crash" ? [f.atUs, f.forUs, f.targets] : null).toEqual([1000, 19_999_000, [{ kind: "consumer", group: "billing", instance: before.consumers[0]!.instances + 1 }]]);
  });
});

describe("URL state", () => {
  it("round-trips scenario, seed, overrides, interventions, compare, time, pause, type size and presentation mode", () => {
    const state = {
      scenario: "acks1-leader-crash",
      seed: 7,
      set: ["producers.0.config.acks=all", "topics.0.config.min.insync.replicas=2"],
      interventions: [{ action: "crash", target: "1", atMs: 5000, forMs: 10000 }] as Intervention[],
      compare: ["producers.0.config.acks=1"],
      timeMs: 12345.678,
      paused: true,
      speed: 0.01,
      large: true,
      present: true,
      yaml: "y_-0AB",
    };
    expect(readUrl(writeUrl(state))).toEqual(state);
  });
});
