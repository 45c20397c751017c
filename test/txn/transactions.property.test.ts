// Property test of transactions over seeds and random broker fault schedules (Jepsen style):
// a transactional producer with acks=all, min.insync.replicas=2, RF 3 and clean elections,
// read by a read_committed group. Whatever crashes, stops, pauses and isolations hit the
// brokers (one at a time), no committed transaction's record is lost or duplicated, and the
// read_committed application is never handed a record of an aborted transaction or one
// before its commit. A seeded mutant — leaders that answer read_committed fetches up to the
// high watermark, ignoring the last stable offset — must make the property fail.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PartitionLog } from "../../core/log/partition-log.ts";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { brokerFaultSchedule, faultYaml, type PlannedFault } from "../harness/broker-fault-schedule.ts";

const schedule = brokerFaultSchedule({ maxFaults: 3, maxGapS: 8, maxForS: 10 });

function scenarioText(seed: number, faults: PlannedFault[]): string {
  const end = Math.max(30, ...faults.map((f) => f.atS + f.forS + 5));
  return `name: property-transactions
seed: ${seed}
duration: ${end}s
settle: 60s
cluster:
  brokers: 3
  network: { latency: 1ms, jitter: 300us }
  config: { min.insync.replicas: 2, unclean.leader.election.enable: false, offsets.topic.num.partitions: 3, transaction.state.log.num.partitions: 3 }
topics:
  - { name: t, partitions: 3, replicationFactor: 3 }
producers:
  - { id: p, topic: t, rate: 300/s, keys: { distribution: uniform, count: 100 }, transactions: { records: 50, abort: 0.2 }, config: { transactional.id: tx-p, transaction.timeout.ms: 10000 } }
consumers:
  - { group: g, topic: t, config: { isolation.level: read_committed, auto.offset.reset: earliest } }
faults:
${faults.map((f) => faultYaml(f, ["controller", "p", "g-1"])).join("\n")}
`;
}

function check(seed: number, faults: PlannedFault[]): void {
  const { summary } = runScenario(loadScenario(scenarioText(seed, faults), "property.yaml"));
  const where = `seed ${seed}, faults ${JSON.stringify(faults)}`;
  const t = summary.transactions!;
  const g = summary.consumers["g"]!;
  expect(t.committed, `${where}: committed transactions`).toBeGreaterThan(0);
  expect(summary.durability.acknowledgedLost, `${where}: acknowledgedLost`).toBe(0);
  expect(summary.durability.duplicates, `${where}: duplicates`).toBe(0);
  expect(g.abortedRead, `${where}: abortedRead`).toBe(0);
  expect(g.uncommittedRead, `${where}: uncommittedRead`).toBe(0);
}

describe("transactions under broker faults (acks=all, min.insync.replicas=2, RF 3, read_committed)", () => {
  it("lose and duplicate no committed record, and never hand read_committed an aborted or uncommitted one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), schedule, (seed, faults) => check(seed, faults)),
      { numRuns: 30, seed: 20261203 },
    );
  });

  it("catch leaders that serve read_committed up to the high watermark (mutation: the LSO ignored)", () => {
    const descriptor = Object.getOwnPropertyDescriptor(PartitionLog.prototype, "lastStableOffset")!;
    Object.defineProperty(PartitionLog.prototype, "lastStableOffset", { configurable: true, get(this: PartitionLog) { return this.highWatermark; } });
    try {
      const result = fc.check(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), schedule, (seed, faults) => check(seed, faults)),
        { numRuns: 30, seed: 20261203 },
      );
      expect(result.failed).toBe(true);
      expect(String(result.errorInstance)).toMatch(/abortedRead|uncommittedRead/);
    } finally {
      Object.defineProperty(PartitionLog.prototype, "lastStableOffset", descriptor);
    }
  });
});
