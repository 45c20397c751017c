// `topics:`: names, partition counts, replication and explicit replica assignments, as
// `kafka-topics --create` takes them, and each topic's config over the broker defaults.

import { num, type Values } from "../../core/config/read-values.ts";
import { TOPIC_CATALOG, topicDefaultsFrom } from "../../core/config/topic-config.ts";
import { readConfig } from "./config-field.ts";
import type { Field } from "./node-reader.ts";
import { limitHint } from "./run-limits.ts";
import { LIMITS, lineOf } from "./schema-common.ts";
import type { TopicSpec } from "./types.ts";

export const TOPIC_KEYS = ["name", "partitions", "replicationFactor", "assignment", "config"];

export function readTopics(f: Field, brokers: number, brokerConfig: Values): TopicSpec[] {
  const items = f.list();
  if (items.length === 0) f.fail("at least one topic is needed");
  const seen = new Map<string, Field>();
  const limit = f.src.limits["partition-replicas"];
  let replicas = 0;
  return items.map((item) => {
    const topic = readTopic(item, brokers, brokerConfig);
    checkUnique(item.map().req("name"), topic.name, seen);
    replicas += topic.partitions * topic.replicationFactor;
    if (replicas > limit) {
      const m = item.map();
      (m.has("partitions") ? m.get("partitions") : m.req("name")).fail(
        `${replicas.toLocaleString("en-US")} partition replicas so far, more than one run may hold ${limitHint("partition-replicas", limit)}`,
      );
    }
    return topic;
  });
}

function readTopic(f: Field, brokers: number, brokerConfig: Values): TopicSpec {
  const m = f.map(TOPIC_KEYS);
  const name = topicName(m.req("name"));
  const assignmentField = m.get("assignment");
  const assignment = assignmentField.missing ? null : readAssignment(assignmentField, brokers);
  const partitionsField = m.get("partitions");
  const partitions = partitionsField.missing
    ? (assignment?.length ?? num(brokerConfig, "num.partitions"))
    : partitionsField.int(1, LIMITS.partitionsPerTopic);
  if (assignment !== null && assignment.length !== partitions) {
    assignmentField.fail(`lists replicas for ${assignment.length} partition(s) but partitions is ${partitions}`);
  }
  const rfField = m.get("replicationFactor");
  const rf = rfField.missing ? (assignment?.[0]?.length ?? num(brokerConfig, "default.replication.factor")) : rfField.int(1, 32767);
  if (assignment !== null && assignment[0]?.length !== rf) {
    assignmentField.fail(`lists ${assignment[0]?.length ?? 0} replica(s) per partition but replicationFactor is ${rf}`);
  }
  if (rf > brokers) {
    const why = rfField.missing ? `default.replication.factor ${rf}` : `replicationFactor ${rf}`;
    (rfField.missing ? m.req("name") : rfField).fail(`${why} is larger than the number of brokers (${brokers}): Kafka refuses to create the topic`);
  }
  const config = readConfig(m.get("config"), TOPIC_CATALOG, { defaults: topicDefaultsFrom(brokerConfig) });
  return { name, partitions, replicationFactor: rf, assignment, config };
}

/** Kafka's Topic.validate: 1..249 of [a-zA-Z0-9._-], not "." or "..". */
function topicName(f: Field): string {
  const name = f.string();
  if (name === "." || name === "..") f.fail(`"${name}" is not a legal topic name`);
  // Topic.isInternal: the brokers own these, and clients cannot write to them (INVALID_TOPIC_EXCEPTION).
  if (name === "__consumer_offsets" || name === "__transaction_state") f.fail(`"${name}" is one of Kafka's internal topics, created and written by the brokers; a scenario cannot declare it`);
  if (name.length > 249) f.fail(`topic names are at most 249 characters, got ${name.length}`);
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) f.fail(`"${name}" is not a legal topic name: use only letters, digits, '.', '_' and '-'`);
  return name;
}

function checkUnique(f: Field, name: string, seen: Map<string, Field>): void {
  const earlier = seen.get(name);
  if (earlier !== undefined) f.fail(`topic "${name}" is already defined (${lineOf(earlier)})`);
  // Kafka refuses topics whose names differ only by '.' vs '_' (they collide in metric names).
  const folded = name.replace(/\./g, "_");
  for (const [other, otherField] of seen) {
    if (other.replace(/\./g, "_") === folded) f.fail(`topic "${name}" collides with "${other}" (${lineOf(otherField)}): Kafka treats '.' and '_' alike in topic names`);
  }
  seen.set(name, f);
}

/** `[[1, 2, 3], [2, 3, 1]]`: replicas per partition, the first the preferred leader. */
function readAssignment(f: Field, brokers: number): number[][] {
  const parts = f.list();
  if (parts.length === 0) f.fail("must list the replicas of at least one partition");
  let width: number | null = null;
  return parts.map((part, p) => {
    const ids = part.list().map((idField) => {
      const id = idField.int(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
      if (id < 1 || id > brokers) idField.fail(`there is no broker ${id}: broker ids are 1..${brokers}`);
      return id;
    });
    if (ids.length === 0) part.fail(`partition ${p} has no replicas`);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup !== undefined) part.fail(`partition ${p} lists broker ${dup} twice`);
    if (width !== null && ids.length !== width) part.fail(`partition ${p} has ${ids.length} replica(s) but partition 0 has ${width}: all partitions need the same replication factor`);
    width = ids.length;
    return ids;
  });
}
