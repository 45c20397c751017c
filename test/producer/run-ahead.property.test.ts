// Property test of the producers' run-ahead through their record arrivals (Env.runAheadTo,
// Scheduler.runAheadTo): over random workloads — producers interleaving at different rates,
// keyed, unkeyed (the sticky partitioner's batch-full switching) or explicit partitions, linger,
// batch.size, acks, compression (the application thread's busy time), max.in.flight and
// crashes of producers and brokers — a run with run-ahead and one with a timer per record give
// the same summary, traceHash included; only the event count differs, never upwards. The
// scenario library checks the same on its fixed scenarios (test/scenarios/library.test.ts). Any
// later way of taking records with fewer events (a lazy intake) must keep this test passing.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { runScenario } from "../../sim/run/runner.ts";

interface ProducerPlan {
  ratePerSec: number;
  keys: "none" | "uniform" | "partition";
  lingerMs: number;
  batchSizeBytes: number;
  acks: "0" | "1" | "all";
  compression: "none" | "lz4" | "zstd";
  maxInFlight: number;
  idempotent: boolean;
}

interface Plan {
  seed: number;
  producers: ProducerPlan[];
  crash: { at: number; target: string; forS: number } | null;
}

function producerText(p: ProducerPlan, i: number): string {
  const keys = p.keys === "uniform" ? "keys: { distribution: uniform, count: 50 }, " : p.keys === "partition" ? `partition: ${i % 4}, ` : "";
  // Idempotence needs acks=all and at most 5 requests in flight (ProducerConfig).
  const idempotent = p.idempotent && p.acks === "all";
  return `  - { id: p${i + 1}, topic: t, rate: ${p.ratePerSec}/s, ${keys}valueSize: 120, config: { acks: "${p.acks}", linger.ms: ${p.lingerMs}, batch.size: ${p.batchSizeBytes}, compression.type: ${p.compression}, max.in.flight.requests.per.connection: ${p.maxInFlight}, enable.idempotence: ${idempotent} } }`;
}

function scenarioText(plan: Plan): string {
  const crash = plan.crash === null ? "" : `faults:\n  - { at: ${plan.crash.at}ms, crash: ${plan.crash.target}, for: ${plan.crash.forS}s }\n`;
  return `name: run-ahead-property
seed: ${plan.seed}
duration: 2s
settle: 2s
cluster:
  brokers: 3
  network: { latency: 1ms, jitter: 100us }
topics:
  - { name: t, partitions: 4, replicationFactor: 3 }
producers:
${plan.producers.map(producerText).join("\n")}
${crash}`;
}

const producerPlan: fc.Arbitrary<ProducerPlan> = fc.record({
  ratePerSec: fc.integer({ min: 100, max: 6000 }),
  keys: fc.constantFrom("none", "uniform", "partition"),
  lingerMs: fc.constantFrom(0, 1, 5, 20),
  batchSizeBytes: fc.constantFrom(600, 2048, 16384),
  acks: fc.constantFrom("0", "1", "all"),
  compression: fc.constantFrom("none", "none", "lz4", "zstd"),
  maxInFlight: fc.integer({ min: 1, max: 5 }),
  idempotent: fc.boolean(),
});

const plan: fc.Arbitrary<Plan> = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  producers: fc.array(producerPlan, { minLength: 1, maxLength: 3 }),
  crash: fc.option(
    fc.record({ at: fc.integer({ min: 200, max: 1800 }), target: fc.constantFrom("p1", "1", "leader(t-0)"), forS: fc.constantFrom(0.3, 1) }),
    { nil: null },
  ),
});

describe("run-ahead through record arrivals", () => {
  it("gives the same summary and traceHash as a timer per record, over random workloads", () => {
    fc.assert(
      fc.property(plan, (p) => {
        const scenario = loadScenario(scenarioText(p), "run-ahead-property.yaml");
        const ahead = runScenario(scenario).summary;
        const plain = runScenario(scenario, { runAhead: false }).summary;
        expect(ahead.produced.attempted).toBeGreaterThan(0);
        expect({ ...plain, events: 0 }).toEqual({ ...ahead, events: 0 });
        expect(plain.events).toBeGreaterThanOrEqual(ahead.events);
      }),
      { numRuns: 30, seed: 20261204 },
    );
  }, 120_000);
});
