// The library entry point for the consumer assignors (DESIGN.md, "Library exports"):
// `assign(strategy, members, partitionsPerTopic)` runs what a Java group leader runs in
// ConsumerCoordinator.onLeaderElected -> ConsumerPartitionAssignor.assign and returns every
// member's partitions, each list sorted by topic then partition.

import { cooperativeStickyAssign } from "./cooperative-sticky.ts";
import { buildGroupSubscription, type GroupSubscription } from "./group-subscription.ts";
import { sortMembers } from "./member-order.ts";
import { rangeAssign } from "./range.ts";
import { roundRobinAssign } from "./round-robin.ts";
import { stickyAssign } from "./sticky.ts";
import { compareTopicPartition } from "./topic-partition.ts";
import { ASSIGNMENT_STRATEGIES, type AssignmentStrategy, type GroupAssignment, type GroupMember, type PartitionRacks, type TopicPartition } from "./types.ts";

/** The second argument is Kafka's test-only preferRackAwareLogic, which the range assignor here does not take. */
const ASSIGNORS: Readonly<Record<AssignmentStrategy, (group: GroupSubscription, preferRackAwareLogic: boolean) => Map<string, TopicPartition[]>>> = {
  range: rangeAssign,
  roundrobin: roundRobinAssign,
  sticky: stickyAssign,
  "cooperative-sticky": cooperativeStickyAssign,
};

export function isAssignmentStrategy(s: string): s is AssignmentStrategy {
  return (ASSIGNMENT_STRATEGIES as readonly string[]).includes(s);
}

export function assign(
  strategy: AssignmentStrategy,
  members: readonly GroupMember[],
  partitionsPerTopic: Readonly<Record<string, number>>,
  /** KIP-881: replica racks per topic and partition; range, sticky and cooperative-sticky read them. */
  partitionRacks: PartitionRacks = {},
): GroupAssignment {
  return assignWithOptions(strategy, members, partitionsPerTopic, partitionRacks, false);
}

/**
 * `assign` with AbstractPartitionAssignor.preferRackAwareLogic, the switch Kafka's sticky tests
 * flip to run the rack-aware code even when every partition has a replica in every rack. Not
 * exported from core/index.ts: no consumer config sets it.
 */
export function assignWithOptions(
  strategy: AssignmentStrategy,
  members: readonly GroupMember[],
  partitionsPerTopic: Readonly<Record<string, number>>,
  partitionRacks: PartitionRacks,
  preferRackAwareLogic: boolean,
): GroupAssignment {
  if (!isAssignmentStrategy(strategy)) {
    throw new RangeError(`unknown assignment strategy ${JSON.stringify(strategy)}; expected one of ${ASSIGNMENT_STRATEGIES.join(", ")}`);
  }
  const group = buildGroupSubscription(members, partitionsPerTopic, partitionRacks);
  const raw = ASSIGNORS[strategy](group, preferRackAwareLogic);
  const out: GroupAssignment = {};
  for (const { memberId } of sortMembers(group.subscriptions.values())) {
    const partitions = (raw.get(memberId) ?? []).map((tp) => ({ topic: tp.topic, partition: tp.partition }));
    partitions.sort(compareTopicPartition);
    // defineProperty: a member id such as "__proto__" must become a key, not a prototype.
    Object.defineProperty(out, memberId, { value: partitions, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
