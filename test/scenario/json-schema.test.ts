// The scenario JSON Schema (sim/scenario/json-schema.ts) against the loader it describes:
// ajv compiles it in strict mode; every shipped scenario validates; mistakes the loader
// refuses, the schema refuses too, and spellings the loader accepts, the schema accepts;
// every key of every Kafka catalog is there with Kafka's default (as `kafkasim configs`
// shows it); the schema's own defaults are the loader's; the checked-in
// scenarios/kafkasim.schema.json is what `kafkasim schema` prints.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { schemaText } from "../../sim/cli/schema-command.ts";
import { defaultOf } from "../../sim/scenario/config-docs.ts";
import { CONFIG_SECTIONS } from "../../sim/scenario/config-sections.ts";
import { JSON_SCHEMA_DRAFT, scenarioJsonSchema } from "../../sim/scenario/json-schema.ts";
import type { JsonSchema } from "../../sim/scenario/json-schema-type.ts";
import { validateScenario } from "../../sim/scenario/loader.ts";

const root = join(import.meta.dirname, "../..");
const scenarioDir = join(root, "scenarios");
const files = readdirSync(scenarioDir).filter((f) => f.endsWith(".yaml")).sort();
const schema = scenarioJsonSchema();
// strict: every keyword known, no ambiguous types; allowUnionTypes for ["number", "string"].
const validate = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);

function schemaErrors(yaml: string): string[] {
  return validate(parse(yaml)) ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message ?? ""}`);
}

function loaderError(yaml: string): string | null {
  const r = validateScenario(yaml, "s.yaml");
  return r.ok ? null : r.error.format();
}

const BASE = `name: s
duration: 30s
cluster:
  brokers: 3
topics:
  - { name: orders, partitions: 3, replicationFactor: 3 }
producers:
  - id: p1
    topic: orders
    rate: 100/s
    config: { acks: all }
consumers:
  - { group: billing, topic: orders, instances: 2 }
faults:
  - { at: 10s, crash: 1, for: 5s }
expect:
  durability.acknowledgedLost: "== 0"
`;

/** BASE with `from` (which must occur once) replaced. */
function edit(from: string, to: string): string {
  if (BASE.split(from).length !== 2) throw new Error(`"${from}" is not once in BASE`);
  return BASE.replace(from, to);
}

describe("the scenario JSON Schema", () => {
  it(`is draft-07 and compiles in ajv's strict mode`, () => {
    expect(schema.$schema).toBe(JSON_SCHEMA_DRAFT);
    expect(typeof validate).toBe("function");
    expect(schemaErrors(BASE)).toEqual([]);
    expect(loaderError(BASE)).toBeNull();
  });

  it.each(files)("accepts scenarios/%s", (file) => {
    expect(schemaErrors(readFileSync(join(scenarioDir, file), "utf8"))).toEqual([]);
  });

  it("every shipped scenario's first line points the YAML language server at the schema", () => {
    const first = files.map((f) => [f, readFileSync(join(scenarioDir, f), "utf8").split("\n")[0]]);
    expect(first.filter(([, line]) => line !== "# yaml-language-server: $schema=./kafkasim.schema.json")).toEqual([]);
  });
});

describe("mistakes the loader refuses, the schema refuses", () => {
  it.each([
    ["an unknown top-level key", `${BASE}producer: []\n`],
    ["a missing required key (duration)", edit("duration: 30s\n", "")],
    ["a string where a number is needed (brokers: three)", edit("brokers: 3", 'brokers: "three"')],
    ["a quoted number where the loader reads a YAML number (brokers: \"3\")", edit("brokers: 3", 'brokers: "3"')],
    ["more brokers than kafkasim runs", edit("brokers: 3", "brokers: 101")],
    ["an unknown Kafka key under producers[].config", edit("{ acks: all }", "{ acks: all, linger.milliseconds: 5 }")],
    ["a broker key under producers[].config", edit("{ acks: all }", "{ acks: all, min.insync.replicas: 2 }")],
    ["a value outside a Kafka enum (acks: 2)", edit("{ acks: all }", "{ acks: 2 }")],
    ["a Kafka duration with a unit the loader does not know", edit("{ acks: all }", '{ acks: all, linger.ms: "5 seconds" }')],
    ["a Kafka size with a unit the loader does not know", edit("{ acks: all }", "{ acks: all, batch.size: 16kb }")],
    ["a Kafka int out of range", edit("{ acks: all }", "{ acks: all, max.in.flight.requests.per.connection: 0 }")],
    ["a Kafka boolean that is not one", edit("{ acks: all }", "{ acks: all, enable.idempotence: yes-please }")],
    ["an unknown item in a Kafka list", edit("instances: 2 }", "instances: 2, config: { partition.assignment.strategy: [range, fastest] } }")],
    ["group.instance.id under consumers[].config", edit("instances: 2 }", "instances: 2, config: { group.instance.id: x } }")],
    ["an unknown key in a topic", edit("replicationFactor: 3 }", "replicationFactor: 3, retention: 1h }")],
    ["a topic name Kafka refuses", edit("name: orders,", "name: or/ders,")],
    ["a rate that is not one", edit("rate: 100/s", "rate: lots")],
    ["a rate above kafkasim's limit", edit("rate: 100/s", "rate: 2000000")],
    ["a producer id that reads as a broker", edit("id: p1", "id: broker-2")],
    ["a producer id reserved for targets", edit("id: p1", "id: controller")],
    ["a key distribution with another's parameter", edit("rate: 100/s", "rate: 100/s\n    keys: { distribution: uniform, exponent: 1.2 }")],
    ["a hot-key distribution without its key", edit("rate: 100/s", "rate: 100/s\n    keys: { distribution: salted, salts: 4 }")],
    ["a hot-key distribution written as shorthand", edit("rate: 100/s", "rate: 100/s\n    keys: fixed")],
    ["an unknown value-size distribution", edit("rate: 100/s", "rate: 100/s\n    valueSize: { distribution: pareto, mean: 100 }")],
    ["a distribution with a missing parameter", edit("rate: 100/s", "rate: 100/s\n    valueSize: { distribution: uniform, min: 100 }")],
    ["a fault with two actions", edit("crash: 1, for: 5s", "crash: 1, stop: 2")],
    ["a fault with no action", edit("crash: 1, for: 5s", "for: 5s")],
    ["a fault with an unknown action", edit("crash: 1, for: 5s", "explode: 1")],
    ["for: on a restart", edit("crash: 1, for: 5s", "restart: 1, for: 5s")],
    ["oneWay on a crash", edit("crash: 1, for: 5s", "crash: 1, oneWay: true")],
    ["a partition with one group", edit("crash: 1, for: 5s", "partition: [[1, 2]]")],
    ["a slowDisk without its broker", edit("crash: 1, for: 5s", "slowDisk: { factor: 10 }")],
    ["a loss above 1", edit("crash: 1, for: 5s", "loss: 1.5")],
    ["heal: with something other than all", edit("crash: 1, for: 5s", "heal: 2")],
    ["a target that is no node name", edit("crash: 1, for: 5s", 'crash: "two brokers"')],
    ["a nemesis without an action", `${BASE}nemesis: { from: 5s }\n`],
    ["a nemesis with an unknown target", `${BASE}nemesis: { target: followers, crash: { every: 10s, for: 2s } }\n`],
    ["an unknown summary path in expect", edit("durability.acknowledgedLost", "durability.acknowledgedLoss")],
    ["an unknown group field in expect", edit("durability.acknowledgedLost", "consumers.billing.lagMax")],
    ["a condition that is not one", edit('"== 0"', '"about zero"')],
    ["a jitter next to a latency distribution", edit("brokers: 3", "brokers: 3\n  network: { latency: { distribution: uniform, min: 1ms, max: 3ms }, jitter: 1ms }")],
    ["a bare number as a bandwidth", edit("brokers: 3", "brokers: 3\n  network: { bandwidth: 1000 }")],
    ["an unknown disk key", edit("brokers: 3", "brokers: 3\n  disk: { fsync: 5ms }")],
    ["a lesson without text", `${BASE}lesson:\n  - { at: 5s }\n`],
    ["a caption with neither at nor on", `${BASE}lesson:\n  - { text: Look here. }\n`],
    ["a caption on an unknown event", `${BASE}lesson:\n  - { on: fence(1), text: Look here. }\n`],
    ["a caption's when with an unknown summary path", `${BASE}lesson:\n  - { at: 5s, text: Look here., when: { durability.lost: "> 0" } }\n`],
  ])("%s", (_name, yaml) => {
    expect(loaderError(yaml), "the loader should refuse this too").not.toBeNull();
    expect(schemaErrors(yaml)).not.toEqual([]);
  });
});

describe("spellings the loader accepts, the schema accepts", () => {
  it.each([
    ["acks as a YAML number", edit("{ acks: all }", "{ acks: 1, enable.idempotence: false }")],
    ["acks: -1", edit("{ acks: all }", "{ acks: -1 }")],
    ["durations and sizes with units in Kafka keys", edit("{ acks: all }", "{ acks: all, linger.ms: 20ms, delivery.timeout.ms: 2m, batch.size: 64KiB, buffer.memory: 32MiB }")],
    ["numbers as text, as a .properties file has them", edit("{ acks: all }", '{ acks: "all", retries: "5", linger.ms: "10", enable.idempotence: "true" }')],
    ["Kafka's -1 for forever", edit("replicationFactor: 3 }", "replicationFactor: 3, config: { retention.ms: -1, retention.bytes: -1 } }")],
    ["a list as comma-separated text", edit("replicationFactor: 3 }", 'replicationFactor: 3, config: { cleanup.policy: "compact,delete" } }')],
    ["an empty list where Kafka allows one", edit("replicationFactor: 3 }", "replicationFactor: 3, config: { cleanup.policy: [] } }")],
    ["a case-insensitive Kafka enum", edit("instances: 2 }", "instances: 2, config: { auto.offset.reset: EARLIEST, group.protocol: Classic } }")],
    ["assignor class names", edit("instances: 2 }", "instances: 2, config: { partition.assignment.strategy: [org.apache.kafka.clients.consumer.CooperativeStickyAssignor] } }")],
    ["a Kafka key whose default is unset, set to null", edit("{ acks: all }", "{ acks: all, transactional.id: null }")],
    ["group.id equal to the group", edit("instances: 2 }", "instances: 2, config: { group.id: billing } }")],
    ["kafkasim's own switches", edit("instances: 2 }", "instances: 2, config: { kafkasim.commit.mode: sync-after-processing } }").replace("brokers: 3", "brokers: 3\n  config: { kafkasim.truncation.mode: high-watermark }")],
    ["a rate schedule", edit("rate: 100/s", "rate: [{ at: 0s, rate: 100/s }, { at: 10s, rate: 50/ms }, { at: 20s, rate: 3000/m }]")],
    ["a bare-number rate", edit("rate: 100/s", "rate: 250")],
    ["key distributions", edit("rate: 100/s", "rate: 100/s\n    keys: { distribution: composite, key: US, share: 0.5, count: 10 }")],
    ["keys as shorthand", edit("rate: 100/s", "rate: 100/s\n    keys: zipf")],
    ["value sizes with units and distributions", edit("rate: 100/s", "rate: 100/s\n    valueSize: { distribution: uniform, min: 100, max: 1KiB }")],
    ["a processing-time distribution", edit("instances: 2 }", "instances: 2, static: true, processingTime: { distribution: lognormal, median: 2ms, sigma: 0.5 } }")],
    ["network and disk settings", edit("brokers: 3", "brokers: 3\n  network: { latency: 1ms, jitter: 200us, bandwidth: 1Gbps, loss: 0.001 }\n  disk: { throughput: 125MiB/s, fsyncLatency: 2ms, pageCache: 1GiB, dirtyRatio: 40 }\n  ssl: true")],
    ["a latency distribution", edit("brokers: 3", "brokers: 3\n  network: { latency: { distribution: normal, mean: 2ms, stddev: 500us } }")],
    ["compound durations", edit("duration: 30s", "duration: 1m30s\nsettle: 90000")],
    ["every fault action", edit("  - { at: 10s, crash: 1, for: 5s }", [
      "  - { at: 1s, crash: [1, broker-2], for: 5s }",
      "  - { at: 2s, stop: \"3\", for: 5s }",
      "  - { at: 3s, restart: all }",
      "  - { at: 4s, pause: billing-1, for: 2s }",
      "  - { at: 5s, powerLoss: [1, 2, 3] }",
      "  - { at: 6s, partition: [[1], [2, 3, p1]], oneWay: true, for: 5s }",
      "  - { at: 7s, partition: [controller, leader(orders-0)] }",
      "  - { at: 8s, slowDisk: { broker: broker-2, factor: 4 }, for: 5s }",
      "  - { at: 9s, loss: 0.1, for: 1s }",
      "  - { at: 10s, delay: 50ms, probability: 0.5, for: 1s }",
      "  - { at: 11s, heal: all }",
      "  - { at: 11500ms, loss: 0.2 }",
      "  - { at: 12s, heal: }",
      "  - { at: 13s, crash: p1 }",
    ].join("\n"))],
    ["a nemesis", `${BASE}nemesis: { from: 5s, until: 25s, maxDown: 2, target: leaders, crash: { every: 10s, for: 2s }, slowDisk: { every: 10s, for: 2s, factor: 5 } }\n`],
    ["summary paths with names in them", `${BASE}  consumers.billing.maxLag: "< 1000"\n  partitions.orders-2.records: "> 0"\n  brokers.2.diskReadBytes: 0\n  topics.orders.liveKeys: ">= 0"\n  topics.orders.consumerStateMismatches.billing: 0\n  errors.NOT_ENOUGH_REPLICAS: 0\n  latency.p99Ms: "< 100"\n  simulatedMs: ">= 30000"\n`],
    ["lesson captions", `${BASE}lesson:\n  - { at: 5s, text: "Look here.", pause: true }\n  - { at: 30s, text: The end. }\n`],
    ["lesson captions anchored to trace events", `${BASE}lesson:\n  - { on: election(orders-0), at: 5s, text: "Look.", when: { durability.acknowledgedLost: "> 0" } }\n  - { on: loss, text: Gone. }\n  - { on: "fenced( 2 )", text: Fenced. }\n`],
  ])("%s", (_name, yaml) => {
    expect(loaderError(yaml)).toBeNull();
    expect(schemaErrors(yaml)).toEqual([]);
  });
});

describe("Kafka's config keys in the schema", () => {
  const configOf = (where: string): JsonSchema => {
    const [section, , key] = /^(\w+)(\[\])?\.(\w+)$/.exec(where)!.slice(1);
    const container = schema.properties?.[section!] as JsonSchema;
    const map = (where.includes("[]") ? container.items : container) as JsonSchema;
    return map.properties?.[key!] as JsonSchema;
  };

  it.each(CONFIG_SECTIONS.map((s) => [s.where, s] as const))("%s has every key of its catalog with Kafka's default, and no other", (where, section) => {
    const config = configOf(where);
    expect(config.additionalProperties).toBe(false);
    const properties = config.properties as Record<string, JsonSchema>;
    expect(Object.keys(properties)).toEqual(section.catalog.entries.map((e) => e.key));
    for (const e of section.catalog.entries) {
      const p = properties[e.key]!;
      expect(p.default, e.key).toEqual(defaultOf(e.default));
      expect(p.description, e.key).toContain(e.doc);
      if (e.notModelled !== undefined) expect(p.description, e.key).toContain(`NOT MODELLED: ${e.notModelled}`);
    }
  });
});

describe("the schema's defaults are the loader's", () => {
  const BASE_FOR_DEFAULTS = `name: d
duration: 30s
cluster: { brokers: 3 }
topics: [{ name: t, partitions: 2, replicationFactor: 3 }, { name: t2, partitions: 2, replicationFactor: 3 }]
producers: [{ id: p1, topic: t, rate: 100/s, transactions: { records: 10 }, config: { transactional.id: tx } }]
consumers: [{ group: g, topic: t }]
pipelines: [{ id: app, group: app-g, from: t, to: t2 }]
faults:
  - { at: 1s, slowDisk: { broker: 1 } }
  - { at: 1s, partition: [[1], [2, 3]] }
  - { at: 1s, delay: 5ms }
nemesis: { slowDisk: { every: 5s, for: 1s } }
lesson: [{ at: 1s, text: hi }]
`;

  /** Every `default` outside the Kafka config maps (whose defaults are the catalogs'), as a --set path. */
  function defaultsOf(s: JsonSchema, path: readonly (string | number)[]): [string, unknown][] {
    const here: [string, unknown][] = s.default !== undefined && path.length > 0 ? [[path.join("."), s.default]] : [];
    const children = Object.entries(s.properties ?? {}).filter(([k]) => k !== "config" && k !== "expect");
    const nested = children.flatMap(([k, sub]) => (typeof sub === "boolean" ? [] : defaultsOf(sub, [...path, k])));
    return [...here, ...nested, ...(s.items === undefined ? [] : defaultsOf(s.items, [...path, 0]))];
  }

  const faults = (schema.properties?.["faults"] as JsonSchema).items?.oneOf ?? [];
  const faultDefaults = (action: string, index: number): [string, unknown][] => {
    const branch = faults.find((b) => b.required?.includes(action))!;
    return defaultsOf(branch, ["faults", index]).filter(([p]) => !p.endsWith(`.${index}.${action}`));
  };
  const cases = [...defaultsOf(schema, []), ...faultDefaults("slowDisk", 0), ...faultDefaults("partition", 1), ...faultDefaults("delay", 2)];

  /** The loaded scenario without where each part came from. */
  const loaded = (overrides: string[]): unknown => {
    const r = validateScenario(BASE_FOR_DEFAULTS, "d.yaml", overrides);
    if (!r.ok) throw new Error(r.error.format());
    return JSON.parse(JSON.stringify(r.scenario, (k, v: unknown) => (k === "where" ? undefined : v)));
  };

  it("finds the defaults it checks", () => {
    expect(cases.map(([p]) => p)).toEqual(expect.arrayContaining(["seed", "settle", "cluster.network.latency", "cluster.disk.pageCache", "producers.0.valueSize", "consumers.0.processingTime", "faults.0.slowDisk.factor", "faults.1.oneWay", "nemesis.maxDown", "nemesis.slowDisk.factor", "lesson.0.pause"]));
  });

  it.each(cases)("%s: %j changes nothing", (path, value) => {
    expect(loaded([`${path}=${JSON.stringify(value)}`])).toEqual(loaded([]));
  });

  it.each(["uniform", "zipf", "fixed", "composite", "salted"])("keys %s: each parameter's default changes nothing", (distribution) => {
    const keys = (schema.properties?.["producers"] as JsonSchema).items?.properties?.["keys"] as JsonSchema;
    const branch = keys.oneOf!.find((b) => (b.properties?.["distribution"] as JsonSchema | undefined)?.const === distribution)!;
    const base = [`producers.0.keys={ distribution: ${distribution}${branch.required?.includes("key") === true ? ", key: US" : ""} }`];
    const params = defaultsOf(branch, ["producers", 0, "keys"]);
    expect(params.length).toBeGreaterThan(0);
    for (const [path, value] of params) expect(loaded([...base, `${path}=${JSON.stringify(value)}`]), path).toEqual(loaded(base));
  });
});

describe("the checked-in schema", () => {
  it("scenarios/kafkasim.schema.json is what `kafkasim schema` prints", () => {
    const checkedIn = readFileSync(join(scenarioDir, "kafkasim.schema.json"), "utf8");
    const stale = "scenarios/kafkasim.schema.json is stale: regenerate it with `npx kafkasim schema --out scenarios/kafkasim.schema.json` and commit it";
    expect(checkedIn === schemaText(), stale).toBe(true);
  });
});
