// Table tests of KIP-848's reconciliation engine (CurrentAssignmentBuilder), each case taken
// from Kafka's CurrentAssignmentBuilderTest (named per case; topic1/topic2 as t1/t2).

import { describe, expect, it } from "vitest";
import type { ConsumerGroupMember, ConsumerMemberState } from "../../core/group/consumer-group.ts";
import { reconcile, type ReconciledFields } from "../../core/group/current-assignment-builder.ts";
import type { PartitionList } from "../../core/protocol/group-messages.ts";

type Parts = Record<string, number[]>;

function member(state: ConsumerMemberState, memberEpoch: number, previousMemberEpoch: number, assigned: Parts, pending: Parts = {}): ConsumerGroupMember {
  return {
    memberId: "member",
    instanceId: null,
    memberEpoch,
    previousMemberEpoch,
    state,
    rebalanceTimeoutMs: 300_000,
    subscribedTopics: ["t1", "t2"],
    serverAssignor: null,
    assigned: new Map(Object.entries(assigned)),
    pendingRevocation: new Map(Object.entries(pending)),
    sessionTimer: null,
    rebalanceTimer: null,
  };
}

function owned(p: Parts): PartitionList {
  return Object.entries(p).flatMap(([topic, ps]) => ps.map((partition) => ({ topic, partition })));
}

function plain(f: ReconciledFields): { state: string; memberEpoch: number; previousMemberEpoch: number; assigned: Parts; pending: Parts } {
  const obj = (m: ReadonlyMap<string, readonly number[]>): Parts => Object.fromEntries([...m].filter(([, ps]) => ps.length > 0).map(([t, ps]) => [t, [...ps].sort((a, b) => a - b)]));
  return { state: f.state, memberEpoch: f.memberEpoch, previousMemberEpoch: f.previousMemberEpoch, assigned: obj(f.assigned), pending: obj(f.pendingRevocation) };
}

interface Case {
  name: string;
  member: ConsumerGroupMember;
  targetEpoch: number;
  target: Parts;
  epochOf: (topic: string, partition: number) => number;
  owned: PartitionList | null;
  expected: { state: ConsumerMemberState; memberEpoch: number; previousMemberEpoch: number; assigned: Parts; pending: Parts };
}

const cases: Case[] = [
  {
    name: "testStableToStable",
    member: member("STABLE", 10, 10, { t1: [1, 2, 3], t2: [4, 5, 6] }),
    targetEpoch: 11,
    target: { t1: [1, 2, 3], t2: [4, 5, 6] },
    epochOf: () => 10,
    owned: null,
    expected: { state: "STABLE", memberEpoch: 11, previousMemberEpoch: 10, assigned: { t1: [1, 2, 3], t2: [4, 5, 6] }, pending: {} },
  },
  {
    name: "testStableToStableWithNewPartitions",
    member: member("STABLE", 10, 10, { t1: [1, 2, 3], t2: [4, 5, 6] }),
    targetEpoch: 11,
    target: { t1: [1, 2, 3, 4], t2: [4, 5, 6, 7] },
    epochOf: () => -1,
    owned: null,
    expected: { state: "STABLE", memberEpoch: 11, previousMemberEpoch: 10, assigned: { t1: [1, 2, 3, 4], t2: [4, 5, 6, 7] }, pending: {} },
  },
  {
    name: "testStableToUnrevokedPartitions",
    member: member("STABLE", 10, 10, { t1: [1, 2, 3], t2: [4, 5, 6] }),
    targetEpoch: 11,
    target: { t1: [2, 3, 4], t2: [5, 6, 7] },
    epochOf: () => -1,
    owned: null,
    expected: { state: "UNREVOKED_PARTITIONS", memberEpoch: 10, previousMemberEpoch: 10, assigned: { t1: [2, 3], t2: [5, 6] }, pending: { t1: [1], t2: [4] } },
  },
  {
    name: "testStableToUnreleasedPartitions",
    member: member("STABLE", 10, 10, { t1: [1, 2, 3], t2: [4, 5, 6] }),
    targetEpoch: 11,
    target: { t1: [1, 2, 3, 4], t2: [4, 5, 6, 7] },
    epochOf: () => 10,
    owned: null,
    expected: { state: "UNRELEASED_PARTITIONS", memberEpoch: 11, previousMemberEpoch: 10, assigned: { t1: [1, 2, 3], t2: [4, 5, 6] }, pending: {} },
  },
  {
    name: "testStableToUnreleasedPartitionsWithOwnedPartitionsNotHavingRevokedPartitions",
    member: member("STABLE", 10, 10, { t1: [1, 2, 3], t2: [4, 5, 6] }),
    targetEpoch: 11,
    target: { t1: [1, 2, 3], t2: [4, 5, 7] },
    epochOf: (t) => (t === "t2" ? 10 : -1),
    owned: [],
    expected: { state: "UNRELEASED_PARTITIONS", memberEpoch: 11, previousMemberEpoch: 10, assigned: { t1: [1, 2, 3], t2: [4, 5] }, pending: {} },
  },
  {
    name: "testUnrevokedPartitionsToStable",
    member: member("UNREVOKED_PARTITIONS", 10, 10, { t1: [2, 3], t2: [5, 6] }, { t1: [1], t2: [4] }),
    targetEpoch: 11,
    target: { t1: [2, 3], t2: [5, 6] },
    epochOf: () => -1,
    owned: owned({ t1: [2, 3], t2: [5, 6] }),
    expected: { state: "STABLE", memberEpoch: 11, previousMemberEpoch: 10, assigned: { t1: [2, 3], t2: [5, 6] }, pending: {} },
  },
  {
    name: "testRemainsInUnrevokedPartitions (still owns t1-1)",
    member: member("UNREVOKED_PARTITIONS", 10, 10, { t1: [2, 3], t2: [5, 6] }, { t1: [1], t2: [4] }),
    targetEpoch: 12,
    target: { t1: [3], t2: [6] },
    epochOf: () => -1,
    owned: owned({ t1: [1, 2, 3], t2: [5, 6] }),
    expected: { state: "UNREVOKED_PARTITIONS", memberEpoch: 10, previousMemberEpoch: 10, assigned: { t1: [2, 3], t2: [5, 6] }, pending: { t1: [1], t2: [4] } },
  },
  {
    name: "testRemainsInUnrevokedPartitions (no owned partitions reported)",
    member: member("UNREVOKED_PARTITIONS", 10, 10, { t1: [2, 3], t2: [5, 6] }, { t1: [1], t2: [4] }),
    targetEpoch: 12,
    target: { t1: [3], t2: [6] },
    epochOf: () => -1,
    owned: null,
    expected: { state: "UNREVOKED_PARTITIONS", memberEpoch: 10, previousMemberEpoch: 10, assigned: { t1: [2, 3], t2: [5, 6] }, pending: { t1: [1], t2: [4] } },
  },
  {
    name: "testUnrevokedPartitionsToUnrevokedPartitions",
    member: member("UNREVOKED_PARTITIONS", 10, 10, { t1: [2, 3], t2: [5, 6] }, { t1: [1], t2: [4] }),
    targetEpoch: 12,
    target: { t1: [3], t2: [6] },
    epochOf: () => -1,
    owned: owned({ t1: [2, 3], t2: [5, 6] }),
    expected: { state: "UNREVOKED_PARTITIONS", memberEpoch: 10, previousMemberEpoch: 10, assigned: { t1: [3], t2: [6] }, pending: { t1: [2], t2: [5] } },
  },
  {
    name: "testUnrevokedPartitionsToUnreleasedPartitions",
    member: member("UNREVOKED_PARTITIONS", 11, 10, { t1: [2, 3], t2: [5, 6] }),
    targetEpoch: 11,
    target: { t1: [2, 3, 4], t2: [5, 6, 7] },
    epochOf: () => 10,
    owned: owned({ t1: [2, 3], t2: [5, 6] }),
    expected: { state: "UNRELEASED_PARTITIONS", memberEpoch: 11, previousMemberEpoch: 11, assigned: { t1: [2, 3], t2: [5, 6] }, pending: {} },
  },
  {
    name: "testUnrevokedPartitionsToStableWithReturnedPartitionsPendingRevocation",
    member: member("UNREVOKED_PARTITIONS", 10, 10, { t1: [2, 3], t2: [5, 6] }, { t1: [4] }),
    targetEpoch: 12,
    target: { t1: [2, 3, 4], t2: [5, 6, 7] },
    epochOf: (t, p) => ((t === "t1" && p >= 2 && p <= 4) || (t === "t2" && (p === 5 || p === 6)) ? 10 : -1),
    owned: owned({ t1: [2, 3], t2: [5, 6] }),
    expected: { state: "STABLE", memberEpoch: 12, previousMemberEpoch: 10, assigned: { t1: [2, 3, 4], t2: [5, 6, 7] }, pending: {} },
  },
  {
    name: "testUnreleasedPartitionsToStable",
    member: member("UNRELEASED_PARTITIONS", 11, 11, { t1: [2, 3], t2: [5, 6] }),
    targetEpoch: 12,
    target: { t1: [2, 3], t2: [5, 6] },
    epochOf: () => 10,
    owned: null,
    expected: { state: "STABLE", memberEpoch: 12, previousMemberEpoch: 11, assigned: { t1: [2, 3], t2: [5, 6] }, pending: {} },
  },
  {
    name: "testUnreleasedPartitionsToStableWithNewPartitions",
    member: member("UNRELEASED_PARTITIONS", 11, 11, { t1: [2, 3], t2: [5, 6] }),
    targetEpoch: 11,
    target: { t1: [2, 3, 4], t2: [5, 6, 7] },
    epochOf: () => -1,
    owned: null,
    expected: { state: "STABLE", memberEpoch: 11, previousMemberEpoch: 11, assigned: { t1: [2, 3, 4], t2: [5, 6, 7] }, pending: {} },
  },
  {
    name: "testUnreleasedPartitionsToUnreleasedPartitions",
    member: member("UNRELEASED_PARTITIONS", 11, 11, { t1: [2, 3], t2: [5, 6] }),
    targetEpoch: 11,
    target: { t1: [2, 3, 4], t2: [5, 6, 7] },
    epochOf: () => 10,
    owned: null,
    expected: { state: "UNRELEASED_PARTITIONS", memberEpoch: 11, previousMemberEpoch: 11, assigned: { t1: [2, 3], t2: [5, 6] }, pending: {} },
  },
  {
    name: "testUnreleasedPartitionsToUnrevokedPartitions",
    member: member("UNRELEASED_PARTITIONS", 11, 11, { t1: [2, 3], t2: [5, 6] }),
    targetEpoch: 12,
    target: { t1: [3], t2: [6] },
    epochOf: () => 10,
    owned: null,
    expected: { state: "UNREVOKED_PARTITIONS", memberEpoch: 11, previousMemberEpoch: 11, assigned: { t1: [3], t2: [6] }, pending: { t1: [2], t2: [5] } },
  },
];

describe("reconcile (CurrentAssignmentBuilder)", () => {
  for (const c of cases) {
    it(`CurrentAssignmentBuilderTest.${c.name}`, () => {
      const result = reconcile(c.member, { targetEpoch: c.targetEpoch, target: new Map(Object.entries(c.target)), partitionEpoch: c.epochOf, owned: c.owned });
      expect(plain(result)).toEqual(c.expected);
    });
  }
});
