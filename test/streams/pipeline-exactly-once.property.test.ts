// Property test of an exactly_once_v2 pipeline (Kafka Streams EOS v2, KIP-447) over seeds and
// random fault schedules: an input producer with acks=all, min.insync.replicas=2, RF 3 and
// clean elections; brokers crashed, stopped, paused and isolated one at a time
// (test/harness/broker-fault-schedule.ts), pipeline instances killed and restarted or paused. Every
// input record below the group's final committed offset has exactly one committed output.
// A seeded mutant — a group coordinator that makes TxnOffsetCommit's offsets the group's at
// once instead of at the COMMIT marker — must make the property fail: an instance killed
// between its TxnOffsetCommit and its commit leaves offsets committed whose outputs aborted.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { GroupStore } from "../../core/group/group-store.ts";
import type { OffsetCommitRecord } from "../../core/protocol/coordinator-records.ts";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { brokerFaultSchedule, faultYaml, type PlannedFault } from "../harness/broker-fault-schedule.ts";

const brokerFaults = brokerFaultSchedule({ maxFaults: 2, maxGapS: 6, maxForS: 8 });
/**
 * Instance faults, one at a time: kills (restarted after 1 s) and pauses (a GC stall, up to past
 * the producer's transaction.timeout.ms of 10 s, so the coordinator aborts and fences it), at
 * times in ms so that one can land anywhere in a commit.
 */
const instanceFaults = fc
  .array(fc.record({ kind: fc.constantFrom("crash", "pause"), instance: fc.integer({ min: 1, max: 2 }), gapMs: fc.integer({ min: 1500, max: 5000 }), pauseMs: fc.integer({ min: 500, max: 12000 }) }), { minLength: 2, maxLength: 4 })
  .map((items) => {
    let atMs = 5000;
    return items.map(({ kind, instance, gapMs, pauseMs }) => {
      const fault = { kind, instance, atMs: atMs + gapMs, forMs: kind === "crash" ? 1000 : pauseMs };
      atMs = fault.atMs + fault.forMs;
      return fault;
    });
  });

type InstanceFault = { kind: string; instance: number; atMs: number; forMs: number };

function scenarioText(seed: number, faults: PlannedFault[], instance: InstanceFault[]): string {
  const end = Math.max(22, ...faults.map((f) => f.atS + f.forS + 3), ...instance.map((f) => Math.ceil((f.atMs + f.forMs) / 1000) + 3));
  const crashLines = instance.map((c) => `  - { at: ${c.atMs}ms, ${c.kind}: eos-${c.instance}, for: ${c.forMs}ms }`);
  return `name: property-pipeline
seed: ${seed}
duration: ${end}s
settle: 80s
cluster:
  brokers: 3
  network: { latency: 1ms, jitter: 300us }
  config: { min.insync.replicas: 2, unclean.leader.election.enable: false, offsets.topic.num.partitions: 3, transaction.state.log.num.partitions: 3 }
topics:
  - { name: in, partitions: 2, replicationFactor: 3 }
  - { name: out, partitions: 2, replicationFactor: 3 }
producers:
  - { id: src, topic: in, rate: 200/s, keys: { distribution: uniform, count: 100 }, config: { acks: all } }
pipelines:
  - { id: eos, group: eos-app, from: in, to: out, instances: 2, processingTime: 200us, config: { processing.guarantee: exactly_once_v2 } }
faults:
${[...faults.map((f) => faultYaml(f, ["controller", "src", "eos-1", "eos-2"])), ...crashLines].join("\n")}
`;
}

const property = fc.property(fc.integer({ min: 1, max: 1_000_000 }), brokerFaults, instanceFaults, (seed, faults, crashes) => {
  const { summary } = runScenario(loadScenario(scenarioText(seed, faults, crashes), "property.yaml"));
  const where = `seed ${seed}, faults ${JSON.stringify(faults)}, crashes ${JSON.stringify(crashes)}`;
  const p = summary.pipelines!["eos"]!;
  expect(p.outputCommitted, `${where}: outputCommitted`).toBeGreaterThan(0);
  expect(summary.durability.acknowledgedLost, `${where}: acknowledgedLost`).toBe(0);
  expect(p.outputDuplicates, `${where}: outputDuplicates`).toBe(0);
  expect(p.outputMissing, `${where}: outputMissing`).toBe(0);
});

describe("an exactly_once_v2 pipeline under broker and instance faults (acks=all, min.insync.replicas=2, RF 3)", () => {
  it("commits exactly one output for every input below its committed offsets", () => {
    fc.assert(property, { numRuns: 20, seed: 20261203 });
  });

  it("catch a group coordinator that shows TxnOffsetCommit's offsets before the marker (mutation)", () => {
    const original = GroupStore.prototype.replayTransactionalOffset;
    GroupStore.prototype.replayTransactionalOffset = function (this: GroupStore, _producerId: number, r: OffsetCommitRecord): void {
      this.replay(r); // as if it were a plain OffsetCommit
    };
    try {
      const result = fc.check(property, { numRuns: 20, seed: 20261203 });
      expect(result.failed).toBe(true);
      expect(String(result.errorInstance)).toMatch(/outputMissing/);
    } finally {
      GroupStore.prototype.replayTransactionalOffset = original;
    }
  });
});
