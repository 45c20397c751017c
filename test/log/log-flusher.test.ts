// LogManager's kafka-log-flusher (flushDirtyLogs): every log.flush.scheduler.interval.ms, after
// the first 30 s (LogManager's initial task delay), each log whose flush.ms has passed since its
// last flush is fsynced up to its LEO, so a power loss loses at most about that much.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/index.ts";
import { makeLog } from "./helpers.ts";

const scenario = readFileSync(new URL("../../scenarios/power-loss-no-fsync.yaml", import.meta.url), "utf8");
const lostWith = (...overrides: string[]): { lost: number; acknowledged: number } => {
  const s = runScenario(loadScenario(scenario, "power-loss-no-fsync.yaml", ["duration=60s", "faults.0.at=45s", ...overrides])).summary;
  return { lost: s.durability.acknowledgedLost, acknowledged: s.produced.acknowledged };
};
const flushEvery = (ms: number): string[] => [`cluster.config.log.flush.scheduler.interval.ms=${ms}`, `cluster.config.log.flush.interval.ms=${ms}`];

describe("PartitionLog.flushIfDue (UnifiedLog.flush from LogManager.flushDirtyLogs)", () => {
  it.each([
    [0, 100, false],
    [99, 100, false],
    [100, 100, true],
  ])("%i ms after the last flush with flush.ms %i: flushes %s", (elapsedMs, flushMs, flushed) => {
    const log = makeLog([["a", 1]]); // loaded at 0 ms
    expect(log.flushIfDue(elapsedMs, flushMs)).toBe(flushed);
  });

  it("counts from the last flush, not from load", () => {
    const log = makeLog([["a", 1]]);
    expect(log.flushIfDue(100, 100)).toBe(true);
    expect(log.flushIfDue(150, 100)).toBe(false);
    expect(log.flushIfDue(200, 100)).toBe(true);
  });
});

describe("kafka-log-flusher against a power loss at 45 s", () => {
  it("bounds the acknowledged records lost to about one flush interval's worth", () => {
    const none = lostWith();
    const every100 = lostWith(...flushEvery(100));
    const every1000 = lostWith(...flushEvery(1000));
    const perMs = none.acknowledged / 60_000; // the scenario's rate, records per ms
    expect(none.lost).toBeGreaterThan(20_000); // nothing flushed since the start: 30 s of writes and more
    expect(every100.lost).toBeLessThanOrEqual(2 * 100 * perMs);
    expect(every1000.lost).toBeLessThanOrEqual(2 * 1000 * perMs);
    expect(every1000.lost).toBeGreaterThan(every100.lost);
  });

  it("does nothing before its initial 30 s delay, as in Kafka: a power loss at 20 s loses as much as without it", () => {
    const at20 = (...o: string[]): number => runScenario(loadScenario(scenario, "power-loss-no-fsync.yaml", o)).summary.durability.acknowledgedLost;
    expect(at20(...flushEvery(100))).toBe(at20());
  });

  it("needs the scheduler: flush.ms alone, with log.flush.scheduler.interval.ms at its default (never), flushes nothing", () => {
    expect(lostWith("topics.0.config.flush.ms=100").lost).toBe(lostWith().lost);
  });
});
