// The sticky assignors' fast path when every member has the same subscription
// (AbstractStickyAssignor.ConstrainedAssignmentBuilder, Kafka 4.x):
//   1. each member keeps owned partitions up to its quota: members owning fewer than minQuota
//      keep all; the first `total % members` members (in walk order) owning maxQuota or more keep
//      maxQuota; everyone else keeps minQuota. The rest is revoked. Rack-aware (KIP-881), an owned
//      partition with no replica in its owner's rack is revoked first, so locality can improve.
//   2. rack-aware only: the unassigned partitions, those fewest members could read in-rack first,
//      go round-robin to members below minQuota in a rack holding a replica, then to members at
//      minQuota while maxQuota slots remain; a partition no such member can take waits for 3.
//   3. the rest (sorted by topic, partition) is dealt round-robin to members below minQuota
//      (sorted by id), then one each to members at minQuota until `total % members` members
//      hold maxQuota.
// A partition revoked from one member (or claimed twice in one generation) and given to another
// is recorded in partitionsTransferringOwnership for the cooperative protocol; one revoked for a
// rack mismatch that comes back to its owner in step 3 is not.
// Source: clients/src/main/java/org/apache/kafka/clients/consumer/internals/AbstractStickyAssignor.java

import type { GroupSubscription } from "./group-subscription.ts";
import type { StickyRackInfo } from "./sticky-rack-info.ts";
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
  rackInfo: StickyRackInfo,
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
  /** Revoked partition -> the member it was revoked from (maybeRevokedPartitions). */
  const maybeRevoked = new Map<TopicPartition, string>();
  const underMinQuota: string[] = [];
  const exactlyMinQuota: string[] = [];
  const transferring = new Map<TopicPartition, string>();

  // Step 1: reassign previously owned partitions, walking members in HashMap order.
  for (const [consumer, ownedRaw] of consumerToOwnedPartitions) {
    const owned = ownedRaw.filter((tp) => {
      const mismatch = rackInfo.racksMismatch(consumer, tp);
      if (mismatch) maybeRevoked.set(tp, consumer);
      return !mismatch;
    });
    owned.sort((a, b) => a.partition - b.partition || javaCompare(a.topic, b.topic));
    for (const doublyClaimed of partitionsWithMultiplePreviousOwners) removeFirst(owned, doublyClaimed);
    const target = assignment.get(consumer)!;
    const keep = (n: number) => {
      for (const tp of owned.slice(0, n)) {
        target.push(tp);
        assigned.add(tp);
      }
      for (const tp of owned.slice(n)) maybeRevoked.set(tp, consumer);
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

  let unassigned: TopicPartition[] = [];
  for (const topic of [...group.partitionsPerTopic.keys()].sort(javaCompare)) {
    for (const tp of group.pool.partitionsOf(topic, group.partitionsPerTopic.get(topic)!)) {
      if (!assigned.has(tp)) unassigned.push(tp);
    }
  }
  underMinQuota.sort(javaCompare);
  exactlyMinQuota.sort(javaCompare);
  unassigned = rackInfo.sortPartitionsByRackConsumers(unassigned);

  const assignNewPartition = (tp: TopicPartition, consumer: string): number => {
    const list = assignment.get(consumer)!;
    list.push(tp);
    // Every owned partition that could stay has stayed, so this one is new to `consumer`, unless
    // it was revoked from `consumer` itself for a rack mismatch and no aligned member took it.
    const revokedFrom = maybeRevoked.get(tp);
    if ((revokedFrom !== undefined && revokedFrom !== consumer) || partitionsWithMultiplePreviousOwners.has(tp)) transferring.set(tp, consumer);
    return list.length;
  };

  // Step 2: within racks (ConstrainedAssignmentBuilder.assignRackAwareRoundRobin).
  const quotas: Quotas = {
    minQuota,
    maxQuota,
    expected: expectedNumMembersWithOverMinQuota,
    current: currentNumMembersWithOverMinQuota,
  };
  const remaining = rackInfo.enabled
    ? assignRackAwareRoundRobin(unassigned, rackInfo, underMinQuota, exactlyMinQuota, quotas, (tp, c) => assignNewPartition(tp, c), (c) => assignment.get(c)!.length)
    : unassigned;
  currentNumMembersWithOverMinQuota = quotas.current;

  // Step 3: round-robin fill (ConstrainedAssignmentBuilder.assignRoundRobin).
  let next = 0; // the iterator over underMinQuota
  for (const tp of remaining) {
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

/** The quotas of one constrained assignment; `current` counts members that reached maxQuota. */
interface Quotas {
  readonly minQuota: number;
  readonly maxQuota: number;
  readonly expected: number;
  current: number;
}

/**
 * ConstrainedAssignmentBuilder.assignRackAwareRoundRobin: each partition to the next member
 * below minQuota (round-robin, from where the last one left off) whose rack holds a replica,
 * else to the first such member at minQuota while maxQuota slots remain. Returns the
 * partitions no rack-aligned member could take within the quotas, in order.
 */
function assignRackAwareRoundRobin(
  unassigned: readonly TopicPartition[],
  rackInfo: StickyRackInfo,
  underMinQuota: string[],
  exactlyMinQuota: string[],
  q: Quotas,
  assignNewPartition: (tp: TopicPartition, consumer: string) => void,
  sizeOf: (consumer: string) => number,
): TopicPartition[] {
  const remaining: TopicPartition[] = [];
  let nextUnfilledConsumerIndex = 0;
  for (const tp of unassigned) {
    let consumer: string | undefined;
    let nextIndex = rackInfo.nextRackConsumer(tp, underMinQuota, nextUnfilledConsumerIndex);
    if (nextIndex >= 0) {
      consumer = underMinQuota[nextIndex]!;
      const assignmentCount = sizeOf(consumer) + 1;
      if (assignmentCount >= q.minQuota) {
        removeFirst(underMinQuota, consumer);
        // At minQuota a member can only take one more while fewer than `expected` hold maxQuota.
        if (assignmentCount < q.maxQuota && q.current < q.expected) exactlyMinQuota.push(consumer);
      } else {
        nextIndex++;
      }
      nextUnfilledConsumerIndex = underMinQuota.length === 0 ? 0 : nextIndex % underMinQuota.length;
    } else if (exactlyMinQuota.length > 0) {
      const firstIndex = rackInfo.nextRackConsumer(tp, exactlyMinQuota, 0);
      if (firstIndex >= 0) {
        consumer = exactlyMinQuota[firstIndex]!;
        if (sizeOf(consumer) + 1 === q.maxQuota) {
          exactlyMinQuota.splice(firstIndex, 1);
          q.current++;
          // Enough members hold maxQuota: everyone at minQuota is now filled.
          if (q.current === q.expected) exactlyMinQuota.length = 0;
        }
      }
    }
    if (consumer === undefined) remaining.push(tp);
    else assignNewPartition(tp, consumer);
  }
  return remaining;
}
