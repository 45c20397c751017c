// Ports of clients/src/test/java/org/apache/kafka/clients/consumer/RangeAssignorTest.java
// (the non-rack-aware cases). Each case names the Kafka test method it reproduces.
import { describe, expect, it } from "vitest";
import { assign } from "../../core/assignors/assign.ts";
import type { GroupAssignment, GroupMember } from "../../core/assignors/types.ts";
import { tp } from "./helpers.ts";

interface Case {
  readonly kafkaTest: string;
  readonly partitionsPerTopic: Record<string, number>;
  readonly members: GroupMember[];
  readonly expected: GroupAssignment;
}

const both = ["topic1", "topic2"];
const staticMember = (id: string, instance: string, topics = both): GroupMember => ({ id, topics, groupInstanceId: instance });

const cases: Case[] = [
  {
    kafkaTest: "testOneConsumerNoTopic",
    partitionsPerTopic: {},
    members: [{ id: "consumer1", topics: [] }],
    expected: { consumer1: [] },
  },
  {
    kafkaTest: "testOneConsumerNonexistentTopic",
    partitionsPerTopic: {},
    members: [{ id: "consumer1", topics: ["topic1"] }],
    expected: { consumer1: [] },
  },
  {
    kafkaTest: "testOneConsumerOneTopic",
    partitionsPerTopic: { topic1: 3 },
    members: [{ id: "consumer1", topics: ["topic1"] }],
    expected: { consumer1: [tp("topic1", 0), tp("topic1", 1), tp("topic1", 2)] },
  },
  {
    kafkaTest: "testOnlyAssignsPartitionsFromSubscribedTopics",
    partitionsPerTopic: { topic1: 3, other: 3 },
    members: [{ id: "consumer1", topics: ["topic1"] }],
    expected: { consumer1: [tp("topic1", 0), tp("topic1", 1), tp("topic1", 2)] },
  },
  {
    kafkaTest: "testOneConsumerMultipleTopics",
    partitionsPerTopic: { topic1: 1, topic2: 2 },
    members: [{ id: "consumer1", topics: both }],
    expected: { consumer1: [tp("topic1", 0), tp("topic2", 0), tp("topic2", 1)] },
  },
  {
    kafkaTest: "testTwoConsumersOneTopicOnePartition",
    partitionsPerTopic: { topic1: 1 },
    members: [{ id: "consumer1", topics: ["topic1"] }, { id: "consumer2", topics: ["topic1"] }],
    expected: { consumer1: [tp("topic1", 0)], consumer2: [] },
  },
  {
    kafkaTest: "testTwoConsumersOneTopicTwoPartitions",
    partitionsPerTopic: { topic1: 2 },
    members: [{ id: "consumer1", topics: ["topic1"] }, { id: "consumer2", topics: ["topic1"] }],
    expected: { consumer1: [tp("topic1", 0)], consumer2: [tp("topic1", 1)] },
  },
  {
    kafkaTest: "testMultipleConsumersMixedTopics",
    partitionsPerTopic: { topic1: 3, topic2: 2 },
    members: [
      { id: "consumer1", topics: ["topic1"] },
      { id: "consumer2", topics: both },
      { id: "consumer3", topics: ["topic1"] },
    ],
    expected: {
      consumer1: [tp("topic1", 0)],
      consumer2: [tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)],
      consumer3: [tp("topic1", 2)],
    },
  },
  {
    kafkaTest: "testTwoConsumersTwoTopicsSixPartitions",
    partitionsPerTopic: { topic1: 3, topic2: 3 },
    members: [{ id: "consumer1", topics: both }, { id: "consumer2", topics: both }],
    expected: {
      consumer1: [tp("topic1", 0), tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)],
      consumer2: [tp("topic1", 2), tp("topic2", 2)],
    },
  },
  {
    // consumer-b sorts after consumer-a by member id, but first by group.instance.id.
    kafkaTest: "testTwoStaticConsumersTwoTopicsSixPartitions",
    partitionsPerTopic: { topic1: 3, topic2: 3 },
    members: [staticMember("consumer-b", "instance1"), staticMember("consumer-a", "instance2")],
    expected: {
      "consumer-b": [tp("topic1", 0), tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)],
      "consumer-a": [tp("topic1", 2), tp("topic2", 2)],
    },
  },
  {
    kafkaTest: "testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions",
    partitionsPerTopic: { topic1: 3, topic2: 3 },
    members: [staticMember("consumer-b", "instance1"), { id: "consumer-a", topics: both }],
    expected: {
      "consumer-b": [tp("topic1", 0), tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)],
      "consumer-a": [tp("topic1", 2), tp("topic2", 2)],
    },
  },
  {
    kafkaTest: "testStaticMemberRangeAssignmentPersistent (dynamic consumer4)",
    partitionsPerTopic: { topic1: 5, topic2: 4 },
    members: [
      staticMember("consumer1", "instance1"),
      staticMember("consumer2", "instance2"),
      staticMember("consumer3", "instance3"),
      { id: "consumer4", topics: both },
    ],
    expected: {
      consumer1: [tp("topic1", 0), tp("topic1", 1), tp("topic2", 0)],
      consumer2: [tp("topic1", 2), tp("topic2", 1)],
      consumer3: [tp("topic1", 3), tp("topic2", 2)],
      consumer4: [tp("topic1", 4), tp("topic2", 3)],
    },
  },
  {
    kafkaTest: "testStaticMemberRangeAssignmentPersistent (consumer4 replaced by consumer5)",
    partitionsPerTopic: { topic1: 5, topic2: 4 },
    members: [
      staticMember("consumer1", "instance1"),
      staticMember("consumer2", "instance2"),
      staticMember("consumer3", "instance3"),
      { id: "consumer5", topics: both },
    ],
    expected: {
      consumer1: [tp("topic1", 0), tp("topic1", 1), tp("topic2", 0)],
      consumer2: [tp("topic1", 2), tp("topic2", 1)],
      consumer3: [tp("topic1", 3), tp("topic2", 2)],
      consumer5: [tp("topic1", 4), tp("topic2", 3)],
    },
  },
];

describe("range assignor (RangeAssignorTest)", () => {
  it.each(cases)("$kafkaTest", ({ partitionsPerTopic, members, expected }) => {
    expect(assign("range", members, partitionsPerTopic)).toEqual(expected);
  });

  it("testStaticMemberRangeAssignmentPersistentAfterMemberIdChanges", () => {
    const ppt = { topic1: 5, topic2: 5 };
    const byInstance = (members: GroupMember[]) => {
      const a = assign("range", members, ppt);
      return Object.fromEntries(members.map((m) => [m.groupInstanceId!, a[m.id]!]));
    };
    const before = byInstance([
      staticMember("consumer1", "instance1"),
      staticMember("consumer2", "instance2"),
      staticMember("consumer3", "instance3"),
    ]);
    expect(before).toEqual({
      instance1: [tp("topic1", 0), tp("topic1", 1), tp("topic2", 0), tp("topic2", 1)],
      instance2: [tp("topic1", 2), tp("topic1", 3), tp("topic2", 2), tp("topic2", 3)],
      instance3: [tp("topic1", 4), tp("topic2", 4)],
    });
    // The same instances rejoin with new member ids: same assignment per instance.
    const after = byInstance([
      staticMember("consumer1", "instance1"),
      staticMember("consumer5", "instance2"),
      staticMember("consumer4", "instance3"),
    ]);
    expect(after).toEqual(before);
  });

  it("does not depend on the order members are listed in", () => {
    const members: GroupMember[] = [
      { id: "c", topics: both },
      { id: "a", topics: ["topic1"] },
      { id: "b", topics: both },
    ];
    const ppt = { topic1: 7, topic2: 5 };
    expect(assign("range", [...members].reverse(), ppt)).toEqual(assign("range", members, ppt));
  });
});
