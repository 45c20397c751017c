// The checker (range arithmetic over batches, typed arrays by rid) and a naive per-record one
// (test/check/naive-checker.ts) agree on random histories: crashes and partitions (so
// truncation and unclean elections), message loss, acks 0/1/all with and without idempotence (retries,
// duplicates, reordering), compaction and retention, and a consumer group.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/index.ts";
import { naiveDurability, naiveGroup } from "./naive-checker.ts";

interface Shape {
  seed: number;
  acks: "0" | "1" | "all";
  idempotence: boolean;
  policy: "delete" | "retention" | "compact";
  fault: "none" | "crash" | "partition" | "unclean" | "loss";
  faultAtS: number;
  keys: number;
  tombstones: number;
  members: number;
}

function yaml(s: Shape): string {
  const topicConfig = {
    delete: "{}",
    retention: "{ retention.bytes: 65536, internal.segment.bytes: 16KiB }",
    compact: "{ cleanup.policy: compact, internal.segment.bytes: 16KiB, min.cleanable.dirty.ratio: 0.1, delete.retention.ms: 2s }",
  }[s.policy];
  const fault = {
    none: "",
    crash: `faults:\n  - { at: ${s.faultAtS}s, crash: leader(t-0), for: 4s }\n`,
    partition: `faults:\n  - { at: ${s.faultAtS}s, partition: [[1], [2, 3]], for: 5s }\n`,
    loss: `faults:\n  - { at: ${s.faultAtS}s, loss: 0.03, for: 5s }\n`,
    unclean: `faults:\n  - { at: ${s.faultAtS}s, partition: [[1], [2, 3]], for: 12s }\n  - { at: ${s.faultAtS + 6}s, crash: 1, for: 6s }\n`,
  }[s.fault];
  const unclean = s.fault === "unclean" ? ", unclean.leader.election.enable: true, min.insync.replicas: 1" : "";
  return `name: random-history
seed: ${s.seed}
duration: 12s
settle: 20s
cluster:
  brokers: 3
  network: { latency: 2ms, jitter: 500us }
  config: { log.retention.check.interval.ms: 1s, log.cleaner.backoff.ms: 1s${unclean} }
topics:
  - { name: t, partitions: 2, replicationFactor: 3, config: ${topicConfig} }
producers:
  - { id: p1, topic: t, rate: 400/s, keys: { distribution: uniform, count: ${s.keys} }, valueSize: 100, tombstones: ${s.tombstones}, config: { acks: "${s.acks}", enable.idempotence: ${s.acks === "all" && s.idempotence} } }
  - { id: p2, topic: t, rate: 200/s, keys: { distribution: uniform, count: ${s.keys} }, valueSize: 100, config: { acks: "${s.acks}", enable.idempotence: false, request.timeout.ms: 1000, delivery.timeout.ms: 1500 } }
${s.members > 0 ? `consumers:\n  - { group: g, topic: t, instances: ${s.members}, config: { auto.offset.reset: earliest } }\n` : ""}${fault}`;
}

const shapes: fc.Arbitrary<Shape> = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  acks: fc.constantFrom("0", "1", "all"),
  idempotence: fc.boolean(),
  policy: fc.constantFrom("delete", "retention", "compact"),
  fault: fc.constantFrom("none", "crash", "partition", "unclean", "loss"),
  faultAtS: fc.integer({ min: 2, max: 6 }),
  keys: fc.constantFrom(20, 500),
  tombstones: fc.constantFrom(0, 0.1),
  members: fc.integer({ min: 0, max: 2 }),
});

describe("the range checker and a naive per-record checker", () => {
  it("agree on random histories", () => {
    // What the histories held, so the property is known to cover losses, duplicates, reordering and redelivery.
    const seen = { missing: 0, duplicates: 0, outOfOrder: 0, unacknowledgedPresent: 0, processedTwice: 0, removed: 0 };
    fc.assert(
      fc.property(shapes, (shape) => {
        const scenario = loadScenario(yaml(shape), "random-history.yaml");
        const { summary, cluster } = runScenario(scenario);
        const d = summary.durability;
        const naive = naiveDurability(cluster);
        seen.missing += d.acknowledgedLost;
        seen.removed += d.removedByRetention + d.removedByCompaction;
        seen.duplicates += d.duplicates;
        seen.outOfOrder += d.outOfOrder;
        seen.unacknowledgedPresent += d.unacknowledgedPresent;
        seen.processedTwice += summary.consumers["g"]?.processedTwice ?? 0;
        expect(naive).toEqual({
          acknowledgedMissing: d.acknowledgedLost + d.removedByRetention + d.removedByCompaction,
          duplicates: d.duplicates,
          outOfOrder: d.outOfOrder,
          unacknowledgedPresent: d.unacknowledgedPresent,
        });
        expect(summary.produced.acknowledged).toBeGreaterThan(0);
        if (shape.members > 0) {
          const g = summary.consumers["g"]!;
          expect(naiveGroup(cluster, "g")).toEqual({ consumed: g.consumed, processedTwice: g.processedTwice, committedNotConsumed: g.committedNotConsumed, neverProcessed: g.neverProcessed });
        }
      }),
      { numRuns: 24, seed: 11 },
    );
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  }, 240_000);
});
