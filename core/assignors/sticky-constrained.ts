// The sticky assignors' fast path when every member has the same subscription
// (AbstractStickyAssignor.ConstrainedAssignmentBuilder, Kafka 3.x/4.x, without rack matching):
//   1. each member keeps owned partitions up to its quota: members owning fewer than minQuota
//      keep all; the first `total % members` members (in walk order) owning maxQuota or more keep
//      maxQuota; everyone else keeps minQuota. The rest is revoked.
//   2. the unassigned partitions (sorted by topic, partition) are dealt round-robin to members
//      below minQuota (sorted by id), then one each to members at minQuota until `total % members`
//      members hold maxQuota.
// A partition revoked from one member (or claimed twice in one generation) and given to another
// is recorded in partitionsTransferringOwnership for the cooperative protocol.
// Source: clients/src/main/java/org/apache/kafka/clients/consumer/internals/AbstractStickyAssignor.java

import type { GroupSubscription } from "./group-subscription.ts";
import { javaCompare, removeFirst } from "./topic-partition.ts";
import type { TopicPartition } from "./types.ts";

export interface ConstrainedResult {
  readonly assignment: Map<string, TopicPartition[]>;
  readonly partitionsTransferringOwnership: Map<TopicPartition, string>;
}

export function constrainedAssign(
  group: GroupSubscription,
  consumerToOwnedPartitions: ReadonlyMap<string, readonly TopicPartition[]>,
  partitionsWithMultiplePreviousOwners: ReadonlySet<TopicPartition>,
): ConstrainedResult {
  let total = 0;
  for (const n of group.partitionsPerTopic.values()) total += n;
  const numberOfConsumers = consumerToOwnedPartitions.size;
  const minQuota = Math.floor(total / numberOfConsumers);
  const maxQuota = Math.ceil(total / numberOfConsumers);
  // Members that end with maxQuota (zero when the partitions divide evenly).
  const expectedNumMembersWithOverMinQuota = total % numberOfConsumers;
  let currentNumMembersWithOverMinQuota = 0;

  const assignment = new Map<string, TopicPartition[]>();
  for (const consumer of consumerToOwnedPartitions.keys()) assignment.set(consumer, []);
  const assigned = new Set<TopicPartition>();
  const allRevokedPartitions = new Set<TopicPartition>();
  const underMinQuota: string[] = [];
  const exactlyMinQuota: string[] = [];
  const transferring = new Map<TopicPartition, string>();

  // Step 1: reassign previously owned partitions, walking members in HashMap order.
  for (const [consumer, ownedRaw] of consumerToOwnedPartitions) {
    const owned = [...ownedRaw].sort((a, b) => a.partition - b.partition || javaCompare(a.topic, b.topic));
    for (const doublyClaimed of partitionsWithMultiplePreviousOwners) removeFirst(owned, doublyClaimed);
    const target = assignment.get(consumer)!;
    const keep = (n: number) => {
      for (const tp of owned.slice(0, n)) {
        target.push(tp);
        assigned.add(tp);
      }
      for (const tp of owned.slice(n)) allRevokedPartitions.add(tp);
    };
    if (owned.length < minQuota) {
      keep(owned.length);
      underMinQuota.push(consumer);
    } else if (owned.length >= maxQuota && currentNumMembersWithOverMinQuota < expectedNumMembersWithOverMinQuota) {
      currentNumMembersWithOverMinQuota++;
      if (currentNumMembersWithOverMinQuota === expectedNumMembersWithOverMinQuota) exactlyMinQuota.length = 0;
      keep(maxQuota);
    } else {
      keep(minQuota);
      // Still a candidate for one more partition while maxQuota slots remain.
      if (currentNumMembersWithOverMinQuota < expectedNumMembersWithOverMinQuota) exactlyMinQuota.push(consumer);
    }
  }

  const unassigned: TopicPartition[] = [];
  for (const topic of [...group.partitionsPerTopic.keys()].sort(javaCompare)) {
    for (const tp of group.pool.partitionsOf(topic, group.partitionsPerTopic.get(topic)!)) {
      if (!assigned.has(tp)) unassigned.push(tp);
    }
  }
  underMinQuota.sort(javaCompare);
  exactlyMinQuota.sort(javaCompare);

  const assignNewPartition = (tp: TopicPartition, consumer: string): number => {
    const list = assignment.get(consumer)!;
    list.push(tp);
    // Every owned partition that could stay has stayed, so this one is new to `consumer`.
    if (allRevokedPartitions.has(tp) || partitionsWithMultiplePreviousOwners.has(tp)) transferring.set(tp, consumer);
    return list.length;
  };

  // Step 2: round-robin fill (ConstrainedAssignmentBuilder.assignRoundRobin).
  let next = 0; // the iterator over underMinQuota
  for (const tp of unassigned) {
    let consumer: string;
    let fromUnder = true;
    if (next < underMinQuota.length) {
      consumer = underMinQuota[next++]!;
    } else if (underMinQuota.length === 0 && exactlyMinQuota.length === 0) {
      throw new Error("No more unfilled consumers to be assigned.");
    } else if (underMinQuota.length === 0) {
      consumer = exactlyMinQuota.shift()!;
      fromUnder = false;
    } else {
      next = 0;
      consumer = underMinQuota[next++]!;
    }
    const count = assignNewPartition(tp, consumer);
    if (count === minQuota && fromUnder) {
      underMinQuota.splice(--next, 1);
      exactlyMinQuota.push(consumer);
    } else if (count === maxQuota) {
      currentNumMembersWithOverMinQuota++;
    }
  }

  verifyUnfilledMembers(underMinQuota, assignment, minQuota, currentNumMembersWithOverMinQuota, expectedNumMembersWithOverMinQuota);
  return { assignment, partitionsTransferringOwnership: transferring };
}

/** ConstrainedAssignmentBuilder.verifyUnfilledMembers: the quotas must have come out exactly. */
function verifyUnfilledMembers(
  underMinQuota: readonly string[],
  assignment: ReadonlyMap<string, readonly TopicPartition[]>,
  minQuota: number,
  current: number,
  expected: number,
): void {
  if (underMinQuota.length === 0) return;
  if (current !== expected) {
    throw new Error("We haven't reached the expected number of members with more than the minQuota partitions, but no more partitions to be assigned");
  }
  for (const member of underMinQuota) {
    if (assignment.get(member)!.length !== minQuota) {
      throw new Error(`Consumer: [${member}] doesn't reach minQuota partitions, and no more partitions to be assigned`);
    }
  }
}
