// Real consumer groups in the verdict (sim/serve/real-consumer-history.ts): kafkajs consumers of
// group "audit" read, commit, seek back and are reset past records, and summary.consumers.audit
// says what the consumer checker (sim/check/consumers.ts) says of a modelled group: a record is
// processed once a member fetched it and the group committed past it from that client.
// - consumer A reads the 30 records of three partitions, committing after each; seeks partition 0
//   back to 0 and reads its 10 again: processedTwice 10;
// - 10 more records go to partition 1 (offsets 10-19); a reset tool sets the group's offset of
//   partition 1 to 15 as kafka-consumer-groups.sh --reset-offsets does (OffsetCommit of the Empty
//   group, generation -1, from its own client.id); consumer B starts there and reads 15-19:
//   10-14 are below the group's commit and nobody fetched them: neverProcessed 5;
// - two generations (A's, B's): one rebalance; a lag of 5 while the group had no member after the
//   reset, none at the end.
import { Kafka, logLevel, type Consumer, type EachMessagePayload } from "kafkajs";
import { beforeAll, describe, expect, it } from "vitest";
import type { GroupSummary, Summary } from "../../sim/run/summary.ts";
import { ApiKey, wireApi } from "../../core/wire/api-table.ts";
import { serveDuring, wireRequest } from "./serve-harness.ts";

const TOPIC = "orders";

/** Runs `consumer` (subscribed from the beginning, committing each record itself) until `until(seen)` holds. */
async function consume(consumer: Consumer, seen: string[], until: (seen: string[]) => boolean, during?: () => Promise<void>): Promise<void> {
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  const each = async ({ partition, message }: EachMessagePayload): Promise<void> => {
    seen.push(`${partition}:${message.offset}`);
    await consumer.commitOffsets([{ topic: TOPIC, partition, offset: String(Number(message.offset) + 1) }]);
    if (until(seen)) resolve();
  };
  await consumer.run({ autoCommit: false, eachMessage: each });
  await done;
  await during?.();
}

describe("real consumer groups in kafkasim serve's verdict (kafkajs)", () => {
  const serve = serveDuring("test/serve/groups.yaml");
  let kafka: Kafka;
  let audit: GroupSummary;
  let summary: Summary;

  beforeAll(() => {
    kafka = new Kafka({ clientId: "groups-test", brokers: [`127.0.0.1:${serve().port}`], logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 100 } });
  });

  const produce = async (partition: number, from: number, count: number): Promise<void> => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic: TOPIC, acks: -1, messages: Array.from({ length: count }, (_, i) => ({ value: `v${from + i}`, partition })) });
    await producer.disconnect();
  };

  it("consumer A reads the 30 records, seeks partition 0 back to 0 and reads its 10 again", async () => {
    for (let p = 0; p < 3; p++) await produce(p, 0, 10);
    const a = kafka.consumer({ groupId: "audit", sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await a.connect();
    const seen: string[] = [];
    let sought = false;
    await consume(a, seen, (s) => s.length === 40 || (s.length === 30 && !sought), async () => {
      sought = true;
      a.seek({ topic: TOPIC, partition: 0, offset: "0" });
    });
    await new Promise<void>((resolve) => {
      const wait = (): void => void (seen.length >= 40 ? resolve() : setTimeout(wait, 20));
      wait();
    });
    await a.disconnect();
    expect(seen.filter((s) => s.startsWith("0:"))).toHaveLength(20);
    expect(new Set(seen).size).toBe(30);
  }, 60_000);

  it("after 10 more records to partition 1 and the group's offset set to 15, consumer B reads 15-19", async () => {
    await produce(1, 10, 10);
    const coordinator = await wireRequest(serve().port, wireApi(ApiKey.FIND_COORDINATOR)!, 1, "reset-tool", { Key: "audit", KeyType: 0 });
    expect(coordinator.ErrorCode).toBe(0);
    const commit = await wireRequest(coordinator.Port as number, wireApi(ApiKey.OFFSET_COMMIT)!, 2, "reset-tool", {
      GroupId: "audit", GenerationIdOrMemberEpoch: -1, MemberId: "", RetentionTimeMs: -1,
      Topics: [{ Name: TOPIC, Partitions: [{ PartitionIndex: 1, CommittedOffset: 15, CommittedMetadata: "" }] }],
    });
    expect(commit).toMatchObject({ Topics: [{ Name: TOPIC, Partitions: [{ PartitionIndex: 1, ErrorCode: 0 }] }] });
    // The lag is sampled every simulated second: it sees partition 1's 5 records behind the commit.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const b = kafka.consumer({ groupId: "audit", sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await b.connect();
    const seen: string[] = [];
    await consume(b, seen, (s) => s.length === 5);
    await b.disconnect();
    expect(seen.sort()).toEqual(["1:15", "1:16", "1:17", "1:18", "1:19"]);
  }, 60_000);

  it("summary.consumers.audit: 35 consumed, 10 processed twice, 5 never processed, 5 committed but not consumed, one rebalance, lag 5 while nobody read, none at the end", async () => {
    serve().session.stop();
    summary = await serve().done;
    expect(Object.keys(summary.consumers)).toEqual(["audit"]);
    audit = summary.consumers["audit"]!;
    expect(audit).toMatchObject({ consumed: 35, processedTwice: 10, neverProcessed: 5, committedNotConsumed: 5, seenNotCommitted: 0, finalLag: 0, generations: 2, rebalances: 1 });
    expect(audit).toMatchObject({ deliveredAtOrAboveHw: 0, ownershipConflicts: 0, members: 1, idleMembers: 0 });
    expect(audit.maxLag).toBeGreaterThanOrEqual(5);
    expect(summary.produced.acknowledged).toBe(40);
  });
});
