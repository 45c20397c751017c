// The last-stable-offset invariants' seeded mutants (replica-invariants.ts): an LSO past the
// high watermark, one that moves back, and the classic transaction bug — an LSO that ignores
// open transactions (always the HW), caught once producers' batches open transactions that
// are never decided. Each mutant is undone after its test.

import { afterEach, describe, expect, it } from "vitest";
import { PartitionLog } from "../../core/log/partition-log.ts";
import type { RecordBatch } from "../../core/protocol/records.ts";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { failureOf } from "./failure-of.ts";

const idempotentLeaderCrash = loadScenario(
  `name: lso-mutants
seed: 5
duration: 6s
cluster: { brokers: 3, config: { min.insync.replicas: 2 } }
topics: [ { name: t, partitions: 2, replicationFactor: 3 } ]
producers: [ { id: p1, topic: t, rate: 2000/s, valueSize: 100, config: { acks: all, enable.idempotence: true } } ]
faults: [ { at: 3s, crash: leader(t-0), for: 2s } ]
`,
  "lso-mutants.yaml",
);

const restores: (() => void)[] = [];
function mutateGetter(name: string, get: (this: PartitionLog) => number): void {
  const original = Object.getOwnPropertyDescriptor(PartitionLog.prototype, name)!;
  Object.defineProperty(PartitionLog.prototype, name, { ...original, get });
  restores.push(() => Object.defineProperty(PartitionLog.prototype, name, original));
}
afterEach(() => {
  while (restores.length > 0) restores.pop()!();
});

describe("last stable offset invariants (--check)", () => {
  it("pass, and change nothing in the summary", () => {
    expect(runScenario(idempotentLeaderCrash, { check: true }).summary).toEqual(runScenario(idempotentLeaderCrash).summary);
  });

  it("catch an LSO past the high watermark", () => {
    mutateGetter("lastStableOffset", function () {
      return this.logEndOffset;
    });
    const f = failureOf(() => runScenario(idempotentLeaderCrash, { check: true }));
    expect(f.violation.invariant).toBe("lso-within-hw");
    expect(f.violation.detail).toMatch(/^broker \d, t-\d: last stable offset \d+ outside log start \d+ \.\. high watermark \d+$/);
  });

  it("catch an LSO that moves back within a leader epoch", () => {
    mutateGetter("lastStableOffset", function () {
      return this.highWatermark % 1000;
    });
    const f = failureOf(() => runScenario(idempotentLeaderCrash, { check: true }));
    expect(f.violation.invariant).toBe("leader-lso-monotonic");
    expect(f.violation.detail).toMatch(/the last stable offset moved back from \d+ to \d+ in leader epoch \d+$/);
  });

  it("catch an LSO that ignores undecided transactions", () => {
    const appendAsLeader = PartitionLog.prototype.appendAsLeader;
    const proto = PartitionLog.prototype as unknown as Record<string, unknown>;
    proto["appendAsLeader"] = function (this: PartitionLog, batch: RecordBatch, leaderEpoch: number, nowMs: number) {
      // Every idempotent batch opens a transaction nobody decides...
      return appendAsLeader.call(this, batch.producerId >= 0 ? batch.with({ isTransactional: true }) : batch, leaderEpoch, nowMs);
    };
    restores.push(() => (proto["appendAsLeader"] = appendAsLeader));
    // ...and the LSO is the HW whatever is open.
    mutateGetter("lastStableOffset", function () {
      return this.highWatermark;
    });
    const f = failureOf(() => runScenario(idempotentLeaderCrash, { check: true }));
    expect(f.violation.invariant).toBe("lso-below-undecided");
    expect(f.violation.detail).toMatch(/^broker \d, t-\d: last stable offset \d+ passes the open transaction at \d+$/);
  });
});
