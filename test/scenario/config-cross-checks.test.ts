// Kafka's checks between config keys, as the clients and broker make them on start-up.
// ProducerConfig.postProcessAndValidateIdempotenceConfigs, KafkaProducer.configureDeliveryTimeout,
// ConsumerConfig.checkUnsupportedConfigsPostProcess, the consumer's Heartbeat, KafkaConfig,
// LogConfig.validateValues (apache/kafka).
import { describe, expect, it } from "vitest";
import { BROKER_CATALOG } from "../../core/config/broker-config.ts";
import { resolveConfig } from "../../core/config/catalog.ts";
import { CONSUMER_CATALOG } from "../../core/config/consumer-config.ts";
import { PRODUCER_CATALOG } from "../../core/config/producer-config.ts";
import { TOPIC_CATALOG } from "../../core/config/topic-config.ts";

const producer = (raw: Record<string, unknown>) => resolveConfig(PRODUCER_CATALOG, raw);

describe("idempotent producer (Kafka 4.x)", () => {
  it.each([
    [{ "enable.idempotence": true, acks: "1" }, "acks", "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence."],
    [{ "enable.idempotence": true, acks: 0 }, "acks", "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence."],
    [{ "enable.idempotence": true, retries: 0 }, "retries", "Must set retries to non-zero when using the idempotent producer."],
    [{ "max.in.flight.requests.per.connection": 6 }, "max.in.flight.requests.per.connection", "To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is 6."],
    // Kafka checks in-flight before it applies the silent disable, so acks=1 does not save it.
    [{ acks: "1", "max.in.flight.requests.per.connection": 10 }, "max.in.flight.requests.per.connection", "To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is 10."],
    [{ acks: "1", "transactional.id": "tx-1" }, "transactional.id", "Cannot set a transactional.id without also enabling idempotence."],
  ] as const)("%j is a ConfigException on %s", (raw, key, message) => {
    expect(producer(raw).errors).toEqual([{ key, kind: "conflict", message }]);
  });

  it.each([
    [{ acks: "1" }],
    [{ acks: 0 }],
    [{ retries: 0 }],
  ] as const)("%j silently disables idempotence when it was not set explicitly", (raw) => {
    const r = producer(raw);
    expect(r.errors).toEqual([]);
    expect(r.values["enable.idempotence"]).toBe(false);
  });

  it("keeps idempotence with the defaults and with acks=all", () => {
    expect(producer({}).values["enable.idempotence"]).toBe(true);
    expect(producer({ acks: "all", "enable.idempotence": true }).errors).toEqual([]);
  });

  it("allows any in-flight count once idempotence is off explicitly", () => {
    expect(producer({ "enable.idempotence": false, "max.in.flight.requests.per.connection": 10 }).errors).toEqual([]);
  });
});

describe("delivery.timeout.ms >= linger.ms + request.timeout.ms", () => {
  it("is an error when delivery.timeout.ms is set explicitly", () => {
    expect(producer({ "delivery.timeout.ms": "20s" }).errors).toEqual([
      { key: "delivery.timeout.ms", kind: "conflict", message: "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms" },
    ]);
  });

  it("raises the default instead when only the other two were set", () => {
    const r = producer({ "request.timeout.ms": "200s", "linger.ms": 100 });
    expect(r.errors).toEqual([]);
    expect(r.values["delivery.timeout.ms"]).toBe(200_100);
  });
});

describe("consumer", () => {
  it.each([
    [{ "heartbeat.interval.ms": "45s" }, "heartbeat.interval.ms", "heartbeat.interval.ms (45000) must be lower than session.timeout.ms (45000)"],
    [{ "session.timeout.ms": "2s" }, "session.timeout.ms", "heartbeat.interval.ms (3000) must be lower than session.timeout.ms (2000)"],
    [{ "group.protocol": "consumer", "session.timeout.ms": 10000 }, "session.timeout.ms", "session.timeout.ms cannot be set when group.protocol=CONSUMER"],
    [{ "group.protocol": "consumer", "partition.assignment.strategy": "range", "heartbeat.interval.ms": 100 }, "partition.assignment.strategy", "partition.assignment.strategy, heartbeat.interval.ms cannot be set when group.protocol=CONSUMER"],
    [{ "group.remote.assignor": "uniform" }, "group.remote.assignor", "group.remote.assignor cannot be set when group.protocol=CLASSIC"],
  ] as const)("%j is refused on %s", (raw, key, message) => {
    expect(resolveConfig(CONSUMER_CATALOG, raw).errors).toEqual([{ key, kind: "conflict", message }]);
  });

  it("accepts KIP-848 settings with group.protocol=consumer", () => {
    expect(resolveConfig(CONSUMER_CATALOG, { "group.protocol": "consumer", "group.remote.assignor": "uniform" }).errors).toEqual([]);
  });
});

describe("broker and topic", () => {
  it("replica.fetch.wait.max.ms must not exceed replica.lag.time.max.ms (KafkaConfig)", () => {
    expect(resolveConfig(BROKER_CATALOG, { "replica.lag.time.max.ms": 400 }).errors.map((e) => e.message)).toEqual([
      "replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms to prevent frequent changes in ISR",
    ]);
  });

  it("min.compaction.lag.ms must not exceed max.compaction.lag.ms (LogConfig.validateValues)", () => {
    expect(resolveConfig(TOPIC_CATALOG, { "min.compaction.lag.ms": "2h", "max.compaction.lag.ms": "1h" }).errors).toEqual([
      { key: "min.compaction.lag.ms", kind: "conflict", message: "conflict topic config setting min.compaction.lag.ms (7200000) > max.compaction.lag.ms (3600000)" },
    ]);
  });

  it("runs cross-checks only when every value parsed", () => {
    expect(producer({ "enable.idempotence": true, acks: "1", "linger.ms": "soon" }).errors.map((e) => e.key)).toEqual(["linger.ms"]);
  });
});
