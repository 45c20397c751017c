// Kafka's CooperativeStickyAssignor (KIP-429): the sticky assignment, minus every partition that
// is changing owner. Under the cooperative protocol a member keeps consuming its partitions
// through the rebalance, so a partition may only be handed to its new owner after the old owner
// has revoked it: this round leaves it unassigned, the old owner sees it missing from its
// assignment, revokes it and rejoins, and the follow-up rebalance assigns it (it is then owned
// by nobody, so it no longer counts as transferring).
// Source: clients/src/main/java/org/apache/kafka/clients/consumer/CooperativeStickyAssignor.java
// (assignPartitions -> adjustAssignment, computePartitionsTransferringOwnership).

import type { GroupSubscription } from "./group-subscription.ts";
import { abstractStickyAssign } from "./sticky.ts";
import { removeFirst } from "./topic-partition.ts";
import type { TopicPartition } from "./types.ts";

export function cooperativeStickyAssign(group: GroupSubscription, preferRackAwareLogic = false): Map<string, TopicPartition[]> {
  const { assignment, partitionsTransferringOwnership } = abstractStickyAssign(group, preferRackAwareLogic);
  const transferring = partitionsTransferringOwnership ?? computePartitionsTransferringOwnership(group, assignment);
  for (const [tp, newOwner] of transferring) removeFirst(assignment.get(newOwner)!, tp);
  return assignment;
}

/**
 * After the general path: partitions newly assigned to a member that some member reported as
 * owned and is now losing. Uses the raw owned lists, whatever their generation.
 */
function computePartitionsTransferringOwnership(
  group: GroupSubscription,
  assignment: ReadonlyMap<string, readonly TopicPartition[]>,
): Map<TopicPartition, string> {
  const added = new Map<TopicPartition, string>();
  const revoked = new Set<TopicPartition>();
  for (const [consumer, assigned] of assignment) {
    const owned = group.subscriptions.get(consumer)!.ownedPartitions;
    const ownedSet = new Set(owned);
    const assignedSet = new Set(assigned);
    for (const tp of assigned) if (!ownedSet.has(tp)) added.set(tp, consumer);
    for (const tp of owned) if (!assignedSet.has(tp)) revoked.add(tp);
  }
  for (const tp of [...added.keys()]) if (!revoked.has(tp)) added.delete(tp);
  return added;
}
