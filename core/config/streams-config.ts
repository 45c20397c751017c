// Kafka Streams configs a scenario's `pipelines[].config` takes (StreamsConfig), and the client
// configs Streams hands its consumer and producer: its overrides of the clients' defaults
// (StreamsConfig.CONSUMER_DEFAULT_OVERRIDES, CONSUMER_EOS_OVERRIDES, PRODUCER_DEFAULT_OVERRIDES,
// PRODUCER_EOS_OVERRIDES). Kafka 4 accepts only at_least_once and exactly_once_v2 (the older
// exactly_once and exactly_once_beta were removed).

import { defineCatalog, type ConfigValue } from "./catalog.ts";
import { ms, oneOf } from "./entry-builders.ts";
import { num, oneOf as pick, type Values } from "./read-values.ts";

export const PROCESSING_GUARANTEES = ["at_least_once", "exactly_once_v2"] as const;
export type ProcessingGuarantee = (typeof PROCESSING_GUARANTEES)[number];

/** StreamsConfig.DEFAULT_COMMIT_INTERVAL_MS and EOS_DEFAULT_COMMIT_INTERVAL_MS. */
const DEFAULT_COMMIT_INTERVAL_MS = 30_000;
const EOS_DEFAULT_COMMIT_INTERVAL_MS = 100;
/** StreamsConfig.DEFAULT_TRANSACTION_TIMEOUT: the EOS producer's transaction.timeout.ms. */
const EOS_TRANSACTION_TIMEOUT_MS = 10_000;

export const STREAMS_CATALOG = defineCatalog("streams", [
  oneOf("processing.guarantee", "at_least_once", PROCESSING_GUARANTEES, "at_least_once: outputs are flushed, then the input offsets committed, every commit.interval.ms; exactly_once_v2: one transactional producer per instance commits outputs and input offsets together (KIP-447)."),
  ms("commit.interval.ms", null, "How often the instance commits (default 30000, or 100 with exactly_once_v2)."),
]);

export interface StreamsSettings {
  readonly processingGuarantee: ProcessingGuarantee;
  readonly commitIntervalMs: number;
}

export function streamsSettings(values: Values): StreamsSettings {
  const processingGuarantee = pick(values, "processing.guarantee", PROCESSING_GUARANTEES);
  const eos = processingGuarantee === "exactly_once_v2";
  const commitIntervalMs = values["commit.interval.ms"] === null ? (eos ? EOS_DEFAULT_COMMIT_INTERVAL_MS : DEFAULT_COMMIT_INTERVAL_MS) : num(values, "commit.interval.ms");
  return { processingGuarantee, commitIntervalMs };
}

/** The consumer config Streams builds (StreamsConfig.getMainConsumerConfigs' overrides). */
export function streamsConsumerConfig(guarantee: ProcessingGuarantee): Record<string, ConfigValue> {
  const base: Record<string, ConfigValue> = { "max.poll.records": 1000, "auto.offset.reset": "earliest", "enable.auto.commit": false };
  return guarantee === "exactly_once_v2" ? { ...base, "isolation.level": "read_committed" } : base;
}

/** The producer config Streams builds for an instance (getProducerConfigs); EOS v2's transactional.id is per instance. */
export function streamsProducerConfig(guarantee: ProcessingGuarantee, transactionalId: string): Record<string, ConfigValue> {
  const base: Record<string, ConfigValue> = { "linger.ms": 100 };
  if (guarantee !== "exactly_once_v2") return base;
  return { ...base, "delivery.timeout.ms": 2147483647, "enable.idempotence": true, "transaction.timeout.ms": EOS_TRANSACTION_TIMEOUT_MS, "transactional.id": transactionalId };
}
