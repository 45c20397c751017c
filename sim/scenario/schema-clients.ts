// `producers:` and `consumers:`: the workload. Rates, keys, value sizes and processing
// times are simulator inputs; `config:` is the client's real Kafka config.

import { BROKER_CATALOG } from "../../core/config/broker-config.ts";
import { resolveConfig, type ConfigValue } from "../../core/config/catalog.ts";
import { CONSUMER_CATALOG } from "../../core/config/consumer-config.ts";
import { PRODUCER_CATALOG } from "../../core/config/producer-config.ts";
import { num } from "../../core/config/read-values.ts";
import { readConfig } from "./config-field.ts";
import { didYouMean } from "./did-you-mean.ts";
import { readDistribution, typicalMax } from "./distributions.ts";
import { readKeys } from "./keys.ts";
import type { Field } from "./node-reader.ts";
import { duration, instant, LIMITS, lineOf, nodeName, probability, type Known } from "./schema-common.ts";
import type { TransactionPlan } from "../../core/producer/transaction-plan.ts";
import type { ConsumerSpec, ProducerSpec, RateSchedule } from "./types.ts";
import { parseRate } from "./units.ts";

export const PRODUCER_KEYS = ["id", "topic", "rate", "keys", "valueSize", "tombstones", "partition", "maxRecords", "transactions", "config"];
export const TRANSACTION_KEYS = ["records", "every", "abort"];
export const CONSUMER_KEYS = ["group", "topic", "instances", "static", "processingTime", "racks", "config"];
/** Names fault targets use for other things. */
export const RESERVED_NAMES = ["all", "controller"];
export const RATE_STEP_KEYS = ["at", "rate"];
export const DEFAULT_VALUE_SIZE_BYTES = 100;

type KnownTopics = Pick<Known, "topics" | "durationUs">;
type BrokerConfig = Readonly<Record<string, ConfigValue>>;

export function readProducers(f: Field, known: KnownTopics): ProducerSpec[] {
  if (f.missing) return [];
  const seen = new Map<string, Field>();
  return f.list().map((item) => {
    const m = item.map(PRODUCER_KEYS);
    const idField = m.req("id");
    const id = clientId(idField);
    const earlier = seen.get(id);
    if (earlier !== undefined) idField.fail(`producer "${id}" is already defined (${lineOf(earlier)})`);
    seen.set(id, idField);
    const topic = topicRef(m.req("topic"), known);
    const partitions = known.topics.get(topic) ?? 0;
    const config = readConfig(m.get("config"), PRODUCER_CATALOG);
    const valueSizeField = m.get("valueSize");
    const valueSizeBytes = valueSizeField.missing ? { kind: "fixed" as const, value: DEFAULT_VALUE_SIZE_BYTES } : readDistribution(valueSizeField, "size");
    const maxRequest = num(config, "max.request.size");
    if (typicalMax(valueSizeBytes) > maxRequest) {
      valueSizeField.fail(`${typicalMax(valueSizeBytes)} bytes is above max.request.size (${maxRequest}): every send would fail with RecordTooLargeException`);
    }
    return {
      id,
      topic,
      rate: readRate(m.req("rate"), known),
      keys: m.opt("keys", readKeys(null), readKeys),
      valueSizeBytes,
      tombstones: m.opt("tombstones", 0, probability),
      partition: m.opt("partition", null, (p) => partitionOf(p, topic, partitions)),
      maxRecords: m.opt("maxRecords", null, (x) => x.int(1, Number.MAX_SAFE_INTEGER)),
      transactions: readTransactions(m.get("transactions"), config, m.get("config")),
      config,
    };
  });
}

/**
 * `transactions: { records: 100 }` or `{ every: 100ms }`, with `abort: 0.1`: how the application
 * uses its transactional producer. A transactional.id needs one, and one needs a transactional.id.
 */
function readTransactions(f: Field, config: Readonly<Record<string, ConfigValue>>, configField: Field): TransactionPlan | null {
  const transactional = typeof config["transactional.id"] === "string";
  if (f.missing) {
    const at = configField.missing || !configField.isMap ? f : (configField.map().entry("transactional.id")?.value ?? configField);
    if (transactional) at.fail("a transactional producer needs `transactions:` beside its config, saying when the application commits ({ records: N } or { every: 100ms })");
    return null;
  }
  if (!transactional) f.fail("`transactions:` needs config.transactional.id (and acks: all with enable.idempotence, Kafka's defaults)");
  const m = f.map(TRANSACTION_KEYS);
  const records = m.opt("records", null, (x) => x.int(1, Number.MAX_SAFE_INTEGER));
  const everyUs = m.opt("every", null, (x) => duration(x, true));
  if ((records === null) === (everyUs === null)) f.fail("give exactly one of records: N (commit every N records) or every: <duration> (commit on a timer)");
  return { records, everyUs, abort: m.opt("abort", 0, probability) };
}

/** `known.brokerConfig`: the cluster's resolved config (Kafka's defaults when absent). */
export function readConsumers(f: Field, known: KnownTopics & Pick<Known, "producers"> & { readonly brokerConfig?: BrokerConfig }): ConsumerSpec[] {
  if (f.missing) return [];
  const seen = new Map<string, Field>();
  return f.list().map((item) => {
    const m = item.map(CONSUMER_KEYS);
    const groupField = m.req("group");
    const group = clientId(groupField);
    const earlier = seen.get(group);
    if (earlier !== undefined) groupField.fail(`group "${group}" is already defined (${lineOf(earlier)}); list each group once with its instances`);
    seen.set(group, groupField);
    const topic = topicRef(m.req("topic"), known);
    const instancesField = m.get("instances");
    const instances = instancesField.missing ? 1 : instancesField.int(1, Number.MAX_SAFE_INTEGER);
    if (instances > LIMITS.instancesPerGroup) instancesField.fail(`kafkasim runs at most ${LIMITS.instancesPerGroup} instances per group, got ${instances}`);
    const clash = known.producers.find((p) => p === group || isInstanceName(p, group, instances));
    if (clash !== undefined) groupField.fail(`the instance names ${group}-1..${group}-${instances} would clash with producer "${clash}"`);
    const configField = m.get("config");
    checkGroupKeys(configField, group);
    const config = readConfig(configField, CONSUMER_CATALOG, { preset: { "group.id": group } });
    checkSessionTimeout(configField, config, known.brokerConfig ?? brokerDefaults());
    return {
      group,
      topic,
      instances,
      static: m.opt("static", false, (x) => x.bool()),
      processingTimeUs: m.opt("processingTime", { kind: "fixed", value: 0 }, (x) => readDistribution(x, "time")),
      config,
      racks: m.opt("racks", null, (x) => instanceRacks(x, instances)),
    };
  });
}

/** `racks: [az1, az2, az3]`: one client.rack per instance (checked against cluster.racks in client-racks.ts). */
function instanceRacks(f: Field, instances: number): string[] {
  const items = f.list();
  if (items.length !== instances) f.fail(`racks names one rack per instance: ${instances} instance(s), got ${items.length} rack(s)`);
  return items.map((item) => (typeof item.scalar === "number" ? String(item.scalar) : item.string()));
}

export function isInstanceName(name: string, group: string, instances: number): boolean {
  const rest = name.startsWith(`${group}-`) ? name.slice(group.length + 1) : "";
  return /^[1-9]\d*$/.test(rest) && Number(rest) <= instances;
}

/** group.id comes from `group`, group.instance.id from `static: true`. */
function checkGroupKeys(config: Field, group: string): void {
  if (config.missing || !config.isMap) return;
  const m = config.map();
  const groupId = m.entry("group.id");
  if (groupId !== undefined && String(groupId.value.scalar) !== group) {
    groupId.value.fail(`group.id is set by the consumer's group ("${group}"); remove it or make them match`);
  }
  const instanceId = m.entry("group.instance.id");
  if (instanceId !== undefined) {
    instanceId.value.fail(`use static: true instead: it gives instance n the group.instance.id "${group}-n" (one id per instance, KIP-345)`);
  }
}

let defaults: BrokerConfig | null = null;
function brokerDefaults(): BrokerConfig {
  return (defaults ??= resolveConfig(BROKER_CATALOG, {}).values);
}

/**
 * GroupMetadataManager.classicGroupJoin refuses a session.timeout.ms outside the cluster's
 * group.min/max.session.timeout.ms with INVALID_SESSION_TIMEOUT, which the consumer cannot
 * retry: every member would die in its first poll(). (KIP-848 members have no such key.)
 */
function checkSessionTimeout(config: Field, values: Readonly<Record<string, ConfigValue>>, broker: BrokerConfig): void {
  if (values["group.protocol"] !== "classic") return;
  const session = num(values, "session.timeout.ms");
  const min = num(broker, "group.min.session.timeout.ms");
  const max = num(broker, "group.max.session.timeout.ms");
  if (session >= min && session <= max) return;
  const bound = session < min ? `below the cluster's group.min.session.timeout.ms (${min})` : `above the cluster's group.max.session.timeout.ms (${max})`;
  const entry = config.missing || !config.isMap ? undefined : config.map().entry("session.timeout.ms");
  const message = `session.timeout.ms (${session}${entry === undefined ? ", the default" : ""}) is ${bound}: the coordinator would refuse every JoinGroup with INVALID_SESSION_TIMEOUT`;
  if (entry !== undefined) entry.value.fail(message);
  config.src.fail(config.node ?? config.near, [...config.path, "session.timeout.ms"], message);
}

export function clientId(f: Field): string {
  const id = nodeName(f);
  if (RESERVED_NAMES.includes(id)) f.fail(`"${id}" is reserved for fault targets`);
  if (/^(broker-?)?\d+$/.test(id)) f.fail(`"${id}" would read as a broker in fault targets; pick a name with letters`);
  return id;
}

export function topicRef(f: Field, known: KnownTopics): string {
  const name = f.string();
  if (!known.topics.has(name)) f.fail(`unknown topic "${name}"${didYouMean(name, known.topics.keys())}`);
  return name;
}

function partitionOf(f: Field, topic: string, partitions: number): number {
  const p = f.int(0, Number.MAX_SAFE_INTEGER);
  if (p >= partitions) f.fail(`${topic} has ${partitions} partition(s), numbered 0..${partitions - 1}; got ${p}`);
  return p;
}

/** `rate: 1000/s` or a schedule `[{ at: 0s, rate: 100/s }, { at: 10s, rate: 5000/s }]`. */
function readRate(f: Field, known: KnownTopics): RateSchedule {
  if (!f.isList) return [{ atUs: 0, perSec: rateValue(f) }];
  const steps = f.list().map((step) => {
    const m = step.map(RATE_STEP_KEYS);
    return { atUs: instant(m.req("at"), "rate step", known), perSec: rateValue(m.req("rate")), at: m.req("at") };
  });
  if (steps.length === 0) f.fail("a rate schedule needs at least one step");
  steps.forEach((s, i) => {
    const prev = steps[i - 1];
    if (prev !== undefined && s.atUs <= prev.atUs) s.at.fail("rate steps must be in increasing time order");
  });
  const schedule = steps.map(({ atUs, perSec }) => ({ atUs, perSec }));
  return steps[0] !== undefined && steps[0].atUs > 0 ? [{ atUs: 0, perSec: 0 }, ...schedule] : schedule;
}

function rateValue(f: Field): number {
  const perSec = f.parsed(parseRate);
  if (perSec > LIMITS.recordsPerSecPerProducer) {
    f.fail(`${perSec} records/s is above kafkasim's limit of ${LIMITS.recordsPerSecPerProducer} records/s per producer`);
  }
  return perSec;
}
