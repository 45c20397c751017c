// A `delay` fault holds back every message, or the `probability` share of them; a message behind
// a delayed one on the same connection waits for it (TCP delivers in order).
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/index.ts";

const yaml = (probability: number): string => `name: d
seed: 1
duration: 10s
settle: 2s
cluster: { brokers: 3 }
topics:
  - { name: t, partitions: 3, replicationFactor: 3 }
producers:
  - { id: p1, topic: t, rate: 500/s, keys: uniform, config: { acks: "1" } }
faults:
  - { at: 0s, delay: 50ms, probability: ${probability}, for: 10s }
`;

describe("delay fault", () => {
  it("delays every message by default, and only the given share with a probability", () => {
    const all = runScenario(loadScenario(yaml(1), "d.yaml")).summary.latency;
    const some = runScenario(loadScenario(yaml(0.01), "d.yaml")).summary.latency;
    expect(all.p50Ms).toBeGreaterThan(100); // the request and its response, 50 ms each
    expect(some.p50Ms).toBeLessThan(20);
    expect(some.p99Ms).toBeGreaterThan(50);
  });
});
