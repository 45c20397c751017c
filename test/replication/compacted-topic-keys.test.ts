// LogValidator.validateKey (Kafka's LogValidatorTest / UnifiedLogTest
// testAppendWithNoKeyOnCompactedTopic): a compacted topic refuses a batch holding a record
// without a key with INVALID_RECORD, and the producer does not retry it.
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/loader.ts";

const scenario = (keys: string, policy: string) => `name: t
seed: 1
duration: 3s
settle: 2s
cluster: { brokers: 3 }
topics:
  - { name: customers, partitions: 1, replicationFactor: 3, config: { cleanup.policy: ${policy} } }
producers:
  - { id: p1, topic: customers, rate: 100/s, keys: ${keys}, valueSize: 100 }
`;

function run(keys: string, policy: string) {
  const errors: { error: unknown; retry: unknown }[] = [];
  const { summary } = runScenario(loadScenario(scenario(keys, policy), "t.yaml"), {
    onTrace: (r) => {
      if (r.event.kind === "ProduceError") errors.push({ error: r.event["error"], retry: r.event["retry"] });
    },
  });
  return { summary, errors };
}

describe("records without a key on a compacted topic", () => {
  it.each(["compact", "'compact,delete'"])("cleanup.policy %s: every batch fails with INVALID_RECORD, none is retried, nothing is in the log", (policy) => {
    const { summary, errors } = run("none", policy);
    expect(summary.produced.attempted).toBeGreaterThan(200);
    expect(summary.errors).toEqual({ INVALID_RECORD: summary.produced.attempted });
    expect(summary.produced.acknowledged).toBe(0);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.error === "INVALID_RECORD" && e.retry === false)).toBe(true);
    expect(summary.partitions[0]?.records).toBe(0);
  });

  it("keyed records are accepted, and unkeyed ones on a delete-policy topic too", () => {
    expect(run("{ distribution: uniform, count: 10 }", "compact").summary.errors).toEqual({});
    expect(run("none", "delete").summary.errors).toEqual({});
  });
});
