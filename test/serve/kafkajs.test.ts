// kafkajs 2.x against `kafkasim serve`: an idempotent producer with acks=all (InitProducerId,
// sequence numbers), and a consumer in a group (FindCoordinator, JoinGroup, SyncGroup,
// Heartbeat, OffsetCommit, OffsetFetch, ListOffsets, Fetch) reading every record back.
import { Kafka, logLevel } from "kafkajs";
import { beforeAll, describe, expect, it } from "vitest";
import { serveDuring } from "./serve-harness.ts";

describe("kafkajs against kafkasim serve", () => {
  const serve = serveDuring("test/serve/three-brokers.yaml");
  let kafka: Kafka;

  beforeAll(() => {
    kafka = new Kafka({ clientId: "kafkajs-test", brokers: [`127.0.0.1:${serve().port}`], logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 100 } });
  });

  it("an idempotent producer with acks=all sends 30 records to three partitions", async () => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (let i = 0; i < 3; i++) {
      const messages = Array.from({ length: 10 }, (_, j) => ({ key: `k${j}`, value: `v${i}-${j}`, partition: i, headers: { n: String(j) } }));
      const res = await producer.send({ topic: "orders", acks: -1, messages });
      expect(res[0]).toMatchObject({ topicName: "orders", partition: i, errorCode: 0, baseOffset: "0" });
    }
    await producer.disconnect();
  });

  it("a consumer in a group reads the 30 records back with their keys and headers, and commits", async () => {
    const consumer = kafka.consumer({ groupId: "billing", sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await consumer.connect();
    await consumer.subscribe({ topic: "orders", fromBeginning: true });
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      consumer.run({
        eachMessage: async ({ partition, message }) => {
          seen.push(`${partition}:${message.offset}:${message.key!.toString()}=${message.value!.toString()}:${message.headers!.n!.toString()}`);
          if (seen.length === 30) resolve();
        },
      }).catch(reject);
    });
    await consumer.disconnect();
    expect(seen.sort()).toEqual(Array.from({ length: 30 }, (_, n) => `${Math.floor(n / 10)}:${n % 10}:k${n % 10}=v${Math.floor(n / 10)}-${n % 10}:${n % 10}`).sort());
  });

  it("the summary counts the 30 acknowledged records, none lost or duplicated", async () => {
    serve().session.stop();
    const summary = await serve().done;
    expect(summary.produced.acknowledged).toBe(30);
    expect(summary.durability).toMatchObject({ acknowledgedLost: 0, duplicates: 0, outOfOrder: 0 });
  });
});
