// resolveConfig: Kafka 4.x defaults, coercion, ranges, unknown keys, and the typed
// settings the core reads. Defaults checked against ProducerConfig, ConsumerConfig,
// LogConfig and ServerLogConfigs in apache/kafka.
import { describe, expect, it } from "vitest";
import { BROKER_CATALOG, brokerSettings } from "../../core/config/broker-config.ts";
import { resolveConfig, LONG_MAX } from "../../core/config/catalog.ts";
import { CONSUMER_CATALOG, consumerSettings } from "../../core/config/consumer-config.ts";
import { PRODUCER_CATALOG, producerSettings } from "../../core/config/producer-config.ts";
import { resolveTopicConfig, TOPIC_CATALOG, topicDefaultsFrom, topicSettings } from "../../core/config/topic-config.ts";

const defaults = (catalog: typeof PRODUCER_CATALOG) => resolveConfig(catalog, {}).values;

describe("catalog defaults (Kafka 4.x)", () => {
  it.each([
    [PRODUCER_CATALOG, "linger.ms", 5], // KIP-1030
    [PRODUCER_CATALOG, "acks", "-1"], // "all", stored as Kafka's parseAcks does
    [PRODUCER_CATALOG, "batch.size", 16384],
    [PRODUCER_CATALOG, "retries", 2147483647],
    [PRODUCER_CATALOG, "delivery.timeout.ms", 120000],
    [PRODUCER_CATALOG, "enable.idempotence", true],
    [PRODUCER_CATALOG, "max.in.flight.requests.per.connection", 5],
    [PRODUCER_CATALOG, "transactional.id", null],
    [CONSUMER_CATALOG, "session.timeout.ms", 45000],
    [CONSUMER_CATALOG, "heartbeat.interval.ms", 3000],
    [CONSUMER_CATALOG, "auto.offset.reset", "latest"],
    [CONSUMER_CATALOG, "partition.assignment.strategy", ["range", "cooperative-sticky"]],
    [CONSUMER_CATALOG, "group.protocol", "classic"],
    [CONSUMER_CATALOG, "kafkasim.commit.mode", "auto"],
    [BROKER_CATALOG, "min.insync.replicas", 1],
    [BROKER_CATALOG, "replica.lag.time.max.ms", 30000],
    [BROKER_CATALOG, "broker.session.timeout.ms", 9000],
    [BROKER_CATALOG, "offsets.topic.replication.factor", 3],
    [BROKER_CATALOG, "offsets.commit.timeout.ms", 5000],
    [BROKER_CATALOG, "log.flush.interval.messages", LONG_MAX],
    [BROKER_CATALOG, "log.flush.interval.ms", null],
    [BROKER_CATALOG, "kafkasim.truncation.mode", "leader-epoch"],
    [TOPIC_CATALOG, "retention.ms", 604800000],
    [TOPIC_CATALOG, "segment.bytes", 1073741824],
    [TOPIC_CATALOG, "max.message.bytes", 1048588],
    [TOPIC_CATALOG, "cleanup.policy", ["delete"]],
  ] as const)("%s.%s defaults to %j", (catalog, key, value) => {
    expect(defaults(catalog)[key]).toEqual(value);
  });

  it("marks kafkasim's own keys as not Kafka's", () => {
    for (const catalog of [BROKER_CATALOG, TOPIC_CATALOG, PRODUCER_CATALOG, CONSUMER_CATALOG]) {
      for (const entry of catalog.entries) expect(entry.key.startsWith("kafkasim.")).toBe(entry.kafkasim === true);
    }
  });
});

describe("resolveConfig coercion", () => {
  it.each([
    [{ "linger.ms": "5s" }, "linger.ms", 5000],
    [{ "linger.ms": "250us" }, "linger.ms", 0.25],
    [{ "linger.ms": "20" }, "linger.ms", 20],
    [{ "batch.size": "16KiB" }, "batch.size", 16384],
    [{ "batch.size": "1MiB" }, "batch.size", 1048576],
    [{ acks: 1 }, "acks", "1"],
    [{ acks: -1 }, "acks", "-1"],
    [{ acks: "all" }, "acks", "-1"],
    [{ acks: 0 }, "acks", "0"],
    [{ "enable.idempotence": "false" }, "enable.idempotence", false],
    [{ "compression.type": "zstd" }, "compression.type", "zstd"],
  ] as const)("producer %j → %s = %j", (raw, key, value) => {
    const r = resolveConfig(PRODUCER_CATALOG, raw);
    expect(r.errors).toEqual([]);
    expect(r.values[key]).toEqual(value);
  });

  it.each([
    ["org.apache.kafka.clients.consumer.CooperativeStickyAssignor", ["cooperative-sticky"]],
    ["RoundRobinAssignor", ["roundrobin"]],
    ["range, sticky", ["range", "sticky"]],
    [["org.apache.kafka.clients.consumer.RangeAssignor", "cooperative-sticky"], ["range", "cooperative-sticky"]],
  ] as const)("partition.assignment.strategy %j → %j", (raw, names) => {
    const r = resolveConfig(CONSUMER_CATALOG, { "partition.assignment.strategy": raw });
    expect(r.errors).toEqual([]);
    expect(r.values["partition.assignment.strategy"]).toEqual(names);
  });

  it.each([
    [PRODUCER_CATALOG, { "linger.ms": -1 }, "linger.ms", "must be at least 0, got -1"],
    [PRODUCER_CATALOG, { acks: 2 }, "acks", 'must be one of all, -1, 0, 1, got "2"'],
    [PRODUCER_CATALOG, { "batch.size": 1.5 }, "batch.size", "expected a whole number of bytes, got 1.5"],
    [PRODUCER_CATALOG, { retries: 3000000000 }, "retries", "3000000000 does not fit in a Java int (at most 2147483647)"],
    [PRODUCER_CATALOG, { "enable.idempotence": "yes" }, "enable.idempotence", 'expected true or false, got "yes"'],
    [PRODUCER_CATALOG, { "linger.ms": null }, "linger.ms", "must have a value (default 5)"],
    [CONSUMER_CATALOG, { "auto.offset.reset": "earlist" }, "auto.offset.reset", 'must be one of earliest, latest, none, got "earlist"; did you mean "earliest"?'],
    [CONSUMER_CATALOG, { "partition.assignment.strategy": "range,range" }, "partition.assignment.strategy", 'lists "range" twice'],
    [CONSUMER_CATALOG, { "partition.assignment.strategy": [] }, "partition.assignment.strategy", "must not be empty"],
    [
      CONSUMER_CATALOG,
      { "partition.assignment.strategy": "org.apache.kafka.clients.consumer.CooperativeStickyAsignor" },
      "partition.assignment.strategy",
      'must be one of range, roundrobin, sticky, cooperative-sticky, got "org.apache.kafka.clients.consumer.CooperativeStickyAsignor"; did you mean "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"?',
    ],
    [TOPIC_CATALOG, { "segment.bytes": "64KiB" }, "segment.bytes", "must be at least 1048576, got 65536"],
    [TOPIC_CATALOG, { "min.cleanable.dirty.ratio": 1.5 }, "min.cleanable.dirty.ratio", "must be at most 1, got 1.5"],
    [TOPIC_CATALOG, { "cleanup.policy": "delete,compacted" }, "cleanup.policy", 'must be one of delete, compact, got "compacted"; did you mean "compact"?'],
  ] as const)("%s %j is invalid", (catalog, raw, key, message) => {
    expect(resolveConfig(catalog, raw).errors).toEqual([{ key, kind: "invalid", message }]);
  });

  it("reports unknown keys with the closest known key", () => {
    expect(resolveConfig(PRODUCER_CATALOG, { "linger.mss": 5, "zookeeper.connect": "x" }).errors).toEqual([
      { key: "linger.mss", kind: "unknown", message: 'unknown producer config "linger.mss"; did you mean "linger.ms"?', suggestion: "linger.ms" },
      { key: "zookeeper.connect", kind: "unknown", message: 'unknown producer config "zookeeper.connect"' },
    ]);
  });

  it("records which keys were set explicitly, as Kafka's originals()", () => {
    expect(resolveConfig(PRODUCER_CATALOG, { acks: "1", "linger.ms": 0 }).explicit).toEqual(["acks", "linger.ms"]);
  });

  it("accepts group.protocol case-insensitively", () => {
    expect(resolveConfig(CONSUMER_CATALOG, { "group.protocol": "CONSUMER" }).values["group.protocol"]).toBe("consumer");
  });
});

describe("topic config over broker log.* defaults", () => {
  const broker = (raw: Record<string, unknown>) => {
    const r = resolveConfig(BROKER_CATALOG, raw);
    expect(r.errors).toEqual([]);
    return r.values;
  };

  it("takes the broker's log.* value when the topic does not set the key", () => {
    const d = topicDefaultsFrom(broker({ "log.retention.ms": "1h", "log.segment.bytes": "2MiB", "log.cleanup.policy": "compact", "min.insync.replicas": 2 }));
    expect(d["retention.ms"]).toBe(3_600_000);
    expect(d["segment.bytes"]).toBe(2_097_152);
    expect(d["cleanup.policy"]).toEqual(["compact"]);
    expect(d["min.insync.replicas"]).toBe(2);
  });

  it.each([
    [{}, 604_800_000],
    [{ "log.retention.hours": 1 }, 3_600_000],
    [{ "log.retention.hours": 1, "log.retention.minutes": 5 }, 300_000],
    [{ "log.retention.minutes": 5, "log.retention.ms": 1000 }, 1000],
    [{ "log.retention.ms": -1 }, -1],
  ] as const)("retention: ms beats minutes beats hours (%j → %d)", (raw, ms) => {
    expect(topicDefaultsFrom(broker(raw))["retention.ms"]).toBe(ms);
  });

  it("lets a topic key override the broker default", () => {
    const r = resolveTopicConfig({ "retention.ms": "10m" }, broker({ "log.retention.ms": "1h" }));
    expect(r.values["retention.ms"]).toBe(600_000);
  });

  it("falls back from log.flush.interval.ms to the scheduler interval (never)", () => {
    expect(topicDefaultsFrom(broker({}))["flush.ms"]).toBe(LONG_MAX);
    expect(topicDefaultsFrom(broker({ "log.flush.interval.ms": 1000 }))["flush.ms"]).toBe(1000);
  });
});

describe("typed settings", () => {
  it("producerSettings: camelCase, unit last, acks as a number", () => {
    const s = producerSettings(resolveConfig(PRODUCER_CATALOG, { acks: "all", "linger.ms": "10ms", "batch.size": "32KiB" }).values);
    expect(s).toMatchObject({ acks: -1, lingerMs: 10, batchSizeBytes: 32768, enableIdempotence: true, maxInFlightRequestsPerConnection: 5, transactionalId: null });
    expect(producerSettings(resolveConfig(PRODUCER_CATALOG, { acks: 0 }).values).acks).toBe(0);
  });

  it("consumerSettings", () => {
    const s = consumerSettings(resolveConfig(CONSUMER_CATALOG, { "group.id": "billing", "partition.assignment.strategy": "CooperativeStickyAssignor", "kafkasim.commit.mode": "sync-after-processing" }).values);
    expect(s).toMatchObject({ groupId: "billing", sessionTimeoutMs: 45000, partitionAssignmentStrategy: ["cooperative-sticky"], commitMode: "sync-after-processing", autoOffsetReset: "latest" });
  });

  it("topicSettings: Kafka's 'never' sentinels become Infinity, internal.segment.bytes wins", () => {
    const s = topicSettings(resolveConfig(TOPIC_CATALOG, { "retention.ms": -1, "cleanup.policy": "compact,delete", "internal.segment.bytes": "16KiB" }).values);
    expect(s).toMatchObject({ retentionMs: Infinity, retentionBytes: Infinity, flushMessages: Infinity, flushMs: Infinity, maxCompactionLagMs: Infinity, segmentBytes: 16384, cleanupPolicy: { delete: true, compact: true } });
  });

  it("brokerSettings converts leader.imbalance.check.interval.seconds to ms", () => {
    const s = brokerSettings(resolveConfig(BROKER_CATALOG, { "leader.imbalance.check.interval.seconds": 30, "kafkasim.truncation.mode": "high-watermark" }).values);
    expect(s).toMatchObject({ leaderImbalanceCheckIntervalMs: 30_000, truncationMode: "high-watermark", replicaLagTimeMaxMs: 30000 });
  });
});
