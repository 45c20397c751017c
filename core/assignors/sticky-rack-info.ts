// KIP-881 for the sticky assignors: AbstractStickyAssignor.RackInfo. It knows each member's
// client.rack and the racks of each partition's replicas, and is "on" only when
// useRackAwareAssignment says so. Off, every question answers as if no member had a rack, so
// rack-unaware groups get exactly the assignment they always got.
// Source: clients/src/main/java/org/apache/kafka/clients/consumer/internals/AbstractStickyAssignor.java
// (RackInfo), AbstractPartitionAssignor.useRackAwareAssignment; unchanged in Kafka 4.1.

import type { GroupSubscription } from "./group-subscription.ts";
import { useRackAwareAssignment } from "./use-rack-aware-assignment.ts";
import type { TopicPartition } from "./types.ts";

const NO_RACKS: ReadonlySet<string> = new Set();

export class StickyRackInfo {
  /** member -> rack; empty when rack-aware assignment is off (RackInfo.consumerRacks). */
  private readonly consumerRacks = new Map<string, string>();
  /** partition -> racks of its replicas; empty when off (RackInfo.partitionRacks). */
  private readonly partitionRacks = new Map<TopicPartition, ReadonlySet<string>>();
  /**
   * partition -> members whose rack holds a replica of it (RackInfo.numConsumersByPartition).
   * Kafka fills it whenever any member has a rack, on or off; off, every count is equal or zero,
   * so the sort it drives changes nothing.
   */
  private readonly numConsumersByPartition = new Map<TopicPartition, number>();

  /** `preferRackAwareLogic`: Kafka's test-only switch (use-rack-aware-assignment.ts). */
  constructor(group: GroupSubscription, preferRackAwareLogic = false) {
    const consumersByRack = new Map<string, number>();
    for (const s of group.subscriptions.values()) {
      if (s.rackId !== undefined) consumersByRack.set(s.rackId, (consumersByRack.get(s.rackId) ?? 0) + 1);
    }
    if (consumersByRack.size === 0) return;

    const racksOf = new Map<TopicPartition, ReadonlySet<string>>();
    for (const [topic, n] of group.partitionsPerTopic) {
      const replicaRacks = group.partitionRacks[topic];
      for (const tp of group.pool.partitionsOf(topic, n)) racksOf.set(tp, new Set(replicaRacks?.[tp.partition] ?? []));
    }
    for (const [tp, racks] of racksOf) {
      let n = 0;
      for (const r of racks) n += consumersByRack.get(r) ?? 0;
      this.numConsumersByPartition.set(tp, n);
    }
    if (!useRackAwareAssignment(new Set(consumersByRack.keys()), racksOf.values(), preferRackAwareLogic)) return;
    for (const [id, s] of group.subscriptions) if (s.rackId !== undefined) this.consumerRacks.set(id, s.rackId);
    for (const [tp, racks] of racksOf) this.partitionRacks.set(tp, racks);
  }

  /** Whether the builders run their rack-matching steps (`!rackInfo.consumerRacks.isEmpty()`). */
  get enabled(): boolean {
    return this.consumerRacks.size > 0;
  }

  /** RackInfo.racksMismatch: the member has a rack and no replica of `tp` is in it. */
  racksMismatch(consumer: string, tp: TopicPartition): boolean {
    const rack = this.consumerRacks.get(consumer);
    return rack !== undefined && !(this.partitionRacks.get(tp) ?? NO_RACKS).has(rack);
  }

  /**
   * RackInfo.sortPartitionsByRackConsumers: partitions that fewer members could read in their
   * own rack first, so they get a rack-aligned member before the choice runs out (stable sort).
   */
  sortPartitionsByRackConsumers(partitions: TopicPartition[]): TopicPartition[] {
    if (this.numConsumersByPartition.size === 0) return partitions;
    const count = (tp: TopicPartition) => this.numConsumersByPartition.get(tp) ?? 0;
    return [...partitions].sort((a, b) => count(a) - count(b));
  }

  /** RackInfo.nextRackConsumer: from `firstIndex` round the list, the first member in a rack of `tp`; -1 if none. */
  nextRackConsumer(tp: TopicPartition, consumers: readonly string[], firstIndex: number): number {
    const racks = this.partitionRacks.get(tp);
    if (racks === undefined || racks.size === 0) return -1;
    for (let i = 0; i < consumers.length; i++) {
      const index = (firstIndex + i) % consumers.length;
      const rack = this.consumerRacks.get(consumers[index]!);
      if (rack !== undefined && racks.has(rack)) return index;
    }
    return -1;
  }
}
