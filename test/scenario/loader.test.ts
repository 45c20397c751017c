// The loader on valid input: the DESIGN.md example exactly as written, defaults, and
// the accepted spellings of rates, keys, distributions, targets and expectations.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../core/config/catalog.ts";
import { BROKER_CATALOG } from "../../core/config/broker-config.ts";
import { loadScenario } from "../../sim/scenario/loader.ts";

const example = readFileSync(fileURLToPath(new URL("./fixtures/design-example.yaml", import.meta.url)), "utf8");

const BASE = `name: t
duration: 30s
cluster: { brokers: 3 }
topics:
  - { name: orders, partitions: 6, replicationFactor: 3 }
`;
const load = (extra: string) => loadScenario(BASE + extra, "t.yaml");

describe("the DESIGN.md example", () => {
  const s = loadScenario(example, "design-example.yaml");

  it("loads the top level", () => {
    expect([s.name, s.seed, s.durationUs, s.settleUs]).toEqual(["leader-failure-acks1", 42, 30_000_000, 60_000_000]);
    expect(s.description).toBe("Markdown shown in the CLI and the visualizer.\n");
  });

  it("loads the cluster", () => {
    expect(s.cluster.brokers).toBe(3);
    expect(s.cluster.network).toEqual({ latency: { kind: "normal", meanUs: 1000, stddevUs: 200 }, bandwidthBytesPerSec: 125_000_000, loss: 0 });
    expect(s.cluster.disk).toEqual({ throughputBytesPerSec: 524_288_000, fsyncLatencyUs: 5000, readLatencyUs: 100, pageCacheBytes: 4 * 1024 ** 3, writebackDelayUs: 30_000_000, dirtyBackgroundRatio: 10, dirtyRatio: 20 });
    expect(s.cluster.config["min.insync.replicas"]).toBe(1);
    expect(s.cluster.config["unclean.leader.election.enable"]).toBe(false);
    expect(s.cluster.config["replica.lag.time.max.ms"]).toBe(30000);
    expect(s.cluster.ssl).toBe(false);
  });

  it("loads the topics", () => {
    expect(s.topics.map((t) => [t.name, t.partitions, t.replicationFactor, t.assignment])).toEqual([
      ["orders", 6, 3, null],
      ["audit", 1, 3, [[1, 2, 3]]],
    ]);
    expect(s.topics[0]?.config["cleanup.policy"]).toEqual(["delete"]);
    expect(s.topics[1]?.config["retention.ms"]).toBe(604_800_000);
  });

  it("loads the producer with its Kafka config", () => {
    const p = s.producers[0];
    expect(p).toMatchObject({
      id: "p1",
      topic: "orders",
      rate: [{ atUs: 0, perSec: 1000 }],
      keys: { distribution: "zipf", count: 1000, exponent: 1.2 },
      valueSizeBytes: { kind: "fixed", value: 200 },
      tombstones: 0,
      partition: null,
      maxRecords: null,
    });
    expect([p?.config["acks"], p?.config["linger.ms"], p?.config["enable.idempotence"]]).toEqual(["1", 5, false]);
  });

  it("loads the consumer group", () => {
    expect(s.consumers).toHaveLength(1);
    const c = s.consumers[0];
    expect(c).toMatchObject({ group: "billing", topic: "orders", instances: 3, static: false, processingTimeUs: { kind: "fixed", value: 2000 } });
    expect(c?.config["partition.assignment.strategy"]).toEqual(["cooperative-sticky"]);
    expect(c?.config["group.id"]).toBe("billing");
  });

  it("loads the faults in the order written, with their places", () => {
    const strip = s.faults.map(({ where, ...f }) => [where.line, f]);
    expect(strip).toEqual([
      [34, { atUs: 10_000_000, action: "crash", targets: [{ kind: "leader", topic: "orders", partition: 0 }], forUs: null }],
      [35, { atUs: 20_000_000, action: "restart", targets: [{ kind: "all" }], forUs: null }],
      [36, { atUs: 22_000_000, action: "stop", targets: [{ kind: "broker", id: 2 }], forUs: 5_000_000 }],
      [39, { atUs: 12_000_000, action: "partition", groups: [[{ kind: "broker", id: 1 }], [{ kind: "broker", id: 2 }, { kind: "broker", id: 3 }]], oneWay: false, forUs: 5_000_000 }],
      [40, { atUs: 15_000_000, action: "slowDisk", broker: 2, factor: 10, forUs: 5_000_000 }],
      [41, { atUs: 16_000_000, action: "pause", targets: [{ kind: "consumer", group: "billing", instance: 1 }], forUs: 50_000_000 }],
      [42, { atUs: 25_000_000, action: "powerLoss", targets: [1, 2, 3].map((id) => ({ kind: "broker", id })), forUs: null }],
    ]);
  });

  it("loads expectations and the lesson", () => {
    expect(s.expect).toEqual([
      { path: "durability.acknowledgedLost", op: ">", value: 0, raw: "> 0", where: { file: "design-example.yaml", line: 44, column: 3 } },
      { path: "consumers.billing.rebalances", op: "<=", value: 2, raw: "<= 2", where: { file: "design-example.yaml", line: 45, column: 3 } },
    ]);
    expect(s.lesson).toEqual([{ atUs: 9_000_000, text: "The leader of orders-0 has acknowledged records its followers have not fetched yet.", pause: false }]);
  });
});

describe("defaults", () => {
  const s = load("");

  it("fills every optional key", () => {
    expect([s.description, s.seed, s.settleUs]).toEqual(["", 1, 60_000_000]);
    expect(s.cluster.network).toEqual({ latency: { kind: "fixed", us: 1000 }, bandwidthBytesPerSec: 1_250_000_000, loss: 0 });
    expect(s.cluster.disk).toEqual({ throughputBytesPerSec: 524_288_000, fsyncLatencyUs: 5000, readLatencyUs: 100, pageCacheBytes: 4 * 1024 ** 3, writebackDelayUs: 30_000_000, dirtyBackgroundRatio: 10, dirtyRatio: 20 });
    expect(s.cluster.config).toEqual(resolveConfig(BROKER_CATALOG, {}).values);
    expect([s.producers, s.consumers, s.faults, s.expect, s.lesson]).toEqual([[], [], [], [], []]);
  });

  it("takes partitions and replication factor from the broker config or the assignment", () => {
    const t = loadScenario("name: t\nduration: 1s\ncluster: { brokers: 3, config: { num.partitions: 4, default.replication.factor: 2 } }\ntopics: [{ name: a }, { name: b, assignment: [[3, 1], [1, 2], [2, 3]] }]\n", "t.yaml").topics;
    expect(t.map((x) => [x.partitions, x.replicationFactor])).toEqual([[4, 2], [3, 2]]);
  });

  it("defaults a producer's keys, value size and config", () => {
    const p = load("producers: [{ id: p1, topic: orders, rate: 10/s }]\n").producers[0];
    expect(p).toMatchObject({ keys: { distribution: "none" }, valueSizeBytes: { kind: "fixed", value: 100 }, tombstones: 0, partition: null });
    expect(p?.config["acks"]).toBe("-1");
  });

  it("applies cluster log.* defaults to topics", () => {
    const s2 = loadScenario(BASE.replace("{ brokers: 3 }", "{ brokers: 3, config: { log.retention.ms: 1h } }"), "t.yaml");
    expect(s2.topics[0]?.config["retention.ms"]).toBe(3_600_000);
  });
});

describe("accepted forms", () => {
  it("reads Linux's dirty ratios as whole percents of the page cache", () => {
    const s2 = loadScenario(BASE.replace("{ brokers: 3 }", "{ brokers: 3, disk: { pageCache: 64MiB, dirtyBackgroundRatio: 5, dirtyRatio: 40 } }"), "t.yaml");
    expect(s2.cluster.disk).toMatchObject({ pageCacheBytes: 64 * 1024 ** 2, dirtyBackgroundRatio: 5, dirtyRatio: 40 });
  });

  it("reads a rate schedule for bursts, adding rate 0 before the first step", () => {
    const p = load("producers:\n  - { id: p1, topic: orders, rate: [{ at: 5s, rate: 100/s }, { at: 10s, rate: 5000/s }] }\n").producers[0];
    expect(p?.rate).toEqual([{ atUs: 0, perSec: 0 }, { atUs: 5_000_000, perSec: 100 }, { atUs: 10_000_000, perSec: 5000 }]);
  });

  it.each([
    ["uniform", { distribution: "uniform", count: 1000 }],
    ["{ distribution: fixed, key: US, share: 0.9 }", { distribution: "fixed", key: "US", share: 0.9 }],
    ["{ distribution: composite, key: US, count: 500 }", { distribution: "composite", key: "US", count: 500 }],
    ["{ distribution: salted, key: US, salts: 8 }", { distribution: "salted", key: "US", salts: 8 }],
    ["none", { distribution: "none" }],
  ])("keys: %s", (keys, spec) => {
    expect(load(`producers: [{ id: p1, topic: orders, rate: 1/s, keys: ${keys} }]\n`).producers[0]?.keys).toMatchObject(spec);
  });

  it.each([
    ["2ms", { kind: "fixed", value: 2000 }],
    ["{ distribution: lognormal, median: 2ms, sigma: 0.5 }", { kind: "lognormal", median: 2000, sigma: 0.5 }],
    ["{ distribution: uniform, min: 1ms, max: 3ms }", { kind: "uniform", min: 1000, max: 3000 }],
    ["{ distribution: exponential, mean: 500us }", { kind: "exponential", mean: 500 }],
    ["{ distribution: normal, mean: 2ms, stddev: 1ms }", { kind: "normal", mean: 2000, stddev: 1000 }],
  ])("processingTime: %s", (text, d) => {
    expect(load(`consumers: [{ group: g, topic: orders, processingTime: ${text} }]\n`).consumers[0]?.processingTimeUs).toEqual(d);
  });

  it("reads valueSize as a size distribution", () => {
    const p = load("producers: [{ id: p1, topic: orders, rate: 1/s, valueSize: { distribution: uniform, min: 100, max: 1KiB } }]\n").producers[0];
    expect(p?.valueSizeBytes).toEqual({ kind: "uniform", min: 100, max: 1024 });
  });

  it.each([
    ["{ distribution: uniform, min: 1ms, max: 3ms }", { kind: "uniform", minUs: 1000, maxUs: 3000 }],
    ["{ distribution: lognormal, median: 1ms, sigma: 0.3 }", { kind: "lognormal", medianUs: 1000, sigma: 0.3 }],
    ["250us", { kind: "fixed", us: 250 }],
  ])("network latency: %s", (text, spec) => {
    const s = loadScenario(BASE.replace("{ brokers: 3 }", `{ brokers: 3, network: { latency: ${text} } }`), "t.yaml");
    expect(s.cluster.network.latency).toEqual(spec);
  });

  it("reads every kind of fault target", () => {
    const s = load(`producers: [{ id: p1, topic: orders, rate: 1/s }]
consumers: [{ group: billing, topic: orders, instances: 2 }]
faults:
  - { at: 1s, crash: [2, "3", broker-1, controller, all, p1, billing-2, leader(orders-5)] }
  - { at: 2s, partition: [[1, p1], [2, 3]], oneWay: true, for: 1s }
  - { at: 3s, loss: 0.25, for: 2s }
  - { at: 4s, delay: 50ms, probability: 0.5 }
  - { at: 5s, heal: all }
`);
    expect(s.faults.map(({ where: _where, ...f }) => f)).toEqual([
      {
        atUs: 1_000_000,
        action: "crash",
        targets: [
          { kind: "broker", id: 2 },
          { kind: "broker", id: 3 },
          { kind: "broker", id: 1 },
          { kind: "controller" },
          { kind: "all" },
          { kind: "producer", id: "p1" },
          { kind: "consumer", group: "billing", instance: 2 },
          { kind: "leader", topic: "orders", partition: 5 },
        ],
        forUs: null,
      },
      { atUs: 2_000_000, action: "partition", groups: [[{ kind: "broker", id: 1 }, { kind: "producer", id: "p1" }], [{ kind: "broker", id: 2 }, { kind: "broker", id: 3 }]], oneWay: true, forUs: 1_000_000 },
      { atUs: 3_000_000, action: "loss", probability: 0.25, delayUs: 0, forUs: 2_000_000 },
      { atUs: 4_000_000, action: "delay", probability: 0.5, delayUs: 50_000, forUs: null },
      { atUs: 5_000_000, action: "heal" },
    ]);
  });

  it.each([
    ["3", "==", 3, "== 3"],
    ['"== 0"', "==", 0, "== 0"],
    ['"!=1"', "!=", 1, "!= 1"],
    ['">= 2.5"', ">=", 2.5, ">= 2.5"],
    ['"< 10"', "<", 10, "< 10"],
  ])("expect value %s", (text, op, value, raw) => {
    expect(load(`expect:\n  durability.duplicates: ${text}\n`).expect[0]).toMatchObject({ op, value, raw });
  });

  it("accepts every summary path family", () => {
    const paths = [
      "durability.acknowledgedLost", "durability.duplicates", "durability.outOfOrder",
      "produced.attempted", "produced.acknowledged", "produced.failed",
      "consumers.billing.consumed", "consumers.billing.maxLag", "consumers.billing.finalLag", "consumers.billing.rebalances",
      "consumers.billing.processedTwice", "consumers.billing.neverProcessed",
      "partitions.orders-5.records", "partitions.orders-0.highWatermark", "partitions.orders-0.logEndOffset", "partitions.orders-0.logStartOffset",
      "simulatedMs", "latency.p50Ms", "latency.p99Ms", "latency.maxMs",
    ];
    const s = load(`consumers: [{ group: billing, topic: orders }]\nexpect:\n${paths.map((p) => `  ${p}: ">= 0"`).join("\n")}\n`);
    expect(s.expect.map((e) => e.path)).toEqual(paths);
  });

  it("leaves group.instance.id to the world for static members (one id per instance, <group>-<n>)", () => {
    const c = load("consumers: [{ group: g, topic: orders, instances: 2, static: true }]\n").consumers[0];
    expect([c?.static, c?.config["group.instance.id"]]).toEqual([true, null]);
  });
});

describe("heal", () => {
  it.each([["all"], ["true"], [""]])("accepts heal: %s", (value) => {
    const s = load(`faults:\n  - { at: 1s, partition: [[1], [2]] }\n  - { at: 5s, heal: ${value} }\n`);
    expect(s.faults[1]?.action).toBe("heal");
  });
});
