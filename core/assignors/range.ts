// Kafka's RangeAssignor (partition.assignment.strategy=range, the first default): per topic,
// the topic's subscribers in MemberInfo order each take a contiguous range; the first
// `partitions % subscribers` of them take one extra. Topics are independent, so with several
// topics the same first members collect all the extras (the classic Range imbalance).
// Source: clients/src/main/java/org/apache/kafka/clients/consumer/RangeAssignor.java.
// Left out: rack-aware matching (KIP-881); no member here has a client.rack, and without racks
// Kafka's TopicAssignmentState walk gives exactly these ranges.

import { emptyAssignment, type GroupSubscription } from "./group-subscription.ts";
import { sortMembers } from "./member-order.ts";
import type { TopicPartition } from "./types.ts";

export function rangeAssign(group: GroupSubscription): Map<string, TopicPartition[]> {
  const assignment = emptyAssignment(group);
  const ordered = sortMembers(group.subscriptions.values());
  for (const [topic, numPartitions] of group.partitionsPerTopic) {
    const consumers = ordered.filter((s) => s.topicSet.has(topic));
    if (consumers.length === 0) continue;
    const perConsumer = Math.floor(numPartitions / consumers.length);
    const withExtra = numPartitions % consumers.length;
    consumers.forEach((consumer, i) => {
      const start = perConsumer * i + Math.min(i, withExtra);
      const length = perConsumer + (i + 1 > withExtra ? 0 : 1);
      const list = assignment.get(consumer.memberId)!;
      for (let p = start; p < start + length; p++) list.push(group.pool.get(topic, p));
    });
  }
  return assignment;
}
