// CreateTopics and Metadata's auto-creation against kafkasim serve (core/controller/create-topics.ts,
// core/broker/topic-creation.ts): kafkajs' admin creates a topic at run time, which the brokers
// then lead and a producer writes to; creating it again, a bad partition count, more replicas
// than brokers and a bad name get Kafka's errors (ReplicationControlManager.createTopic);
// validate_only creates nothing; a producer's Metadata for a missing topic creates it with
// num.partitions and default.replication.factor (AutoTopicCreationManager), unless
// auto.create.topics.enable is false. The verdict covers the created topics' records.
import { Kafka, logLevel } from "kafkajs";
import { beforeAll, describe, expect, it } from "vitest";
import { ApiKey, wireApi } from "../../core/wire/api-table.ts";
import { serveDuring, startServe, wireRequest } from "./serve-harness.ts";

const metadataOf = (port: number, topic: string) => wireRequest(port, wireApi(ApiKey.METADATA)!, 9, "probe", { Topics: [{ Name: topic }], AllowAutoTopicCreation: true });
const errorOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return "NONE";
  } catch (e) {
    const err = e as { type?: string; errors?: { type?: string }[] };
    return err.errors?.[0]?.type ?? err.type ?? String(e);
  }
};

describe("CreateTopics and auto-creation through kafkasim serve (kafkajs admin)", () => {
  const serve = serveDuring("test/serve/three-brokers.yaml");
  let kafka: Kafka;

  beforeAll(() => {
    kafka = new Kafka({ clientId: "admin-test", brokers: [`127.0.0.1:${serve().port}`], logLevel: logLevel.NOTHING, retry: { retries: 3, initialRetryTime: 100 } });
  });

  it("admin.createTopics creates payments with 2 partitions on 3 replicas; creating it again says it exists", async () => {
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.createTopics({ topics: [{ topic: "payments", numPartitions: 2, replicationFactor: 3 }], waitForLeaders: true })).toBe(true);
    const meta = await admin.fetchTopicMetadata({ topics: ["payments"] });
    expect(meta.topics[0]!.partitions.map((p) => [p.partitionId, p.replicas.length, p.isr.length]).sort()).toEqual([[0, 3, 3], [1, 3, 3]]);
    expect(await admin.createTopics({ topics: [{ topic: "payments", numPartitions: 2, replicationFactor: 3 }] })).toBe(false);
    await admin.disconnect();
  }, 30_000);

  it("answers INVALID_PARTITIONS, INVALID_REPLICATION_FACTOR (4 replicas, 3 brokers) and INVALID_TOPIC_EXCEPTION", async () => {
    const admin = kafka.admin();
    await admin.connect();
    expect(await errorOf(admin.createTopics({ topics: [{ topic: "none", numPartitions: -5 }] }))).toBe("INVALID_PARTITIONS");
    expect(await errorOf(admin.createTopics({ topics: [{ topic: "wide", numPartitions: 1, replicationFactor: 4 }] }))).toBe("INVALID_REPLICATION_FACTOR");
    expect(await errorOf(admin.createTopics({ topics: [{ topic: "bad name!" }] }))).toBe("INVALID_TOPIC_EXCEPTION");
    await admin.disconnect();
  }, 30_000);

  it("validate_only checks and creates nothing", async () => {
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.createTopics({ validateOnly: true, waitForLeaders: false, topics: [{ topic: "dry-run", numPartitions: 1, replicationFactor: 1 }] })).toBe(true);
    expect(await errorOf(admin.createTopics({ validateOnly: true, waitForLeaders: false, topics: [{ topic: "dry-wide", numPartitions: 1, replicationFactor: 4 }] }))).toBe("INVALID_REPLICATION_FACTOR");
    expect(await admin.listTopics()).not.toContain("dry-run");
    await admin.disconnect();
  }, 30_000);

  it("a Metadata request that allows auto-creation answers LEADER_NOT_AVAILABLE, then the topic exists with num.partitions 1 and one replica", async () => {
    const first = await metadataOf(serve().port, "auto-made");
    expect((first.Topics as { ErrorCode: number }[])[0]!.ErrorCode).toBe(5);
    let topic: { ErrorCode: number; Partitions: { ReplicaNodes: number[] }[] } | undefined;
    for (let i = 0; i < 50; i++) {
      topic = ((await metadataOf(serve().port, "auto-made")).Topics as typeof topic[])[0];
      if (topic?.ErrorCode === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(topic!.ErrorCode).toBe(0);
    expect(topic!.Partitions.map((p) => p.ReplicaNodes.length)).toEqual([1]);
  }, 30_000);

  it("the verdict counts the records produced to the created and the auto-created topic, and lists their partitions", async () => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic: "payments", acks: -1, messages: Array.from({ length: 6 }, (_, i) => ({ value: `p${i}`, partition: i % 2 })) });
    await producer.send({ topic: "auto-made", acks: -1, messages: [{ value: "a" }, { value: "b" }] });
    await producer.disconnect();
    serve().session.stop();
    const summary = await serve().done;
    expect(summary.produced.acknowledged).toBe(8);
    expect(summary.durability).toMatchObject({ acknowledgedLost: 0, duplicates: 0 });
    const parts = summary.partitions.filter((p) => p.topic !== "orders").map((p) => `${p.topic}-${p.partition}:${p.highWatermark}`);
    expect(parts).toEqual(["payments-0:3", "payments-1:3", "auto-made-0:2"]);
  }, 30_000);
});

describe("auto.create.topics.enable=false", () => {
  it("a Metadata request for a missing topic is UNKNOWN_TOPIC_OR_PARTITION and creates nothing", async () => {
    const s = await startServe("test/serve/three-brokers.yaml", ["cluster.config.auto.create.topics.enable=false"]);
    try {
      for (let i = 0; i < 3; i++) expect(((await metadataOf(s.port, "never-made")).Topics as { ErrorCode: number }[])[0]!.ErrorCode).toBe(3);
    } finally {
      s.session.stop();
      const summary = await s.done;
      expect(summary.partitions.map((p) => p.topic)).not.toContain("never-made");
    }
  }, 30_000);
});
