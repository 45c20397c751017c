// The consumer assignors' public contract (DESIGN.md, "Library exports"): the group leader's
// input to ConsumerPartitionAssignor.assign and its output, in plain data.

/** `partition.assignment.strategy` values, by the assignor's `name()` in Kafka. */
export const ASSIGNMENT_STRATEGIES = ["range", "roundrobin", "sticky", "cooperative-sticky"] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** One member's JoinGroup metadata as the leader sees it (Kafka's `Subscription` + member id). */
export interface GroupMember {
  /** member.id assigned by the coordinator. */
  readonly id: string;
  /** Subscribed topics. */
  readonly topics: readonly string[];
  /** group.instance.id of a static member (KIP-345). */
  readonly groupInstanceId?: string | undefined;
  /**
   * Partitions the member owned in its last generation: `Subscription.ownedPartitions` for
   * cooperative-sticky, the previous assignment carried in user data for (eager) sticky.
   */
  readonly owned?: readonly TopicPartition[] | undefined;
  /** The generation those partitions were owned in; absent = unknown (Kafka's Optional.empty()). */
  readonly generation?: number | undefined;
  /** The member's client.rack (Subscription.rackId, KIP-881); absent or "" = none. */
  readonly rackId?: string | undefined;
}

/** Per topic, per partition number: the racks of its replicas (KIP-881's PartitionInfo replicas' racks). */
export type PartitionRacks = Readonly<Record<string, readonly (readonly string[])[]>>;

/** member id -> partitions, each list sorted by topic then partition; every member present. */
export type GroupAssignment = Record<string, TopicPartition[]>;
