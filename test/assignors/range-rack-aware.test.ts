// KIP-881 rack-aware range assignment against Kafka's RangeAssignorTest
// (clients/src/test/java/org/apache/kafka/clients/consumer/RangeAssignorTest.java), with the
// fixtures of AbstractPartitionAssignorTest: brokers 0..n-1 in `brokerRacks`, partition i of a
// topic on brokers (i + j + offset) mod n, the offset growing by each earlier topic's partition
// count; consumerN in consumerRacks[N]. `mismatch` is numPartitionsWithRackMismatch.
import { describe, expect, it } from "vitest";
import { assign } from "../../core/assignors/assign.ts";
import type { GroupMember, PartitionRacks } from "../../core/assignors/types.ts";

const racks = (n: number): (string | null)[] => ["a", "b", "c", "d", "e", "f"].slice(0, n);
const nullRacks = (n: number): (string | null)[] => Array.from({ length: n }, () => null);

function partitionRacks(topics: Record<string, number>, rf: number, brokerRacks: readonly (string | null)[]): PartitionRacks {
  const out: Record<string, string[][]> = {};
  let next = 0;
  for (const [topic, n] of Object.entries(topics)) {
    out[topic] = Array.from({ length: n }, (_, i) => Array.from({ length: rf }, (_, j) => brokerRacks[(i + j + next) % brokerRacks.length]).filter((r): r is string => r !== null));
    next += n;
  }
  return out;
}

function verifyRackAssignment(topics: Record<string, number>, rf: number, brokerRacks: (string | null)[], consumerRacks: (string | null)[], consumerTopics: string[][], expected: string[], mismatch: number): void {
  const members: GroupMember[] = consumerTopics.map((t, i) => ({ id: `consumer${i}`, topics: t, ...(consumerRacks[i] === null ? {} : { rackId: consumerRacks[i]! }) }));
  const placed = partitionRacks(topics, rf, brokerRacks);
  const result = assign("range", members, topics, placed);
  expect(members.map((m) => result[m.id]!.map((tp) => `${tp.topic}-${tp.partition}`).sort().join(", "))).toEqual(expected);
  if (mismatch < 0) return;
  const mismatched = members.flatMap((m, i) => (consumerRacks[i] === null ? [] : result[m.id]!.filter((tp) => !placed[tp.topic]![tp.partition]!.includes(consumerRacks[i]!))));
  expect(mismatched.length).toBe(mismatch);
}

/** RangeAssignorTest.verifyNonRackAwareAssignment, without the preferRackAwareLogic switch (not a config). */
function verifyNonRackAwareAssignment(topics: Record<string, number>, consumerTopics: string[][], expected: string[]): void {
  verifyRackAssignment(topics, 3, nullRacks(3), racks(3), consumerTopics, expected, -1);
  verifyRackAssignment(topics, 3, racks(3), nullRacks(3), consumerTopics, expected, -1);
  verifyRackAssignment(topics, 3, racks(3), racks(3), consumerTopics, expected, 0);
  verifyRackAssignment(topics, 4, racks(4), racks(3), consumerTopics, expected, 0);
  verifyRackAssignment(topics, 3, racks(3), ["d", "e", "f"], consumerTopics, expected, -1);
  verifyRackAssignment(topics, 3, racks(3), [null, "e", "f"], consumerTopics, expected, -1);
}

const ALL = ["t1", "t2", "t3"];

describe("RangeAssignor, rack-aware (KIP-881)", () => {
  it("testRackAwareAssignmentWithUniformSubscription", () => {
    const topics = { t1: 6, t2: 7, t3: 2 };
    const subs = [ALL, ALL, ALL];
    verifyNonRackAwareAssignment(topics, subs, ["t1-0, t1-1, t2-0, t2-1, t2-2, t3-0", "t1-2, t1-3, t2-3, t2-4, t3-1", "t1-4, t1-5, t2-5, t2-6"]);
    verifyRackAssignment(topics, 1, racks(3), racks(3), subs, ["t1-0, t1-3, t2-0, t2-3, t2-6", "t1-1, t1-4, t2-1, t2-4, t3-0", "t1-2, t1-5, t2-2, t2-5, t3-1"], 0);
    verifyRackAssignment(topics, 2, racks(3), racks(3), subs, ["t1-0, t1-2, t2-0, t2-2, t2-3, t3-1", "t1-1, t1-3, t2-1, t2-4, t3-0", "t1-4, t1-5, t2-5, t2-6"], 1);
    verifyRackAssignment(topics, 3, racks(2), racks(3), subs, ["t1-0, t1-1, t2-0, t2-1, t2-2, t3-0", "t1-2, t1-3, t2-3, t2-4, t3-1", "t1-4, t1-5, t2-5, t2-6"], 4);
  });

  it("testRackAwareAssignmentWithNonEqualSubscription", () => {
    const topics = { t1: 6, t2: 7, t3: 2 };
    const subs = [ALL, ALL, ["t1", "t3"]];
    verifyNonRackAwareAssignment(topics, subs, ["t1-0, t1-1, t2-0, t2-1, t2-2, t2-3, t3-0", "t1-2, t1-3, t2-4, t2-5, t2-6, t3-1", "t1-4, t1-5"]);
    verifyRackAssignment(topics, 1, racks(3), racks(3), subs, ["t1-0, t1-3, t2-0, t2-2, t2-3, t2-6", "t1-1, t1-4, t2-1, t2-4, t2-5, t3-0", "t1-2, t1-5, t3-1"], 2);
    verifyRackAssignment(topics, 2, racks(3), racks(3), subs, ["t1-0, t1-2, t2-0, t2-2, t2-3, t2-5, t3-1", "t1-1, t1-3, t2-1, t2-4, t2-6, t3-0", "t1-4, t1-5"], 0);
    verifyRackAssignment(topics, 3, racks(2), racks(3), subs, ["t1-0, t1-1, t2-0, t2-1, t2-2, t2-3, t3-0", "t1-2, t1-3, t2-4, t2-5, t2-6, t3-1", "t1-4, t1-5"], 2);
  });

  it("testRackAwareAssignmentWithUniformPartitions", () => {
    const topics = { t1: 5, t2: 5, t3: 5 };
    const subs = [ALL, ALL, ALL];
    const nonRackAware = ["t1-0, t1-1, t2-0, t2-1, t3-0, t3-1", "t1-2, t1-3, t2-2, t2-3, t3-2, t3-3", "t1-4, t2-4, t3-4"];
    verifyNonRackAwareAssignment(topics, subs, nonRackAware);
    // Co-partitioning is kept over rack alignment.
    verifyRackAssignment(topics, 1, racks(3), racks(3), subs, nonRackAware, 10);
    verifyRackAssignment(topics, 2, racks(3), racks(3), subs, nonRackAware, 5);
    verifyRackAssignment(topics, 3, racks(2), racks(3), subs, nonRackAware, 3);
  });

  it("testRackAwareAssignmentWithUniformPartitionsNonEqualSubscription", () => {
    const topics = { t1: 5, t2: 5, t3: 5 };
    const subs = [ALL, ALL, ["t1", "t3"]];
    verifyNonRackAwareAssignment(topics, subs, ["t1-0, t1-1, t2-0, t2-1, t2-2, t3-0, t3-1", "t1-2, t1-3, t2-3, t2-4, t3-2, t3-3", "t1-4, t3-4"]);
    verifyRackAssignment(topics, 1, racks(3), racks(3), subs, ["t1-0, t1-1, t2-0, t2-1, t2-4, t3-0, t3-1", "t1-2, t1-3, t2-2, t2-3, t3-2, t3-3", "t1-4, t3-4"], 9);
    verifyRackAssignment(topics, 2, racks(3), racks(3), subs, ["t1-2, t2-0, t2-1, t2-3, t3-2", "t1-0, t1-3, t2-2, t2-4, t3-0, t3-3", "t1-1, t1-4, t3-1, t3-4"], 0);
    verifyRackAssignment(topics, 3, racks(2), racks(3), subs, ["t1-0, t1-1, t2-0, t2-1, t2-2, t3-0, t3-1", "t1-2, t1-3, t2-3, t2-4, t3-2, t3-3", "t1-4, t3-4"], 2);
  });
});
