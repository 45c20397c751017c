// The broker and topic settings the broker logic reads, with Kafka's names in comments.

export interface BrokerSettings {
  /** replica.lag.time.max.ms */
  replicaLagTimeMaxMs: number;
  /** replica.fetch.wait.max.ms */
  replicaFetchWaitMaxMs: number;
  /** replica.fetch.min.bytes */
  replicaFetchMinBytes: number;
  /** replica.fetch.max.bytes (per partition) */
  replicaFetchMaxBytes: number;
  /** replica.fetch.response.max.bytes */
  replicaFetchResponseMaxBytes: number;
  /** replica.fetch.backoff.ms */
  replicaFetchBackoffMs: number;
  /** replica.socket.timeout.ms */
  replicaSocketTimeoutMs: number;
  /** replica.high.watermark.checkpoint.interval.ms */
  highWatermarkCheckpointIntervalMs: number;
  /** broker.heartbeat.interval.ms */
  brokerHeartbeatIntervalMs: number;
  /** controlled.shutdown.enable */
  controlledShutdownEnable: boolean;
  /** kafkasim.truncation.mode: "leader-epoch" (KIP-101) or the legacy "high-watermark". */
  truncationMode: "leader-epoch" | "high-watermark";
}

export interface TopicSettings {
  /** min.insync.replicas */
  minInsyncReplicas: number;
  /** unclean.leader.election.enable */
  uncleanLeaderElectionEnable: boolean;
  /** segment.bytes */
  segmentBytes: number;
  /** segment.ms */
  segmentMs: number;
  /** flush.messages: fsync after this many messages (Long.MAX = never, Kafka's default) */
  flushMessages: number;
}

export const DEFAULT_BROKER_SETTINGS: BrokerSettings = {
  replicaLagTimeMaxMs: 30_000,
  replicaFetchWaitMaxMs: 500,
  replicaFetchMinBytes: 1,
  replicaFetchMaxBytes: 1_048_576,
  replicaFetchResponseMaxBytes: 10_485_760,
  replicaFetchBackoffMs: 1000,
  replicaSocketTimeoutMs: 30_000,
  highWatermarkCheckpointIntervalMs: 5000,
  brokerHeartbeatIntervalMs: 2000,
  controlledShutdownEnable: true,
  truncationMode: "leader-epoch",
};

export const DEFAULT_TOPIC_SETTINGS: TopicSettings = {
  minInsyncReplicas: 1,
  uncleanLeaderElectionEnable: false,
  segmentBytes: 1_073_741_824,
  segmentMs: 604_800_000,
  flushMessages: Number.MAX_SAFE_INTEGER,
};
