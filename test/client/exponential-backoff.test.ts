// Kafka's ExponentialBackoff (clients/.../common/utils/ExponentialBackoff.java), as its own
// ExponentialBackoffTest checks it: 100 ms doubling, capped at 2000 ms, ±20% jitter.
import { describe, expect, it } from "vitest";
import { ExponentialBackoff } from "../../core/client/exponential-backoff.ts";
import type { Rng } from "../../core/env.ts";

function rngOf(...values: number[]): Rng {
  let i = 0;
  const rng: Rng = { next: () => values[i++ % values.length]!, int: () => 0, int32: () => 0, fork: () => rng };
  return rng;
}

describe("ExponentialBackoff", () => {
  it("stays within 20% of 100·2^attempts up to the cap, and never above the cap (ExponentialBackoffTest)", () => {
    for (const draw of [0, 0.25, 0.5, 0.75, 0.999]) {
      const backoff = new ExponentialBackoff(100, 2000, rngOf(draw));
      for (let attempts = 0; attempts <= 10; attempts++) {
        const ms = backoff.backoffUs(attempts) / 1000;
        if (attempts <= 4) expect(Math.abs(ms - 100 * 2 ** attempts)).toBeLessThanOrEqual(100 * 2 ** attempts * 0.2);
        expect(ms).toBeLessThanOrEqual(2000);
      }
    }
  });

  it("the broker lifecycle's registration retries: 100 ms doubling up to broker.session.timeout.ms, ±2% (BrokerLifecycleManager)", () => {
    const low = new ExponentialBackoff(100, 9000, rngOf(0), 0.02);
    const high = new ExponentialBackoff(100, 9000, rngOf(0.9999), 0.02);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((a) => low.backoffUs(a) / 1000)).toEqual([98, 196, 392, 784, 1568, 3136, 6272, 8820]);
    expect(high.backoffUs(0) / 1000).toBeCloseTo(102, 1);
    expect(high.backoffUs(10) / 1000).toBe(9000);
  });

  it.each([
    [0, 0.5, 100],
    [1, 0.5, 200],
    [3, 0.5, 800],
    [5, 0.5, 2000], // 100 · 2^log2(20) = 2000, the cap
    [5, 0.999, 2000], // jitter never takes it past the cap
    [2, 0, 320], // 400 · 0.8
  ])("attempts %i with draw %d: %d ms", (attempts, draw, ms) => {
    expect(new ExponentialBackoff(100, 2000, rngOf(draw)).backoffUs(attempts)).toBeCloseTo(ms * 1000, 0);
  });

  it("a max below the initial backoff gives a constant max, without jitter", () => {
    const backoff = new ExponentialBackoff(500, 200, rngOf(0.9));
    expect([0, 1, 5].map((a) => backoff.backoffUs(a))).toEqual([200_000, 200_000, 200_000]);
  });
});
