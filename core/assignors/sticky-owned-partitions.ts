// First step of the sticky assignors (AbstractStickyAssignor.allSubscriptionsEqual): decide
// whether every member has the same subscription (fast "constrained" path) and collect each
// member's still-valid owned partitions. When two members claim one partition, the higher
// generation wins; the same generation means the claim is invalid for both (a zombie or a
// split-brain leftover), and the partition is remembered so the cooperative assignor treats
// it as changing owner.
// Source: clients/src/main/java/org/apache/kafka/clients/consumer/internals/AbstractStickyAssignor.java
// Deviation: Kafka re-seeds its reference topic set while it is empty, so a member subscribed to
// nothing can be taken as sharing the next member's subscription and be handed partitions of
// topics it never subscribed to; we always compare with the first member's set.

import { DEFAULT_GENERATION, type GroupSubscription } from "./group-subscription.ts";
import { removeFirst } from "./topic-partition.ts";
import type { TopicPartition } from "./types.ts";

export interface OwnedPartitions {
  readonly isAllSubscriptionsEqual: boolean;
  /** member id -> owned partitions still valid, in the subscriptions' (Java HashMap) order. */
  readonly consumerToOwnedPartitions: Map<string, TopicPartition[]>;
  /** Partitions claimed by two members of the same generation. */
  readonly partitionsWithMultiplePreviousOwners: Set<TopicPartition>;
  /** Highest generation reported (AbstractStickyAssignor.maxGeneration, reset for every call). */
  readonly maxGeneration: number;
}

export function collectOwnedPartitions(group: GroupSubscription): OwnedPartitions {
  let isAllSubscriptionsEqual = true;
  let reference: ReadonlySet<string> | undefined;
  let maxGeneration = DEFAULT_GENERATION;
  const consumerToOwnedPartitions = new Map<string, TopicPartition[]>();
  const partitionsWithMultiplePreviousOwners = new Set<TopicPartition>();
  const previousOwner = new Map<TopicPartition, string>();
  const generationOf = (id: string) => group.subscriptions.get(id)!.generation ?? DEFAULT_GENERATION;

  for (const [consumer, subscription] of group.subscriptions) {
    if (reference === undefined) {
      reference = subscription.topicSet;
    } else if (isAllSubscriptionsEqual && !sameTopics(reference, subscription.topics)) {
      isAllSubscriptionsEqual = false;
    }

    const memberGeneration = subscription.generation ?? DEFAULT_GENERATION;
    maxGeneration = Math.max(maxGeneration, memberGeneration);
    const owned: TopicPartition[] = [];
    consumerToOwnedPartitions.set(consumer, owned);

    for (const tp of subscription.ownedPartitions) {
      if (!group.partitionsPerTopic.has(tp.topic)) continue;
      const other = previousOwner.get(tp);
      if (other === undefined) {
        owned.push(tp);
        previousOwner.set(tp, consumer);
        continue;
      }
      const otherGeneration = generationOf(other);
      if (memberGeneration === otherGeneration) {
        // Same generation, two owners: neither claim can be trusted.
        partitionsWithMultiplePreviousOwners.add(tp);
        removeFirst(consumerToOwnedPartitions.get(other)!, tp);
        previousOwner.set(tp, consumer);
      } else if (memberGeneration > otherGeneration) {
        owned.push(tp);
        removeFirst(consumerToOwnedPartitions.get(other)!, tp);
        previousOwner.set(tp, consumer);
      }
      // else: the other member's newer claim stands.
    }
  }
  return { isAllSubscriptionsEqual, consumerToOwnedPartitions, partitionsWithMultiplePreviousOwners, maxGeneration };
}

function sameTopics(reference: ReadonlySet<string>, topics: readonly string[]): boolean {
  return topics.length === reference.size && topics.every((t) => reference.has(t));
}
