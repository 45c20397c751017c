// Topic configs (a scenario's `topics[].config`), from LogConfig in apache/kafka. A
// topic key that is not set takes the broker's log.* default (KafkaConfig.extractLogConfigMap),
// so `cluster.config: { log.retention.ms: 1h }` changes every topic without its own retention.ms.

import { defineCatalog, resolveConfig, type ConfigError, type ConfigValue, type ResolvedConfig } from "./catalog.ts";
import { bytes, double, flag, int, listOf, long, ms, oneOf } from "./entry-builders.ts";
import { INT_MAX, LONG_MAX } from "./limits.ts";
import { bool, list, num, numOrNull, str, unbounded, type Values } from "./read-values.ts";

export const TOPIC_CATALOG = defineCatalog(
  "topic",
  [
    listOf("cleanup.policy", ["delete"], ["delete", "compact"], "delete (by time/size), compact (keep the last record per key), both (\"compact,delete\"), or [] (keep everything).", { allowEmpty: true }),
    ms("retention.ms", 604800000, "Delete segments whose newest record is older than this; -1 = forever.", { min: -1 }),
    long("retention.bytes", -1, "Delete the oldest segments while the partition is larger than this; -1 = no limit."),
    bytes("segment.bytes", 1073741824, "Roll a new segment at this size (Kafka 4: at least 1MiB; see internal.segment.bytes).", { min: 1048576, max: INT_MAX }),
    bytes("internal.segment.bytes", null, "Kafka's testing-only override of segment.bytes without the 1MiB floor; handy for showing retention and compaction quickly.", { min: 1, max: INT_MAX }),
    ms("segment.ms", 604800000, "Roll a new segment after this long.", { min: 1 }),
    ms("segment.jitter.ms", 0, "Random jitter subtracted from segment.ms."),
    int("min.insync.replicas", 1, "ISR size needed for acks=all writes.", { min: 1 }),
    flag("unclean.leader.election.enable", false, "Allow an out-of-sync replica to become leader."),
    double("min.cleanable.dirty.ratio", 0.5, "Dirty share of the log that triggers compaction.", { min: 0, max: 1 }),
    ms("delete.retention.ms", 86400000, "Keep tombstones this long after the cleaner first sees them (KIP-534)."),
    ms("min.compaction.lag.ms", 0, "Do not compact records younger than this."),
    ms("max.compaction.lag.ms", LONG_MAX, "Compact records older than this even below the dirty ratio.", { min: 1 }),
    long("flush.messages", LONG_MAX, "fsync every this many messages; default never (durability comes from replication).", { min: 1 }),
    ms("flush.ms", LONG_MAX, "fsync data older than this; default never."),
    bytes("max.message.bytes", 1048588, "Largest record batch the topic accepts.", { min: 0, max: INT_MAX }),
    oneOf("message.timestamp.type", "CreateTime", ["CreateTime", "LogAppendTime"], "CreateTime (the producer's) or LogAppendTime (the broker's)."),
    oneOf("compression.type", "producer", ["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"], "Compression of stored batches."),
    ms("file.delete.delay.ms", 60000, "Delay before a deleted segment's file is removed."),
    flag("preallocate", false, "Preallocate segment files."),
  ],
  topicCrossChecks,
);

/** LogConfig.validateValues. */
function topicCrossChecks(values: Record<string, ConfigValue>): ConfigError[] {
  const min = num(values, "min.compaction.lag.ms");
  const max = num(values, "max.compaction.lag.ms");
  if (min <= max) return [];
  return [{ key: "min.compaction.lag.ms", kind: "conflict", message: `conflict topic config setting min.compaction.lag.ms (${min}) > max.compaction.lag.ms (${max})` }];
}

const HOURS_MS = 3_600_000;

/**
 * The effective topic defaults for a cluster: each topic key takes the broker's
 * corresponding log.* value (ms beats minutes beats hours, as in KafkaConfig), else
 * the topic default.
 */
export function topicDefaultsFrom(broker: Values): Record<string, ConfigValue> {
  const retentionMs = numOrNull(broker, "log.retention.ms")
    ?? mul(numOrNull(broker, "log.retention.minutes"), 60_000)
    ?? num(broker, "log.retention.hours") * HOURS_MS;
  return {
    "cleanup.policy": list(broker, "log.cleanup.policy"),
    // KafkaConfig.logRetentionTimeMillis: any negative means "forever".
    "retention.ms": retentionMs < 0 ? -1 : retentionMs,
    "retention.bytes": num(broker, "log.retention.bytes"),
    "segment.bytes": num(broker, "log.segment.bytes"),
    "segment.ms": numOrNull(broker, "log.roll.ms") ?? num(broker, "log.roll.hours") * HOURS_MS,
    "segment.jitter.ms": numOrNull(broker, "log.roll.jitter.ms") ?? num(broker, "log.roll.jitter.hours") * HOURS_MS,
    "min.insync.replicas": num(broker, "min.insync.replicas"),
    "unclean.leader.election.enable": bool(broker, "unclean.leader.election.enable"),
    "min.cleanable.dirty.ratio": num(broker, "log.cleaner.min.cleanable.ratio"),
    "delete.retention.ms": num(broker, "log.cleaner.delete.retention.ms"),
    "min.compaction.lag.ms": num(broker, "log.cleaner.min.compaction.lag.ms"),
    "max.compaction.lag.ms": num(broker, "log.cleaner.max.compaction.lag.ms"),
    "flush.messages": num(broker, "log.flush.interval.messages"),
    "flush.ms": numOrNull(broker, "log.flush.interval.ms") ?? num(broker, "log.flush.scheduler.interval.ms"),
    "max.message.bytes": num(broker, "message.max.bytes"),
    "message.timestamp.type": str(broker, "log.message.timestamp.type"),
    "compression.type": str(broker, "compression.type"),
    "file.delete.delay.ms": num(broker, "log.segment.delete.delay.ms"),
    preallocate: bool(broker, "log.preallocate"),
  };
}

function mul(n: number | null, by: number): number | null {
  return n === null ? null : n * by;
}

/** Broker log.* keys by the topic key they default; used to explain a broker key written in a topic config. */
export const BROKER_SYNONYMS: Readonly<Record<string, string>> = {
  "log.cleanup.policy": "cleanup.policy",
  "log.retention.ms": "retention.ms",
  "log.retention.minutes": "retention.ms",
  "log.retention.hours": "retention.ms",
  "log.retention.bytes": "retention.bytes",
  "log.segment.bytes": "segment.bytes",
  "log.roll.ms": "segment.ms",
  "log.roll.hours": "segment.ms",
  "log.cleaner.min.cleanable.ratio": "min.cleanable.dirty.ratio",
  "log.cleaner.delete.retention.ms": "delete.retention.ms",
  "log.cleaner.min.compaction.lag.ms": "min.compaction.lag.ms",
  "log.cleaner.max.compaction.lag.ms": "max.compaction.lag.ms",
  "log.flush.interval.messages": "flush.messages",
  "log.flush.interval.ms": "flush.ms",
  "message.max.bytes": "max.message.bytes",
  "log.message.timestamp.type": "message.timestamp.type",
};

/** A topic's effective config: its own keys over the cluster's log.* defaults. */
export function resolveTopicConfig(raw: Readonly<Record<string, unknown>>, broker: Values): ResolvedConfig {
  return resolveConfig(TOPIC_CATALOG, raw, topicDefaultsFrom(broker));
}

export interface TopicSettings {
  readonly cleanupPolicy: { readonly delete: boolean; readonly compact: boolean };
  /** Infinity when retention.ms is -1. */
  readonly retentionMs: number;
  /** Infinity when retention.bytes is negative. */
  readonly retentionBytes: number;
  /** internal.segment.bytes when set, else segment.bytes (LogConfig.segmentSize()). */
  readonly segmentBytes: number;
  readonly segmentMs: number;
  readonly segmentJitterMs: number;
  readonly minInsyncReplicas: number;
  readonly uncleanLeaderElectionEnable: boolean;
  readonly minCleanableDirtyRatio: number;
  readonly deleteRetentionMs: number;
  readonly minCompactionLagMs: number;
  /** Infinity at Kafka's default Long.MAX_VALUE. */
  readonly maxCompactionLagMs: number;
  /** Infinity = never fsync by count. */
  readonly flushMessages: number;
  /** Infinity = never fsync by age. */
  readonly flushMs: number;
  readonly maxMessageBytes: number;
  readonly messageTimestampType: "CreateTime" | "LogAppendTime";
  readonly compressionType: string;
  readonly fileDeleteDelayMs: number;
}

export function topicSettings(values: Values): TopicSettings {
  const policy = list(values, "cleanup.policy");
  return {
    cleanupPolicy: { delete: policy.includes("delete"), compact: policy.includes("compact") },
    retentionMs: unbounded(num(values, "retention.ms"), true),
    retentionBytes: unbounded(num(values, "retention.bytes"), true),
    segmentBytes: numOrNull(values, "internal.segment.bytes") ?? num(values, "segment.bytes"),
    segmentMs: num(values, "segment.ms"),
    segmentJitterMs: num(values, "segment.jitter.ms"),
    minInsyncReplicas: num(values, "min.insync.replicas"),
    uncleanLeaderElectionEnable: bool(values, "unclean.leader.election.enable"),
    minCleanableDirtyRatio: num(values, "min.cleanable.dirty.ratio"),
    deleteRetentionMs: num(values, "delete.retention.ms"),
    minCompactionLagMs: num(values, "min.compaction.lag.ms"),
    maxCompactionLagMs: unbounded(num(values, "max.compaction.lag.ms")),
    flushMessages: unbounded(num(values, "flush.messages")),
    flushMs: unbounded(num(values, "flush.ms")),
    maxMessageBytes: num(values, "max.message.bytes"),
    messageTimestampType: str(values, "message.timestamp.type") === "LogAppendTime" ? "LogAppendTime" : "CreateTime",
    compressionType: str(values, "compression.type"),
    fileDeleteDelayMs: num(values, "file.delete.delay.ms"),
  };
}
