// Kafka's StickyAssignor (partition.assignment.strategy=sticky, eager protocol): as balanced as
// possible (counts differ by at most one, or no partition can move to a member 2+ below its
// owner), and within that, as many partitions as possible stay with their previous owner.
// This file is AbstractStickyAssignor.assignPartitions: pick the constrained path when all
// members subscribe to the same topics, else the general path.
// Sources: clients/src/main/java/org/apache/kafka/clients/consumer/StickyAssignor.java,
//          clients/src/main/java/org/apache/kafka/clients/consumer/internals/AbstractStickyAssignor.java
// KIP-881: with client.rack on members and replicas whose racks differ, both paths prefer
// partitions with a replica in the member's rack (sticky-rack-info.ts), within the same balance.
// `owned` + `generation` stand for StickyAssignor's user data (previous assignment and
// generation), which an eager member still sends after revoking.
// maxGeneration is computed per call; Kafka keeps the largest ever seen in the assignor instance,
// which differs only if a group's generations restart (the group was deleted and re-created).

import type { GroupSubscription } from "./group-subscription.ts";
import { constrainedAssign } from "./sticky-constrained.ts";
import { generalAssign } from "./sticky-general.ts";
import { collectOwnedPartitions } from "./sticky-owned-partitions.ts";
import { StickyRackInfo } from "./sticky-rack-info.ts";
import type { TopicPartition } from "./types.ts";

export interface StickyAssignment {
  readonly assignment: Map<string, TopicPartition[]>;
  /**
   * Partitions given to a member other than their previous owner, by new owner; computed by the
   * constrained path, `null` after the general path (the cooperative assignor then derives it).
   */
  readonly partitionsTransferringOwnership: Map<TopicPartition, string> | null;
}

/** AbstractStickyAssignor.assignPartitions; `preferRackAwareLogic` is Kafka's test-only switch. */
export function abstractStickyAssign(group: GroupSubscription, preferRackAwareLogic = false): StickyAssignment {
  if (group.subscriptions.size === 0) return { assignment: new Map(), partitionsTransferringOwnership: new Map() };
  const rackInfo = new StickyRackInfo(group, preferRackAwareLogic);
  const owned = collectOwnedPartitions(group);
  if (owned.isAllSubscriptionsEqual) {
    return constrainedAssign(group, owned.consumerToOwnedPartitions, owned.partitionsWithMultiplePreviousOwners, rackInfo);
  }
  return {
    assignment: generalAssign(group, owned.consumerToOwnedPartitions, owned.maxGeneration, rackInfo),
    partitionsTransferringOwnership: null,
  };
}

export function stickyAssign(group: GroupSubscription, preferRackAwareLogic = false): Map<string, TopicPartition[]> {
  return abstractStickyAssign(group, preferRackAwareLogic).assignment;
}
