// KIP-392 follower fetching: the selector against Kafka's ReplicaSelectorTest
// (clients/src/test/java/org/apache/kafka/common/replica/ReplicaSelectorTest.java), the
// candidates ReplicaManager.findPreferredReadReplica offers it, and what leaders and
// followers answer a consumer that sent its rack (fetch-read.ts).

import { describe, expect, it } from "vitest";
import { readForFetch, type RackFetching } from "../../core/broker/fetch-read.ts";
import { Partition } from "../../core/broker/partition.ts";
import { findPreferredReadReplica, selectReplica, type ReplicaView } from "../../core/broker/rack-aware-replica-selector.ts";
import { PartitionLog } from "../../core/log/partition-log.ts";
import { Errors } from "../../core/protocol/errors.ts";
import { IsolationLevel, type FetchRequest } from "../../core/protocol/messages.ts";
import { MemDisk } from "../harness/index.ts";
import { batch } from "../rules/batches.ts";

describe("RackAwareReplicaSelector (ReplicaSelectorTest.testSameRackSelector)", () => {
  // replicaInfoSet(): (id, rack, logEndOffset, timeSinceLastCaughtUpMs); replica 0 leads.
  const replicas: ReplicaView[] = [
    { id: 0, rack: "rack-a", logEndOffset: 4, timeSinceLastCaughtUpMs: 0 },
    { id: 1, rack: "rack-a", logEndOffset: 2, timeSinceLastCaughtUpMs: 5 },
    { id: 2, rack: "rack-b", logEndOffset: 3, timeSinceLastCaughtUpMs: 3 },
    { id: 3, rack: "rack-b", logEndOffset: 4, timeSinceLastCaughtUpMs: 2 },
  ];
  const leader = replicas[0]!;

  it.each([
    ["rack-b", 3, "replica 3 since it is more caught-up"],
    ["not-a-rack", 0, "the leader when no node is in the given rack"],
    ["rack-a", 0, "the leader since it is in rack-a"],
  ])("a consumer in %s gets replica %i: %s", (rack, id) => {
    expect(selectReplica(rack, replicas, leader).id).toBe(id);
  });

  it("gives the leader to a consumer without a rack", () => {
    expect(selectReplica("", replicas, leader).id).toBe(0);
  });

  it("breaks a tie on log end offset by time since caught up, then by id (ReplicaView.comparator)", () => {
    const tied: ReplicaView[] = [leader, { id: 5, rack: "z", logEndOffset: 9, timeSinceLastCaughtUpMs: 7 }, { id: 4, rack: "z", logEndOffset: 9, timeSinceLastCaughtUpMs: 1 }];
    expect(selectReplica("z", tied, leader).id).toBe(4);
    const same: ReplicaView[] = [leader, { id: 5, rack: "z", logEndOffset: 9, timeSinceLastCaughtUpMs: 1 }, { id: 4, rack: "z", logEndOffset: 9, timeSinceLastCaughtUpMs: 1 }];
    expect(selectReplica("z", same, leader).id).toBe(5);
  });
});

const RACKS = ["a", "b", "c"];
const rackOf = (b: number): string | null => RACKS[b - 1] ?? null;

function partitionOn(broker: number, records: number): Partition {
  const log = PartitionLog.load(new MemDisk(), "logs/t-0", { segmentBytes: 1 << 30, segmentMs: Infinity, flushMessages: Infinity }, 0);
  for (let i = 0; i < records; i++) log.appendAsLeader(batch(), 0, 0);
  return new Partition("t", 0, log, broker, { replicaLagTimeMaxMs: 30_000, minInsyncReplicas: () => 1, isReplicaIsrEligible: () => true });
}

function consumerFetch(fetchOffset: number, rackId?: string): FetchRequest {
  return {
    kind: "Fetch", correlationId: 1, replicaId: -1, replicaEpoch: -1, maxWaitMs: 500, minBytes: 1, maxBytes: 1 << 20, isolationLevel: IsolationLevel.READ_UNCOMMITTED,
    partitions: [{ topic: "t", partition: 0, currentLeaderEpoch: 0, fetchOffset, lastFetchedEpoch: -1, partitionMaxBytes: 1 << 20 }],
    ...(rackId === undefined ? {} : { rackId }),
  };
}

describe("findPreferredReadReplica (ReplicaManager)", () => {
  function leaderWithFollowers(): Partition {
    const p = partitionOn(1, 10);
    p.makeLeader(0, 0, [1, 2, 3], [1, 2, 3], 0);
    p.updateFollowerFetchState(2, 10, 0);
    p.updateFollowerFetchState(3, 6, 0);
    return p;
  }

  it("sends a consumer in another rack to the in-sync follower in its own", () => {
    expect(findPreferredReadReplica(leaderWithFollowers(), "b", 8, 0, rackOf)).toBe(2);
  });

  it("keeps a consumer in the leader's rack on the leader", () => {
    expect(findPreferredReadReplica(leaderWithFollowers(), "a", 8, 0, rackOf)).toBeNull();
  });

  it("leaves out a follower whose log ends before the fetch offset", () => {
    expect(findPreferredReadReplica(leaderWithFollowers(), "c", 8, 0, rackOf)).toBeNull();
    expect(findPreferredReadReplica(leaderWithFollowers(), "c", 5, 0, rackOf)).toBe(3);
  });

  it("leaves out a follower outside the ISR", () => {
    const p = leaderWithFollowers();
    p.makeLeader(0, 1, [1, 2, 3], [1, 3], 0);
    expect(findPreferredReadReplica(p, "b", 5, 0, rackOf)).toBeNull();
  });
});

describe("a consumer's Fetch with its rack (KIP-392)", () => {
  const racks: RackFetching = { nowMs: 0, selector: true, rackOf };

  it("gets a preferred read replica and no records from the leader", () => {
    const p = partitionOn(1, 10);
    p.makeLeader(0, 0, [1, 2, 3], [1, 2, 3], 0);
    p.updateFollowerFetchState(2, 10, 0);
    p.updateFollowerFetchState(3, 10, 0);
    const read = readForFetch(consumerFetch(4, "c"), () => p, racks);
    expect(read.partitions[0]).toMatchObject({ error: Errors.NONE, preferredReadReplica: 3, batches: [] });
    expect(read.redirected).toBe(true);
    expect(readForFetch(consumerFetch(4, "c"), () => p, { ...racks, selector: false }).partitions[0]?.preferredReadReplica).toBeUndefined();
  });

  it("is served by a follower up to the follower's own high watermark", () => {
    const p = partitionOn(3, 10);
    p.makeFollower(1, 0, 0, [1, 2, 3], [1, 2, 3]);
    p.log.updateHighWatermark(7);
    const read = readForFetch(consumerFetch(4, "c"), () => p, racks);
    expect(read.partitions[0]?.error).toBe(Errors.NONE);
    expect(read.partitions[0]?.batches.map((b) => b.baseOffset)).toEqual([4, 5, 6]);
    expect(readForFetch(consumerFetch(7, "c"), () => p, racks).partitions[0]?.batches).toEqual([]);
  });

  it("gets OFFSET_OUT_OF_RANGE from a follower whose log ends before the fetch offset", () => {
    const p = partitionOn(3, 10);
    p.makeFollower(1, 0, 0, [1, 2, 3], [1, 2, 3]);
    expect(readForFetch(consumerFetch(11, "c"), () => p, racks).partitions[0]?.error).toBe(Errors.OFFSET_OUT_OF_RANGE);
  });

  it("gets NOT_LEADER_OR_FOLLOWER from a follower when it sent no rack, or the cluster has none", () => {
    const p = partitionOn(3, 10);
    p.makeFollower(1, 0, 0, [1, 2, 3], [1, 2, 3]);
    expect(readForFetch(consumerFetch(4), () => p, racks).partitions[0]?.error).toBe(Errors.NOT_LEADER_OR_FOLLOWER);
    expect(readForFetch(consumerFetch(4, "c"), () => p, null).partitions[0]?.error).toBe(Errors.NOT_LEADER_OR_FOLLOWER);
  });

  it("gets FENCED_LEADER_EPOCH from a follower that knows a newer leader epoch", () => {
    const p = partitionOn(3, 10);
    p.makeFollower(1, 2, 0, [1, 2, 3], [1, 2, 3]);
    expect(readForFetch(consumerFetch(4, "c"), () => p, racks).partitions[0]?.error).toBe(Errors.FENCED_LEADER_EPOCH);
  });
});
