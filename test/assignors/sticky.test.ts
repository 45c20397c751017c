// Ports of clients/src/test/java/org/apache/kafka/clients/consumer/StickyAssignorTest.java
// (the cases beyond AbstractStickyAssignorTest). For the eager sticky assignor `owned` and
// `generation` stand for the user data (previous assignment, generation) each member sends.
import { describe, expect, it } from "vitest";
import { assign } from "../../core/assignors/assign.ts";
import type { GroupAssignment, GroupMember, TopicPartition } from "../../core/assignors/types.ts";
import { isFullyBalanced, tp, verifyValidityAndBalance } from "./helpers.ts";

const keyOf = (p: TopicPartition) => `${p.topic}-${p.partition}`;
const containsAll = (outer: readonly TopicPartition[], inner: readonly TopicPartition[]) => {
  const set = new Set(outer.map(keyOf));
  return inner.every((p) => set.has(keyOf(p)));
};
const disjoint = (a: readonly TopicPartition[], b: readonly TopicPartition[]) => !b.some((p) => a.map(keyOf).includes(keyOf(p)));

function run(members: GroupMember[], ppt: Record<string, number>, fullyBalanced = true): GroupAssignment {
  const a = assign("sticky", members, ppt);
  verifyValidityAndBalance(members, a);
  if (fullyBalanced) expect(isFullyBalanced(a)).toBe(true);
  return a;
}

describe("sticky (StickyAssignorTest)", () => {
  it("testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithEqualPartitionsPerConsumer", () => {
    const a = run(
      [
        { id: "consumer1", topics: ["topic"], owned: [tp("topic", 0), tp("topic", 1)], generation: 1 },
        { id: "consumer2", topics: ["topic"], owned: [tp("topic", 0), tp("topic", 2)], generation: 1 },
        { id: "consumer3", topics: ["topic"], owned: [], generation: 1 },
      ],
      { topic: 3 },
    );
    expect(a).toEqual({ consumer1: [tp("topic", 1)], consumer2: [tp("topic", 2)], consumer3: [tp("topic", 0)] });
  });

  it("testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithUnequalPartitionsPerConsumer", () => {
    const a = run(
      [
        { id: "consumer1", topics: ["topic"], owned: [tp("topic", 0), tp("topic", 1)], generation: 1 },
        { id: "consumer2", topics: ["topic"], owned: [tp("topic", 0), tp("topic", 2)], generation: 1 },
        { id: "consumer3", topics: ["topic"], owned: [], generation: 1 },
      ],
      { topic: 4 },
    );
    expect(a).toEqual({ consumer1: [tp("topic", 1), tp("topic", 3)], consumer2: [tp("topic", 2)], consumer3: [tp("topic", 0)] });
  });

  it.each([true, false])("testAssignmentWithMultipleGenerations1 (isAllSubscriptionsEqual=%s)", (equal) => {
    const all = ["topic", "topic2"];
    const c2Topics = equal ? all : ["topic"];
    const ppt = { topic: 6, topic2: 6 };
    const r1 = run(
      [
        { id: "consumer1", topics: all },
        { id: "consumer2", topics: c2Topics },
        { id: "consumer3", topics: all },
      ],
      ppt,
    );
    for (const c of ["consumer1", "consumer2", "consumer3"]) expect(r1[c]).toHaveLength(4);

    const r2 = run(
      [
        { id: "consumer1", topics: all, owned: r1.consumer1!, generation: 1 },
        { id: "consumer2", topics: c2Topics, owned: r1.consumer2!, generation: 1 },
      ],
      ppt,
    );
    expect(r2.consumer1).toHaveLength(6);
    expect(r2.consumer2).toHaveLength(6);
    if (equal) expect(containsAll(r2.consumer1!, r1.consumer1!)).toBe(true);
    expect(containsAll(r2.consumer2!, r1.consumer2!)).toBe(true);
    expect(disjoint(r2.consumer2!, r1.consumer3!)).toBe(false);

    // consumer3 comes back claiming what it owned in generation 1; consumer2 is at generation 2.
    const r3 = run(
      [
        { id: "consumer2", topics: c2Topics, owned: r2.consumer2!, generation: 2 },
        { id: "consumer3", topics: all, owned: r1.consumer3!, generation: 1 },
      ],
      ppt,
    );
    expect(r3.consumer2).toHaveLength(6);
    expect(r3.consumer3).toHaveLength(6);
    expect(disjoint(r3.consumer2!, r3.consumer3!)).toBe(true);
  });

  it.each([true, false])("testAssignmentWithMultipleGenerations2 (isAllSubscriptionsEqual=%s)", (equal) => {
    const all = ["topic", "topic2", "topic3"];
    const c1Topics = equal ? all : ["topic"];
    const c3Topics = equal ? all : ["topic", "topic2"];
    const ppt = { topic: 4, topic2: 4, topic3: 4 };
    const r1 = run(
      [
        { id: "consumer1", topics: c1Topics },
        { id: "consumer2", topics: all },
        { id: "consumer3", topics: c3Topics },
      ],
      ppt,
    );
    for (const c of ["consumer1", "consumer2", "consumer3"]) expect(r1[c]).toHaveLength(4);

    const r2 = run([{ id: "consumer2", topics: all, owned: r1.consumer2!, generation: 1 }], ppt);
    expect(r2.consumer2).toHaveLength(12);
    expect(containsAll(r2.consumer2!, r1.consumer2!)).toBe(true);

    const r3 = run(
      [
        { id: "consumer1", topics: c1Topics, owned: r1.consumer1!, generation: 1 },
        { id: "consumer2", topics: all, owned: r2.consumer2!, generation: 2 },
        { id: "consumer3", topics: c3Topics, owned: r1.consumer3!, generation: 1 },
      ],
      ppt,
    );
    for (const c of ["consumer1", "consumer2", "consumer3"]) expect(r3[c]).toHaveLength(4);
  });

  it.each([true, false])("testAssignmentWithConflictingPreviousGenerations (isAllSubscriptionsEqual=%s)", (equal) => {
    const all = ["topic", "topic2", "topic3"];
    const c1Topics = equal ? all : ["topic"];
    const c2Topics = equal ? all : ["topic", "topic2"];
    const ppt = { topic: 4, topic2: 4, topic3: 4 };
    const c1Owned = equal
      ? [tp("topic", 0), tp("topic", 1), tp("topic", 2), tp("topic2", 2), tp("topic2", 3), tp("topic3", 0)]
      : [tp("topic", 0), tp("topic", 1), tp("topic", 2), tp("topic", 3)];
    const c2Owned = [tp("topic", 0), tp("topic", 1), tp("topic2", 0), tp("topic2", 1), tp("topic2", 2), tp("topic2", 3)];
    const c3Owned = [tp("topic", 2), tp("topic", 3), tp("topic3", 0), tp("topic3", 1), tp("topic3", 2), tp("topic3", 3)];
    const a = run(
      [
        { id: "consumer1", topics: c1Topics, owned: c1Owned, generation: 1 },
        { id: "consumer2", topics: c2Topics, owned: c2Owned, generation: 2 },
        { id: "consumer3", topics: all, owned: c3Owned, generation: 2 },
      ],
      ppt,
    );
    for (const c of ["consumer1", "consumer2", "consumer3"]) expect(a[c]).toHaveLength(4);
    expect(containsAll(c2Owned, a.consumer2!)).toBe(true);
    expect(containsAll(c3Owned, a.consumer3!)).toBe(true);
  });

  it("testSchemaBackwardCompatibility (a member whose user data has no generation)", () => {
    const c1Owned = [tp("topic", 0), tp("topic", 2)];
    const c2Owned = [tp("topic", 1)];
    const a = run(
      [
        { id: "consumer1", topics: ["topic"], owned: c1Owned, generation: 1 },
        { id: "consumer2", topics: ["topic"], owned: c2Owned },
        { id: "consumer3", topics: ["topic"] },
      ],
      { topic: 3 },
    );
    for (const c of ["consumer1", "consumer2", "consumer3"]) expect(a[c]).toHaveLength(1);
    expect(containsAll(c1Owned, a.consumer1!)).toBe(true);
    expect(containsAll(c2Owned, a.consumer2!)).toBe(true);
  });

  it("testAssignorWithOldVersionSubscriptions", () => {
    const a = run(
      [
        { id: "consumer1", topics: ["topic1"], owned: [tp("topic1", 0)], generation: 1 },
        { id: "consumer2", topics: ["topic1"], owned: [tp("topic1", 1)], generation: 1 },
        { id: "consumer3", topics: ["topic1"], owned: [], generation: 1 },
      ],
      { topic1: 3 },
    );
    expect(a).toEqual({ consumer1: [tp("topic1", 0)], consumer2: [tp("topic1", 1)], consumer3: [tp("topic1", 2)] });
  });

  it("StickyAssignor javadoc example 1: removing C1 keeps every other partition in place", () => {
    const topics = ["t0", "t1", "t2", "t3"];
    const ppt = { t0: 2, t1: 2, t2: 2, t3: 2 };
    const first = run(["C0", "C1", "C2"].map((id) => ({ id, topics })), ppt);
    expect(first).toEqual({
      C0: [tp("t0", 0), tp("t1", 1), tp("t3", 0)],
      C1: [tp("t0", 1), tp("t2", 0), tp("t3", 1)],
      C2: [tp("t1", 0), tp("t2", 1)],
    });
    const second = run(
      ["C0", "C2"].map((id) => ({ id, topics, owned: first[id]!, generation: 1 })),
      ppt,
    );
    expect(containsAll(second.C0!, first.C0!)).toBe(true);
    expect(containsAll(second.C2!, first.C2!)).toBe(true);
  });

  it("StickyAssignor javadoc example 2: unequal subscriptions, then C0 leaves", () => {
    const ppt = { t0: 1, t1: 2, t2: 3 };
    const first = run(
      [
        { id: "C0", topics: ["t0"] },
        { id: "C1", topics: ["t0", "t1"] },
        { id: "C2", topics: ["t0", "t1", "t2"] },
      ],
      ppt,
      false,
    );
    expect(first).toEqual({ C0: [tp("t0", 0)], C1: [tp("t1", 0), tp("t1", 1)], C2: [tp("t2", 0), tp("t2", 1), tp("t2", 2)] });
    const second = run(
      [
        { id: "C1", topics: ["t0", "t1"], owned: first.C1!, generation: 1 },
        { id: "C2", topics: ["t0", "t1", "t2"], owned: first.C2!, generation: 1 },
      ],
      ppt,
      false,
    );
    expect(second).toEqual({ C1: [tp("t0", 0), tp("t1", 0), tp("t1", 1)], C2: [tp("t2", 0), tp("t2", 1), tp("t2", 2)] });
  });
});
