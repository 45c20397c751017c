// delivery.timeout.ms bounds the time from send() to the callback for batches in flight too
// (Sender.getExpiredInflightBatches), and a batch failed while its request is out may still be
// written: the application hears DELIVERY_TIMEOUT, the log has the records.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Outcome } from "../../sim/check/history.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/index.ts";

const file = "delivery-timeout-in-flight.yaml";
const text = readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), "utf8");
const DELIVERY_TIMEOUT_MS = 7000;

function run(...overrides: string[]) {
  const { summary, cluster } = runScenario(loadScenario(text, file, overrides));
  const history = cluster.history;
  const failedAfterMs: number[] = [];
  let firstFailureMs = Infinity;
  for (let rid = 0; rid < history.size; rid++) {
    if (history.outcomeOf(rid) !== Outcome.FAILED) continue;
    failedAfterMs.push((history.doneAtUs(rid) - history.sentAtUs(rid)) / 1000);
    firstFailureMs = Math.min(firstFailureMs, history.doneAtUs(rid) / 1000);
  }
  return { summary, failedAfterMs, firstFailureMs };
}

describe("delivery.timeout.ms for batches in flight", () => {
  const { summary, failedAfterMs, firstFailureMs } = run();

  it("fails a batch at its deadline even while its retry is in flight", () => {
    expect(failedAfterMs.length).toBeGreaterThan(0);
    expect(Math.max(...failedAfterMs)).toBeLessThanOrEqual(DELIVERY_TIMEOUT_MS);
    expect(Math.max(...failedAfterMs)).toBeGreaterThan(DELIVERY_TIMEOUT_MS - 10);
    // The oldest batches were sent at 5 s, timed out at 11 s and retried: their deadline is 12 s.
    // Failing only when the retry's own request timed out would have been at 17 s.
    expect(firstFailureMs).toBeGreaterThan(11_990);
    expect(firstFailureMs).toBeLessThan(12_010);
  });

  it("leaves records the application was told had failed in the log, written once and in order", () => {
    expect(summary.errors["DELIVERY_TIMEOUT"]).toBe(failedAfterMs.length);
    expect(summary.durability.unacknowledgedPresent).toBeGreaterThan(0);
    expect(summary.durability.acknowledgedLost).toBe(0);
    expect(summary.durability.duplicates).toBe(0);
    expect(summary.durability.outOfOrder).toBe(0);
  });

  it("with the default 120 s every record is acknowledged", () => {
    const relaxed = run("producers.0.config.delivery.timeout.ms=120000");
    expect(relaxed.failedAfterMs).toEqual([]);
    expect(relaxed.summary.produced.acknowledged).toBe(relaxed.summary.produced.attempted);
  });
});
