// Ports of clients/src/test/java/org/apache/kafka/clients/consumer/RoundRobinAssignorTest.java.
// Each case names the Kafka test method it reproduces.
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
const staticMember = (id: string, instance: string): GroupMember => ({ id, topics: both, groupInstanceId: instance });

const cases: Case[] = [
  {
    kafkaTest: "testOneConsumerNoTopic",
    partitionsPerTopic: {},
    members: [{ id: "consumer", topics: [] }],
    expected: { consumer: [] },
  },
  {
    kafkaTest: "testOneConsumerNonexistentTopic",
    partitionsPerTopic: {},
    members: [{ id: "consumer", topics: ["topic"] }],
    expected: { consumer: [] },
  },
  {
    kafkaTest: "testOneConsumerOneTopic",
    partitionsPerTopic: { topic: 3 },
    members: [{ id: "consumer", topics: ["topic"] }],
    expected: { consumer: [tp("topic", 0), tp("topic", 1), tp("topic", 2)] },
  },
  {
    kafkaTest: "testOnlyAssignsPartitionsFromSubscribedTopics",
    partitionsPerTopic: { topic: 3, other: 3 },
    members: [{ id: "consumer", topics: ["topic"] }],
    expected: { consumer: [tp("topic", 0), tp("topic", 1), tp("topic", 2)] },
  },
  {
    kafkaTest: "testOneConsumerMultipleTopics",
    partitionsPerTopic: { topic1: 1, topic2: 2 },
    members: [{ id: "consumer", topics: both }],
    expected: { consumer: [tp("topic1", 0), tp("topic2", 0), tp("topic2", 1)] },
  },
  {
    kafkaTest: "testTwoConsumersOneTopicOnePartition",
    partitionsPerTopic: { topic: 1 },
    members: [{ id: "consumer1", topics: ["topic"] }, { id: "consumer2", topics: ["topic"] }],
    expected: { consumer1: [tp("topic", 0)], consumer2: [] },
  },
  {
    kafkaTest: "testTwoConsumersOneTopicTwoPartitions",
    partitionsPerTopic: { topic: 2 },
    members: [{ id: "consumer1", topics: ["topic"] }, { id: "consumer2", topics: ["topic"] }],
    expected: { consumer1: [tp("topic", 0)], consumer2: [tp("topic", 1)] },
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
    kafkaTest: "testTwoDynamicConsumersTwoTopicsSixPartitions",
    partitionsPerTopic: { topic1: 3, topic2: 3 },
    members: [{ id: "consumer1", topics: both }, { id: "consumer2", topics: both }],
    expected: {
      consumer1: [tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)],
      consumer2: [tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)],
    },
  },
  {
    kafkaTest: "testTwoStaticConsumersTwoTopicsSixPartitions",
    partitionsPerTopic: { topic1: 3, topic2: 3 },
    members: [staticMember("consumer-b", "instance1"), staticMember("consumer-a", "instance2")],
    expected: {
      "consumer-b": [tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)],
      "consumer-a": [tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)],
    },
  },
  {
    kafkaTest: "testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions",
    partitionsPerTopic: { topic1: 3, topic2: 3 },
    members: [staticMember("consumer-b", "instance1"), { id: "consumer-a", topics: both }],
    expected: {
      "consumer-b": [tp("topic1", 0), tp("topic1", 2), tp("topic2", 1)],
      "consumer-a": [tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)],
    },
  },
  {
    kafkaTest: "testStaticMemberRoundRobinAssignmentPersistent (dynamic consumer4)",
    partitionsPerTopic: { topic1: 3, topic2: 3 },
    members: [
      staticMember("consumer1", "instance1"),
      staticMember("consumer2", "instance2"),
      staticMember("consumer3", "instance3"),
      { id: "consumer4", topics: both },
    ],
    expected: {
      consumer1: [tp("topic1", 0), tp("topic2", 1)],
      consumer2: [tp("topic1", 1), tp("topic2", 2)],
      consumer3: [tp("topic1", 2)],
      consumer4: [tp("topic2", 0)],
    },
  },
  {
    kafkaTest: "testStaticMemberRoundRobinAssignmentPersistent (consumer4 replaced by consumer5)",
    partitionsPerTopic: { topic1: 3, topic2: 3 },
    members: [
      staticMember("consumer1", "instance1"),
      staticMember("consumer2", "instance2"),
      staticMember("consumer3", "instance3"),
      { id: "consumer5", topics: both },
    ],
    expected: {
      consumer1: [tp("topic1", 0), tp("topic2", 1)],
      consumer2: [tp("topic1", 1), tp("topic2", 2)],
      consumer3: [tp("topic1", 2)],
      consumer5: [tp("topic2", 0)],
    },
  },
];

describe("roundrobin assignor (RoundRobinAssignorTest)", () => {
  it.each(cases)("$kafkaTest", ({ partitionsPerTopic, members, expected }) => {
    expect(assign("roundrobin", members, partitionsPerTopic)).toEqual(expected);
  });

  it("testStaticMemberRoundRobinAssignmentPersistentAfterMemberIdChanges", () => {
    const ppt = { topic1: 5, topic2: 5 };
    const byInstance = (members: GroupMember[]) => {
      const a = assign("roundrobin", members, ppt);
      return Object.fromEntries(members.map((m) => [m.groupInstanceId!, a[m.id]!]));
    };
    const before = byInstance([
      staticMember("consumer1", "instance1"),
      staticMember("consumer2", "instance2"),
      staticMember("consumer3", "instance3"),
    ]);
    expect(before).toEqual({
      instance1: [tp("topic1", 0), tp("topic1", 3), tp("topic2", 1), tp("topic2", 4)],
      instance2: [tp("topic1", 1), tp("topic1", 4), tp("topic2", 2)],
      instance3: [tp("topic1", 2), tp("topic2", 0), tp("topic2", 3)],
    });
    const after = byInstance([
      staticMember("consumer1", "instance1"),
      staticMember("consumer5", "instance2"),
      staticMember("consumer4", "instance3"),
    ]);
    expect(after).toEqual(before);
  });

  it("skips members not subscribed to a topic (the class comment's example: C2 gets the rest)", () => {
    // RoundRobinAssignor javadoc: t0 (1), t1 (2), t2 (3); C0 -> t0; C1 -> t0,t1; C2 -> t0,t1,t2.
    const a = assign(
      "roundrobin",
      [
        { id: "C0", topics: ["t0"] },
        { id: "C1", topics: ["t0", "t1"] },
        { id: "C2", topics: ["t0", "t1", "t2"] },
      ],
      { t0: 1, t1: 2, t2: 3 },
    );
    expect(a).toEqual({
      C0: [tp("t0", 0)],
      C1: [tp("t1", 0)],
      C2: [tp("t1", 1), tp("t2", 0), tp("t2", 1), tp("t2", 2)],
    });
  });
});
