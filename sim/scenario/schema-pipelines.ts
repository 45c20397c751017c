// `pipelines:` — consume-transform-produce applications (Kafka Streams): each instance consumes
// `from` in consumer group `group` and produces one record per input record, same key, to `to`.
// `config:` is the Streams config (processing.guarantee, commit.interval.ms); the clients get
// Streams' own overrides of their defaults (core/config/streams-config.ts).

import { resolveConfig } from "../../core/config/catalog.ts";
import { CONSUMER_CATALOG } from "../../core/config/consumer-config.ts";
import { PRODUCER_CATALOG } from "../../core/config/producer-config.ts";
import { STREAMS_CATALOG, streamsConsumerConfig, streamsProducerConfig, streamsSettings } from "../../core/config/streams-config.ts";
import { readConfig } from "./config-field.ts";
import { readDistribution } from "./distributions.ts";
import type { Field } from "./node-reader.ts";
import { clientId, isInstanceName, topicRef } from "./schema-clients.ts";
import { LIMITS, lineOf, nodeName, type Known } from "./schema-common.ts";
import type { ConsumerSpec, PipelineSpec } from "./types.ts";

export const PIPELINE_KEYS = ["id", "group", "from", "to", "instances", "processingTime", "config"];

type KnownClients = Pick<Known, "topics" | "durationUs" | "producers">;

export function readPipelines(f: Field, known: KnownClients, consumers: readonly ConsumerSpec[]): PipelineSpec[] {
  if (f.missing) return [];
  const ids = new Map<string, Field>();
  const groups = new Map<string, Field>();
  return f.list().map((item) => {
    const m = item.map(PIPELINE_KEYS);
    const idField = m.req("id");
    const id = clientId(idField);
    const earlier = ids.get(id);
    if (earlier !== undefined) idField.fail(`pipeline "${id}" is already defined (${lineOf(earlier)})`);
    ids.set(id, idField);
    const groupField = m.req("group");
    const group = nodeName(groupField);
    const sameGroup = groups.get(group);
    if (sameGroup !== undefined) groupField.fail(`group "${group}" is already the group of another pipeline (${lineOf(sameGroup)})`);
    if (consumers.some((c) => c.group === group)) groupField.fail(`group "${group}" is a consumer group under consumers:; a pipeline needs its own group`);
    groups.set(group, groupField);
    const fromField = m.req("from");
    const from = topicRef(fromField, known);
    const to = topicRef(m.req("to"), known);
    if (to === from) fromField.fail(`a pipeline reads "${from}" and writes "${to}": give it another output topic`);
    const instancesField = m.get("instances");
    const instances = instancesField.missing ? 1 : instancesField.int(1, LIMITS.instancesPerGroup);
    checkNames(idField, id, instances, known, consumers);
    const streams = streamsSettings(readConfig(m.get("config"), STREAMS_CATALOG));
    return {
      id,
      group,
      from,
      to,
      instances,
      processingTimeUs: m.opt("processingTime", { kind: "fixed", value: 0 }, (x) => readDistribution(x, "time")),
      streams,
      consumerConfig: resolveConfig(CONSUMER_CATALOG, { ...streamsConsumerConfig(streams.processingGuarantee), "group.id": group }).values,
      producerConfig: resolveConfig(PRODUCER_CATALOG, streamsProducerConfig(streams.processingGuarantee, `${id}-1`)).values,
    };
  });
}

/** The instance names <id>-1..<id>-<n> are nodes: they must not be another client's. */
function checkNames(f: Field, id: string, instances: number, known: KnownClients, consumers: readonly ConsumerSpec[]): void {
  const producer = known.producers.find((p) => p === id || isInstanceName(p, id, instances));
  if (producer !== undefined) f.fail(`the instance names ${id}-1..${id}-${instances} would clash with producer "${producer}"`);
  for (const c of consumers) {
    if (c.group === id) f.fail(`"${id}" is a consumer group's name; pick another pipeline id`);
    for (let n = 1; n <= Math.min(instances, 1000); n++) {
      if (isInstanceName(`${id}-${n}`, c.group, c.instances)) f.fail(`the instance name ${id}-${n} is consumer ${c.group}'s instance too`);
    }
  }
}
