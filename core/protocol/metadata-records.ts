// Records of the KRaft metadata log (__cluster_metadata), after Kafka's
// metadata/src/main/resources/common/metadata/*.json. The controller only ever changes
// state by appending these and replaying them; brokers replay the same records, so the
// cluster's metadata is a replicated log, as in KRaft.

export interface RegisterBrokerRecord {
  readonly type: "RegisterBroker";
  readonly offset: number;
  readonly brokerId: number;
  readonly brokerEpoch: number;
  readonly incarnationId: number;
}

export interface BrokerRegistrationChangeRecord {
  readonly type: "BrokerRegistrationChange";
  readonly offset: number;
  readonly brokerId: number;
  readonly brokerEpoch: number;
  readonly fenced: boolean | null;
  readonly inControlledShutdown: boolean | null;
}

export interface TopicRecord {
  readonly type: "Topic";
  readonly offset: number;
  readonly name: string;
}

export interface PartitionRecord {
  readonly type: "Partition";
  readonly offset: number;
  readonly topic: string;
  readonly partition: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
}

/**
 * Eligible leader replicas (KIP-966): replicas that left an ISR already below
 * min.insync.replicas, so they hold every committed record; lastKnownElr keeps the last
 * leader of a partition whose ISR and ELR emptied (PartitionRecord.EligibleLeaderReplicas,
 * LastKnownElr).
 */
export interface EligibleLeaders {
  readonly elr: readonly number[];
  readonly lastKnownElr: readonly number[];
}

/** A change to leader and/or ISR. Replay bumps partitionEpoch; a new leader bumps leaderEpoch. */
export interface PartitionChangeRecord {
  readonly type: "PartitionChange";
  readonly offset: number;
  readonly topic: string;
  readonly partition: number;
  readonly isr: readonly number[] | null;
  readonly leader: number | null;
  /** Absent: unchanged (tagged fields of Kafka's PartitionChangeRecord, default null). */
  readonly elr?: readonly number[];
  readonly lastKnownElr?: readonly number[];
  /** Why, for the trace and the visualizer (e.g. "fenced", "unclean", "preferred"). */
  readonly reason: string;
}

/**
 * KRaft's LeaderChangeMessage control record: the first record a Raft leader writes in its
 * epoch (KafkaRaftClient.onBecomeLeader). Brokers and controllers skip it when replaying; it
 * takes an offset. Only the controller quorum (cluster.controllers > 1) writes it.
 */
export interface LeaderChangeRecord {
  readonly type: "LeaderChange";
  readonly offset: number;
  readonly leaderId: number;
  readonly epoch: number;
}

export type MetadataRecord = LeaderChangeRecord | RegisterBrokerRecord | BrokerRegistrationChangeRecord | TopicRecord | PartitionRecord | PartitionChangeRecord;

/** Leader id meaning "no leader": the partition is offline. */
export const NO_LEADER = -1;
