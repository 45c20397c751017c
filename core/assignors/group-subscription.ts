// What the group leader hands to an assignor, normalized from the public input: the work that
// ConsumerCoordinator.onLeaderElected and AbstractPartitionAssignor.assign(Cluster, GroupSubscription)
// do before calling the assignor proper.
// - Subscriptions sit in a Map whose iteration order is that of the coordinator's
//   `new HashMap<String, Subscription>()` (see java-hash-order.ts). Members are put into it in
//   MemberInfo order; Java puts them in JoinGroup-response order, which only matters for member
//   ids that share a hash bucket.
// - partitionsPerTopic keeps only subscribed topics with at least one partition, as
//   AbstractPartitionAssignor does with the leader's metadata.
// - Owned partitions that do not exist (unknown topic or partition number out of range) are
//   dropped. Kafka keeps them in the raw lists, where they are ignored (unknown topics) or, for a
//   partition number beyond the topic's current count, can leak into the result; we prefer a
//   valid assignment for that degenerate input.

import { javaHashMapOrder } from "./java-hash-order.ts";
import { sortMembers } from "./member-order.ts";
import { TopicPartitionPool } from "./topic-partition.ts";
import type { GroupMember, PartitionRacks, TopicPartition } from "./types.ts";

/** AbstractStickyAssignor.DEFAULT_GENERATION: a member that reports no generation. */
export const DEFAULT_GENERATION = -1;

export interface MemberSubscription {
  readonly memberId: string;
  readonly groupInstanceId: string | undefined;
  /** Subscribed topics, duplicates removed, in the member's order. */
  readonly topics: readonly string[];
  readonly topicSet: ReadonlySet<string>;
  /** Owned partitions as the member reported them (existing partitions only; interned). */
  readonly ownedPartitions: readonly TopicPartition[];
  readonly generation: number | undefined;
  /** client.rack; undefined for none. */
  readonly rackId: string | undefined;
}

export interface GroupSubscription {
  /** member id -> subscription, iterated in Java HashMap order. */
  readonly subscriptions: ReadonlyMap<string, MemberSubscription>;
  /** Subscribed topics that exist, with their partition counts (>= 1). */
  readonly partitionsPerTopic: ReadonlyMap<string, number>;
  readonly pool: TopicPartitionPool;
  /** Replica racks per topic and partition (KIP-881); empty without racks. */
  readonly partitionRacks: PartitionRacks;
}

export function buildGroupSubscription(
  members: readonly GroupMember[],
  partitionsPerTopic: Readonly<Record<string, number>>,
  partitionRacks: PartitionRacks = {},
): GroupSubscription {
  const pool = new TopicPartitionPool();
  const counts = subscribedPartitionCounts(members, partitionsPerTopic);
  const byId = new Map<string, MemberSubscription>();
  for (const m of members) {
    if (typeof m.id !== "string") throw new TypeError("member id must be a string");
    if (byId.has(m.id)) throw new RangeError(`duplicate member id ${JSON.stringify(m.id)}`);
    byId.set(m.id, toSubscription(m, counts, pool));
  }
  const insertionOrder = sortMembers(byId.values()).map((s) => s.memberId);
  const subscriptions = new Map<string, MemberSubscription>();
  for (const id of javaHashMapOrder(insertionOrder)) subscriptions.set(id, byId.get(id)!);
  return { subscriptions, partitionsPerTopic: counts, pool, partitionRacks };
}

function subscribedPartitionCounts(
  members: readonly GroupMember[],
  partitionsPerTopic: Readonly<Record<string, number>>,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of members) {
    for (const topic of m.topics) {
      if (counts.has(topic) || !Object.hasOwn(partitionsPerTopic, topic)) continue;
      const n = partitionsPerTopic[topic]!;
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`partition count of ${topic} must be a non-negative integer, got ${n}`);
      if (n > 0) counts.set(topic, n);
    }
  }
  return counts;
}

function toSubscription(m: GroupMember, counts: ReadonlyMap<string, number>, pool: TopicPartitionPool): MemberSubscription {
  const topicSet = new Set(m.topics);
  const owned: TopicPartition[] = [];
  for (const tp of m.owned ?? []) {
    const n = counts.get(tp.topic);
    if (n !== undefined && Number.isInteger(tp.partition) && tp.partition >= 0 && tp.partition < n) {
      owned.push(pool.get(tp.topic, tp.partition));
    }
  }
  if (m.generation !== undefined && !Number.isInteger(m.generation)) {
    throw new RangeError(`generation of ${m.id} must be an integer, got ${m.generation}`);
  }
  return {
    memberId: m.id,
    groupInstanceId: m.groupInstanceId,
    topics: [...topicSet],
    topicSet,
    ownedPartitions: owned,
    generation: m.generation,
    rackId: m.rackId === undefined || m.rackId === "" ? undefined : m.rackId,
  };
}

/** An empty assignment list for every member (every assignor returns all members). */
export function emptyAssignment(group: GroupSubscription): Map<string, TopicPartition[]> {
  const out = new Map<string, TopicPartition[]>();
  for (const id of group.subscriptions.keys()) out.set(id, []);
  return out;
}
