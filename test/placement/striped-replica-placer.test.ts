// StripedReplicaPlacer against Kafka's StripedReplicaPlacerTest
// (metadata/src/test/java/org/apache/kafka/metadata/placement/StripedReplicaPlacerTest.java),
// case by case, with the same MockRandom (server-common .../util/MockRandom.java: seed 17).
import { describe, expect, it } from "vitest";
import type { JavaRandom } from "../../core/placement/java-random.ts";
import { BrokerList, placeReplicas, RackList, type UsableBroker } from "../../core/placement/striped-replica-placer.ts";

/** MockRandom: a 64-bit LCG whose next(bits) is the state's high bits. */
function mockRandom(seed = 17n): JavaRandom {
  let state = seed;
  return {
    next(bits) {
      state = BigInt.asUintN(64, state * 2862933555777941757n + 3037000493n);
      return Number(BigInt.asIntN(32, state >> BigInt(64 - bits)));
    },
  };
}

const b = (id: number, rack: string | null, fenced: boolean): UsableBroker => ({ id, rack, fenced });

describe("StripedReplicaPlacer (StripedReplicaPlacerTest)", () => {
  it("testBrokerList", () => {
    expect(new BrokerList().size).toBe(0);
    expect(new BrokerList().next(1)).toBe(-1);
    const brokers = new BrokerList().add(0).add(1).add(2).add(3);
    expect(brokers.size).toBe(4);
    expect([0, 0, 0, 0, 0, 0].map(() => brokers.next(0))).toEqual([0, 1, 2, 3, -1, -1]);
    expect([1, 1, 1, 1, 1].map(() => brokers.next(1))).toEqual([1, 2, 3, 0, -1]);
  });

  it("testAvoidFencedReplicaIfPossibleOnSingleRack", () => {
    const rackList = new RackList(mockRandom(), [b(3, null, false), b(1, null, true), b(0, null, false), b(4, null, false), b(2, null, false)]);
    expect(rackList.numTotalBrokers).toBe(5);
    expect(rackList.numUnfencedBrokers).toBe(4);
    expect(rackList.rackNames).toEqual([null]);
    expect(() => rackList.place(0)).toThrow("Invalid replication factor 0");
    expect(() => rackList.place(-1)).toThrow("Invalid replication factor -1");
    expect(rackList.place(4)).toEqual([3, 4, 0, 2]);
    expect(rackList.place(4)).toEqual([4, 0, 2, 3]);
    expect(rackList.place(4)).toEqual([0, 2, 3, 4]);
    expect(rackList.place(4)).toEqual([2, 3, 4, 0]);
    expect(rackList.place(4)).toEqual([0, 4, 3, 2]);
  });

  it("testMultiPartitionTopicPlacementOnSingleUnfencedBroker", () => {
    expect(placeReplicas(mockRandom(), [b(0, null, false), b(1, null, true)], 3, 1)).toEqual([[0], [0], [0]]);
  });

  it("testPlacementOnFencedReplicaOnSingleRack", () => {
    const rackList = new RackList(mockRandom(), [b(3, null, false), b(1, null, true), b(2, null, false)]);
    expect(rackList.numTotalBrokers).toBe(3);
    expect(rackList.numUnfencedBrokers).toBe(2);
    expect([1, 2, 3, 4].map(() => rackList.place(3))).toEqual([[3, 2, 1], [2, 3, 1], [3, 2, 1], [2, 3, 1]]);
  });

  it("testRackListWithMultipleRacks", () => {
    const rackList = new RackList(mockRandom(), [b(11, "1", false), b(10, "1", false), b(30, "3", false), b(31, "3", false), b(21, "2", false), b(20, "2", true)]);
    expect(rackList.numTotalBrokers).toBe(6);
    expect(rackList.numUnfencedBrokers).toBe(5);
    expect(rackList.rackNames).toEqual(["1", "2", "3"]);
    expect(rackList.place(4)).toEqual([11, 21, 31, 10]);
    expect(rackList.place(4)).toEqual([21, 30, 10, 20]);
    expect(rackList.place(4)).toEqual([31, 11, 21, 30]);
  });

  it("testRackListWithInvalidRacks", () => {
    const rackList = new RackList(mockRandom(), [
      b(11, "1", false), b(10, "1", false), b(30, "3", true), b(31, "3", true),
      b(20, "2", true), b(21, "2", true), b(41, "4", false), b(40, "4", true),
    ]);
    expect(rackList.numTotalBrokers).toBe(8);
    expect(rackList.numUnfencedBrokers).toBe(3);
    expect(rackList.rackNames).toEqual(["1", "2", "3", "4"]);
    expect(rackList.place(4)).toEqual([41, 11, 21, 30]);
    expect(rackList.place(4)).toEqual([10, 20, 31, 41]);
    expect(rackList.place(4)).toEqual([41, 21, 30, 11]);
  });

  it("testAllBrokersFenced", () => {
    expect(() => placeReplicas(mockRandom(), [b(11, "1", true), b(10, "1", true)], 1, 1)).toThrow(/^All brokers are currently fenced\.$/);
  });

  it("testNotEnoughBrokers", () => {
    expect(() => placeReplicas(mockRandom(), [b(11, "1", false), b(10, "1", false)], 1, 3)).toThrow(
      /^The target replication factor of 3 cannot be reached because only 2 broker\(s\) are registered\.$/,
    );
  });

  it("testNonPositiveReplicationFactor", () => {
    expect(() => placeReplicas(mockRandom(), [b(11, "1", false), b(10, "1", false)], 1, 0)).toThrow(
      /^Invalid replication factor 0: the replication factor must be positive\.$/,
    );
  });

  it("testSuccessfulPlacement", () => {
    expect(placeReplicas(mockRandom(), [b(0, null, false), b(3, null, false), b(2, null, false), b(1, null, false)], 5, 3)).toEqual([
      [2, 3, 0], [3, 0, 1], [0, 1, 2], [1, 2, 3], [1, 0, 2],
    ]);
  });

  it("testEvenDistribution", () => {
    const placed = placeReplicas(mockRandom(), [b(0, null, false), b(1, null, false), b(2, null, false), b(3, null, false)], 200, 2);
    const counts = new Map<string, number>();
    for (const r of placed) counts.set(r.join(","), (counts.get(r.join(",")) ?? 0) + 1);
    expect(Object.fromEntries([...counts].sort())).toEqual({
      "0,1": 14, "0,2": 22, "0,3": 14, "1,0": 17, "1,2": 17, "1,3": 16,
      "2,0": 13, "2,1": 17, "2,3": 20, "3,0": 20, "3,1": 19, "3,2": 11,
    });
  });

  it("testRackListAllBrokersFenced", () => {
    const rackList = new RackList(mockRandom(), [b(0, null, true), b(1, null, true), b(2, null, true)]);
    expect(rackList.numUnfencedBrokers).toBe(0);
    expect(() => rackList.place(3)).toThrow(/^All brokers are currently fenced\.$/);
  });

  it("testRackListNotEnoughBrokers", () => {
    const rackList = new RackList(mockRandom(), [b(11, "1", false), b(10, "1", false)]);
    expect(() => rackList.place(3)).toThrow(/^The target replication factor of 3 cannot be reached because only 2 broker\(s\) are registered\.$/);
  });

  it("testRackListNonPositiveReplicationFactor", () => {
    const rackList = new RackList(mockRandom(), [b(11, "1", false), b(10, "1", false)]);
    expect(() => rackList.place(-1)).toThrow(/^Invalid replication factor -1: the replication factor must be positive\.$/);
  });
});
