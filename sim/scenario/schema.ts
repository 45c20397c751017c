// The scenario file's structure, section by section, in the order later sections
// depend on: cluster (broker count, broker config) → topics → producers → consumers → pipelines →
// faults, expect and lesson, which refer to all of them.

import { Field, type Source } from "./node-reader.ts";
import { controlCharacterIn } from "./printable.ts";
import { readConsumers, readProducers } from "./schema-clients.ts";
import { readCluster } from "./schema-cluster.ts";
import { duration, type Known } from "./schema-common.ts";
import { readExpect } from "./schema-expect.ts";
import { readLesson } from "./schema-lesson.ts";
import { readFaults } from "./schema-faults.ts";
import { checkFaultTimeline } from "./fault-timeline.ts";
import { readNemesis } from "./schema-nemesis.ts";
import { checkClients, checkFaults, checkSimulatedTime } from "./schema-limits.ts";
import { readTopics } from "./schema-topics.ts";
import { readPipelines } from "./schema-pipelines.ts";
import { checkClientRacks } from "./client-racks.ts";
import { rackNames } from "./schema-racks.ts";
import type { Scenario } from "./types.ts";

export const TOP_LEVEL_KEYS = ["name", "description", "seed", "duration", "settle", "cluster", "topics", "producers", "consumers", "pipelines", "faults", "nemesis", "expect", "lesson"];

export const DEFAULT_SETTLE_US = 60_000_000;

/** Free text (newlines and tabs allowed, no other control characters). */
function text(f: Field): string {
  if (typeof f.scalar !== "string") return f.fail(`expected text, got ${f.describe()}`);
  if (controlCharacterIn(f.scalar) !== null) f.fail("must not hold control characters other than newlines and tabs");
  return f.scalar;
}

export function readScenario(src: Source): Scenario {
  const root = new Field(src, src.doc.contents, []);
  if (root.missing) root.fail("the scenario is empty: it needs at least name, duration, cluster and topics");
  if (!root.isMap) root.fail(`the top level must be a map with name, duration, cluster, topics, ...; got ${root.describe()}`);
  const m = root.map(TOP_LEVEL_KEYS);
  const name = m.req("name").string();
  const description = m.opt("description", "", text);
  const seed = m.opt("seed", 1, (f) => f.int(0, Number.MAX_SAFE_INTEGER));
  const durationUs = duration(m.req("duration"), true);
  const settleUs = m.opt("settle", DEFAULT_SETTLE_US, (f) => duration(f));
  checkSimulatedTime(m, durationUs, settleUs);
  const cluster = readCluster(m.req("cluster"));
  const topics = readTopics(m.req("topics"), cluster.brokers, cluster.config);
  const topicMap = new Map(topics.map((t) => [t.name, t.partitions]));
  const producers = readProducers(m.get("producers"), { topics: topicMap, durationUs });
  const consumers = readConsumers(m.get("consumers"), { topics: topicMap, durationUs, producers: producers.map((p) => p.id), brokerConfig: cluster.config });
  const pipelines = readPipelines(m.get("pipelines"), { topics: topicMap, durationUs, producers: producers.map((p) => p.id) }, consumers);
  checkClients(m, producers, consumers);
  const known: Known = {
    brokers: cluster.brokers,
    controllers: cluster.controllers,
    durationUs,
    topics: topicMap,
    producers: producers.map((p) => p.id),
    groups: new Map(consumers.map((c) => [c.group, c.instances])),
    pipelines: new Map(pipelines.map((p) => [p.id, p.instances])),
    racks: cluster.racks === null ? [] : rackNames(cluster.racks),
  };
  checkClientRacks(m, cluster.racks, producers, consumers);
  const faultsField = m.get("faults");
  const faults = readFaults(faultsField, known);
  const nemesis = readNemesis(m.get("nemesis"), known);
  checkFaults(m, faults.length, nemesis);
  checkFaultTimeline({ faults, field: faultsField, nemesis, brokers: cluster.brokers, controllers: cluster.controllers, networkLoss: cluster.network.loss });
  return {
    name,
    description,
    seed,
    durationUs,
    settleUs,
    cluster,
    topics,
    producers,
    consumers,
    pipelines,
    faults,
    nemesis,
    expect: readExpect(m.get("expect"), known),
    lesson: readLesson(m.get("lesson"), known),
    notModelled: src.warnings,
  };
}
