// ReplicaFetcherManager applies a metadata change as Kafka's ReplicaManager.applyDelta does:
// every partition the change makes a follower of one leader goes into that leader's fetcher
// (addFetcherForPartitions, once), and only then does the fetcher send. One fetch per
// partition as it was added would leave the later ones waiting out the first's long poll.

import { describe, expect, it } from "vitest";
import { Partition } from "../../core/broker/partition.ts";
import { ReplicaFetcherManager } from "../../core/broker/replica-fetcher-manager.ts";
import type { FetcherBackoffTimer } from "../../core/broker/broker-timers.ts";
import { BROKER_CATALOG, brokerSettings } from "../../core/config/broker-config.ts";
import { resolveConfig } from "../../core/config/catalog.ts";
import type { Env, TimerHandle } from "../../core/env.ts";
import { PartitionLog } from "../../core/log/partition-log.ts";
import type { FetchRequest, KafkaMessage } from "../../core/protocol/messages.ts";
import { MemDisk } from "../harness/index.ts";

const settings = brokerSettings(resolveConfig(BROKER_CATALOG, {}).values);

function manager() {
  const sent: { to: string; msg: FetchRequest }[] = [];
  const env = {
    nodeId: "broker-2",
    now: () => 0,
    send: (to: string, msg: KafkaMessage) => sent.push({ to, msg: msg as FetchRequest }),
    setTimer: () => ({}) as TimerHandle,
    cancelTimer: () => {},
    emit: () => {},
    tracing: false,
  } as unknown as Env<KafkaMessage, FetcherBackoffTimer>;
  let correlationId = 0;
  const m = new ReplicaFetcherManager({ env, brokerId: 2, settings, brokerEpoch: () => 1, brokerNode: (id) => `broker-${id}`, trackFetch: () => ++correlationId, ssl: false, followerHighWatermarkAdvanced: () => {} });
  const follow = (topic: string, partition: number, leader: number): Partition => {
    const log = PartitionLog.load(new MemDisk(), `logs/${topic}-${partition}`, { segmentBytes: 1 << 30, segmentMs: Infinity, flushMessages: Infinity }, 0);
    const p = new Partition(topic, partition, log, 2, { replicaLagTimeMaxMs: settings.replicaLagTimeMaxMs, minInsyncReplicas: () => 1, isReplicaIsrEligible: () => true });
    p.makeFollower(leader, 0, 1, [leader, 2], [leader, 2]);
    m.addFetcherForPartition(p, leader);
    return p;
  };
  return { m, sent, follow };
}

describe("ReplicaFetcherManager", () => {
  it("sends nothing while a change is applied, then one fetch per leader with all its partitions", () => {
    const { m, sent, follow } = manager();
    follow("orders", 0, 1);
    follow("orders", 1, 3);
    follow("orders", 2, 1);
    follow("__consumer_offsets", 0, 1);
    expect(sent).toHaveLength(0);
    m.startFetching();
    expect(sent.map((s) => s.to)).toEqual(["broker-1", "broker-3"]);
    expect(sent[0]!.msg.partitions.map((p) => `${p.topic}-${p.partition}`)).toEqual(["orders-0", "orders-2", "__consumer_offsets-0"]);
    expect(sent[1]!.msg.partitions.map((p) => `${p.topic}-${p.partition}`)).toEqual(["orders-1"]);
  });

  it("a partition added while its fetcher's fetch is in flight waits for the next fetch", () => {
    const { m, sent, follow } = manager();
    follow("orders", 0, 1);
    m.startFetching();
    follow("orders", 2, 1);
    m.startFetching();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.msg.partitions.map((p) => p.partition)).toEqual([0]);
  });
});
