// Per modelled key: a value that must change the history of catalog-effects.ts's BASE (or of
// the scenario named), with the overrides that make the key matter. Keep one row per key.
import type { Effect } from "./catalog-effects.ts";

const SMALL_SEGMENTS = "topics.0.config.internal.segment.bytes=16KiB";
const RETENTION_CHECKS = "cluster.config.log.retention.check.interval.ms=1000";
const CONSUMER_PROTOCOL = "consumers.0.config.group.protocol=consumer";
const MEMBER_PAUSE = "faults.1={ at: 4s, pause: g1-1, for: 14s }";
const STOP_NOT_CRASH = "faults.0={ at: 8s, stop: 2, for: 6s }";
const TWO_HOURS_SLOW = ["duration=2h", "settle=1s", "producers.0.rate=1/s", "producers.1.rate=1/s", "consumers.0.instances=1"];
const FLUSHER = ["duration=40s", "cluster.config.log.flush.scheduler.interval.ms=1000"];
/** Retention removes closed segments of `events`: what makes a segment roll observable. */
const RETENTION = ["duration=40s", "topics.0.config.retention.ms=2000", RETENTION_CHECKS];
const CLEANER_OFTEN = ["duration=40s", "cluster.config.log.cleaner.backoff.ms=1000"];
/** The ISR of broker 1's partitions shrinks to [1], then broker 1 dies with live out-of-sync replicas. */
const LAST_REPLICA_DIES = [
  "faults=[{ at: 2s, partition: [[1], [2, 3]], for: 25s }, { at: 12s, crash: 1, for: 10s }]",
  "cluster.config.replica.lag.time.max.ms=3000",
  "cluster.config.broker.session.timeout.ms=3000",
];
/** A quorum of three whose active controller dies mid-run; no jitter, so both followers time out together and split the vote. */
const QUORUM_FAILOVER = ["cluster.controllers=3", "cluster.network={ latency: 1ms }", "faults.1={ at: 10s, crash: controller, for: 5s }"];
const POWER_LOSS_LATE = "faults.1={ at: 38s, powerLoss: [1, 2, 3] }";
/** Many keys, so a tombstone stays the latest record of its key for a while. */
const TOMBSTONES_KEPT = ["producers.1.keys={ distribution: uniform, count: 2000 }", "producers.1.tombstones=0.3", ...CLEANER_OFTEN];
/** Three zones, 5 ms apart: a client placed in one of them talks to the other two across zones. */
const ZONES = ["cluster.racks=[a, b, c]", "cluster.network.racks={ latency: 5ms }"];
const ONE_SEGMENT_CHANGELOG = "topics.1.config.internal.segment.bytes=1GiB";
/** Transaction keys matter only with a transactional producer: the shipped read_committed scenario has one. */
const TXN = "transactions-read-committed.yaml";
const TXN_TIMES_OUT = "producers.0.config.transaction.timeout.ms=50";

export const EFFECTS: Readonly<Record<string, Readonly<Record<string, Effect>>>> = {
  broker: {
    "min.insync.replicas": { value: "3" },
    "unclean.leader.election.enable": { value: "true", context: LAST_REPLICA_DIES },
    // Below min ISR the out-of-sync replicas are eligible: with the feature off the partition waits for broker 1.
    "eligible.leader.replicas.version": { value: "0", context: [...LAST_REPLICA_DIES, "cluster.config.min.insync.replicas=2"] },
    "default.replication.factor": { value: "3" },
    "num.partitions": { value: "4" },
    "replica.lag.time.max.ms": { value: "3000" },
    "replica.fetch.wait.max.ms": { value: "100" },
    "replica.fetch.min.bytes": { value: "100000" },
    "replica.fetch.max.bytes": { value: "1024" },
    "replica.fetch.response.max.bytes": { value: "1024" },
    "replica.fetch.backoff.ms": { value: "100" },
    "replica.socket.timeout.ms": { value: "600", context: ["faults.0={ at: 8s, partition: [[1, 3], [2]], for: 6s }"] },
    "num.replica.fetchers": { value: "4" },
    // A consumer in rack c fetches from the replica there (KIP-392) instead of the leader.
    "replica.selector.class": { value: "org.apache.kafka.common.replica.RackAwareReplicaSelector", context: [...ZONES, "consumers.0.config.client.rack=c"] },
    "replica.high.watermark.checkpoint.interval.ms": { value: "1000" },
    "broker.heartbeat.interval.ms": { value: "500" },
    "broker.session.timeout.ms": { value: "3000" },
    "auto.leader.rebalance.enable": { value: "false", context: ["cluster.config.leader.imbalance.check.interval.seconds=5"] },
    "leader.imbalance.check.interval.seconds": { value: "5" },
    "controlled.shutdown.enable": { value: "false", context: [STOP_NOT_CRASH] },
    "controller.quorum.election.timeout.ms": { value: "300", context: ["cluster.controllers=3"] },
    "controller.quorum.fetch.timeout.ms": { value: "800", context: QUORUM_FAILOVER },
    // Five voters, so candidates split the vote and are rejected by a majority; a first lost
    // election backs off 0 or 100 ms (binaryExponentialElectionBackoffMs), so only a cap
    // below 100 ms shows in one failover.
    "controller.quorum.election.backoff.max.ms": { value: "1", context: ["cluster.controllers=5", ...QUORUM_FAILOVER.slice(1)] },
    "controller.quorum.retry.backoff.ms": { value: "100", context: QUORUM_FAILOVER },
    // The active controller (controller-3 in BASE) stops while the other two are paused: its
    // EndQuorumEpoch goes unanswered and is resent every request timeout until they resume.
    "controller.quorum.request.timeout.ms": { value: "500", context: ["cluster.controllers=3", "faults.1={ at: 10s, pause: controller-1, for: 3s }", "faults.2={ at: 10s, pause: controller-2, for: 3s }", "faults.3={ at: 11s, stop: controller-3, for: 5s }"] },
    "group.initial.rebalance.delay.ms": { value: "0" },
    "group.min.session.timeout.ms": { value: "50000", refused: /group\.min\.session\.timeout\.ms.*INVALID_SESSION_TIMEOUT/ },
    "group.max.session.timeout.ms": { value: "10000", refused: /group\.max\.session\.timeout\.ms.*INVALID_SESSION_TIMEOUT/ },
    "group.max.size": { value: "1" },
    "group.consumer.session.timeout.ms": { value: "10000", context: [CONSUMER_PROTOCOL, MEMBER_PAUSE] },
    "group.consumer.heartbeat.interval.ms": { value: "1000", context: [CONSUMER_PROTOCOL] },
    "group.consumer.assignors": { value: "range", context: [CONSUMER_PROTOCOL] },
    "group.consumer.max.size": { value: "1", context: [CONSUMER_PROTOCOL] },
    "offsets.topic.num.partitions": { value: "10" },
    "offsets.topic.replication.factor": { value: "1" },
    "offsets.topic.segment.bytes": {
      value: "1MiB",
      context: [...CLEANER_OFTEN, "cluster.config.offsets.topic.num.partitions=1", "consumers.0.config.auto.commit.interval.ms=10", "consumers.0.instances=3"],
    },
    "offsets.commit.timeout.ms": { value: "1" },
    "transaction.state.log.replication.factor": { value: "1", scenario: TXN },
    // With min ISR 3 the state log refuses writes while broker 2 is down: COORDINATOR_NOT_AVAILABLE.
    "transaction.state.log.min.isr": { value: "3", scenario: TXN, context: ["faults=[{ at: 5s, crash: 2, for: 5s }]"] },
    "transaction.state.log.num.partitions": { value: "1", scenario: TXN },
    // Back-to-back transactions over 60 partitions write over 1 MiB of state to one partition: it rolls, and the cleaner compacts it.
    "transaction.state.log.segment.bytes": { value: "1048576", scenario: TXN, context: ["topics.0.partitions=60", "producers.0.transactions={ every: 5ms }", "cluster.config.log.cleaner.backoff.ms=1000"] },
    "transaction.max.timeout.ms": { value: "1000", scenario: TXN },
    "transaction.abort.timed.out.transaction.cleanup.interval.ms": { value: "1000", scenario: TXN, context: [TXN_TIMES_OUT] },
    "transaction.version": { value: "1", scenario: TXN },
    "message.max.bytes": { value: "1024" },
    "log.segment.bytes": { value: "1048576", context: ["producers.0.rate=5000/s", ...RETENTION] },
    "log.roll.ms": { value: "5000" },
    "log.roll.hours": { value: "1", context: [...TWO_HOURS_SLOW, "topics.0.config.retention.ms=60000", RETENTION_CHECKS] },
    "log.retention.ms": { value: "5000", context: [SMALL_SEGMENTS, RETENTION_CHECKS] },
    "log.retention.minutes": { value: "1", context: [SMALL_SEGMENTS, RETENTION_CHECKS, "duration=90s"] },
    "log.retention.hours": { value: "1", context: [...TWO_HOURS_SLOW, "topics.0.config.internal.segment.bytes=1KiB", RETENTION_CHECKS] },
    "log.retention.bytes": { value: "65536", context: [SMALL_SEGMENTS, RETENTION_CHECKS] },
    "log.retention.check.interval.ms": { value: "1000", context: [SMALL_SEGMENTS, "cluster.config.log.retention.ms=5000", "duration=40s"] },
    "log.cleanup.policy": { value: "compact", context: [SMALL_SEGMENTS] },
    "log.cleaner.enable": { value: "false" },
    "log.cleaner.backoff.ms": { value: "1000" },
    "log.cleaner.min.cleanable.ratio": { value: "0.9", context: [SMALL_SEGMENTS, "topics.0.config.cleanup.policy=compact", ...CLEANER_OFTEN] },
    "log.cleaner.delete.retention.ms": { value: "1000", context: TOMBSTONES_KEPT },
    "log.cleaner.min.compaction.lag.ms": { value: "60000" },
    "log.cleaner.max.compaction.lag.ms": { value: "3000", context: [ONE_SEGMENT_CHANGELOG] },
    "log.flush.interval.messages": { value: "1" },
    "log.flush.interval.ms": { value: "5000", context: [...FLUSHER, POWER_LOSS_LATE] },
    // BASE's kill -9 of broker 2 leaves its logs to recover: one thread takes them one after another.
    "num.recovery.threads.per.data.dir": { value: "1" },
    // A recovery point checkpointed every second: less to re-read after the power loss.
    "log.flush.offset.checkpoint.interval.ms": { value: "1000", context: [...FLUSHER, "cluster.config.log.flush.interval.ms=1000", POWER_LOSS_LATE] },
    "log.flush.scheduler.interval.ms": { value: "1000", context: ["duration=40s", "cluster.config.log.flush.interval.ms=1000"] },
    "num.network.threads": { value: "1", scenario: "tls-encryption-cost.yaml" },
    "compression.type": { value: "gzip" },
    "kafkasim.truncation.mode": { value: "high-watermark" },
  },
  topic: {
    "cleanup.policy": { value: "compact", context: [SMALL_SEGMENTS] },
    "retention.ms": { value: "5000", context: [SMALL_SEGMENTS, RETENTION_CHECKS] },
    "retention.bytes": { value: "65536", context: [SMALL_SEGMENTS, RETENTION_CHECKS] },
    "segment.bytes": { value: "1048576", context: ["producers.0.rate=5000/s", ...RETENTION] },
    "internal.segment.bytes": { value: "16KiB", context: RETENTION },
    "segment.ms": { value: "5000", context: RETENTION },
    "min.insync.replicas": { value: "3" },
    "unclean.leader.election.enable": { value: "true", context: LAST_REPLICA_DIES },
    "min.cleanable.dirty.ratio": { value: "0.9", path: "topics.1.config.min.cleanable.dirty.ratio", context: ["cluster.config.log.cleaner.backoff.ms=1000"] }, // cleaner passes each second, so the ratio decides which clean
    "delete.retention.ms": { value: "1000", path: "topics.1.config.delete.retention.ms", context: TOMBSTONES_KEPT },
    "min.compaction.lag.ms": { value: "60000", path: "topics.1.config.min.compaction.lag.ms" },
    "max.compaction.lag.ms": { value: "3000", path: "topics.1.config.max.compaction.lag.ms", context: [ONE_SEGMENT_CHANGELOG] },
    "flush.messages": { value: "1" },
    "flush.ms": { value: "5000", context: [...FLUSHER, POWER_LOSS_LATE] },
    "max.message.bytes": { value: "1024" },
    "compression.type": { value: "gzip" },
  },
  producer: {
    acks: { value: "1" },
    "batch.size": { value: "1024" },
    "linger.ms": { value: "50" },
    "buffer.memory": { value: "2048" },
    "max.block.ms": { value: "1", context: ["producers.0.config.buffer.memory=2048"] },
    "max.request.size": { value: "1024" },
    retries: { value: "0" },
    "retry.backoff.ms": { value: "500" },
    "retry.backoff.max.ms": { value: "150", context: ["faults.0={ at: 8s, loss: 0.05, for: 6s }"] },
    "request.timeout.ms": { value: "2000" },
    "delivery.timeout.ms": { value: "1500", context: ["producers.0.config.request.timeout.ms=1000"] },
    "max.in.flight.requests.per.connection": { value: "1" },
    "enable.idempotence": { value: "false" },
    "partitioner.ignore.keys": { value: "true" },
    "metadata.max.age.ms": { value: "1000" },
    "reconnect.backoff.ms": { value: "1000" },
    "reconnect.backoff.max.ms": { value: "200" },
    "compression.type": { value: "zstd" },
    "kafkasim.compression.ratio": { value: "0.1", context: ["producers.0.config.compression.type=zstd"] },
    "transactional.id": { value: "checkout-2", scenario: TXN },
    // Open transactions outlive 50 ms for part of each 100 ms cycle: a check every second catches one.
    "transaction.timeout.ms": { value: "50", scenario: TXN, context: ["cluster.config.transaction.abort.timed.out.transaction.cleanup.interval.ms=1000"] },
    "client.rack": { value: "c", context: ZONES },
  },
  consumer: {
    // The read_committed scenario's second group reads uncommitted by default.
    "isolation.level": { value: "read_committed", scenario: TXN, path: "consumers.1.config.isolation.level" },
    "session.timeout.ms": { value: "10000", context: [MEMBER_PAUSE] },
    "heartbeat.interval.ms": { value: "1000" },
    "max.poll.interval.ms": { value: "2000", context: ["consumers.0.processingTime=5ms"] },
    "max.poll.records": { value: "10" },
    "enable.auto.commit": { value: "false" },
    "auto.commit.interval.ms": { value: "1000" },
    "auto.offset.reset": { value: "latest", scenario: "retention-time-lagging-consumer.yaml" },
    "partition.assignment.strategy": { value: "roundrobin" },
    "fetch.min.bytes": { value: "100000" },
    "fetch.max.wait.ms": { value: "100" },
    "fetch.max.bytes": { value: "1024" },
    "max.partition.fetch.bytes": { value: "1024" },
    "group.protocol": { value: "consumer" },
    "group.remote.assignor": { value: "range", context: [CONSUMER_PROTOCOL] },
    "request.timeout.ms": { value: "1000" },
    "default.api.timeout.ms": { value: "1000", scenario: "coordinator-failover.yaml", context: ["consumers.0.config.kafkasim.commit.mode=sync-after-processing"] },
    "retry.backoff.ms": { value: "500" },
    "retry.backoff.max.ms": { value: "150", scenario: "coordinator-failover.yaml" },
    "metadata.max.age.ms": { value: "1000" },
    "reconnect.backoff.ms": { value: "1000" },
    "reconnect.backoff.max.ms": { value: "200" },
    "kafkasim.commit.mode": { value: "sync-after-processing" },
    "client.rack": { value: "c", context: ZONES },
  },
};
