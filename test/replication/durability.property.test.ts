// Property tests of the replication core over seeds and random fault schedules (Jepsen
// style): with acks=all, min.insync.replicas=2, RF=3, clean elections only and at most one
// broker down or cut off at a time, no acknowledged record is lost, replicas never diverge,
// a leader's high watermark never goes back, and no committed offset disappears.
// A mutation test then breaks the high-watermark rule and checks the property catches it.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Partition } from "../../core/broker/partition.ts";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { runScenario } from "../../sim/run/runner.ts";
import type { TraceRecord } from "../../sim/trace/trace.ts";
import { brokerFaultSchedule, faultYaml, type PlannedFault } from "../harness/broker-fault-schedule.ts";

const schedule = brokerFaultSchedule({ maxFaults: 4, maxGapS: 10, maxForS: 14 });

function scenarioText(seed: number, faults: PlannedFault[]): string {
  const end = Math.max(40, ...faults.map((f) => f.atS + f.forS + 5));
  return `name: property-acks-all
seed: ${seed}
duration: ${end}s
settle: 40s
cluster:
  brokers: 3
  network: { latency: 1ms, jitter: 300us }
  config: { min.insync.replicas: 2, unclean.leader.election.enable: false }
topics:
  - { name: t, partitions: 3, replicationFactor: 3 }
producers:
  - { id: p, topic: t, rate: 300/s, keys: { distribution: uniform, count: 100 }, valueSize: 100, config: { acks: all } }
faults:
${faults.map((f) => faultYaml(f, ["controller", "p"])).join("\n")}
`;
}

/** Watches the trace for invariants that must hold after every event. */
class InvariantMonitor {
  readonly violations: string[] = [];
  private readonly leaderHw = new Map<string, { epoch: number; hw: number }>();
  readonly maxHw = new Map<string, number>();

  readonly listen = (r: TraceRecord): void => {
    const e = r.event;
    if (e.kind === "BecameLeader") {
      this.leaderHw.set(`${r.node}/${e.topic}-${e.partition}`, { epoch: e.leaderEpoch as number, hw: e.hw as number });
    } else if (e.kind === "BecameFollower") {
      this.leaderHw.delete(`${r.node}/${e.topic}-${e.partition}`);
    } else if (e.kind === "HighWatermark") {
      const key = `${r.node}/${e.topic}-${e.partition}`;
      const hw = e.hw as number;
      const prev = this.leaderHw.get(key);
      if (prev !== undefined && hw < prev.hw) this.violations.push(`${(r.timeUs / 1000).toFixed(1)}ms ${key}: leader HW went back from ${prev.hw} to ${hw}`);
      if (prev !== undefined) prev.hw = hw;
      const tp = `${e.topic}-${e.partition}`;
      this.maxHw.set(tp, Math.max(this.maxHw.get(tp) ?? 0, hw));
    } else if (e.kind === "FollowerAppendFailed") {
      this.violations.push(`${(r.timeUs / 1000).toFixed(1)}ms ${r.node}: follower append failed (diverged log)`);
    }
  };
}

function check(seed: number, faults: PlannedFault[]): void {
  const scenario = loadScenario(scenarioText(seed, faults), "property.yaml");
  const monitor = new InvariantMonitor();
  const { summary } = runScenario(scenario, { onTrace: monitor.listen });
  const where = `seed ${seed}, faults ${JSON.stringify(faults)}`;
  expect(monitor.violations, where).toEqual([]);
  expect(summary.produced.acknowledged, where).toBeGreaterThan(0);
  expect(summary.durability.acknowledgedLost, `${where}: acknowledgedLost`).toBe(0);
  expect(summary.durability.divergentReplicas, `${where}: divergentReplicas`).toBe(0);
  for (const p of summary.partitions) {
    // Liveness after healing and settling: everyone back in the ISR, everything committed.
    expect(p.isr.length, `${where}: ${p.topic}-${p.partition} ISR after settling`).toBe(3);
    expect(p.highWatermark, `${where}: ${p.topic}-${p.partition} HW after settling`).toBe(p.logEndOffset);
    expect(p.highWatermark, `${where}: ${p.topic}-${p.partition} lost committed offsets`).toBeGreaterThanOrEqual(monitor.maxHw.get(`${p.topic}-${p.partition}`) ?? 0);
  }
}

describe("replication under faults (acks=all, min.insync.replicas=2, RF=3)", () => {
  it("never loses an acknowledged record, never diverges, never moves a HW back", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), schedule, (seed, faults) => check(seed, faults)),
      { numRuns: 24, seed: 20261125 },
    );
  });

  it("catches a broken high-watermark rule (mutation: the leader ignores its followers)", () => {
    const original = Partition.prototype.maybeIncrementLeaderHW;
    Partition.prototype.maybeIncrementLeaderHW = function (this: Partition): boolean {
      return this.role === "leader" && this.log.maybeIncrementHighWatermark(this.log.logEndOffset);
    };
    try {
      const result = fc.check(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), schedule, (seed, faults) => check(seed, faults)),
        { numRuns: 24, seed: 20261125 },
      );
      expect(result.failed).toBe(true);
      // It failed on the durability property itself, not on a malformed scenario.
      expect(String(result.errorInstance)).toMatch(/acknowledgedLost|lost committed offsets|diverged|HW went back|divergentReplicas/);
    } finally {
      Partition.prototype.maybeIncrementLeaderHW = original;
    }
  });
});
