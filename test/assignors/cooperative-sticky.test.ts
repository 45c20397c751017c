// Ports of clients/src/test/java/org/apache/kafka/clients/consumer/CooperativeStickyAssignorTest.java:
// the first (cooperative) round withholds every partition that changes owner; a follow-up
// rebalance, after the old owner revoked it, hands it over.
import { describe, expect, it } from "vitest";
import { assign } from "../../core/assignors/assign.ts";
import type { GroupMember } from "../../core/assignors/types.ts";
import { isFullyBalanced, parsePartitions, rebalanceUntilStable, tp, verifyValidityAndBalance } from "./helpers.ts";

const doubleClaim = (): GroupMember[] => [
  { id: "consumer1", topics: ["topic"], owned: [tp("topic", 0), tp("topic", 1)], generation: 1 },
  { id: "consumer2", topics: ["topic"], owned: [tp("topic", 0), tp("topic", 2)], generation: 1 },
  { id: "consumer3", topics: ["topic"], owned: [], generation: 1 },
];

describe("cooperative-sticky (CooperativeStickyAssignorTest)", () => {
  it("testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithEqualPartitionsPerConsumer", () => {
    const members = doubleClaim();
    const first = assign("cooperative-sticky", members, { topic: 3 });
    // topic-0 counts as owned by both claimants, so it waits until both have revoked it.
    expect(first).toEqual({ consumer1: [tp("topic", 1)], consumer2: [tp("topic", 2)], consumer3: [] });
    const { assignment } = rebalanceUntilStable("cooperative-sticky", members, { topic: 3 }, first);
    verifyValidityAndBalance(members, assignment);
    expect(assignment).toEqual({ consumer1: [tp("topic", 1)], consumer2: [tp("topic", 2)], consumer3: [tp("topic", 0)] });
  });

  it("testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithUnequalPartitionsPerConsumer", () => {
    const members = doubleClaim();
    const first = assign("cooperative-sticky", members, { topic: 4 });
    expect(first).toEqual({ consumer1: [tp("topic", 1), tp("topic", 3)], consumer2: [tp("topic", 2)], consumer3: [] });
    const { assignment } = rebalanceUntilStable("cooperative-sticky", members, { topic: 4 }, first);
    expect(isFullyBalanced(assignment)).toBe(true);
  });

  it("testAssignorWithOldVersionSubscriptions", () => {
    const a = assign(
      "cooperative-sticky",
      [
        { id: "consumer1", topics: ["topic1"], owned: [tp("topic1", 0)], generation: 1 },
        { id: "consumer2", topics: ["topic1"], owned: [tp("topic1", 1)], generation: 1 },
        { id: "consumer3", topics: ["topic1"], owned: [], generation: 1 },
      ],
      { topic1: 3 },
    );
    expect(a).toEqual({ consumer1: [tp("topic1", 0)], consumer2: [tp("topic1", 1)], consumer3: [tp("topic1", 2)] });
  });

  it("testAddRemoveConsumerOneTopic: the joining member gets nothing until the owner revokes", () => {
    const ppt = { topic: 3 };
    const members: GroupMember[] = [
      { id: "consumer1", topics: ["topic"], owned: [tp("topic", 0), tp("topic", 1), tp("topic", 2)], generation: 1 },
      { id: "consumer2", topics: ["topic"], owned: [], generation: 1 },
    ];
    const first = assign("cooperative-sticky", members, ppt);
    expect(first).toEqual({ consumer1: [tp("topic", 0), tp("topic", 1)], consumer2: [] });
    const { assignment, rounds } = rebalanceUntilStable("cooperative-sticky", members, ppt, first);
    expect(rounds).toBe(1);
    expect(assignment).toEqual({ consumer1: [tp("topic", 0), tp("topic", 1)], consumer2: [tp("topic", 2)] });
  });

  it("testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers: first round withholds topic2-0", () => {
    const t = ["topic1", "topic2"];
    const members: GroupMember[] = [
      { id: "consumer1", topics: t, owned: [tp("topic1", 0), tp("topic2", 0)], generation: 1 },
      { id: "consumer2", topics: t, owned: [tp("topic1", 1), tp("topic2", 1)], generation: 1 },
      { id: "consumer3", topics: t, owned: [], generation: 1 },
    ];
    expect(assign("cooperative-sticky", members, { topic1: 2, topic2: 2 })).toEqual({
      consumer1: [tp("topic1", 0)],
      consumer2: [tp("topic1", 1), tp("topic2", 1)],
      consumer3: [],
    });
  });

  it("testRackAwareAssignmentWithNonEqualSubscription (racks all match): general path with owned partitions, two rounds", () => {
    // From AbstractStickyAssignorTest: with every partition on every rack the non-rack-aware
    // logic runs; the cooperative assignor goes owned -> intermediate -> final.
    const ppt = { t1: 6, t2: 7, t3: 2 };
    const all = ["t1", "t2", "t3"];
    const topics = [all, all, ["t1", "t3"]];
    const members = (owned: string[]): GroupMember[] =>
      owned.map((o, i) => ({ id: `consumer${i}`, topics: topics[i]!, owned: parsePartitions(o) }));
    const owned = ["t1-0, t1-1, t1-2, t1-3, t1-4", "t1-5, t2-0, t2-1, t2-2, t2-3", "t2-4, t2-5, t2-6, t3-0, t3-1"];
    const intermediate = ["t1-2, t1-3, t1-4", "t2-0, t2-1, t2-2, t2-3", "t3-0, t3-1"];
    const final = ["t1-2, t1-3, t1-4, t2-4, t2-5", "t2-0, t2-1, t2-2, t2-3, t2-6", "t1-0, t1-1, t1-5, t3-0, t3-1"];
    const asExpected = (l: string[]) => Object.fromEntries(l.map((s, i) => [`consumer${i}`, parsePartitions(s)]));
    expect(assign("cooperative-sticky", members(owned), ppt)).toEqual(asExpected(intermediate));
    expect(assign("cooperative-sticky", members(intermediate), ppt)).toEqual(asExpected(final));
  });

  it("is the sticky assignment minus the partitions that change owner", () => {
    const ppt = { a: 5, b: 4 };
    const members: GroupMember[] = [
      { id: "m1", topics: ["a", "b"], owned: [tp("a", 0), tp("a", 1), tp("a", 2), tp("a", 3), tp("a", 4)], generation: 3 },
      { id: "m2", topics: ["a", "b"], owned: [tp("b", 0), tp("b", 1), tp("b", 2), tp("b", 3)], generation: 3 },
      { id: "m3", topics: ["a", "b"] },
    ];
    const eager = assign("sticky", members, ppt);
    const coop = assign("cooperative-sticky", members, ppt);
    const owner = new Map(members.flatMap((m) => (m.owned ?? []).map((p) => [`${p.topic}-${p.partition}`, m.id] as const)));
    for (const m of members) {
      const kept = eager[m.id]!.filter((p) => {
        const prev = owner.get(`${p.topic}-${p.partition}`);
        return prev === undefined || prev === m.id;
      });
      expect(coop[m.id]).toEqual(kept);
    }
  });
});
