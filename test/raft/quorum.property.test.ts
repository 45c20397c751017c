// Property test of the controller quorum over random schedules of controller crashes, clean
// stops, pauses and isolations (a majority may be down at once), with a broker crash among
// them: after every event at most one leader per epoch, committed metadata records never
// change, disappear or reorder on any voter, a new leader holds every committed record
// (sim/check/invariants/quorum-invariants.ts), every broker replays a prefix of the
// committed metadata log (broker-metadata-prefix.ts), all run through --check. After healing and
// settling the quorum has an active controller again and every partition a leader.
// A mutation (voters grant every vote) shows the property can fail.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { RaftElection } from "../../core/raft/raft-election.ts";
import type { VoteRequest } from "../../core/raft/raft-messages.ts";

type Kind = "crash" | "stop" | "pause" | "isolate";
interface Planned {
  kind: Kind;
  /** 0: the active controller when it fires; 1..n: controller-n; -1: broker 1. */
  target: number;
  atMs: number;
  forMs: number;
}

const CONTROLLERS = 3;

const schedule = fc.array(
  fc.record({
    kind: fc.constantFrom<Kind>("crash", "stop", "pause", "isolate"),
    target: fc.integer({ min: -1, max: CONTROLLERS }),
    atMs: fc.integer({ min: 2_000, max: 30_000 }),
    forMs: fc.integer({ min: 300, max: 8_000 }),
  }),
  { minLength: 1, maxLength: 6 },
);

function targetOf(p: Planned): string {
  return p.target === -1 ? "1" : p.target === 0 ? "controller" : `controller-${p.target}`;
}

function faultYaml(p: Planned): string {
  if (p.kind === "isolate" && p.target !== 0) {
    const all = ["1", "2", "3", "p", ...Array.from({ length: CONTROLLERS }, (_, i) => `controller-${i + 1}`)];
    const alone = targetOf(p);
    return `  - { at: ${p.atMs}ms, partition: [[${alone}], [${all.filter((n) => n !== alone).join(", ")}]], for: ${p.forMs}ms }`;
  }
  const kind = p.kind === "isolate" ? "pause" : p.kind;
  return `  - { at: ${p.atMs}ms, ${kind}: ${targetOf(p)}, for: ${p.forMs}ms }`;
}

function scenarioText(seed: number, faults: readonly Planned[]): string {
  return `name: quorum-property
seed: ${seed}
duration: 40s
settle: 30s
cluster:
  brokers: 3
  controllers: ${CONTROLLERS}
  network: { latency: 1ms, jitter: 300us }
topics:
  - { name: t, partitions: 2, replicationFactor: 3 }
producers:
  - { id: p, topic: t, rate: 50/s, valueSize: 100, config: { acks: all } }
faults:
${faults.map(faultYaml).join("\n")}
`;
}

function check(seed: number, faults: readonly Planned[]): void {
  const scenario = loadScenario(scenarioText(seed, faults), "quorum-property.yaml");
  const { summary } = runScenario(scenario, { check: true });
  const where = `seed ${seed}, faults ${JSON.stringify(faults)}`;
  expect(summary.controllerQuorum?.activeController, `${where}: an active controller after settling`).not.toBe("");
  for (const p of summary.partitions) expect(p.leader, `${where}: ${p.topic}-${p.partition} has a leader after settling`).toBeGreaterThan(0);
}

describe("controller quorum under faults (3 controllers)", () => {
  it("keeps one leader per epoch and never loses or reorders a committed metadata record", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), schedule, (seed, faults) => check(seed, faults)),
      { numRuns: 16, seed: 20261203 },
    );
  });

  it("catches voters that grant every vote (mutation: two leaders in one epoch)", () => {
    const original = RaftElection.prototype.onVote;
    RaftElection.prototype.onVote = function (this: RaftElection, from: string, req: VoteRequest): void {
      (this as unknown as { answer(to: string, granted: boolean, preVote: boolean): void }).answer(from, true, req.preVote);
    };
    try {
      const result = fc.check(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), schedule, (seed, faults) => check(seed, faults)),
        { numRuns: 16, seed: 20261203 },
      );
      expect(result.failed).toBe(true);
      expect(String(result.errorInstance)).toMatch(/one-leader-per-epoch|committed-never-change|leader-completeness/);
    } finally {
      RaftElection.prototype.onVote = original;
    }
  });
});
