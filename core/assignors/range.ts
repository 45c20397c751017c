// Kafka's RangeAssignor (partition.assignment.strategy=range, the first default): per topic,
// the topic's subscribers in MemberInfo order each take a contiguous range; the first
// `partitions % subscribers` of them take one extra. Topics are independent, so with several
// topics the same first members collect all the extras (the classic Range imbalance).
// KIP-881: when members have a client.rack and the partitions' replicas do not all span the
// same racks, each member first takes, up to its quota, the partitions with a replica in its
// rack (co-partitioned topics, same members and partition count, partition by partition so
// they stay aligned); the ranges then fill in what is left.
// Source: clients/src/main/java/org/apache/kafka/clients/consumer/RangeAssignor.java
// (assignPartitions, TopicAssignmentState) and AbstractPartitionAssignor.useRackAwareAssignment.

import { emptyAssignment, type GroupSubscription, type MemberSubscription } from "./group-subscription.ts";
import { sortMembers } from "./member-order.ts";
import type { TopicPartition } from "./types.ts";
import { useRackAwareAssignment } from "./use-rack-aware-assignment.ts";

/** RangeAssignor.TopicAssignmentState: one topic's members, quotas and unassigned partitions. */
class TopicAssignmentState {
  readonly consumers: readonly MemberSubscription[];
  /** The members, as the key Java groups topics by (a LinkedHashMap of member id to rack). */
  readonly consumersKey: string;
  readonly needsRackAwareAssignment: boolean;
  readonly partitionRacks: readonly ReadonlySet<string>[] | null;
  readonly unassigned = new Set<number>();
  private readonly numAssigned = new Map<string, number>();
  private readonly perConsumer: number;
  private remainingWithExtra: number;

  constructor(
    readonly topic: string,
    readonly numPartitions: number,
    members: readonly MemberSubscription[],
    replicaRacks: readonly (readonly string[])[] | undefined,
  ) {
    this.consumers = members;
    this.consumersKey = JSON.stringify(members.map((m) => [m.memberId, m.rackId ?? null]));
    for (let p = 0; p < numPartitions; p++) this.unassigned.add(p);
    for (const m of members) this.numAssigned.set(m.memberId, 0);
    this.perConsumer = members.length === 0 ? 0 : Math.floor(numPartitions / members.length);
    this.remainingWithExtra = members.length === 0 ? 0 : numPartitions % members.length;
    const consumerRacks = new Set(members.flatMap((m) => (m.rackId === undefined ? [] : [m.rackId])));
    this.partitionRacks = consumerRacks.size === 0 ? null : Array.from({ length: numPartitions }, (_, p) => new Set(replicaRacks?.[p] ?? []));
    this.needsRackAwareAssignment = useRackAwareAssignment(consumerRacks, this.partitionRacks ?? []);
  }

  racksMatch(consumer: MemberSubscription, p: number): boolean {
    return consumer.rackId === undefined || (this.partitionRacks?.[p]?.has(consumer.rackId) ?? false);
  }

  maxAssignable(consumer: MemberSubscription): number {
    return Math.max(0, this.perConsumer + (this.remainingWithExtra > 0 ? 1 : 0) - this.numAssigned.get(consumer.memberId)!);
  }

  onAssigned(consumer: MemberSubscription, partitions: readonly number[]): void {
    const n = this.numAssigned.get(consumer.memberId)! + partitions.length;
    this.numAssigned.set(consumer.memberId, n);
    if (n > this.perConsumer) this.remainingWithExtra--;
    for (const p of partitions) this.unassigned.delete(p);
  }
}

export function rangeAssign(group: GroupSubscription): Map<string, TopicPartition[]> {
  const assignment = emptyAssignment(group);
  const ordered = sortMembers(group.subscriptions.values());
  const states = [...group.partitionsPerTopic].map(([topic, n]) => new TopicAssignmentState(topic, n, ordered.filter((s) => s.topicSet.has(topic)), group.partitionRacks[topic]));
  const give = (consumer: MemberSubscription, partitions: readonly number[], t: TopicAssignmentState): void => {
    const list = assignment.get(consumer.memberId)!;
    for (const p of partitions) list.push(group.pool.get(t.topic, p));
    t.onAssigned(consumer, partitions);
  };
  const assignRanges = (t: TopicAssignmentState, mayAssign: (c: MemberSubscription, p: number) => boolean): void => {
    for (const consumer of t.consumers) {
      if (t.unassigned.size === 0) break;
      const assignable = [...t.unassigned].filter((p) => mayAssign(consumer, p)).slice(0, t.maxAssignable(consumer));
      if (assignable.length > 0) give(consumer, assignable, t);
    }
  };
  if (states.some((t) => t.needsRackAwareAssignment)) assignWithRackMatching(states, give, assignRanges);
  for (const t of states) assignRanges(t, () => true);
  return assignment;
}

type Give = (consumer: MemberSubscription, partitions: readonly number[], t: TopicAssignmentState) => void;

/** RangeAssignor.assignWithRackMatching: topics with the same members and partition count are co-partitioned. */
function assignWithRackMatching(states: readonly TopicAssignmentState[], give: Give, assignRanges: (t: TopicAssignmentState, mayAssign: (c: MemberSubscription, p: number) => boolean) => void): void {
  const groups = new Map<string, TopicAssignmentState[]>();
  for (const t of states) {
    const key = `${t.consumersKey}|${t.numPartitions}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  for (const group of groups.values()) {
    if (group.length > 1) assignCoPartitioned(group, give);
    else if (group[0]!.needsRackAwareAssignment) assignRanges(group[0]!, (c, p) => group[0]!.racksMatch(c, p));
  }
}

/** RangeAssignor.assignCoPartitionedWithRackMatching: partition p of every topic to the first member whose rack matches all of them. */
function assignCoPartitioned(states: readonly TopicAssignmentState[], give: Give): void {
  const remaining = [...states[0]!.consumers];
  for (let p = 0; p < states[0]!.numPartitions && remaining.length > 0; p++) {
    const consumer = remaining.find((c) => states.every((t) => t.racksMatch(c, p) && t.maxAssignable(c) > 0));
    if (consumer === undefined) continue;
    for (const t of states) give(consumer, [p], t);
    if (states.every((t) => t.maxAssignable(consumer) === 0)) remaining.splice(remaining.indexOf(consumer), 1);
  }
}
