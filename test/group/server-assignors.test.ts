// Table tests of KIP-848's server-side assignors, cases from Kafka's own group-coordinator
// tests (named per case). Members are passed in the order the Kafka test's TreeMap walks them
// (A, B, C). Only single-topic cases for `uniform`: its multi-topic walk follows a HashSet of
// topic Uuids, which kafkasim does not need (a group subscribes to one topic).

import { describe, expect, it } from "vitest";
import { rangeAssign } from "../../core/group/range-assignor.ts";
import type { AssignorMemberSpec, ServerAssignment } from "../../core/group/server-assignor.ts";
import { PartitionAssignorError } from "../../core/group/server-assignor.ts";
import { uniformAssign } from "../../core/group/uniform-assignor.ts";

type Spec = Record<string, { topics: string[]; target?: Record<string, number[]> }>;

function specs(s: Spec): AssignorMemberSpec[] {
  return Object.entries(s).map(([id, m]) => ({ id, topics: m.topics, target: new Map(Object.entries(m.target ?? {})) }));
}

function plain(a: ServerAssignment): Record<string, Record<string, number[]>> {
  const out: Record<string, Record<string, number[]>> = {};
  for (const [id, topics] of a) out[id] = Object.fromEntries(topics);
  return out;
}

describe("uniformAssign (UniformHomogeneousAssignmentBuilder)", () => {
  const cases: { name: string; members: Spec; partitions: Record<string, number>; expected: Record<string, Record<string, number[]>> }[] = [
    {
      // UniformHomogeneousAssignmentBuilder.maybeRevokePartitions as Kafka 4.0 ships it hands the
      // extra quota to members in memberIds() order, so A and B get one each. Newer Kafka
      // (UniformHomogeneousAssignmentBuilderTest after the KRaftCoordinatorMetadataImage change)
      // expects {A: [], B: [0], C: [1]}.
      name: "OptimizedUniformAssignmentBuilderTest.testFirstAssignmentNumMembersGreaterThanTotalNumPartitions",
      members: { A: { topics: ["topic3"] }, B: { topics: ["topic3"] }, C: { topics: ["topic3"] } },
      partitions: { topic3: 2 },
      expected: { A: { topic3: [0] }, B: { topic3: [1] }, C: {} },
    },
    {
      name: "one member takes every partition",
      members: { A: { topics: ["topic1"] } },
      partitions: { topic1: 3 },
      expected: { A: { topic1: [0, 1, 2] } },
    },
    {
      name: "a member joins: the owners keep their quota, the surplus moves (maybeRevokePartitions)",
      members: { A: { topics: ["t"], target: { t: [0, 1, 2, 3, 4, 5] } }, B: { topics: ["t"], target: { t: [6, 7, 8, 9, 10, 11] } }, C: { topics: ["t"] } },
      partitions: { t: 12 },
      expected: { A: { t: [0, 1, 2, 3] }, B: { t: [6, 7, 8, 9] }, C: { t: [4, 5, 10, 11] } },
    },
    {
      name: "a member leaves: its partitions go to the members below quota, in walk order",
      members: { A: { topics: ["t"], target: { t: [0, 1] } }, C: { topics: ["t"], target: { t: [4, 5] } } },
      partitions: { t: 6 },
      expected: { A: { t: [0, 1, 2] }, C: { t: [3, 4, 5] } },
    },
    {
      name: "the extra partition goes to the first members walked, even if another one had it",
      members: { A: { topics: ["t"], target: { t: [0, 1] } }, B: { topics: ["t"], target: { t: [2, 3, 4] } } },
      partitions: { t: 5 },
      expected: { A: { t: [0, 1, 4] }, B: { t: [2, 3] } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(plain(uniformAssign(specs(c.members), c.partitions))).toEqual(c.expected);
    });
  }

  it("OptimizedUniformAssignmentBuilderTest.testOneMemberSubscribedToNonexistentTopic throws", () => {
    expect(() => uniformAssign(specs({ A: { topics: ["topic2"] } }), { topic1: 3 })).toThrow(PartitionAssignorError);
  });

  it("keeps every member's share within one partition of the others (balance before stickiness)", () => {
    const a = uniformAssign(specs({ A: { topics: ["t"], target: { t: [0, 1, 2, 3, 4, 5, 6] } }, B: { topics: ["t"] }, C: { topics: ["t"] } }), { t: 7 });
    const sizes = [...a.values()].map((m) => m.get("t")?.length ?? 0);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(sizes.reduce((x, y) => x + y, 0)).toBe(7);
  });
});

describe("rangeAssign (group-coordinator RangeAssignor)", () => {
  const cases: { name: string; members: Spec; partitions: Record<string, number>; expected: Record<string, Record<string, number[]>> }[] = [
    {
      name: "RangeAssignorTest.testReassignmentNumConsumersGreaterThanNumPartitionsWhenOneConsumerAdded",
      members: { A: { topics: ["t1", "t2"], target: { t1: [0], t2: [0] } }, B: { topics: ["t1", "t2"], target: { t1: [1], t2: [1] } }, C: { topics: ["t1", "t2"] } },
      partitions: { t1: 2, t2: 2 },
      expected: { A: { t1: [0], t2: [0] }, B: { t1: [1], t2: [1] }, C: {} },
    },
    {
      name: "RangeAssignorTest.testReassignmentWhenOnePartitionAddedForTwoConsumersTwoTopics",
      members: { A: { topics: ["t1", "t2"], target: { t1: [0, 1], t2: [0, 1] } }, B: { topics: ["t1", "t2"], target: { t1: [2], t2: [2] } } },
      partitions: { t1: 4, t2: 4 },
      expected: { A: { t1: [0, 1], t2: [0, 1] }, B: { t1: [2, 3], t2: [2, 3] } },
    },
    {
      name: "RangeAssignorTest.testReassignmentWhenOneConsumerAddedAfterInitialAssignmentWithTwoConsumersTwoTopics",
      members: { A: { topics: ["t1", "t2"], target: { t1: [0, 1], t2: [0, 1] } }, B: { topics: ["t1", "t2"], target: { t1: [2], t2: [2] } }, C: { topics: ["t1", "t2"] } },
      partitions: { t1: 3, t2: 3 },
      expected: { A: { t1: [0], t2: [0] }, B: { t1: [2], t2: [2] }, C: { t1: [1], t2: [1] } },
    },
    {
      name: "RangeAssignorTest.testReassignmentWhenOneConsumerAddedAndOnePartitionAfterInitialAssignmentWithTwoConsumersTwoTopics",
      members: { A: { topics: ["t1", "t2"], target: { t1: [0, 1], t2: [0, 1] } }, B: { topics: ["t1", "t2"], target: { t1: [2], t2: [2] } }, C: { topics: ["t1"] } },
      partitions: { t1: 4, t2: 3 },
      expected: { A: { t1: [0, 1], t2: [0, 1] }, B: { t1: [2], t2: [2] }, C: { t1: [3] } },
    },
    {
      name: "RangeAssignorTest.testReassignmentWhenOneConsumerRemovedAfterInitialAssignmentWithTwoConsumersTwoTopics",
      members: { B: { topics: ["t1", "t2"], target: { t1: [2], t2: [2] } } },
      partitions: { t1: 3, t2: 3 },
      expected: { B: { t1: [0, 1, 2], t2: [0, 1, 2] } },
    },
    {
      name: "RangeAssignorTest.testReassignmentWhenMultipleSubscriptionsRemovedAfterInitialAssignmentWithThreeConsumersTwoTopics",
      members: {
        A: { topics: ["t1"], target: { t1: [0, 1, 2], t2: [0] } },
        B: { topics: ["t1", "t2", "t3"], target: { t2: [1] } },
        C: { topics: ["t2"], target: { t2: [2], t3: [0, 1] } },
      },
      partitions: { t1: 3, t2: 3, t3: 2 },
      expected: { A: { t1: [0, 1] }, B: { t1: [2], t2: [0, 1], t3: [0, 1] }, C: { t2: [2] } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(plain(rangeAssign(specs(c.members), c.partitions))).toEqual(c.expected);
    });
  }
});
