// The sticky assignors' general path, used when members subscribe to different topics
// (AbstractStickyAssignor.GeneralAssignmentBuilder, Kafka 4.x):
//   1. keep every valid owned partition where it is (drop those of topics the owner left and,
//      rack-aware (KIP-881), those with no replica in the owner's rack);
//   2. give each unassigned partition to the member with the fewest partitions that can take it;
//      rack-aware, first to the least loaded such member in a rack holding a replica, then the
//      partitions none could take as usual;
//   3. move partitions from members with 2+ more than another eligible member until balanced,
//      preferring to return a partition to its owner from an older generation, and undoing a
//      move that merely swapped partitions of one topic between two members;
//   4. keep the result only if it is more balanced than before step 3 (unless starting fresh).
// Source: clients/src/main/java/org/apache/kafka/clients/consumer/internals/AbstractStickyAssignor.java
// performReassignments' rack branch is not ported: it looks for a rack-aligned member 2+ below the
// owner, and otherwise for any member 2+ below, and both branches then move the partition to the
// least loaded subscriber (reassignPartition), so the result is the same as without it.
// Deviation: when a partition's owner from an older generation is no longer in the reassignment
// (Kafka: NullPointerException) or no longer subscribed to the topic (Kafka: an assignment to a
// non-subscriber), we skip the "return to previous owner" shortcut and balance as usual.

import { DEFAULT_GENERATION, type GroupSubscription } from "./group-subscription.ts";
import { PartitionMovements } from "./sticky-partition-movements.ts";
import type { StickyRackInfo } from "./sticky-rack-info.ts";
import { SortedConsumers } from "./sorted-consumers.ts";
import { javaCompare, removeFirst } from "./topic-partition.ts";
import type { TopicPartition } from "./types.ts";

interface PreviousOwner {
  readonly consumer: string;
  readonly generation: number;
}

export function generalAssign(
  group: GroupSubscription,
  consumerToOwnedPartitions: Map<string, TopicPartition[]>,
  maxGeneration: number,
  rackInfo: StickyRackInfo,
): Map<string, TopicPartition[]> {
  return new GeneralAssignmentBuilder(group, consumerToOwnedPartitions, maxGeneration, rackInfo).build();
}

class GeneralAssignmentBuilder {
  private readonly partitionsPerTopic: ReadonlyMap<string, number>;
  private readonly totalPartitionsCount: number;
  /** topic -> members subscribed to it (in subscription walk order). */
  private readonly topic2AllPotentialConsumers = new Map<string, string[]>();
  /** member -> its subscribed topics that exist. */
  private readonly consumer2AllPotentialTopics = new Map<string, string[]>();
  private readonly currentPartitionConsumer = new Map<TopicPartition, string>();
  private sortedAllPartitions: TopicPartition[];
  private readonly sorted: SortedConsumers;
  private readonly movements = new PartitionMovements();
  private revocationRequired = false;

  constructor(
    private readonly group: GroupSubscription,
    private readonly currentAssignment: Map<string, TopicPartition[]>,
    private readonly maxGeneration: number,
    private readonly rackInfo: StickyRackInfo,
  ) {
    this.partitionsPerTopic = group.partitionsPerTopic;
    let total = 0;
    for (const n of this.partitionsPerTopic.values()) total += n;
    this.totalPartitionsCount = total;

    for (const topic of this.partitionsPerTopic.keys()) this.topic2AllPotentialConsumers.set(topic, []);
    for (const [consumer, subscription] of group.subscriptions) {
      const topics = subscription.topics.filter((t) => this.partitionsPerTopic.has(t));
      this.consumer2AllPotentialTopics.set(consumer, topics);
      for (const t of topics) this.topic2AllPotentialConsumers.get(t)!.push(consumer);
      if (!currentAssignment.has(consumer)) currentAssignment.set(consumer, []);
    }
    for (const [consumer, partitions] of currentAssignment) {
      for (const tp of partitions) this.currentPartitionConsumer.set(tp, consumer);
    }
    // TopicComparator: topics with fewer potential consumers first, then by name.
    const sortedAllTopics = [...this.topic2AllPotentialConsumers.keys()].sort(
      (a, b) => this.potentialConsumers(a).length - this.potentialConsumers(b).length || javaCompare(a, b),
    );
    this.sortedAllPartitions = sortedAllTopics.flatMap((t) => group.pool.partitionsOf(t, this.partitionsPerTopic.get(t)!));
    this.sorted = new SortedConsumers((c) => this.assigned(c).length);
  }

  build(): Map<string, TopicPartition[]> {
    const prevAssignment = this.prepopulatePreviousAssignment();
    const assigned = new Set(this.assignOwnedPartitions());
    const unassigned = this.sortedAllPartitions.filter((tp) => !assigned.has(tp));
    for (const consumer of this.currentAssignment.keys()) this.sorted.add(consumer);
    this.balance(prevAssignment, unassigned);
    return this.currentAssignment;
  }

  private potentialConsumers(topic: string): string[] {
    return this.topic2AllPotentialConsumers.get(topic)!;
  }

  private assigned(consumer: string): TopicPartition[] {
    const list = this.currentAssignment.get(consumer);
    if (list === undefined) throw new Error(`no assignment for ${consumer}`);
    return list;
  }

  /** prepopulateCurrentAssignments: owners from older generations, newest claim per partition. */
  private prepopulatePreviousAssignment(): Map<TopicPartition, PreviousOwner> {
    const prev = new Map<TopicPartition, PreviousOwner>();
    for (const [consumer, subscription] of this.group.subscriptions) {
      const generation = subscription.generation ?? DEFAULT_GENERATION;
      if (generation >= this.maxGeneration) continue;
      for (const tp of subscription.ownedPartitions) {
        const existing = prev.get(tp);
        if (existing === undefined || generation > existing.generation) prev.set(tp, { consumer, generation });
      }
    }
    return prev;
  }

  /** Keeps owned partitions of still-subscribed topics; returns them. */
  private assignOwnedPartitions(): TopicPartition[] {
    const assigned: TopicPartition[] = [];
    for (const [consumer, partitions] of this.currentAssignment) {
      const subscription = this.group.subscriptions.get(consumer)!;
      const kept: TopicPartition[] = [];
      for (const tp of partitions) {
        if (!this.topic2AllPotentialConsumers.has(tp.topic)) {
          this.currentPartitionConsumer.delete(tp);
        } else if (!subscription.topicSet.has(tp.topic) || this.rackInfo.racksMismatch(consumer, tp)) {
          this.revocationRequired = true; // the owner unsubscribed from this topic, or reads it across racks
        } else {
          kept.push(tp);
          assigned.push(tp);
        }
      }
      this.currentAssignment.set(consumer, kept);
    }
    return assigned;
  }

  private balance(prev: ReadonlyMap<TopicPartition, PreviousOwner>, unassignedIn: TopicPartition[]): void {
    const initializing = this.assigned(this.sorted.last()).length === 0;
    // First with rack matching, then whatever is left without (balance: maybeAssign twice).
    let toAssign = unassignedIn;
    if (this.rackInfo.enabled) toAssign = toAssign.filter((tp) => !(this.potentialConsumers(tp.topic).length > 0 && this.maybeAssignPartition(tp, true)));
    for (const tp of toAssign) {
      if (this.potentialConsumers(tp.topic).length > 0) this.maybeAssignPartition(tp, false);
    }

    // Only topics with two or more potential consumers, and members holding them, can move.
    const fixedTopics = new Set([...this.topic2AllPotentialConsumers.keys()].filter((t) => !this.canTopicParticipate(t)));
    this.sortedAllPartitions = this.sortedAllPartitions.filter((tp) => !fixedTopics.has(tp.topic));
    const unassigned = unassignedIn.filter((tp) => !fixedTopics.has(tp.topic));
    const fixedAssignments = new Map<string, TopicPartition[]>();
    for (const consumer of this.consumer2AllPotentialTopics.keys()) {
      if (!this.canConsumerParticipate(consumer)) {
        this.sorted.remove(consumer);
        fixedAssignments.set(consumer, this.assigned(consumer));
        this.currentAssignment.delete(consumer);
      }
    }

    const preBalanceAssignment = deepCopy(this.currentAssignment);
    const preBalancePartitionConsumers = new Map(this.currentPartitionConsumer);
    // Without subscription-driven revocations, first try to balance by moving only new partitions.
    if (!this.revocationRequired) this.performReassignments(unassigned, prev);
    const reassignmentPerformed = this.performReassignments(this.sortedAllPartitions, prev);

    if (!initializing && reassignmentPerformed && balanceScore(this.currentAssignment) >= balanceScore(preBalanceAssignment)) {
      this.currentAssignment.clear();
      for (const [c, list] of preBalanceAssignment) this.currentAssignment.set(c, [...list]);
      this.currentPartitionConsumer.clear();
      for (const [tp, c] of preBalancePartitionConsumers) this.currentPartitionConsumer.set(tp, c);
    }
    for (const [consumer, list] of fixedAssignments) {
      this.currentAssignment.set(consumer, list);
      this.sorted.add(consumer);
    }
  }

  /** To the member with the fewest partitions that subscribes to the topic (and, matchRacks, is in a rack of its replicas). */
  private maybeAssignPartition(tp: TopicPartition, matchRacks: boolean): boolean {
    for (const consumer of this.sorted) {
      if (this.consumer2AllPotentialTopics.get(consumer)!.includes(tp.topic) && !(matchRacks && this.rackInfo.racksMismatch(consumer, tp))) {
        this.sorted.remove(consumer);
        this.assigned(consumer).push(tp);
        this.currentPartitionConsumer.set(tp, consumer);
        this.sorted.add(consumer);
        return true;
      }
    }
    return false;
  }

  private canTopicParticipate(topic: string): boolean {
    return this.potentialConsumers(topic).length >= 2;
  }

  private canConsumerParticipate(consumer: string): boolean {
    const partitions = this.assigned(consumer);
    if (partitions.length < this.maxAssignmentSize(consumer)) return true;
    return partitions.some((tp) => this.canTopicParticipate(tp.topic));
  }

  private maxAssignmentSize(consumer: string): number {
    const topics = this.consumer2AllPotentialTopics.get(consumer)!;
    if (topics.length === this.partitionsPerTopic.size) return this.totalPartitionsCount;
    return topics.reduce((sum, t) => sum + this.partitionsPerTopic.get(t)!, 0);
  }

  /** Balanced: counts differ by at most one, or no partition could move to a member 2+ below its owner. */
  private isBalanced(): boolean {
    const min = this.assigned(this.sorted.first()).length;
    const max = this.assigned(this.sorted.last()).length;
    if (min >= max - 1) return true;

    const owners = new Map<TopicPartition, string>();
    for (const [consumer, list] of this.currentAssignment) for (const tp of list) owners.set(tp, consumer);
    for (const consumer of this.sorted) {
      const mine = this.assigned(consumer);
      const count = mine.length;
      if (count === this.maxAssignmentSize(consumer)) continue;
      const mineSet = new Set(mine);
      for (const topic of this.consumer2AllPotentialTopics.get(consumer)!) {
        for (const tp of this.group.pool.partitionsOf(topic, this.partitionsPerTopic.get(topic)!)) {
          if (mineSet.has(tp)) continue;
          const other = owners.get(tp);
          if (other !== undefined && count + 1 < this.assigned(other).length) return false;
        }
      }
    }
    return true;
  }

  private performReassignments(reassignable: readonly TopicPartition[], prev: ReadonlyMap<TopicPartition, PreviousOwner>): boolean {
    let reassignmentPerformed = false;
    let modified: boolean;
    do {
      modified = false;
      for (const tp of reassignable) {
        if (this.isBalanced()) break;
        const consumer = this.currentPartitionConsumer.get(tp);
        if (consumer === undefined) throw new Error(`partition ${tp.topic}-${tp.partition} is not assigned`);
        const size = this.assigned(consumer).length;

        const previous = prev.get(tp);
        if (previous !== undefined && this.canReturnTo(previous.consumer, tp) && size > this.assigned(previous.consumer).length + 1) {
          this.reassignPartitionTo(tp, previous.consumer);
          reassignmentPerformed = modified = true;
          continue;
        }
        for (const other of this.potentialConsumers(tp.topic)) {
          if (size > this.assigned(other).length + 1) {
            this.reassignPartition(tp);
            reassignmentPerformed = modified = true;
            break;
          }
        }
      }
    } while (modified);
    return reassignmentPerformed;
  }

  private canReturnTo(consumer: string, tp: TopicPartition): boolean {
    return this.currentAssignment.has(consumer) && this.group.subscriptions.get(consumer)!.topicSet.has(tp.topic);
  }

  /** To the member with the fewest partitions that subscribes to the topic. */
  private reassignPartition(tp: TopicPartition): void {
    for (const consumer of this.sorted) {
      if (this.consumer2AllPotentialTopics.get(consumer)!.includes(tp.topic)) {
        this.reassignPartitionTo(tp, consumer);
        return;
      }
    }
    throw new Error(`no consumer for ${tp.topic}-${tp.partition}`);
  }

  private reassignPartitionTo(tp: TopicPartition, newConsumer: string): void {
    const consumer = this.currentPartitionConsumer.get(tp)!;
    const toMove = this.movements.getTheActualPartitionToBeMoved(tp, consumer, newConsumer);
    this.processPartitionMovement(toMove, newConsumer);
  }

  private processPartitionMovement(tp: TopicPartition, newConsumer: string): void {
    const oldConsumer = this.currentPartitionConsumer.get(tp)!;
    this.sorted.remove(oldConsumer);
    this.sorted.remove(newConsumer);
    this.movements.movePartition(tp, oldConsumer, newConsumer);
    removeFirst(this.assigned(oldConsumer), tp);
    this.assigned(newConsumer).push(tp);
    this.currentPartitionConsumer.set(tp, newConsumer);
    this.sorted.add(newConsumer);
    this.sorted.add(oldConsumer);
  }
}

function deepCopy(assignment: ReadonlyMap<string, readonly TopicPartition[]>): Map<string, TopicPartition[]> {
  const copy = new Map<string, TopicPartition[]>();
  for (const [c, list] of assignment) copy.set(c, [...list]);
  return copy;
}

/** Sum over member pairs of |count difference|; 0 is perfectly balanced (getBalanceScore). */
function balanceScore(assignment: ReadonlyMap<string, readonly TopicPartition[]>): number {
  const sizes = [...assignment.values()].map((l) => l.length);
  let score = 0;
  for (let i = 0; i < sizes.length; i++) for (let j = i + 1; j < sizes.length; j++) score += Math.abs(sizes[i]! - sizes[j]!);
  return score;
}
