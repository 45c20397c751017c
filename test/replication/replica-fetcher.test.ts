// The follower's fetch loop (ReplicaFetcher, after Kafka's AbstractFetcherThread): what it asks
// for, what it does with each kind of answer, and when it asks again.

import { describe, expect, it } from "vitest";
import { Partition } from "../../core/broker/partition.ts";
import { ReplicaFetcher } from "../../core/broker/replica-fetcher.ts";
import { fetcherIdOf } from "../../core/broker/replica-fetcher-manager.ts";
import type { FetcherBackoffTimer } from "../../core/broker/broker-timers.ts";
import { BROKER_CATALOG, brokerSettings } from "../../core/config/broker-config.ts";
import { resolveConfig } from "../../core/config/catalog.ts";
import type { Env, TimerHandle } from "../../core/env.ts";
import type { TraceEvent } from "../../core/trace/index.ts";
import { PartitionLog } from "../../core/log/partition-log.ts";
import { Errors, type ErrorCode } from "../../core/protocol/errors.ts";
import { messageSize } from "../../core/protocol/message-size.ts";
import type { FetchRequest, FetchResponse, KafkaMessage } from "../../core/protocol/messages.ts";
import { batch } from "../rules/batches.ts";
import { MemDisk } from "../harness/index.ts";

const settings = brokerSettings(resolveConfig(BROKER_CATALOG, {}).values);

function follower(ssl: boolean) {
  const sent: FetchRequest[] = [];
  const timers: { delayUs: number; timer: FetcherBackoffTimer }[] = [];
  const events: TraceEvent[] = [];
  const env = {
    nodeId: "broker-2",
    now: () => 5_000_000,
    send: (_to: string, msg: KafkaMessage) => sent.push(msg as FetchRequest),
    setTimer: (delayUs: number, timer: FetcherBackoffTimer) => {
      timers.push({ delayUs, timer });
      return {} as TimerHandle;
    },
    cancelTimer: () => {},
    emit: (e: TraceEvent) => events.push(e),
    tracing: false,
  } as unknown as Env<KafkaMessage, FetcherBackoffTimer>;
  let correlationId = 0;
  const fetcher = new ReplicaFetcher({ env, brokerId: 2, settings, brokerEpoch: () => 7, brokerNode: (id) => `broker-${id}`, trackFetch: () => ++correlationId, ssl, followerHighWatermarkAdvanced: () => {} }, 1);
  const log = PartitionLog.load(new MemDisk(), "logs/t-0", { segmentBytes: 1 << 30, segmentMs: Infinity, flushMessages: Infinity }, 0);
  const p = new Partition("t", 0, log, 2, { replicaLagTimeMaxMs: settings.replicaLagTimeMaxMs, minInsyncReplicas: () => 1, isReplicaIsrEligible: () => true });
  p.makeFollower(1, 0, 1, [1, 2], [1, 2]);
  fetcher.add(p);
  const respond = (error: ErrorCode, count: number, highWatermark: number): FetchResponse => {
    const last = sent.at(-1)!;
    const resp: FetchResponse = {
      kind: "FetchResponse",
      correlationId: last.correlationId,
      error: Errors.NONE,
      partitions: [{ topic: "t", partition: 0, error, highWatermark, lastStableOffset: -1, logStartOffset: 0, abortedTransactions: null, divergingEpoch: null, batches: count > 0 ? [batch({ baseOffset: log.logEndOffset, count })] : [] }],
    };
    fetcher.onResponse(resp);
    return resp;
  };
  return { fetcher, log, sent, timers, events, respond };
}

describe("ReplicaFetcher", () => {
  it("fetches from its log end with its last epoch, appends what comes back, takes the HW and fetches again at once", () => {
    const f = follower(false);
    expect(f.sent).toHaveLength(1);
    expect(f.sent[0]!.partitions[0]).toMatchObject({ fetchOffset: 0, currentLeaderEpoch: 0, partitionMaxBytes: settings.replicaFetchMaxBytes });
    expect(f.sent[0]).toMatchObject({ replicaId: 2, replicaEpoch: 7, maxWaitMs: settings.replicaFetchWaitMaxMs, minBytes: settings.replicaFetchMinBytes });
    f.respond(Errors.NONE, 3, 2);
    expect([f.log.logEndOffset, f.log.highWatermark]).toEqual([3, 2]);
    expect(f.sent).toHaveLength(2);
    expect(f.sent[1]!.partitions[0]!.fetchOffset).toBe(3);
    expect(f.timers.filter((t) => t.timer.kind === "FetcherBackoffTimer")).toEqual([]);
  });

  it("with TLS it decrypts the response first: the next fetch waits 2 ns per byte of it", () => {
    const f = follower(true);
    const resp = f.respond(Errors.NONE, 40, 40);
    expect(f.log.logEndOffset).toBe(40);
    expect(f.sent).toHaveLength(1); // not yet
    expect(f.timers).toEqual([{ delayUs: messageSize(resp) * 0.002, timer: { kind: "FetcherBackoffTimer", leaderId: 1, fetcherId: 0 } }]);
    f.fetcher.onBackoffElapsed();
    expect(f.sent).toHaveLength(2);
  });

  it("FENCED_LEADER_EPOCH stalls the partition until new metadata; other errors retry after replica.fetch.backoff.ms", () => {
    const fenced = follower(false);
    fenced.respond(Errors.FENCED_LEADER_EPOCH, 0, 0);
    expect(fenced.sent).toHaveLength(1); // its only partition waits for the metadata
    expect(fenced.timers).toEqual([]);
    const notLeader = follower(false);
    notLeader.respond(Errors.NOT_LEADER_OR_FOLLOWER, 0, 0);
    expect(notLeader.timers).toEqual([{ delayUs: settings.replicaFetchBackoffMs * 1000, timer: { kind: "FetcherBackoffTimer", leaderId: 1, fetcherId: 0 } }]);
    notLeader.fetcher.onBackoffElapsed();
    expect(notLeader.sent).toHaveLength(2);
    expect(notLeader.events.map((e) => e.kind)).toContain("FollowerFetchError");
  });
});

describe("AbstractFetcherManager.getFetcherId", () => {
  // abs(31 * topic.hashCode() + partition) % num.replica.fetchers; the expected ids were
  // computed by that very expression in Java 17 (Utils.abs maps Integer.MIN_VALUE to 0).
  it.each([
    ["orders", 0, 1, 0],
    ["orders", 0, 4, 1],
    ["orders", 5, 3, 0],
    ["bench", 11, 2, 1],
    ["__consumer_offsets", 17, 5, 0],
    ["t", 3, 7, 1],
  ])("%s-%i with %i fetchers goes to fetcher %i", (topic, partition, n, id) => {
    expect(fetcherIdOf(topic, partition, n)).toBe(id);
  });

  it("spreads a topic's partitions over every fetcher", () => {
    const ids = new Set(Array.from({ length: 12 }, (_, p) => fetcherIdOf("bench", p, 3)));
    expect([...ids].sort()).toEqual([0, 1, 2]);
  });
});
