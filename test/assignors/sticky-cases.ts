// Single-round cases of clients/src/test/java/org/apache/kafka/clients/consumer/internals/
// AbstractStickyAssignorTest.java, which Kafka runs against both StickyAssignor and
// CooperativeStickyAssignor. `expected` is the assignment Kafka asserts after
// verifyValidityAndBalance (for the cooperative assignor that is after the follow-up rebalances);
// `transferring` is what Kafka asserts for assignor.partitionsTransferringOwnership
// (null: the general path ran).
import type { GroupMember, TopicPartition } from "../../core/assignors/types.ts";
import { parsePartitions, tp } from "./helpers.ts";

export interface StickyCase {
  readonly kafkaTest: string;
  readonly partitionsPerTopic: Record<string, number>;
  readonly members: GroupMember[];
  readonly expected?: Record<string, TopicPartition[]>;
  readonly transferring?: Record<string, string> | null;
  /** false where Kafka's test does not assert isFullyBalanced. */
  readonly fullyBalanced?: false;
}

const gen = 1;
const sub = (id: string, topics: string[]): GroupMember => ({ id, topics });
const owning = (id: string, topics: string[], owned: TopicPartition[], generation: number | undefined = gen): GroupMember => ({
  id,
  topics,
  owned,
  generation,
});
const t12 = ["topic1", "topic2"];
const abc = ["t1", "t2", "t3"];

export const STICKY_CASES: StickyCase[] = [
  {
    kafkaTest: "testOneConsumerNoTopic",
    partitionsPerTopic: {},
    members: [sub("consumer", [])],
    expected: { consumer: [] },
    transferring: {},
  },
  {
    kafkaTest: "testOneConsumerNonexistentTopic",
    partitionsPerTopic: { topic: 0 },
    members: [sub("consumer", ["topic"])],
    expected: { consumer: [] },
    transferring: {},
  },
  {
    kafkaTest: "testOneConsumerOneTopic",
    partitionsPerTopic: { topic: 3 },
    members: [sub("consumer", ["topic"])],
    expected: { consumer: [tp("topic", 0), tp("topic", 1), tp("topic", 2)] },
    transferring: {},
  },
  {
    kafkaTest: "testOnlyAssignsPartitionsFromSubscribedTopics",
    partitionsPerTopic: { topic: 2 },
    members: [owning("consumer", ["topic"], [tp("topic", 0), tp("topic", 1), tp("other", 0), tp("other", 1)])],
    expected: { consumer: [tp("topic", 0), tp("topic", 1)] },
    transferring: {},
  },
  {
    kafkaTest: "testOneConsumerMultipleTopics",
    partitionsPerTopic: { topic1: 1, topic2: 2 },
    members: [sub("consumer", t12)],
    expected: { consumer: [tp("topic1", 0), tp("topic2", 0), tp("topic2", 1)] },
    transferring: {},
  },
  {
    kafkaTest: "testTwoConsumersOneTopicOnePartition",
    partitionsPerTopic: { topic: 1 },
    members: [sub("consumer1", ["topic"]), sub("consumer2", ["topic"])],
    transferring: {},
  },
  {
    kafkaTest: "testTwoConsumersOneTopicTwoPartitions",
    partitionsPerTopic: { topic: 2 },
    members: [sub("consumer1", ["topic"]), sub("consumer2", ["topic"])],
    expected: { consumer1: [tp("topic", 0)], consumer2: [tp("topic", 1)] },
    transferring: {},
  },
  {
    kafkaTest: "testMultipleConsumersMixedTopicSubscriptions",
    partitionsPerTopic: { topic1: 3, topic2: 2 },
    members: [sub("consumer1", ["topic1"]), sub("consumer2", t12), sub("consumer3", ["topic1"])],
    expected: {
      consumer1: [tp("topic1", 0), tp("topic1", 2)],
      consumer2: [tp("topic2", 0), tp("topic2", 1)],
      consumer3: [tp("topic1", 1)],
    },
    transferring: null,
  },
  {
    kafkaTest: "testTwoConsumersTwoTopicsSixPartitions",
    partitionsPerTopic: { topic1: 3, topic2: 3 },
    members: [sub("consumer1", t12), sub("consumer2", t12)],
    expected: {
      consumer1: [tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)],
      consumer2: [tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)],
    },
    transferring: {},
  },
  {
    kafkaTest: "testConsumerOwningMinQuotaExpectedMaxQuota",
    partitionsPerTopic: { topic1: 2, topic2: 3 },
    members: [
      owning("consumer1", t12, [tp("topic1", 0), tp("topic2", 1)]),
      owning("consumer2", t12, [tp("topic1", 1), tp("topic2", 2)]),
    ],
    expected: {
      consumer1: [tp("topic1", 0), tp("topic2", 0), tp("topic2", 1)],
      consumer2: [tp("topic1", 1), tp("topic2", 2)],
    },
    transferring: {},
  },
  {
    kafkaTest: "testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers",
    partitionsPerTopic: { topic1: 2, topic2: 2 },
    members: [
      owning("consumer1", t12, [tp("topic1", 0), tp("topic2", 0)]),
      owning("consumer2", t12, [tp("topic1", 1), tp("topic2", 1)]),
      owning("consumer3", t12, []),
    ],
    expected: {
      consumer1: [tp("topic1", 0)],
      consumer2: [tp("topic1", 1), tp("topic2", 1)],
      consumer3: [tp("topic2", 0)],
    },
    transferring: { "topic2-0": "consumer3" },
  },
  {
    kafkaTest: "testAllConsumersAreUnderMinQuota",
    partitionsPerTopic: { topic1: 2, topic2: 3 },
    members: [
      owning("consumer1", t12, [tp("topic1", 0)]),
      owning("consumer2", t12, [tp("topic1", 1)]),
      owning("consumer3", t12, []),
    ],
    expected: {
      consumer1: [tp("topic1", 0), tp("topic2", 1)],
      consumer2: [tp("topic1", 1), tp("topic2", 2)],
      consumer3: [tp("topic2", 0)],
    },
    transferring: {},
  },
  {
    kafkaTest: "testAllConsumersReachExpectedQuotaAndAreConsideredFilled",
    partitionsPerTopic: { topic: 4 },
    members: [
      owning("consumer1", ["topic"], [tp("topic", 0), tp("topic", 1)]),
      owning("consumer2", ["topic"], [tp("topic", 2)]),
      owning("consumer3", ["topic"], []),
    ],
    expected: {
      consumer1: [tp("topic", 0), tp("topic", 1)],
      consumer2: [tp("topic", 2)],
      consumer3: [tp("topic", 3)],
    },
    transferring: {},
  },
  {
    kafkaTest: "testOwnedPartitionsAreInvalidatedForConsumerWithStaleGeneration",
    partitionsPerTopic: { topic: 3, topic2: 3 },
    members: [
      owning("consumer1", ["topic", "topic2"], [tp("topic", 0), tp("topic", 2), tp("topic2", 1)], 10),
      owning("consumer2", ["topic", "topic2"], [tp("topic", 0), tp("topic", 2), tp("topic2", 1)], 9),
    ],
    expected: {
      consumer1: [tp("topic", 0), tp("topic", 2), tp("topic2", 1)],
      consumer2: [tp("topic", 1), tp("topic2", 0), tp("topic2", 2)],
    },
    transferring: {},
  },
  {
    kafkaTest: "testOwnedPartitionsAreInvalidatedForConsumerWithNoGeneration",
    partitionsPerTopic: { topic: 3, topic2: 3 },
    members: [
      owning("consumer1", ["topic", "topic2"], [tp("topic", 0), tp("topic", 2), tp("topic2", 1)], 10),
      owning("consumer2", ["topic", "topic2"], [tp("topic", 0), tp("topic", 2), tp("topic2", 1)], -1),
    ],
    expected: {
      consumer1: [tp("topic", 0), tp("topic", 2), tp("topic2", 1)],
      consumer2: [tp("topic", 1), tp("topic2", 0), tp("topic2", 2)],
    },
    transferring: {},
  },
  {
    kafkaTest: "testPartitionsTransferringOwnershipIncludeThePartitionClaimedByMultipleConsumersInSameGeneration",
    partitionsPerTopic: { topic: 3 },
    members: [
      owning("consumer1", ["topic"], [tp("topic", 0), tp("topic", 1)]),
      owning("consumer2", ["topic"], [tp("topic", 0), tp("topic", 2)]),
      owning("consumer3", ["topic"], []),
    ],
    expected: { consumer1: [tp("topic", 1)], consumer2: [tp("topic", 2)], consumer3: [tp("topic", 0)] },
    transferring: { "topic-0": "consumer3" },
  },
  {
    kafkaTest: "testEnsurePartitionsAssignedToHighestGeneration",
    partitionsPerTopic: { topic: 3, topic2: 3, topic3: 3 },
    members: [
      owning("consumer1", ["topic", "topic2", "topic3"], [tp("topic", 0), tp("topic2", 0), tp("topic3", 0)], 10),
      owning("consumer2", ["topic", "topic2", "topic3"], [tp("topic", 1), tp("topic2", 1), tp("topic3", 1)], 9),
      owning("consumer3", ["topic", "topic2", "topic3"], [tp("topic2", 1), tp("topic3", 0), tp("topic3", 2)], 8),
    ],
    expected: {
      consumer1: [tp("topic", 0), tp("topic2", 0), tp("topic3", 0)],
      consumer2: [tp("topic", 1), tp("topic2", 1), tp("topic3", 1)],
      consumer3: [tp("topic", 2), tp("topic2", 2), tp("topic3", 2)],
    },
    transferring: {},
  },
  {
    kafkaTest: "testOwnedPartitionsAreInvalidatedForConsumerWithMultipleGeneration",
    partitionsPerTopic: { topic: 3, topic2: 3 },
    members: [
      owning("consumer1", ["topic", "topic2"], [tp("topic", 0), tp("topic2", 1), tp("topic", 1)], 10),
      owning("consumer2", ["topic", "topic2"], [tp("topic", 0), tp("topic2", 1), tp("topic2", 2)], 8),
    ],
    expected: {
      consumer1: [tp("topic", 0), tp("topic", 1), tp("topic2", 1)],
      consumer2: [tp("topic", 2), tp("topic2", 0), tp("topic2", 2)],
    },
    transferring: {},
  },
  {
    kafkaTest: "testNoReassignmentOnCurrentMembers",
    partitionsPerTopic: { topic: 3, topic1: 3, topic2: 3, topic3: 3 },
    members: [
      owning("consumer1", ["topic", "topic2", "topic3", "topic1"], [], -1),
      owning("consumer2", ["topic", "topic2", "topic3", "topic1"], [tp("topic", 0), tp("topic2", 0), tp("topic1", 0)], 9),
      owning("consumer3", ["topic", "topic2", "topic3", "topic1"], [tp("topic3", 2), tp("topic2", 2), tp("topic1", 1)], 8),
      owning("consumer4", ["topic", "topic2", "topic3", "topic1"], [tp("topic3", 1), tp("topic", 1), tp("topic", 2)], 7),
    ],
    expected: {
      consumer1: [tp("topic1", 2), tp("topic2", 1), tp("topic3", 0)],
      consumer2: [tp("topic", 0), tp("topic1", 0), tp("topic2", 0)],
      consumer3: [tp("topic1", 1), tp("topic2", 2), tp("topic3", 2)],
      consumer4: [tp("topic", 1), tp("topic", 2), tp("topic3", 1)],
    },
    transferring: {},
  },
  {
    kafkaTest: "testPoorRoundRobinAssignmentScenario",
    partitionsPerTopic: { topic1: 2, topic2: 1, topic3: 2, topic4: 1, topic5: 2 },
    members: [
      sub("consumer1", ["topic1", "topic2", "topic3", "topic4", "topic5"]),
      sub("consumer2", ["topic1", "topic3", "topic5"]),
      sub("consumer3", ["topic1", "topic3", "topic5"]),
      sub("consumer4", ["topic1", "topic2", "topic3", "topic4", "topic5"]),
    ],
    fullyBalanced: false,
  },
  {
    kafkaTest: "testMoveExistingAssignments",
    partitionsPerTopic: { topic1: 1, topic2: 1, topic3: 1, topic4: 1, topic5: 1, topic6: 1 },
    members: [
      owning("consumer1", ["topic1", "topic2"], [tp("topic1", 0)]),
      owning("consumer2", ["topic1", "topic2", "topic3", "topic4"], [tp("topic2", 0), tp("topic3", 0)]),
      owning("consumer3", ["topic2", "topic3", "topic4", "topic5", "topic6"], [tp("topic4", 0), tp("topic5", 0), tp("topic6", 0)]),
    ],
    transferring: null,
    fullyBalanced: false,
  },
  {
    kafkaTest: "testAssignmentUpdatedForDeletedTopic",
    partitionsPerTopic: { topic1: 1, topic3: 100 },
    members: [sub("consumer", ["topic1", "topic2", "topic3"])],
    transferring: {},
  },
  {
    kafkaTest: "testRackAwareAssignmentWithUniformSubscription (non-rack-aware assignment)",
    partitionsPerTopic: { t1: 6, t2: 7, t3: 2 },
    members: [sub("consumer0", abc), sub("consumer1", abc), sub("consumer2", abc)],
    expected: {
      consumer0: parsePartitions("t1-0, t1-3, t2-0, t2-3, t2-6"),
      consumer1: parsePartitions("t1-1, t1-4, t2-1, t2-4, t3-0"),
      consumer2: parsePartitions("t1-2, t1-5, t2-2, t2-5, t3-1"),
    },
  },
  {
    kafkaTest: "testRackAwareAssignmentWithUniformSubscription (owned = expected, unchanged)",
    partitionsPerTopic: { t1: 6, t2: 7, t3: 2 },
    members: [
      owning("consumer0", abc, parsePartitions("t1-0, t1-3, t2-0, t2-3, t2-6"), -1),
      owning("consumer1", abc, parsePartitions("t1-1, t1-4, t2-1, t2-4, t3-0"), -1),
      owning("consumer2", abc, parsePartitions("t1-2, t1-5, t2-2, t2-5, t3-1"), -1),
    ],
    expected: {
      consumer0: parsePartitions("t1-0, t1-3, t2-0, t2-3, t2-6"),
      consumer1: parsePartitions("t1-1, t1-4, t2-1, t2-4, t3-0"),
      consumer2: parsePartitions("t1-2, t1-5, t2-2, t2-5, t3-1"),
    },
    transferring: {},
  },
  {
    kafkaTest: "testRackAwareAssignmentWithNonEqualSubscription (non-rack-aware assignment)",
    partitionsPerTopic: { t1: 6, t2: 7, t3: 2 },
    members: [sub("consumer0", abc), sub("consumer1", abc), sub("consumer2", ["t1", "t3"])],
    expected: {
      consumer0: parsePartitions("t1-5, t2-0, t2-2, t2-4, t2-6"),
      consumer1: parsePartitions("t1-3, t2-1, t2-3, t2-5, t3-0"),
      consumer2: parsePartitions("t1-0, t1-1, t1-2, t1-4, t3-1"),
    },
    transferring: null,
  },
  {
    kafkaTest: "testRackAwareAssignmentWithNonEqualSubscription (owned = expected, unchanged)",
    partitionsPerTopic: { t1: 6, t2: 7, t3: 2 },
    members: [
      owning("consumer0", abc, parsePartitions("t1-5, t2-0, t2-2, t2-4, t2-6"), -1),
      owning("consumer1", abc, parsePartitions("t1-3, t2-1, t2-3, t2-5, t3-0"), -1),
      owning("consumer2", ["t1", "t3"], parsePartitions("t1-0, t1-1, t1-2, t1-4, t3-1"), -1),
    ],
    expected: {
      consumer0: parsePartitions("t1-5, t2-0, t2-2, t2-4, t2-6"),
      consumer1: parsePartitions("t1-3, t2-1, t2-3, t2-5, t3-0"),
      consumer2: parsePartitions("t1-0, t1-1, t1-2, t1-4, t3-1"),
    },
    transferring: null,
  },
];
