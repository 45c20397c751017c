// `pipelines:` in the loader: the defaults Streams gives (commit.interval.ms by guarantee, the
// clients' overrides), instance fault targets, and what it refuses, each at file:line:column.
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { errorLineOf } from "./error-line.ts";

const BASE = `name: t
duration: 30s
cluster: { brokers: 3 }
topics:
  - { name: orders, partitions: 6, replicationFactor: 3 }
  - { name: enriched, partitions: 6, replicationFactor: 3 }
consumers:
  - { group: billing, topic: orders }
pipelines:
`;
const pipeline = (rest: string): string => `  - { id: enrich, group: enricher, from: orders, to: enriched${rest} }\n`;
const load = (extra: string) => loadScenario(BASE + extra, "t.yaml");
const error = (extra: string) => errorLineOf(() => load(extra));

describe("pipelines", () => {
  it("exactly_once_v2: commit.interval.ms 100, a read_committed consumer, a transactional producer", () => {
    const p = load(pipeline(", instances: 2, config: { processing.guarantee: exactly_once_v2 }")).pipelines[0]!;
    expect([p.id, p.group, p.from, p.to, p.instances, p.streams]).toEqual(["enrich", "enricher", "orders", "enriched", 2, { processingGuarantee: "exactly_once_v2", commitIntervalMs: 100 }]);
    expect([p.consumerConfig["isolation.level"], p.consumerConfig["enable.auto.commit"], p.consumerConfig["auto.offset.reset"], p.consumerConfig["max.poll.records"]]).toEqual(["read_committed", false, "earliest", 1000]);
    expect([p.producerConfig["transaction.timeout.ms"], p.producerConfig["linger.ms"], typeof p.producerConfig["transactional.id"]]).toEqual([10000, 100, "string"]);
  });

  it("at_least_once by default: commit.interval.ms 30000, read_uncommitted, no transactional.id", () => {
    const p = load(pipeline("")).pipelines[0]!;
    expect(p.streams).toEqual({ processingGuarantee: "at_least_once", commitIntervalMs: 30000 });
    expect([p.consumerConfig["isolation.level"], p.producerConfig["transactional.id"]]).toEqual(["read_uncommitted", null]);
  });

  it("commit.interval.ms set explicitly wins", () => {
    expect(load(pipeline(", config: { processing.guarantee: exactly_once_v2, commit.interval.ms: 250ms }")).pipelines[0]!.streams.commitIntervalMs).toBe(250);
  });

  it("instances are fault targets <id>-<n>", () => {
    const s = load(pipeline(", instances: 2") + "faults:\n  - { at: 1s, crash: enrich-2 }\n");
    expect(s.faults[0]).toMatchObject({ action: "crash", targets: [{ kind: "consumer", group: "enrich", instance: 2 }] });
  });

  it.each([
    ["an unknown processing.guarantee", pipeline(", config: { processing.guarantee: exactly_once }"), 't.yaml:10:96: at pipelines.0.config.processing.guarantee: must be one of at_least_once, exactly_once_v2, got "exactly_once"; did you mean "exactly_once_v2"?'],
    ["a misspelt Streams key", pipeline(", config: { commit.interval: 100 }"), "unknown streams config \"commit.interval\"; did you mean \"commit.interval.ms\"?"],
    ["an unknown topic", "  - { id: enrich, group: enricher, from: order, to: enriched }\n", 'unknown topic "order"; did you mean "orders"?'],
    ["reading and writing one topic", "  - { id: enrich, group: enricher, from: orders, to: orders }\n", "give it another output topic"],
    ["a consumer group's group", "  - { id: enrich, group: billing, from: orders, to: enriched }\n", 'group "billing" is a consumer group under consumers:'],
    ["an instance past the last", pipeline("") + "faults:\n  - { at: 1s, crash: enrich-2 }\n", "pipeline enrich has 1 instance(s), enrich-1..enrich-1; there is no enrich-2"],
    ["the pipeline itself as a target", pipeline("") + "faults:\n  - { at: 1s, crash: enrich }\n", "enrich is a pipeline; name an instance: enrich-1..enrich-1"],
    ["an unknown pipeline field in expect", pipeline("") + 'expect:\n  pipelines.enrich.outputDuplicate: "== 0"\n', 'did you mean "outputDuplicates"?'],
    ["an unknown pipeline in expect", pipeline("") + 'expect:\n  pipelines.enrch.outputMissing: "== 0"\n', 'unknown pipeline "enrch"; did you mean "enrich"?'],
    ["an unknown key", pipeline(", topic: orders"), "pipelines.0.topic"],
  ])("refuses %s", (_name, extra, message) => {
    expect(error(extra)).toContain(message);
  });
});
