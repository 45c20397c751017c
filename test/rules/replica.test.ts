// Partition's view of each follower against Kafka's ReplicaTest
// (core/src/test/scala/unit/kafka/cluster/ReplicaTest.scala) and the fetch-state cases of
// PartitionTest: Replica.updateFetchStateOrThrow, Replica.isCaughtUp and Replica.resetReplicaState
// as Partition.makeLeader applies it. Kafka's Replica takes the leader's LEO as an argument; here
// it is the leader log's, so the tests append to the log where Kafka passes a larger leaderEndOffset.

import { describe, expect, it } from "vitest";
import { Fixture, LAG_MS, state, UNKNOWN } from "./partition-fixture.ts";

describe("Partition.updateFollowerFetchState (ReplicaTest, Replica.updateFetchStateOrThrow)", () => {
  it("moves lastCaughtUpTimeMs to the previous fetch once the follower reaches the leader's LEO of that fetch (testUpdateFetchState)", () => {
    const h = new Fixture().seed(10, 0).makeLeader(1, [0, 1], [0]);
    const t1 = h.now;
    h.fetch(1, 5);
    expect(h.follower(1)).toEqual(state(5, 0, 10, t1));
    h.seed(5, 1).sleep(100);
    const t2 = h.now;
    h.fetch(1, 10);
    expect(h.follower(1)).toEqual(state(10, t1, 15, t2));
    h.sleep(100);
    const t3 = h.now;
    h.fetch(1, 15);
    expect(h.follower(1)).toEqual(state(15, t3, 15, t3));
  });

  it("isCaughtUp at the leader's LEO however long ago (testIsCaughtUpWhenReplicaIsCaughtUpToLogEnd)", () => {
    const h = new Fixture().seed(10, 0).makeLeader(1, [0, 1], [0]);
    expect(h.isCaughtUp(1)).toBe(false);
    h.fetch(1, 10);
    expect(h.isCaughtUp(1)).toBe(true);
    h.sleep(LAG_MS + 1);
    expect(h.isCaughtUp(1)).toBe(true);
  });

  it("isCaughtUp behind the LEO only within replica.lag.time.max.ms (testIsCaughtUpWhenReplicaIsNotCaughtUpToLogEnd)", () => {
    const h = new Fixture().seed(10, 0).makeLeader(1, [0, 1], [0]);
    expect(h.isCaughtUp(1)).toBe(false);
    h.fetch(1, 5);
    expect(h.isCaughtUp(1)).toBe(false);
    h.seed(5, 1);
    h.fetch(1, 10);
    h.seed(1, 1); // leader LEO 16
    expect(h.isCaughtUp(1)).toBe(true);
    h.sleep(LAG_MS);
    expect(h.isCaughtUp(1)).toBe(true); // Replica.isCaughtUp: now - lastCaughtUpTimeMs <= maxLag
    h.sleep(1);
    expect(h.isCaughtUp(1)).toBe(false);
  });

  it("leader at epoch 5 over 6 records: a fetch at 3 keeps the init time, one at 6 is caught up now (PartitionTest.testUpdateFollowerFetchState)", () => {
    const h = new Fixture().seed(6, 4);
    const initializeTimeMs = h.now;
    h.makeLeader(5, [0, 1], [0, 1]);
    expect(h.follower(1)).toMatchObject({ logEndOffset: UNKNOWN, lastCaughtUpTimeMs: initializeTimeMs });
    h.sleep(500).fetch(1, 3);
    expect(h.follower(1)).toMatchObject({ logEndOffset: 3, lastCaughtUpTimeMs: initializeTimeMs });
    h.sleep(500).fetch(1, 6);
    expect(h.follower(1)).toMatchObject({ logEndOffset: 6, lastCaughtUpTimeMs: h.now });
  });
});

describe("Partition.makeLeader resets followers (Replica.resetReplicaState)", () => {
  it("a new leader forgets what followers fetched; ISR members count as caught up now (testResetReplicaStateWhenNewLeaderIsElected*)", () => {
    const h = new Fixture().seed(10, 0).makeLeader(1, [0, 1, 2], [0, 1, 2]);
    h.fetch(1, 10).fetch(2, 10);
    h.p.makeFollower(1, 2, 2, [0, 1, 2], [0, 1, 2]);
    h.sleep(1000).makeLeader(3, [0, 1, 2], [0, 1]);
    expect(h.follower(1)).toEqual(state(UNKNOWN, h.now, UNKNOWN, 0));
    expect(h.follower(2)).toEqual(state(UNKNOWN, 0, UNKNOWN, 0));
  });

  it("a re-elected leader keeps followers' LEOs and restarts their clocks at the epoch start (testResetReplicaStateWhenLeaderIsReelectedAndReplicaIsInSync)", () => {
    const h = new Fixture().seed(10, 0).makeLeader(1, [0, 1], [0, 1]);
    h.fetch(1, 10);
    h.seed(1, 1).sleep(1000);
    h.makeLeader(2, [0, 1], [0, 1], 2);
    expect(h.follower(1)).toEqual(state(10, h.now, 11, h.now));
  });

  it("a re-elected leader zeroes the clocks of followers outside the ISR (testResetReplicaStateWhenLeaderIsReelectedAndReplicaIsNotInSync)", () => {
    const h = new Fixture().seed(10, 0).makeLeader(1, [0, 1], [0, 1]);
    h.fetch(1, 10);
    h.seed(1, 1).sleep(1000);
    h.makeLeader(2, [0, 1], [0], 2);
    expect(h.follower(1)).toEqual(state(10, 0, 11, 0));
  });

  it("makeLeader at the same leader epoch leaves follower state alone (Partition.makeLeader: only isNewLeaderEpoch resets)", () => {
    const h = new Fixture().seed(10, 0).makeLeader(1, [0, 1], [0, 1]);
    h.sleep(10).fetch(1, 10);
    const before = h.follower(1);
    h.sleep(1000).makeLeader(1, [0, 1], [0, 1], 2);
    expect(h.follower(1)).toEqual(before);
  });
});
