// Consumer configs the loader refuses (exit 2, one located line), as Kafka would refuse
// them: the classic coordinator's INVALID_SESSION_TIMEOUT outside
// group.min/max.session.timeout.ms (GroupMetadataManager.classicGroupJoin), the
// Heartbeat's "heartbeat must be lower than the session timeout", an unknown
// partition.assignment.strategy (ConsumerConfig: ClassNotFoundException), and more
// instances than kafkasim's sane bound.

import { LineCounter, parseDocument, type YAMLMap } from "yaml";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../core/config/catalog.ts";
import { BROKER_CATALOG } from "../../core/config/broker-config.ts";
import { validateScenario } from "../../sim/scenario/loader.ts";
import { Field, Source } from "../../sim/scenario/node-reader.ts";
import { readConsumers } from "../../sim/scenario/schema-clients.ts";
import { ScenarioError } from "../../sim/scenario/errors.ts";

const HEAD = "name: t\nduration: 5s\ncluster: { brokers: 3 }\ntopics: [{ name: orders, partitions: 3 }]\nconsumers:\n";

function errorOf(consumer: string, overrides: string[] = []): string {
  const r = validateScenario(HEAD + consumer + "\n", "c.yaml", overrides);
  return r.ok ? "ok" : r.error.format();
}

describe("consumer configs the loader refuses", () => {
  it.each([
    [
      "session.timeout.ms below group.min.session.timeout.ms",
      "  - { group: g, topic: orders, config: { session.timeout.ms: 5s } }",
      "c.yaml:6:62: at consumers.0.config.session.timeout.ms: session.timeout.ms (5000) is below the cluster's group.min.session.timeout.ms (6000): the coordinator would refuse every JoinGroup with INVALID_SESSION_TIMEOUT",
    ],
    [
      "session.timeout.ms above group.max.session.timeout.ms",
      "  - { group: g, topic: orders, config: { session.timeout.ms: 31m, heartbeat.interval.ms: 3s } }",
      "c.yaml:6:62: at consumers.0.config.session.timeout.ms: session.timeout.ms (1860000) is above the cluster's group.max.session.timeout.ms (1800000): the coordinator would refuse every JoinGroup with INVALID_SESSION_TIMEOUT",
    ],
    [
      "heartbeat.interval.ms equal to session.timeout.ms",
      "  - { group: g, topic: orders, config: { session.timeout.ms: 10s, heartbeat.interval.ms: 10s } }",
      "c.yaml:6:90: at consumers.0.config.heartbeat.interval.ms: heartbeat.interval.ms (10000) must be lower than session.timeout.ms (10000)",
    ],
    [
      "heartbeat.interval.ms above the default session.timeout.ms",
      "  - { group: g, topic: orders, config: { heartbeat.interval.ms: 50s } }",
      "c.yaml:6:65: at consumers.0.config.heartbeat.interval.ms: heartbeat.interval.ms (50000) must be lower than session.timeout.ms (45000)",
    ],
    [
      "a misspelt assignment strategy",
      "  - { group: g, topic: orders, config: { partition.assignment.strategy: cooperative-stiky } }",
      'c.yaml:6:73: at consumers.0.config.partition.assignment.strategy: must be one of range, roundrobin, sticky, cooperative-sticky, got "cooperative-stiky"; did you mean "cooperative-sticky"?',
    ],
    [
      "a misspelt strategy in a list",
      "  - { group: g, topic: orders, config: { partition.assignment.strategy: [range, round-robin] } }",
      'c.yaml:6:73: at consumers.0.config.partition.assignment.strategy: must be one of range, roundrobin, sticky, cooperative-sticky, got "round-robin"; did you mean "roundrobin"?',
    ],
    [
      "an assignor kafkasim does not have",
      "  - { group: g, topic: orders, config: { partition.assignment.strategy: com.example.MyAssignor } }",
      'c.yaml:6:73: at consumers.0.config.partition.assignment.strategy: must be one of range, roundrobin, sticky, cooperative-sticky, got "com.example.MyAssignor"',
    ],
    ["more instances than the sane bound", "  - { group: g, topic: orders, instances: 5000 }", "c.yaml:6:43: at consumers.0.instances: kafkasim runs at most 1000 instances per group, got 5000"],
    ["no instances", "  - { group: g, topic: orders, instances: 0 }", "c.yaml:6:43: at consumers.0.instances: must be at least 1, got 0"],
  ])("%s", (_what, consumer, message) => {
    expect(errorOf(consumer)).toBe(message);
  });

  it("points at the config map when the default session.timeout.ms is out of range", () => {
    const r = readWith("  - { group: g, topic: orders, config: { heartbeat.interval.ms: 1s } }", { "group.max.session.timeout.ms": 30000 });
    expect(r).toBe("c.yaml:6:40: at consumers.0.config.session.timeout.ms: session.timeout.ms (45000, the default) is above the cluster's group.max.session.timeout.ms (30000): the coordinator would refuse every JoinGroup with INVALID_SESSION_TIMEOUT");
  });

  it("checks against the cluster's own bounds", () => {
    const consumer = "  - { group: g, topic: orders, config: { session.timeout.ms: 8s } }";
    expect(readWith(consumer, {})).toBe("ok");
    expect(readWith(consumer, { "group.min.session.timeout.ms": 10000 })).toBe(
      "c.yaml:6:62: at consumers.0.config.session.timeout.ms: session.timeout.ms (8000) is below the cluster's group.min.session.timeout.ms (10000): the coordinator would refuse every JoinGroup with INVALID_SESSION_TIMEOUT",
    );
  });

  it.each([
    ["the boundaries themselves", "  - { group: g, topic: orders, config: { session.timeout.ms: 6s, heartbeat.interval.ms: 2s } }"],
    ["Kafka's class names", "  - { group: g, topic: orders, config: { partition.assignment.strategy: org.apache.kafka.clients.consumer.CooperativeStickyAssignor } }"],
    ["KIP-848 members (the broker owns their session timeout)", "  - { group: g, topic: orders, config: { group.protocol: consumer } }"],
    ["the sane bound itself", "  - { group: g, topic: orders, instances: 1000 }"],
  ])("accepts %s", (_what, consumer) => {
    expect(errorOf(consumer)).toBe("ok");
  });
});

/** readConsumers with a given cluster config (the loader passes the scenario's). */
function readWith(consumer: string, cluster: Record<string, unknown>): string {
  const lineCounter = new LineCounter();
  const doc = parseDocument(HEAD + consumer + "\n", { lineCounter });
  const src = new Source("c.yaml", lineCounter, doc, new WeakMap());
  const field = new Field(src, (doc.contents as YAMLMap).get("consumers", true) as never, ["consumers"]);
  try {
    readConsumers(field, { topics: new Map([["orders", 3]]), durationUs: 5_000_000, producers: [], brokerConfig: resolveConfig(BROKER_CATALOG, cluster).values });
    return "ok";
  } catch (error) {
    if (error instanceof ScenarioError) return error.format();
    throw error;
  }
}
