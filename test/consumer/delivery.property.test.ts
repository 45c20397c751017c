// Property tests of the consumer group over seeds and random crash/pause schedules (the
// issue's "done means"): with commits after processing, no record below a group's final
// committed offset was never processed; a consumer never gets a record at or above the HW
// its fetch saw, nor one that is missing from the final committed log; and no partition is
// delivered to two members of one generation (eager and cooperative) or one member epoch
// (KIP-848's group.protocol=consumer, with pauses up to its 45 s session). A control case shows
// the checker does catch loss: committing before processing loses records on a crash.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { runScenario } from "../../sim/run/runner.ts";
import type { GroupSummary } from "../../sim/run/summary.ts";

interface Plan {
  seed: number;
  /** "consumer": group.protocol=consumer (KIP-848) with the broker's uniform assignor. */
  strategy: "range" | "cooperative-sticky" | "consumer";
  static: boolean;
  mode: "sync-after-processing" | "async-after-processing" | "before-processing";
  faults: { at: number; action: "crash" | "pause"; target: string; forS: number }[];
  processingMs?: number;
}

function scenarioText(p: Plan): string {
  const faults = p.faults.map((f) => `  - { at: ${f.at}s, ${f.action}: ${f.target}, for: ${f.forS}s }`).join("\n");
  return `name: consumer-property
seed: ${p.seed}
duration: 40s
settle: 30s
cluster:
  brokers: 3
  config: { offsets.topic.num.partitions: 3, min.insync.replicas: 2 }
topics:
  - { name: orders, partitions: 6, replicationFactor: 3 }
producers:
  - { id: p1, topic: orders, rate: 100/s, keys: { distribution: uniform, count: 500 }, valueSize: 100, config: { acks: all } }
consumers:
  - group: g
    topic: orders
    instances: 3
    static: ${p.static}
    processingTime: { distribution: exponential, mean: ${p.processingMs ?? 3}ms }
    config: { auto.offset.reset: earliest, enable.auto.commit: false, kafkasim.commit.mode: ${p.mode}, ${groupConfig(p.strategy)} }
${p.faults.length > 0 ? `faults:\n${faults}` : ""}
`;
}

/** KIP-848 takes its session timeout and heartbeat interval from the broker. */
function groupConfig(strategy: Plan["strategy"]): string {
  return strategy === "consumer" ? "group.protocol: consumer" : `session.timeout.ms: 8000, heartbeat.interval.ms: 2000, partition.assignment.strategy: ${strategy}`;
}

function run(p: Plan): GroupSummary {
  const summary = runScenario(loadScenario(scenarioText(p), "property.yaml")).summary;
  return summary.consumers["g"]!;
}

const faultFields = {
  at: fc.integer({ min: 8, max: 30 }),
  action: fc.constantFrom("crash" as const, "pause" as const),
  target: fc.constantFrom("g-1", "g-2", "g-3", "1", "2", "3"),
};
const fault = (maxS: number) => fc.record({ ...faultFields, forS: fc.integer({ min: 1, max: maxS }) });

const plan = (mode: Plan["mode"], strategies: readonly Plan["strategy"][] = ["range", "cooperative-sticky"], maxPauseS = 12): fc.Arbitrary<Plan> =>
  fc.record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    strategy: fc.constantFrom(...strategies),
    static: fc.boolean(),
    mode: fc.constant(mode),
    faults: fc.array(fault(maxPauseS), { minLength: 1, maxLength: 3 }).map((fs) => oneAtATime(fs.filter((f) => !(f.action === "pause" && /^\d$/.test(f.target))))),
  });

/**
 * Drops a fault whose target an earlier one still holds (until its `for:` ends, that instant
 * included): the loader refuses a crash of a node already down or a pause of one not running.
 */
function oneAtATime(faults: Plan["faults"]): Plan["faults"] {
  const holds = (g: Plan["faults"][number], f: Plan["faults"][number]): boolean => g.target === f.target && g.at <= f.at && f.at <= g.at + g.forS;
  return faults.filter((f, i) => !faults.some((g, j) => j !== i && holds(g, f) && (g.at < f.at || j < i)));
}

function commitAfterProcessingHolds(p: Plan): void {
  const g = run(p);
  expect(g.consumed).toBeGreaterThan(0);
  expect(g.neverProcessed).toBe(0);
  expect(g.seenNotCommitted).toBe(0);
  expect(g.deliveredAtOrAboveHw).toBe(0);
  expect(g.ownershipConflicts).toBe(0);
}

describe("consumer group delivery properties (random crash/pause schedules)", () => {
  it("commit after processing: nothing below the committed offset is skipped; no read past the HW; one owner per generation", () => {
    fc.assert(fc.property(plan("sync-after-processing"), commitAfterProcessingHolds), { numRuns: 12, seed: 4242 });
  }, 120_000);

  it("KIP-848 (group.protocol=consumer): the same guarantees, one owner per member epoch, pauses up to 50 s", () => {
    fc.assert(fc.property(plan("sync-after-processing", ["consumer"], 50), commitAfterProcessingHolds), { numRuns: 16, seed: 848 });
  }, 120_000);

  it("async commits after processing keep the same guarantees", () => {
    fc.assert(
      fc.property(plan("async-after-processing"), (p) => {
        const g = run(p);
        expect(g.neverProcessed).toBe(0);
        expect(g.seenNotCommitted).toBe(0);
        expect(g.ownershipConflicts).toBe(0);
      }),
      { numRuns: 6, seed: 99 },
    );
  }, 120_000);

  it("control: committing before processing loses records when a consumer crashes mid-batch (the checker sees it)", () => {
    const g = run({
      seed: 5,
      strategy: "range",
      static: false,
      mode: "before-processing",
      processingMs: 25,
      faults: [
        { at: 12, action: "crash", target: "g-1", forS: 5 },
        { at: 22, action: "crash", target: "g-2", forS: 5 },
      ],
    });
    expect(g.neverProcessed).toBeGreaterThan(0);
    expect(g.seenNotCommitted).toBe(0);
  }, 60_000);
});
