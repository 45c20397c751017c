// ListOffsets by timestamp through kafkasim serve (core/broker/list-offsets.ts, after
// UnifiedLog.fetchOffsetByTimestamp and LogSegment.findOffsetByTimestamp): the first record whose
// timestamp is at least the one asked, in the first batch whose max timestamp is; MAX_TIMESTAMP
// (-3, KIP-734) the first record with the largest timestamp, in the earliest batch holding it;
// EARLIEST_LOCAL (-4, KIP-1005) the log start; a time past every record offset and timestamp -1.
// Batches of orders-0: A = timestamps 1000, 3000, 2000 (offsets 0-2); B = 5000, 4000 (3-4); C = 5000 (5).
import { Kafka, logLevel } from "kafkajs";
import { beforeAll, describe, expect, it } from "vitest";
import { ApiKey, wireApi } from "../../core/wire/api-table.ts";
import type { WireStruct } from "../../core/wire/wire-value.ts";
import { serveDuring, wireRequest } from "./serve-harness.ts";

describe("ListOffsets by timestamp (kafkajs producer, ListOffsets v7 on the wire)", () => {
  const serve = serveDuring("test/serve/three-brokers.yaml");
  let kafka: Kafka;
  let leaderPort: number;

  beforeAll(async () => {
    kafka = new Kafka({ clientId: "offsets-test", brokers: [`127.0.0.1:${serve().port}`], logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (const times of [[1000, 3000, 2000], [5000, 4000], [5000]]) {
      await producer.send({ topic: "orders", acks: -1, messages: times.map((t) => ({ value: `t${t}`, partition: 0, timestamp: String(t) })) });
    }
    await producer.disconnect();
    const meta = await wireRequest(serve().port, wireApi(ApiKey.METADATA)!, 9, "probe", { Topics: [{ Name: "orders" }], AllowAutoTopicCreation: false });
    const leader = ((meta.Topics as WireStruct[])[0]!.Partitions as WireStruct[]).find((p) => p.PartitionIndex === 0)!.LeaderId as number;
    leaderPort = (meta.Brokers as WireStruct[]).find((b) => b.NodeId === leader)!.Port as number;
  }, 30_000);

  const lookup = async (timestamp: number, version = 8): Promise<[number, number]> => {
    const res = await wireRequest(leaderPort, wireApi(ApiKey.LIST_OFFSETS)!, version, "probe", {
      ReplicaId: -1, IsolationLevel: 0, Topics: [{ Name: "orders", Partitions: [{ PartitionIndex: 0, CurrentLeaderEpoch: -1, Timestamp: timestamp }] }],
    });
    const p = ((res.Topics as WireStruct[])[0]!.Partitions as WireStruct[])[0]!;
    expect(p.ErrorCode).toBe(0);
    return [Number(p.Offset), Number(p.Timestamp)];
  };

  it("a time: the first record at or past it, in the first batch whose max timestamp reaches it", async () => {
    expect(await lookup(0)).toEqual([0, 1000]);
    expect(await lookup(1000)).toEqual([0, 1000]);
    expect(await lookup(1500)).toEqual([1, 3000]);
    expect(await lookup(2500)).toEqual([1, 3000]);
    expect(await lookup(3500)).toEqual([3, 5000]);
    expect(await lookup(4500)).toEqual([3, 5000]);
    expect(await lookup(5000)).toEqual([3, 5000]);
  });

  it("past every record: offset and timestamp -1", async () => {
    expect(await lookup(6000)).toEqual([-1, -1]);
  });

  it("MAX_TIMESTAMP (-3) is the first record of the largest timestamp; EARLIEST (-2), EARLIEST_LOCAL (-4) and LATEST (-1) as before", async () => {
    expect(await lookup(-3, 7)).toEqual([3, 5000]);
    expect(await lookup(-2)).toEqual([0, -1]);
    expect(await lookup(-4)).toEqual([0, -1]);
    expect(await lookup(-1)).toEqual([6, -1]);
  });

  it("kafkajs' admin.fetchTopicOffsetsByTimestamp finds the same offset", async () => {
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsetsByTimestamp("orders", 2500);
    await admin.disconnect();
    expect(offsets.find((o) => o.partition === 0)!.offset).toBe("1");
  });
});
