// Broker configs (a scenario's `cluster.config`), Kafka 4.x names and defaults, from
// ServerLogConfigs / LogConfig.SERVER_CONFIG_DEF, ReplicationConfigs, KRaftConfigs,
// GroupCoordinatorConfig and ServerConfigs in apache/kafka. The log.* keys are the
// cluster-wide defaults that a topic's own config overrides (see topic-config.ts).

import { defineCatalog, type ConfigError, type ConfigValue } from "./catalog.ts";
import { bytes, double, flag, int, listOf, long, ms, msInt, oneOf } from "./entry-builders.ts";
import { INT_MAX, LONG_MAX } from "./limits.ts";
import type { ServerAssignorName } from "../group/server-assignor.ts";
import { bool, num, oneOf as pick, type Values } from "./read-values.ts";

export const TRUNCATION_MODES = ["leader-epoch", "high-watermark"] as const;
export type TruncationMode = (typeof TRUNCATION_MODES)[number];

const COMPRESSION = ["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"];
const TIMESTAMP_TYPES = ["CreateTime", "LogAppendTime"];

export const RACK_AWARE_SELECTOR = "org.apache.kafka.common.replica.RackAwareReplicaSelector";

export const BROKER_CATALOG = defineCatalog(
  "broker",
  [
    // Replication and elections
    int("min.insync.replicas", 1, "Replicas that must be in the ISR for an acks=all write to succeed.", { min: 1 }),
    flag("unclean.leader.election.enable", false, "Allow an out-of-sync replica to become leader (may lose committed data)."),
    ms("unclean.leader.election.interval.ms", 300000, "How often the controller tries unclean elections when they are enabled.", { min: 1 }),
    int("default.replication.factor", 1, "Replication factor of a topic created without one.", { min: 1 }),
    int("num.partitions", 1, "Partition count of a topic created without one.", { min: 1 }),
    flag("auto.create.topics.enable", true, "Create a missing topic when a client's Metadata request allows it (kafkasim serve's real clients; modelled clients only ask for the scenario's topics, created up front)."),
    ms("replica.lag.time.max.ms", 30000, "A follower not caught up for this long is removed from the ISR."),
    msInt("replica.fetch.wait.max.ms", 500, "Longest a follower fetch waits on the leader for data."),
    int("replica.fetch.min.bytes", 1, "Bytes a follower fetch waits for before the leader answers.", { min: 0 }),
    bytes("replica.fetch.max.bytes", 1048576, "Bytes fetched per partition per follower fetch (soft: the first batch always comes back)."),
    bytes("replica.fetch.response.max.bytes", 10485760, "Bytes per whole follower fetch response (soft, as above)."),
    msInt("replica.fetch.backoff.ms", 1000, "Pause after a follower fetch error."),
    msInt("replica.socket.timeout.ms", 30000, "Socket timeout of follower fetches."),
    int("num.replica.fetchers", 1, "Fetcher threads per source broker.", { min: 1 }),
    { ...oneOf("replica.selector.class", "", [RACK_AWARE_SELECTOR], "KIP-392: the ReplicaSelector a leader asks which replica a consumer should fetch from. Unset: always the leader; RackAwareReplicaSelector: a replica in the consumer's client.rack, which then serves it up to its own high watermark."), default: null },
    ms("replica.high.watermark.checkpoint.interval.ms", 5000, "How often high watermarks are checkpointed to disk."),
    int("eligible.leader.replicas.version", 1, "Cluster feature level (kafka-storage format --feature, kafka-features upgrade): 1 keeps Eligible Leader Replicas (KIP-966), as a new Kafka 4.1 cluster does; 0 is Kafka 4.0's default, without them.", { min: 0, max: 1 }),
    // KRaft liveness and leadership balance
    msInt("broker.heartbeat.interval.ms", 2000, "Broker to controller heartbeat period."),
    msInt("broker.session.timeout.ms", 9000, "A broker without a heartbeat this long is fenced."),
    flag("auto.leader.rebalance.enable", true, "Move leadership back to preferred replicas periodically."),
    long("leader.imbalance.check.interval.seconds", 300, "Period of the preferred-leader check.", { min: 1 }),
    int("leader.imbalance.per.broker.percentage", 10, "Imbalance a broker may have before a preferred election.", { min: 0 }),
    flag("controlled.shutdown.enable", true, "On SIGTERM move leadership away before stopping."),
    // KRaft controller quorum (QuorumConfig; they matter with cluster.controllers > 1)
    msInt("controller.quorum.election.timeout.ms", 1000, "A voter without a leader starts an election after this long, plus up to as much again at random.", 1),
    msInt("controller.quorum.fetch.timeout.ms", 2000, "A follower controller that hears nothing from the leader this long starts an election; the leader resigns after 1.5 times this without fetches from a majority.", 1),
    msInt("controller.quorum.election.backoff.max.ms", 1000, "Longest wait of a candidate controller after a lost election.", 1),
    msInt("controller.quorum.request.timeout.ms", 2000, "A resigned Raft leader resends EndQuorumEpoch to a voter that has not answered after this long (Vote and BeginQuorumEpoch are not resent: the election timeout retries).", 1),
    msInt("controller.quorum.retry.backoff.ms", 20, "Wait before retrying a failed quorum request (also a broker asking the next controller who leads)."),
    msInt("controller.quorum.append.linger.ms", 25, "How long the Raft leader lingers to batch metadata records before writing them."),
    // Group coordinator
    msInt("group.initial.rebalance.delay.ms", 3000, "Wait for more members before a new group's first rebalance."),
    msInt("group.min.session.timeout.ms", 6000, "Smallest session.timeout.ms a classic member may ask for."),
    msInt("group.max.session.timeout.ms", 1800000, "Largest session.timeout.ms a classic member may ask for."),
    int("group.max.size", INT_MAX, "Members per classic group.", { min: 1 }),
    msInt("group.consumer.session.timeout.ms", 45000, "Session timeout of KIP-848 (group.protocol=consumer) members."),
    msInt("group.consumer.heartbeat.interval.ms", 5000, "Heartbeat interval given to KIP-848 members."),
    listOf("group.consumer.assignors", ["uniform", "range"], ["uniform", "range"], "KIP-848 server-side assignors; the first is the default.", { aliases: { "org.apache.kafka.coordinator.group.assignor.UniformAssignor": "uniform", "org.apache.kafka.coordinator.group.assignor.RangeAssignor": "range" } }),
    int("group.consumer.max.size", INT_MAX, "Members per KIP-848 consumer group.", { min: 1 }),
    int("offsets.topic.num.partitions", 50, "Partitions of __consumer_offsets.", { min: 1 }),
    int("offsets.topic.replication.factor", 3, "Replication factor of __consumer_offsets; creation fails while fewer brokers exist.", { min: 1, max: 32767 }),
    bytes("offsets.topic.segment.bytes", 104857600, "Segment size of __consumer_offsets.", { min: 1, max: INT_MAX }),
    msInt("offsets.commit.timeout.ms", 5000, "An offset commit waits this long for the offsets topic's replicas.", 1),
    int("offsets.retention.minutes", 10080, "Committed offsets of an empty group are kept this long.", { min: 1 }),
    int("transaction.state.log.replication.factor", 3, "Replication factor of __transaction_state; creation fails while fewer brokers exist.", { min: 1, max: 32767 }),
    int("transaction.state.log.min.isr", 2, "min.insync.replicas of __transaction_state.", { min: 1 }),
    int("transaction.state.log.num.partitions", 50, "Partitions of __transaction_state.", { min: 1 }),
    bytes("transaction.state.log.segment.bytes", 104857600, "Segment size of __transaction_state.", { min: 1, max: INT_MAX }),
    msInt("transaction.max.timeout.ms", 900000, "Largest transaction.timeout.ms a producer may ask for (INVALID_TRANSACTION_TIMEOUT above).", 1),
    msInt("transaction.abort.timed.out.transaction.cleanup.interval.ms", 10000, "How often the transaction coordinator aborts transactions open past their timeout.", 1),
    msInt("transactional.id.expiration.ms", 604800000, "A transactional id idle this long is expired by its coordinator.", 1),
    msInt("transaction.remove.expired.transaction.cleanup.interval.ms", 3600000, "How often expired transactional ids are removed.", 1),
    flag("transaction.partition.verification.enable", true, "Partition leaders verify with the coordinator that a transactional produce belongs to an open transaction (KIP-890 part 1)."),
    int("transaction.version", 2, "Cluster feature level (kafka-storage format --feature): 2, a new Kafka 4.x cluster's, bumps the producer epoch at every transaction end (KIP-890); 0 and 1 keep one epoch per producer session.", { min: 0, max: 2 }),
    // Log defaults (topic configs override these)
    bytes("message.max.bytes", 1048588, "Largest record batch a broker accepts (topic: max.message.bytes).", { min: 0, max: INT_MAX }),
    oneOf("compression.type", "producer", COMPRESSION, "Compression of stored batches (producer = keep the producer's)."),
    bytes("log.segment.bytes", 1073741824, "Segment size (topic: segment.bytes). Kafka 4 requires at least 1MiB.", { min: 1048576, max: INT_MAX }),
    ms("log.roll.ms", null, "Roll a segment after this long (topic: segment.ms); unset = log.roll.hours.", { min: 1 }),
    int("log.roll.hours", 168, "Roll a segment after this many hours when log.roll.ms is unset.", { min: 1 }),
    ms("log.roll.jitter.ms", null, "Random jitter subtracted from the roll time; unset = log.roll.jitter.hours."),
    int("log.roll.jitter.hours", 0, "Roll jitter in hours when log.roll.jitter.ms is unset.", { min: 0 }),
    ms("log.retention.ms", null, "Delete segments older than this (topic: retention.ms); -1 = forever; unset = minutes/hours.", { min: -1 }),
    int("log.retention.minutes", null, "Retention in minutes when log.retention.ms is unset."),
    int("log.retention.hours", 168, "Retention in hours when log.retention.ms and minutes are unset."),
    long("log.retention.bytes", -1, "Delete old segments past this partition size (topic: retention.bytes); -1 = no limit."),
    ms("log.retention.check.interval.ms", 300000, "How often the retention task runs.", { min: 1 }),
    listOf("log.cleanup.policy", ["delete"], ["delete", "compact"], "delete, compact or both (topic: cleanup.policy).", { allowEmpty: true }),
    flag("log.cleaner.enable", true, "Run the log cleaner (needed for compacted topics)."),
    ms("log.cleaner.backoff.ms", 15000, "Cleaner sleep when no log is dirty enough."),
    double("log.cleaner.min.cleanable.ratio", 0.5, "Dirty ratio that makes a log eligible for cleaning (topic: min.cleanable.dirty.ratio).", { min: 0, max: 1 }),
    ms("log.cleaner.delete.retention.ms", 86400000, "Tombstones are kept this long after cleaning (topic: delete.retention.ms)."),
    ms("log.cleaner.min.compaction.lag.ms", 0, "Records younger than this are not compacted (topic: min.compaction.lag.ms)."),
    ms("log.cleaner.max.compaction.lag.ms", LONG_MAX, "Records older than this are compacted regardless of ratio (topic: max.compaction.lag.ms).", { min: 1 }),
    int("log.cleaner.threads", 1, "Cleaner threads.", { min: 0 }),
    ms("log.segment.delete.delay.ms", 60000, "Delay before a deleted segment's file is removed (topic: file.delete.delay.ms)."),
    long("log.flush.interval.messages", LONG_MAX, "fsync after this many messages (topic: flush.messages); default never.", { min: 1 }),
    ms("log.flush.interval.ms", null, "fsync after data is this old (topic: flush.ms); unset = log.flush.scheduler.interval.ms."),
    ms("log.flush.scheduler.interval.ms", LONG_MAX, "How often the flusher checks logs; default never."),
    msInt("log.flush.offset.checkpoint.interval.ms", 60000, "How often the recovery point is checkpointed."),
    oneOf("log.message.timestamp.type", "CreateTime", TIMESTAMP_TYPES, "Record timestamps: the producer's or the broker's append time (topic: message.timestamp.type)."),
    flag("log.preallocate", false, "Preallocate segment files (topic: preallocate)."),
    // Threads
    int("num.network.threads", 3, "Network threads per broker.", { min: 1 }),
    int("num.recovery.threads.per.data.dir", 2, "Threads that recover the logs after an unclean shutdown (LogManager.loadLogs, one job per log; Kafka 4.x's default 2).", { min: 1 }),
    int("num.io.threads", 8, "Request handler threads per broker.", { min: 1 }),
    int("queued.max.requests", 500, "Requests queued before the network threads stop reading.", { min: 1 }),
    // kafkasim
    oneOf("kafkasim.truncation.mode", "leader-epoch", TRUNCATION_MODES, "NOT a Kafka key. How a follower truncates after a leader change: leader-epoch (KIP-101/279, Kafka since 0.11) or high-watermark (the legacy truncate-to-HW rule, to show the divergence it allowed).", { kafkasim: true }),
  ],
  brokerCrossChecks,
);

/**
 * KafkaConfig's `require(...)` checks between broker keys, LogConfig.validateBrokerLogConfigValues
 * for the compaction lags, and (ours) min session timeout <= max.
 */
function brokerCrossChecks(values: Record<string, ConfigValue>): ConfigError[] {
  const errors: ConfigError[] = [];
  const fetchWait = num(values, "replica.fetch.wait.max.ms");
  if (fetchWait > num(values, "replica.lag.time.max.ms")) {
    errors.push({
      key: "replica.fetch.wait.max.ms",
      kind: "conflict",
      message: "replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms to prevent frequent changes in ISR",
    });
  }
  if (fetchWait > num(values, "replica.socket.timeout.ms")) {
    errors.push({ key: "replica.fetch.wait.max.ms", kind: "conflict", message: "replica.socket.timeout.ms should always be at least replica.fetch.wait.max.ms to prevent unnecessary socket timeouts" });
  }
  if (num(values, "group.min.session.timeout.ms") > num(values, "group.max.session.timeout.ms")) {
    errors.push({ key: "group.min.session.timeout.ms", kind: "conflict", message: "group.min.session.timeout.ms must not be larger than group.max.session.timeout.ms" });
  }
  if (num(values, "log.cleaner.min.compaction.lag.ms") > num(values, "log.cleaner.max.compaction.lag.ms")) {
    errors.push({ key: "log.cleaner.min.compaction.lag.ms", kind: "conflict", message: "log.cleaner.min.compaction.lag.ms must not be larger than log.cleaner.max.compaction.lag.ms" });
  }
  return errors;
}

/** Broker settings the core reads, camelCase with the unit last. Topic-level log settings live in TopicSettings. */
export interface BrokerSettings {
  readonly minInsyncReplicas: number;
  readonly uncleanLeaderElectionEnable: boolean;
  readonly uncleanLeaderElectionIntervalMs: number;
  readonly defaultReplicationFactor: number;
  readonly numPartitions: number;
  /** auto.create.topics.enable: Metadata with allow_auto_topic_creation creates a missing topic (core/broker/topic-creation.ts). */
  readonly autoCreateTopicsEnable: boolean;
  readonly replicaLagTimeMaxMs: number;
  readonly replicaFetchWaitMaxMs: number;
  /** replica.socket.timeout.ms: a follower's fetch without an answer this long fails and backs off. */
  readonly replicaSocketTimeoutMs: number;
  readonly replicaFetchMinBytes: number;
  readonly replicaFetchMaxBytes: number;
  readonly replicaFetchResponseMaxBytes: number;
  readonly replicaFetchBackoffMs: number;
  readonly numReplicaFetchers: number;
  /** replica.selector.class is RackAwareReplicaSelector: consumers with client.rack fetch from a replica in their rack. */
  readonly rackAwareReplicaSelector: boolean;
  /** broker.rack of brokers 1..n (cluster.racks), set by the simulator's cluster; null without racks. */
  readonly racks: readonly string[] | null;
  readonly replicaHighWatermarkCheckpointIntervalMs: number;
  /** eligible.leader.replicas.version ≥ 1 */
  readonly eligibleLeaderReplicasEnabled: boolean;
  readonly brokerHeartbeatIntervalMs: number;
  readonly brokerSessionTimeoutMs: number;
  readonly autoLeaderRebalanceEnable: boolean;
  readonly leaderImbalanceCheckIntervalMs: number;
  readonly controlledShutdownEnable: boolean;
  readonly controllerQuorumElectionTimeoutMs: number;
  readonly controllerQuorumFetchTimeoutMs: number;
  readonly controllerQuorumElectionBackoffMaxMs: number;
  readonly controllerQuorumRetryBackoffMs: number;
  readonly controllerQuorumRequestTimeoutMs: number;
  readonly groupInitialRebalanceDelayMs: number;
  readonly groupMinSessionTimeoutMs: number;
  readonly groupMaxSessionTimeoutMs: number;
  readonly groupMaxSize: number;
  readonly groupConsumerSessionTimeoutMs: number;
  readonly groupConsumerHeartbeatIntervalMs: number;
  readonly groupConsumerAssignors: readonly ServerAssignorName[];
  readonly groupConsumerMaxSize: number;
  readonly offsetsTopicNumPartitions: number;
  readonly offsetsTopicReplicationFactor: number;
  readonly offsetsCommitTimeoutMs: number;
  readonly transactionStateLogReplicationFactor: number;
  readonly transactionStateLogNumPartitions: number;
  readonly transactionMaxTimeoutMs: number;
  readonly transactionAbortTimedOutTransactionCleanupIntervalMs: number;
  /** The transaction.version feature level (0, 1, 2). */
  readonly transactionVersion: number;
  readonly offsetsRetentionMs: number;
  readonly messageMaxBytes: number;
  readonly logRetentionCheckIntervalMs: number;
  readonly logCleanerEnable: boolean;
  readonly logCleanerBackoffMs: number;
  readonly logFlushSchedulerIntervalMs: number;
  readonly logFlushOffsetCheckpointIntervalMs: number;
  readonly numNetworkThreads: number;
  readonly numIoThreads: number;
  readonly numRecoveryThreadsPerDataDir: number;
  readonly queuedMaxRequests: number;
  readonly truncationMode: TruncationMode;
}

export function brokerSettings(values: Values): BrokerSettings {
  return {
    minInsyncReplicas: num(values, "min.insync.replicas"),
    uncleanLeaderElectionEnable: bool(values, "unclean.leader.election.enable"),
    uncleanLeaderElectionIntervalMs: num(values, "unclean.leader.election.interval.ms"),
    defaultReplicationFactor: num(values, "default.replication.factor"),
    numPartitions: num(values, "num.partitions"),
    autoCreateTopicsEnable: bool(values, "auto.create.topics.enable"),
    replicaLagTimeMaxMs: num(values, "replica.lag.time.max.ms"),
    replicaFetchWaitMaxMs: num(values, "replica.fetch.wait.max.ms"),
    replicaSocketTimeoutMs: num(values, "replica.socket.timeout.ms"),
    replicaFetchMinBytes: num(values, "replica.fetch.min.bytes"),
    replicaFetchMaxBytes: num(values, "replica.fetch.max.bytes"),
    replicaFetchResponseMaxBytes: num(values, "replica.fetch.response.max.bytes"),
    replicaFetchBackoffMs: num(values, "replica.fetch.backoff.ms"),
    numReplicaFetchers: num(values, "num.replica.fetchers"),
    rackAwareReplicaSelector: values["replica.selector.class"] === RACK_AWARE_SELECTOR,
    racks: null,
    replicaHighWatermarkCheckpointIntervalMs: num(values, "replica.high.watermark.checkpoint.interval.ms"),
    eligibleLeaderReplicasEnabled: num(values, "eligible.leader.replicas.version") >= 1,
    brokerHeartbeatIntervalMs: num(values, "broker.heartbeat.interval.ms"),
    brokerSessionTimeoutMs: num(values, "broker.session.timeout.ms"),
    autoLeaderRebalanceEnable: bool(values, "auto.leader.rebalance.enable"),
    leaderImbalanceCheckIntervalMs: num(values, "leader.imbalance.check.interval.seconds") * 1000,
    controlledShutdownEnable: bool(values, "controlled.shutdown.enable"),
    controllerQuorumElectionTimeoutMs: num(values, "controller.quorum.election.timeout.ms"),
    controllerQuorumFetchTimeoutMs: num(values, "controller.quorum.fetch.timeout.ms"),
    controllerQuorumElectionBackoffMaxMs: num(values, "controller.quorum.election.backoff.max.ms"),
    controllerQuorumRetryBackoffMs: num(values, "controller.quorum.retry.backoff.ms"),
    controllerQuorumRequestTimeoutMs: num(values, "controller.quorum.request.timeout.ms"),
    groupInitialRebalanceDelayMs: num(values, "group.initial.rebalance.delay.ms"),
    groupMinSessionTimeoutMs: num(values, "group.min.session.timeout.ms"),
    groupMaxSessionTimeoutMs: num(values, "group.max.session.timeout.ms"),
    groupMaxSize: num(values, "group.max.size"),
    groupConsumerSessionTimeoutMs: num(values, "group.consumer.session.timeout.ms"),
    groupConsumerHeartbeatIntervalMs: num(values, "group.consumer.heartbeat.interval.ms"),
    groupConsumerAssignors: values["group.consumer.assignors"] as readonly ServerAssignorName[],
    groupConsumerMaxSize: num(values, "group.consumer.max.size"),
    offsetsTopicNumPartitions: num(values, "offsets.topic.num.partitions"),
    offsetsTopicReplicationFactor: num(values, "offsets.topic.replication.factor"),
    offsetsCommitTimeoutMs: num(values, "offsets.commit.timeout.ms"),
    transactionStateLogReplicationFactor: num(values, "transaction.state.log.replication.factor"),
    transactionStateLogNumPartitions: num(values, "transaction.state.log.num.partitions"),
    transactionMaxTimeoutMs: num(values, "transaction.max.timeout.ms"),
    transactionAbortTimedOutTransactionCleanupIntervalMs: num(values, "transaction.abort.timed.out.transaction.cleanup.interval.ms"),
    transactionVersion: num(values, "transaction.version"),
    offsetsRetentionMs: num(values, "offsets.retention.minutes") * 60_000,
    messageMaxBytes: num(values, "message.max.bytes"),
    logRetentionCheckIntervalMs: num(values, "log.retention.check.interval.ms"),
    logCleanerEnable: bool(values, "log.cleaner.enable"),
    logCleanerBackoffMs: num(values, "log.cleaner.backoff.ms"),
    logFlushSchedulerIntervalMs: num(values, "log.flush.scheduler.interval.ms"),
    logFlushOffsetCheckpointIntervalMs: num(values, "log.flush.offset.checkpoint.interval.ms"),
    numNetworkThreads: num(values, "num.network.threads"),
    numIoThreads: num(values, "num.io.threads"),
    numRecoveryThreadsPerDataDir: num(values, "num.recovery.threads.per.data.dir"),
    queuedMaxRequests: num(values, "queued.max.requests"),
    truncationMode: pick(values, "kafkasim.truncation.mode", TRUNCATION_MODES),
  };
}
