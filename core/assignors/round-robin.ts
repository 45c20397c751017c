// Kafka's RoundRobinAssignor: every subscribed partition, topics in name order, dealt in turn to
// members in MemberInfo order, skipping members not subscribed to the partition's topic.
// Balanced when all subscriptions are equal; can be lopsided otherwise.
// Source: clients/src/main/java/org/apache/kafka/clients/consumer/RoundRobinAssignor.java
// (CircularIterator over Utils.sorted(memberInfoList), allPartitionsSorted over a TreeSet of topics).

import { emptyAssignment, type GroupSubscription } from "./group-subscription.ts";
import { sortMembers } from "./member-order.ts";
import { javaCompare } from "./topic-partition.ts";
import type { TopicPartition } from "./types.ts";

export function roundRobinAssign(group: GroupSubscription): Map<string, TopicPartition[]> {
  const assignment = emptyAssignment(group);
  const ordered = sortMembers(group.subscriptions.values());
  const topics = new Set<string>();
  for (const s of ordered) for (const t of s.topics) topics.add(t);

  let cursor = 0;
  const at = () => ordered[cursor % ordered.length]!;
  for (const topic of [...topics].sort(javaCompare)) {
    const numPartitions = group.partitionsPerTopic.get(topic);
    if (numPartitions === undefined) continue;
    for (let p = 0; p < numPartitions; p++) {
      // Someone subscribes to every topic in the set, so this stops within one lap.
      while (!at().topicSet.has(topic)) cursor++;
      assignment.get(at().memberId)!.push(group.pool.get(topic, p));
      cursor++;
    }
  }
  return assignment;
}
