// The reconciliation engine of the consumer group protocol (CurrentAssignmentBuilder): moves
// one member from its current assignment towards its target one step at a time. A member
// first gives up what it must (UNREVOKED_PARTITIONS, at its old epoch) and acknowledges by
// no longer listing those partitions as owned; only then does it move to the target epoch and
// get new partitions — and only those that no other member still holds (a partition whose
// previous owner has not revoked it leaves the member in UNRELEASED_PARTITIONS until it does).

import type { PartitionList } from "../protocol/group-messages.ts";
import type { ConsumerGroupMember, ConsumerMemberState, TopicPartitions } from "./consumer-group.ts";
import { assertNever } from "../assert-never.ts";

export interface ReconcileInput {
  readonly targetEpoch: number;
  readonly target: TopicPartitions;
  /** currentPartitionEpoch: -1 if nobody holds the partition. */
  readonly partitionEpoch: (topic: string, partition: number) => number;
  /** The partitions the member reported as owned; null if it did not say. */
  readonly owned: PartitionList | null;
}

export type ReconciledFields = Pick<ConsumerGroupMember, "state" | "memberEpoch" | "previousMemberEpoch" | "assigned" | "pendingRevocation">;

export function reconcile(member: ConsumerGroupMember, input: ReconcileInput): ReconciledFields {
  switch (member.state) {
    case "STABLE":
      if (member.memberEpoch !== input.targetEpoch) return computeNext(member, input);
      return member;
    case "UNREVOKED_PARTITIONS":
      if (ownsAny(input.owned, member.pendingRevocation)) return member;
      return computeNext(member, input);
    case "UNRELEASED_PARTITIONS":
      return computeNext(member, input);
    default:
      return assertNever(member.state);
  }
}

/** ownsRevokedPartitions: without an owned list the member is assumed to still hold them. */
function ownsAny(owned: PartitionList | null, revoked: TopicPartitions): boolean {
  if (owned === null) return true;
  return owned.some((tp) => revoked.get(tp.topic)?.includes(tp.partition) === true);
}

function computeNext(member: ConsumerGroupMember, input: ReconcileInput): ReconciledFields {
  const subscribed = new Set(member.subscribedTopics);
  const assigned = new Map<string, number[]>();
  const revoke = new Map<string, number[]>();
  const pending = new Map<string, number[]>();
  let unreleased = false;
  const topics = new Set([...input.target.keys(), ...member.assigned.keys()]);
  for (const topic of topics) {
    const target = subscribed.has(topic) ? (input.target.get(topic) ?? []) : [];
    const current = member.assigned.get(topic) ?? [];
    const kept = current.filter((p) => target.includes(p));
    const gone = current.filter((p) => !target.includes(p));
    const wanted = target.filter((p) => !kept.includes(p));
    const ownRevoking = member.pendingRevocation.get(topic) ?? [];
    // A partition another member still holds cannot be given yet.
    const free = wanted.filter((p) => input.partitionEpoch(topic, p) === -1 || ownRevoking.includes(p));
    if (free.length < wanted.length) unreleased = true;
    if (kept.length > 0) assigned.set(topic, kept);
    if (gone.length > 0) revoke.set(topic, gone);
    if (free.length > 0) pending.set(topic, free);
  }
  if (revoke.size > 0 && ownsAny(input.owned, revoke)) {
    return next(member, "UNREVOKED_PARTITIONS", member.memberEpoch, assigned, revoke);
  }
  if (pending.size > 0) {
    for (const [topic, ps] of pending) assigned.set(topic, [...(assigned.get(topic) ?? []), ...ps].sort((a, b) => a - b));
    return next(member, unreleased ? "UNRELEASED_PARTITIONS" : "STABLE", input.targetEpoch, assigned, new Map());
  }
  return next(member, unreleased ? "UNRELEASED_PARTITIONS" : "STABLE", input.targetEpoch, assigned, new Map());
}

function next(member: ConsumerGroupMember, state: ConsumerMemberState, epoch: number, assigned: TopicPartitions, pendingRevocation: TopicPartitions): ReconciledFields {
  // ConsumerGroupMember.Builder.updateMemberEpoch keeps the epoch it replaces.
  return { state, memberEpoch: epoch, previousMemberEpoch: member.memberEpoch, assigned, pendingRevocation };
}
