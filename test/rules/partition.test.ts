// Partition's HW and ISR rules against Kafka's PartitionTest
// (core/src/test/scala/unit/kafka/cluster/PartitionTest.scala): maybeIncrementLeaderHW,
// getOutOfSyncReplicas and isFollowerInSync, driven through the Fixture (partition-fixture.ts),
// which calls the real Partition, as the ReplicaManager does.

import { describe, expect, it } from "vitest";
import { batch } from "./batches.ts";
import { Fixture, LAG_MS, T0, UNKNOWN } from "./partition-fixture.ts";

describe("Partition.maybeIncrementLeaderHW", () => {
  it("an ISR of the leader alone moves the HW to the LEO (PartitionTest.handleAlterIsrFailure)", () => {
    const h = new Fixture().seed(10, 4).makeLeader(5, [0, 1], [0]);
    expect(h.hw).toBe(10);
  });

  it("is the smallest LEO in the ISR, and an ISR follower that has not fetched holds it at 0 (testShouldNotShrinkIsrIfPreviousFetchIsCaughtUp)", () => {
    const h = new Fixture().seed(10, 4).makeLeader(5, [0, 1], [0, 1]);
    expect(h.hw).toBe(0);
    h.sleep(5000).fetch(1, 5);
    expect(h.hw).toBe(5);
    h.sleep(5001).seed(5, 5).fetch(1, 10);
    expect(h.hw).toBe(10);
  });

  it("never moves back when a follower's LEO falls (UnifiedLog.maybeIncrementHighWatermark)", () => {
    const h = new Fixture().seed(10, 4).makeLeader(5, [0, 1], [0, 1]);
    h.fetch(1, 10);
    expect(h.hw).toBe(10);
    h.fetch(1, 4);
    expect(h.maybeIncrementHw()).toBe(false);
    expect(h.hw).toBe(10);
  });

  it.each<[string, number]>([
    ["unfenced", 10],
    ["fenced", 20],
    ["shutdown", 20],
  ])("a caught-up %s follower just dropped from the ISR holds the HW at %i (testHighWatermarkIncreasesWithFencedOrShutdownFollower)", (brokerState, hw) => {
    const h = new Fixture().seed(10, 4).makeLeader(5, [0, 1], [0, 1]);
    h.fetch(1, 10);
    expect(h.hw).toBe(10);
    if (brokerState !== "unfenced") h.ineligible.add(1);
    h.seed(10, 5);
    h.makeLeader(5, [0, 1], [0], 2); // the controller shrinks the ISR
    expect(h.p.getOutOfSyncReplicas(h.now)).toEqual([]);
    expect(h.hw).toBe(hw);
  });

  it("a follower outside the ISR stops holding the HW once it lags past replica.lag.time.max.ms (shouldWaitForReplicaToJoinIsr)", () => {
    const h = new Fixture().seed(10, 4).makeLeader(5, [0, 1], [0]);
    h.fetch(1, 10); // caught up; its expansion fails
    h.failIsr();
    h.seed(10, 5);
    expect(h.maybeIncrementHw()).toBe(false);
    expect(h.hw).toBe(10);
    h.sleep(LAG_MS + 1);
    expect(h.maybeIncrementHw()).toBe(true);
    expect(h.hw).toBe(20);
  });

  it("counts a follower being added to the ISR (the maximal ISR, KIP-497) (testIsrExpansion)", () => {
    const h = new Fixture().seed(10, 4).makeLeader(5, [0, 1, 2], [0, 1]);
    h.fetch(1, 10);
    expect(h.hw).toBe(10);
    h.fetch(2, 10);
    expect(h.p.pendingIsr).toMatchObject({ kind: "expand", newIsr: [0, 1, 2] });
    h.seed(10, 5).fetch(1, 20);
    h.sleep(LAG_MS + 1).fetch(1, 20); // follower 2 no longer counts as caught up
    expect(h.hw).toBe(10);
    h.commitIsr();
    expect(h.p.isr).toEqual([0, 1, 2]);
    expect(h.hw).toBe(10);
  });

  it("keeps counting a follower being removed until the shrink commits (testMaybeShrinkIsr)", () => {
    const h = new Fixture().seed(10, 4).makeLeader(5, [0, 1, 2], [0, 1, 2]);
    h.fetch(1, 10);
    expect(h.follower(2)).toMatchObject({ logEndOffset: UNKNOWN, lastCaughtUpTimeMs: T0 });
    expect(h.maybeShrinkIsr()).toEqual([]);
    h.sleep(LAG_MS + 1);
    expect(h.maybeShrinkIsr()).toEqual([2]);
    expect(h.p.maximalIsr).toEqual([0, 1, 2]);
    expect(h.maybeIncrementHw()).toBe(false);
    expect(h.hw).toBe(0);
    h.commitIsr();
    expect(h.p.isr).toEqual([0, 1]);
    expect(h.hw).toBe(10);
  });

  it("does not advance while the ISR is below min.insync.replicas, even with 3 in the maximal ISR (testHighWatermarkAdvanceShouldNotAdvanceWhenUnderMinISR)", () => {
    const h = new Fixture();
    h.minIsr = 3;
    h.seed(10, 4).makeLeader(5, [0, 1, 2], [0, 1]);
    expect(h.hw).toBe(0);
    h.fetch(1, 10);
    expect(h.hw).toBe(0);
    h.fetch(2, 10);
    expect(h.p.maximalIsr).toHaveLength(3);
    expect(h.hw).toBe(0);
    h.commitIsr();
    expect(h.hw).toBe(10);
  });

  it("uses min(min.insync.replicas, replication factor) (testIsUnderMinIsr, Partition.effectiveMinIsr)", () => {
    const single = new Fixture();
    single.minIsr = 2;
    single.seed(10, 0).makeLeader(1, [0], [0]);
    expect(single.hw).toBe(10);

    const pair = new Fixture();
    pair.minIsr = 2;
    pair.seed(10, 0).makeLeader(1, [0, 1], [0, 1]);
    pair.fetch(1, 5);
    expect(pair.hw).toBe(5);
    pair.seed(5, 1).makeLeader(2, [0, 1], [0], 2); // ISR 1 < 2
    expect(pair.maybeIncrementHw()).toBe(false);
    expect(pair.hw).toBe(5);
  });

  it("does nothing on a follower", () => {
    const h = new Fixture().seed(10, 0);
    h.p.makeFollower(1, 1, 1, [0, 1], [0, 1]);
    expect(h.maybeIncrementHw()).toBe(false);
    expect(h.hw).toBe(0);
  });
});

describe("Partition.getOutOfSyncReplicas", () => {
  it("a follower caught up to the LEO stays in sync however long it is idle (testShouldNotShrinkIsrIfFollowerCaughtUpToLogEnd)", () => {
    const h = new Fixture().seed(10, 4).makeLeader(5, [0, 1], [0, 1]);
    h.fetch(1, 10);
    expect(h.follower(1)).toMatchObject({ lastCaughtUpTimeMs: h.now, logEndOffset: 10 });
    h.sleep(30_001);
    expect(h.maybeShrinkIsr()).toEqual([]);
  });

  it("a follower that reached the LEO of its previous fetch stays in sync (testShouldNotShrinkIsrIfPreviousFetchIsCaughtUp)", () => {
    const h = new Fixture().seed(10, 4);
    const initializeTimeMs = h.now;
    h.makeLeader(5, [0, 1], [0, 1]);
    h.sleep(5000);
    const firstFetchTimeMs = h.now;
    h.fetch(1, 5);
    expect(h.follower(1)).toMatchObject({ lastCaughtUpTimeMs: initializeTimeMs, logEndOffset: 5 });
    h.sleep(5001).seed(5, 5).fetch(1, 10);
    expect(h.follower(1)).toMatchObject({ lastCaughtUpTimeMs: firstFetchTimeMs, logEndOffset: 10 });
    expect(h.maybeShrinkIsr()).toEqual([]);
    h.sleep(LAG_MS - 5001);
    expect(h.maybeShrinkIsr()).toEqual([]);
    h.sleep(1);
    expect(h.maybeShrinkIsr()).toEqual([1]);
  });

  it("a follower that never fetched drops out after the lag, counted from the election (testMaybeShrinkIsr, testRetryShrinkIsr)", () => {
    const h = new Fixture().seed(10, 4).makeLeader(5, [0, 1], [0, 1]);
    h.sleep(LAG_MS);
    expect(h.p.getOutOfSyncReplicas(h.now)).toEqual([]);
    h.sleep(1);
    expect(h.p.getOutOfSyncReplicas(h.now)).toEqual([1]);
  });

  it("is empty while an AlterPartition is in flight (getOutOfSyncReplicas: 'If an ISR update is in-flight, we will return an empty set')", () => {
    const h = new Fixture().seed(10, 4).makeLeader(5, [0, 1, 2], [0, 1]);
    h.fetch(2, 10);
    expect(h.p.pendingIsr).not.toBeNull();
    h.sleep(LAG_MS + 1);
    expect(h.p.getOutOfSyncReplicas(h.now)).toEqual([]);
    h.failIsr();
    expect(h.p.getOutOfSyncReplicas(h.now)).toEqual([1]);
  });

  // Kafka's makeLeader always installs a CommittedPartitionState, so a metadata update with a
  // newer partition epoch ends the in-flight AlterPartition.
  it("makeLeader at the same epoch with a newer partition epoch commits the ISR (testAlterIsrLeaderAndIsrRace)", () => {
    const h = new Fixture().seed(10, 4).makeLeader(5, [0, 1], [0, 1]);
    h.sleep(LAG_MS + 1);
    expect(h.maybeShrinkIsr()).toEqual([1]);
    h.makeLeader(5, [0, 1], [0, 1], 2);
    expect(h.p.pendingIsr).toBeNull();
  });
});

describe("Partition.isFollowerInSync", () => {
  it("a follower joins only once caught up to the current leader epoch's start (testFollowerDoesNotJoinISRUntilCaughtUpToOffsetWithinCurrentLeaderEpoch)", () => {
    const [follower1, follower2] = [1, 2];
    const h = new Fixture().makeLeader(8, [0, 1, 2], [0, 2]);
    h.log.appendAsLeader(batch({ count: 2 }), 8, h.now);
    const lastOffsetOfFirstBatch = 1;
    h.log.appendAsLeader(batch({ count: 3 }), 8, h.now);
    expect(h.hw).toBe(0);
    h.fetch(follower2, 0).fetch(follower2, lastOffsetOfFirstBatch + 1);
    expect(h.hw).toBe(2);
    // Leader, follower, leader again: epoch 10 starts at offset 5.
    h.p.makeFollower(follower2, 9, 1, [0, 1, 2], [0, 2]);
    h.makeLeader(10, [0, 1, 2], [0, 2]);
    const currentLeaderEpochStartOffset = h.log.logEndOffset;
    expect(h.p.leaderEpochStartOffset).toBe(5);
    h.log.appendAsLeader(batch({ count: 2 }), 10, h.now);
    h.fetch(follower1, 0).fetch(follower1, lastOffsetOfFirstBatch);
    expect(h.p.isFollowerInSync(follower1)).toBe(false);
    expect(h.p.pendingIsr).toBeNull();
    h.fetch(follower1, currentLeaderEpochStartOffset);
    expect(h.p.isFollowerInSync(follower1)).toBe(true);
    expect(h.p.isr).toEqual([0, 2]);
    expect(h.p.maximalIsr).toEqual([0, 1, 2]);
  });

  // Leader epoch 6 starts at 10; HW 8 (follower 2 in the ISR at 8); LEO 15.
  it.each<[number, boolean]>([
    [7, false], // below the HW
    [8, false], // at the HW, but before the epoch start
    [9, false],
    [10, true], // at the epoch start
    [15, true],
  ])("isFollowerInSync with LEO %i (HW 8, epoch start 10) is %s (Partition.isFollowerInSync)", (leo, inSync) => {
    const h = new Fixture().seed(10, 5).makeLeader(6, [0, 1, 2], [0, 2]);
    h.seed(5, 6).fetch(2, 8);
    expect(h.hw).toBe(8);
    h.fetch(1, leo);
    expect(h.p.isFollowerInSync(1)).toBe(inSync);
  });

  it("a replica the leader does not track is never in sync", () => {
    const h = new Fixture().seed(10, 5).makeLeader(6, [0, 1], [0, 1]);
    expect(h.p.isFollowerInSync(7)).toBe(false);
  });
});
