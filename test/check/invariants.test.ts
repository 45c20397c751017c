// `--check`: invariants after every event. Each invariant has a seeded mutant — a bug put into
// the real code for one run — that the checker must catch within that run, naming the
// invariant, the scenario, the seed and the simulated time. Without the mutant the same run
// passes and gives the same summary as without --check.

import { afterEach, describe, expect, it } from "vitest";
import { Partition } from "../../core/broker/partition.ts";
import type { RecordBatch } from "../../core/protocol/records.ts";
import { MetadataImage } from "../../core/metadata/metadata-image.ts";
import { PartitionLog } from "../../core/log/partition-log.ts";
import { InvariantViolation } from "../../core/invariant-violation.ts";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { failureOf } from "./failure-of.ts";

const leaderCrashText = `name: leader-crash
seed: 5
duration: 8s
cluster: { brokers: 3, config: { min.insync.replicas: 2 } }
topics: [ { name: t, partitions: 2, replicationFactor: 3 } ]
producers: [ { id: p1, topic: t, rate: 2000/s, valueSize: 100, config: { acks: all } } ]
faults: [ { at: 3s, crash: leader(t-0), for: 2s } ]
`;
const leaderCrash = loadScenario(leaderCrashText, "leader-crash.yaml");

const restores: (() => void)[] = [];
/** Replaces a method on a prototype for this test only. */
function mutate<T extends object>(proto: T, name: string, replacement: (this: never, ...args: never[]) => unknown): void {
  const target = proto as Record<string, unknown>;
  const original = target[name];
  target[name] = replacement;
  restores.push(() => (target[name] = original));
}
afterEach(() => {
  while (restores.length > 0) restores.pop()!();
});

describe("invariants after every event (--check)", () => {
  it("pass on a leader crash, and change nothing in the summary", () => {
    const checked = runScenario(leaderCrash, { check: true }).summary;
    expect(checked).toEqual(runScenario(leaderCrash).summary);
    expect(checked.produced.acknowledged).toBeGreaterThan(10_000);
  });

  it("catch a leader whose high watermark passes an ISR member's log end offset", () => {
    mutate(Partition.prototype, "maybeIncrementLeaderHW", function (this: Partition) {
      if (this.role !== "leader") return false;
      return this.log.maybeIncrementHighWatermark(this.log.logEndOffset); // ignores the followers
    } as never);
    const f = failureOf(() => runScenario(leaderCrash, { check: true }));
    expect(f.violation.invariant).toBe("hw-within-isr");
    expect(f.message).toMatch(/^invariant hw-within-isr violated in leader-crash seed 5 at [\d,.]+ ms simulated: broker \d, t-\d: high watermark \d+ passes ISR member \d's log end offset \d+/);
    expect(f.timeUs).toBeLessThan(1_000_000);
  });

  it("catch two leaders in one leader epoch", () => {
    const apply = MetadataImage.prototype.apply;
    mutate(MetadataImage.prototype, "apply", function (this: MetadataImage, record: Parameters<MetadataImage["apply"]>[0]) {
      const before = record.type === "PartitionChange" ? this.partition(record.topic, record.partition)?.leaderEpoch : undefined;
      apply.call(this, record);
      const p = record.type === "PartitionChange" ? this.partition(record.topic, record.partition) : undefined;
      if (p !== undefined && before !== undefined) p.leaderEpoch = before; // an election that forgets to bump the epoch
    } as never);
    const f = failureOf(() => runScenario(leaderCrash, { check: true }));
    expect(f.violation.invariant).toBe("one-leader-per-epoch");
    expect(f.violation.detail).toMatch(/broker \d has broker \d leading t-0 in leader epoch 0, which broker \d led/);
    // The election comes when the controller fences the crashed leader: its restart at 5 s is
    // refused (DUPLICATE_BROKER_REGISTRATION) until its session lapses, ~9 s after its last heartbeat.
    expect(f.timeUs).toBeGreaterThan(11_000_000);
    expect(f.timeUs).toBeLessThan(13_000_000);
  });

  it("catch a follower whose copy of a committed batch differs from the leader's", () => {
    const appendAsFollower = PartitionLog.prototype.appendAsFollower;
    mutate(PartitionLog.prototype, "appendAsFollower", function (this: PartitionLog, batches: readonly RecordBatch[], nowMs: number) {
      // A replication bug: past offset 5,000 the follower writes the batch under another producer id.
      const corrupt = batches.map((b) => (b.baseOffset >= 5000 ? b.with({ producerId: b.producerId + 7 }) : b));
      return appendAsFollower.call(this, corrupt, nowMs);
    } as never);
    const f = failureOf(() => runScenario(leaderCrash, { check: true }));
    expect(f.violation.invariant).toBe("committed-prefix-agrees");
    expect(f.violation.detail).toMatch(/^broker \d, t-\d: below its high watermark \d+ the replica holds batch \d+\.\.\d+ \(epoch \d, producer (\d+) sequence (\d+)\) differs from the committed \d+\.\.\d+ \(epoch \d, producer (?!\1)\d+ sequence \2\)/);
  });

  it("keep core's own assertions on without --check: a high watermark past the log end throws", () => {
    mutate(Partition.prototype, "maybeIncrementLeaderHW", function (this: Partition) {
      return this.role === "leader" && this.log.maybeIncrementHighWatermark(this.log.logEndOffset + 1);
    } as never);
    const f = failureOf(() => runScenario(leaderCrash));
    expect(f.violation.invariant).toBe("hw-within-log");
    expect(f.violation.detail).toMatch(/high watermark \d+ update exceeds the log end offset \d+ of logs\/t-\d/);
    expect(() => PartitionLog.prototype.maybeIncrementHighWatermark.call({ logEndOffset: 3, highWatermark: 0, dir: "x" } as never, 4)).toThrow(InvariantViolation);
  });
});
