// Every Kafka key a scenario may set either takes effect or says it does not: a key the
// simulator accepts but does not model, set away from its default, gives one warning line
// (file:line:col: at <path>: accepted, not modelled: ...), a `notModelled` entry in the
// summary, and with --strict-config exit 2.
import { describe, expect, it } from "vitest";
import { BROKER_CATALOG } from "../../core/config/broker-config.ts";
import { CONSUMER_CATALOG } from "../../core/config/consumer-config.ts";
import { STREAMS_CATALOG } from "../../core/config/streams-config.ts";
import { NOT_MODELLED } from "../../core/config/not-modelled.ts";
import { PRODUCER_CATALOG } from "../../core/config/producer-config.ts";
import { TOPIC_CATALOG } from "../../core/config/topic-config.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/index.ts";
import { kafkasim } from "./run-cli.ts";

const SCENARIO = `name: nm
seed: 1
duration: 2s
settle: 1s
cluster:
  brokers: 3
  config:
    num.io.threads: 16
    min.insync.replicas: 2
topics:
  - { name: t, partitions: 2, replicationFactor: 3, config: { compression.type: producer } }
producers:
  - id: p1
    topic: t
    rate: 100/s
    config: { acks: all, connections.max.idle.ms: 10000 }
`;

describe("keys accepted but not modelled", () => {
  it("every catalog names its unmodelled keys with what that means for the result", () => {
    for (const catalog of [BROKER_CATALOG, TOPIC_CATALOG, PRODUCER_CATALOG, CONSUMER_CATALOG]) {
      const noted = catalog.entries.filter((e) => e.notModelled !== undefined).map((e) => e.key);
      expect(noted.sort()).toEqual(Object.keys(NOT_MODELLED[catalog.name] ?? {}).sort());
      for (const e of catalog.entries) if (e.notModelled !== undefined) expect(e.notModelled.length).toBeGreaterThan(10);
    }
  });

  it("warns at the key, once per key set away from its default (a default value, or a modelled key, says nothing)", () => {
    const s = loadScenario(SCENARIO, "nm.yaml");
    expect(s.notModelled.map((w) => `${w.file}:${w.line}:${w.column} ${w.path}`)).toEqual([
      "nm.yaml:8:5 cluster.config.num.io.threads",
      "nm.yaml:16:26 producers.0.config.connections.max.idle.ms",
    ]);
    expect(s.notModelled[0]!.message).toMatch(/^accepted, not modelled: request handling is not limited/);
  });

  it("lists them in the summary, and not at all when there are none", () => {
    expect(runScenario(loadScenario(SCENARIO, "nm.yaml")).summary.notModelled).toEqual(["cluster.config.num.io.threads", "producers.0.config.connections.max.idle.ms"]);
    const plain = SCENARIO.replace("    num.io.threads: 16\n", "").replace(", connections.max.idle.ms: 10000", "");
    expect(runScenario(loadScenario(plain, "nm.yaml")).summary).not.toHaveProperty("notModelled");
  });

  it.concurrent("the CLI prints one line per key on stderr and still runs; --strict-config exits 2", async () => {
    const file = "scenarios/acks1-leader-crash.yaml";
    const set = ["--set", "cluster.config.queued.max.requests=1000"];
    const [validate, strict] = await Promise.all([kafkasim("validate", file, ...set), kafkasim("validate", file, ...set, "--strict-config")]);
    expect(validate.status).toBe(0);
    expect(validate.stderr.trim().split("\n")).toEqual([
      "--set:1:16: at cluster.config.queued.max.requests: accepted, not modelled: the request queue has no limit (in --set cluster.config.queued.max.requests=1000)",
    ]);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain("kafkasim: --strict-config: 1 key is accepted but not modelled");
  });

  it.concurrent("kafkasim configs --json lists every key the loader accepts, with whether it is modelled", async () => {
    const [all, topic, bad] = await Promise.all([kafkasim("configs", "--json"), kafkasim("configs", "--scope", "topic", "--json"), kafkasim("configs", "--scope", "bogus")]);
    expect(all.status).toBe(0);
    const rows = JSON.parse(all.stdout) as { scope: string; name: string; modelled: boolean; note: string }[];
    const catalogs = [BROKER_CATALOG, TOPIC_CATALOG, PRODUCER_CATALOG, CONSUMER_CATALOG, STREAMS_CATALOG];
    expect(rows.map((r) => `${r.scope}/${r.name}`)).toEqual(catalogs.flatMap((c) => c.entries.map((e) => `${c.name}/${e.key}`)));
    expect(rows.filter((r) => !r.modelled).map((r) => `${r.scope}/${r.name}`).sort()).toEqual(
      Object.entries(NOT_MODELLED).flatMap(([scope, notes]) => Object.keys(notes).map((k) => `${scope}/${k}`)).sort(),
    );
    expect(rows.every((r) => r.note.length > 0)).toBe(true);
    expect((JSON.parse(topic.stdout) as { scope: string }[]).every((r) => r.scope === "topic")).toBe(true);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('kafkasim: configs --scope must be one of broker, topic, producer, consumer, streams, got "bogus"\n');
  });
});
