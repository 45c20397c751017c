// A Kafka broker in KRaft mode (BrokerServer, BrokerLifecycleManager, ReplicaManager,
// MetadataCache). On start it recovers its logs from disk, registers with the controller,
// heartbeats, and long-polls the metadata log; once caught up it acts on what the metadata
// says it is for each partition (leader or follower), serves Produce, Fetch, Metadata and
// InitProducerId, and on SIGTERM performs a controlled shutdown.

import { brokerNode, controllerNode, CONTROLLER_NODE } from "../cluster-names.ts";
import { InFlightRequests } from "../client/in-flight.ts";
import type { Env, NodeId, SimNode } from "../env.ts";
import { PartitionLog, type LogConfig } from "../log/partition-log.ts";
import { RecoveryPointCheckpoint } from "../log/recovery-point-checkpoint.ts";
import { recoveryMakespanUs, type RecoveryJob } from "./log-recovery-pool.ts";
import { MetadataImage, partitionKey, type PartitionState } from "../metadata/metadata-image.ts";
import { Errors } from "../protocol/errors.ts";
import { assertNever } from "../assert-never.ts";
import { CompressionType, compressUs, decompressUs, targetCompression } from "../protocol/compression.ts";
import type { AlterPartitionItem, KafkaMessage, ProduceRequest } from "../protocol/messages.ts";
import { uncompressedRecordsBytes } from "../protocol/records.ts";
import { NO_LEADER, type MetadataRecord } from "../protocol/metadata-records.ts";
import type { Partition } from "./partition.ts";
import { ReplicaFetcherManager } from "./replica-fetcher-manager.ts";
import { TopicCreation, type CreationInFlight } from "./topic-creation.ts";
import { ControllerChannel } from "./controller-channel.ts";
import { BrokerLifecycleManager } from "./broker-lifecycle.ts";
import { MetadataPublisher } from "./metadata-publisher.ts";
import { NetworkThreads, TLS_US_PER_BYTE } from "./network-threads.ts";
import { messageSize } from "../protocol/message-size.ts";
import { ReplicaManager } from "./replica-manager.ts";
import type { BrokerSettings, TopicSettings } from "../config/index.ts";
import { unbounded } from "../config/read-values.ts";
import { GroupCoordinator } from "../group/group-coordinator.ts";
import { TransactionCoordinator } from "../txn/transaction-coordinator.ts";
import { TRANSACTION_STATE_TOPIC } from "../txn/transaction-state-partition.ts";
import { OFFSETS_TOPIC } from "../group/partition-for.ts";
import { listOffsets } from "./list-offsets.ts";
import { offsetsForLeaderEpoch } from "./offsets-for-leader-epoch.ts";
import { findCoordinatorResponse, metadataResponse } from "./metadata-responses.ts";
import { LogCleaner } from "../log/log-cleaner.ts";
import { HIGH_WATERMARK_CHECKPOINT, ISR_EXPIRATION, LOG_FLUSHER, LOG_RECOVERY_DONE, LOG_RETENTION, METADATA_FETCH_RETRY, RECOVERY_POINT_CHECKPOINT, type BrokerTimer } from "./broker-timers.ts";
import { deleteOldSegments } from "../log/retention.ts";

type Pending =
  | { readonly type: "register" }
  | { readonly type: "heartbeat" }
  | { readonly type: "metadata" }
  | { readonly type: "fetch"; readonly leaderId: number; readonly fetcherId: number }
  | { readonly type: "alter"; readonly item: AlterPartitionItem }
  | { readonly type: "creation"; readonly creation: CreationInFlight };

/** LogManager.InitialTaskDelayMs: the retention task first runs 30 s after startup. */
const INITIAL_TASK_DELAY_MS = 30_000;
/** LogManager's .kafka_cleanshutdown marker (CleanShutdownFileHandler), in the log directory. */
const CLEAN_SHUTDOWN_FILE = "logs/.kafka_cleanshutdown";
const CONTROLLER_REQUEST_TIMEOUT_MS = 2000;

export class Broker implements SimNode<KafkaMessage, BrokerTimer> {
  private env!: Env<KafkaMessage, BrokerTimer>;
  private inFlight!: InFlightRequests<Pending>;
  private replicaManager!: ReplicaManager;
  private groupCoordinator!: GroupCoordinator;
  private transactionCoordinator!: TransactionCoordinator;
  private cleaner: LogCleaner | null = null;
  private readonly image = new MetadataImage();
  private fetchers!: ReplicaFetcherManager;
  private lifecycle!: BrokerLifecycleManager;
  private publisher!: MetadataPublisher;
  private metadataHighWatermark = -1;
  private published = false;
  /** Whether the logs still need LogManager.loadLogs' re-reads (an unclean shutdown before this start). */
  private recoveryPending = false;
  private recoveryPoints!: RecoveryPointCheckpoint;
  /** What that recovery re-reads, while it runs. */
  private recovery: { bytes: number; segments: number; delayUs: number } | null = null;
  private metadataFetchInFlight = false;
  private nextProducerId = 0;
  private readonly incarnationId: number;
  private threads!: NetworkThreads;
  /** Responses and requests waiting for a network thread, by timer id. */
  private readonly networkWork = new Map<number, () => void>();
  private nextNetworkWork = 0;

  constructor(
    readonly brokerId: number,
    private readonly settings: BrokerSettings,
    private readonly topicSettings: (topic: string) => TopicSettings,
    incarnationSeed: number,
    /** The cluster's listeners use TLS (`ssl: true`): no zero-copy, CPU per byte. */
    private readonly ssl = false,
    /** The controller nodes: ["controller"], or the quorum's voters. */
    private readonly controllers: readonly NodeId[] = [CONTROLLER_NODE],
  ) {
    this.incarnationId = incarnationSeed;
  }

  private channel!: ControllerChannel;
  private topicCreation!: TopicCreation;

  /** controller.quorum.retry.backoff.ms: the wait before asking another voter who leads. */
  private get quorumRetryBackoffUs(): number {
    return this.settings.controllerQuorumRetryBackoffMs * 1000;
  }

  onStart(env: Env<KafkaMessage, BrokerTimer>): void {
    this.env = env;
    this.threads = new NetworkThreads(this.settings.numNetworkThreads);
    this.inFlight = new InFlightRequests<Pending>(env);
    this.channel = new ControllerChannel(this.controllers, controllerNode, this.brokerId);
    this.replicaManager = new ReplicaManager({
      env,
      brokerId: this.brokerId,
      settings: this.settings,
      topicSettings: this.topicSettings,
      isIsrEligible: (id) => this.image.isUsable(id),
      sendAlterPartition: (item) => this.sendAlterPartition(item),
      respond: (to, msg, costUs) => this.respond(to, msg, costUs),
      markerCommitted: (topic, partition, producerId, commit) => {
        if (topic === OFFSETS_TOPIC) this.groupCoordinator.onTransactionMarker(partition, producerId, commit);
      },
    });
    this.groupCoordinator = new GroupCoordinator({
      env,
      settings: this.settings,
      offsetsLog: (p) => this.replicaManager.get(OFFSETS_TOPIC, p)?.log,
      append: (p, batch, timeoutMs, done) => this.replicaManager.appendInternal(OFFSETS_TOPIC, p, batch, timeoutMs, (s) => done(s.error)),
      partitionCount: (topic) => this.image.partitionsOf(topic).length,
    });
    this.transactionCoordinator = new TransactionCoordinator({
      env,
      settings: this.settings,
      stateLog: (p) => this.replicaManager.get(TRANSACTION_STATE_TOPIC, p)?.log,
      append: (p, batch, timeoutMs, done) => this.replicaManager.appendInternal(TRANSACTION_STATE_TOPIC, p, batch, timeoutMs, (s) => done(s.error)),
      leaderOf: (topic, partition) => this.image.partition(topic, partition)?.leader ?? NO_LEADER,
      generateProducerId: () => this.generateProducerId(),
    });
    this.topicCreation = new TopicCreation({
      env,
      settings: this.settings,
      image: () => this.image,
      toController: (creation, timeoutMs, msg) => {
        const to = this.channel.target();
        this.env.send(to, msg(this.inFlight.add(to, { type: "creation", creation }, timeoutMs)));
      },
    });
    this.fetchers = new ReplicaFetcherManager({
      env,
      brokerId: this.brokerId,
      settings: this.settings,
      brokerEpoch: () => this.lifecycle.epoch,
      brokerNode,
      trackFetch: (leaderId, fetcherId, timeoutMs) => this.inFlight.add(brokerNode(leaderId), { type: "fetch", leaderId, fetcherId }, timeoutMs),
      ssl: this.ssl,
      followerHighWatermarkAdvanced: (p) => this.replicaManager.followerHighWatermarkAdvanced(p),
    });
    this.publisher = new MetadataPublisher({
      env,
      brokerId: this.brokerId,
      settings: this.settings,
      replicaManager: this.replicaManager,
      groupCoordinator: this.groupCoordinator,
      transactionCoordinator: this.transactionCoordinator,
      fetcherManager: this.fetchers,
      openLog: (topic, partition) => PartitionLog.load(env.disk, `logs/${topic}-${partition}`, this.logConfig(topic), this.nowMs()),
    });
    this.lifecycle = new BrokerLifecycleManager({
      env,
      brokerId: this.brokerId,
      incarnationId: this.incarnationId,
      settings: this.settings,
      track: (type) => this.inFlight.add(this.channel.target(), type === "register" ? { type: "register" } : { type: "heartbeat" }, CONTROLLER_REQUEST_TIMEOUT_MS),
      controller: () => this.channel.target(),
      controllerKnown: () => this.channel.leaderKnown,
      complete: (correlationId) => this.inFlight.complete(correlationId) !== undefined,
      metadataOffset: () => this.image.nextOffset - 1,
      onRegistered: () => this.fetchMetadata(),
    });
    this.recoverLogs();
    this.lifecycle.register();
    env.setTimer(INITIAL_TASK_DELAY_MS * 1000, RECOVERY_POINT_CHECKPOINT);
    env.setTimer((this.settings.replicaLagTimeMaxMs / 2) * 1000, ISR_EXPIRATION);
    env.setTimer(this.settings.replicaHighWatermarkCheckpointIntervalMs * 1000, HIGH_WATERMARK_CHECKPOINT);
    env.setTimer(INITIAL_TASK_DELAY_MS * 1000, LOG_RETENTION);
    // kafka-log-flusher: never at Kafka's default (log.flush.scheduler.interval.ms = Long.MAX_VALUE).
    if (Number.isFinite(this.flushCheckMs)) env.setTimer(INITIAL_TASK_DELAY_MS * 1000, LOG_FLUSHER);
    if (this.settings.logCleanerEnable) {
      this.cleaner = new LogCleaner(env, this.settings.logCleanerBackoffMs, this.topicSettings, () => this.replicaManager.partitions.values());
      this.cleaner.start();
    }
  }

  /** log.flush.scheduler.interval.ms, Infinity for Long.MAX_VALUE (never). */
  private get flushCheckMs(): number {
    return unbounded(this.settings.logFlushSchedulerIntervalMs);
  }

  /**
   * LogManager.flushDirtyLogs (the kafka-log-flusher task): every log, internal ones included,
   * whose flush.ms has passed since its last flush is fsynced up to its LEO.
   */
  private flushDirtyLogs(): void {
    const nowMs = Math.floor(this.env.now() / 1000);
    for (const p of this.replicaManager.partitions.values()) {
      const flushMs = this.topicSettings(p.topic).flushMs;
      if (Number.isFinite(flushMs)) p.log.flushIfDue(nowMs, flushMs);
    }
  }

  /**
   * LogManager.cleanupLogs (the kafka-log-retention task): every replica of a log without
   * "compact" deletes what retention allows; "compact,delete" logs are the cleaner's. A check
   * that deletes nothing emits nothing.
   */
  private cleanupLogs(): void {
    const nowMs = this.nowMs();
    for (const p of this.replicaManager.partitions.values()) {
      const t = this.topicSettings(p.topic);
      if (t.cleanupPolicy.compact) continue;
      for (const r of deleteOldSegments(p.log, t, nowMs)) this.env.emit({ kind: "SegmentsDeleted", topic: p.topic, partition: p.partition, ...r });
    }
  }

  /** LogManager.loadLogs: every partition directory found on disk, as the disk kept it. */
  private *logs(): Iterable<PartitionLog> {
    for (const p of this.replicaManager.partitions.values()) yield p.log;
  }

  private recoverLogs(): void {
    this.recoveryPoints = new RecoveryPointCheckpoint(this.env.disk, "logs");
    const checkpointed = this.recoveryPoints.read();
    const cleanShutdown = this.env.disk.exists(CLEAN_SHUTDOWN_FILE);
    // LogManager.loadLogs deletes the marker: a crash from now on is unclean again.
    if (cleanShutdown) this.env.disk.remove(CLEAN_SHUTDOWN_FILE);
    const dirs = new Set<string>();
    for (const name of this.env.disk.list("logs/")) {
      const slash = name.indexOf("/", 5);
      if (slash > 0) dirs.add(name.slice(0, slash));
    }
    this.recoveryPending = !cleanShutdown && dirs.size > 0;
    for (const dir of dirs) {
      const key = dir.slice(5);
      const dash = key.lastIndexOf("-");
      const topic = key.slice(0, dash);
      const partition = Number(key.slice(dash + 1));
      const log = PartitionLog.load(this.env.disk, dir, this.logConfig(topic), this.nowMs());
      // After a clean shutdown every log was flushed: LogLoader takes the LEO as the recovery point.
      log.restoreRecoveryPoint(cleanShutdown ? log.logEndOffset : (checkpointed.get(dir) ?? 0));
      this.replicaManager.add(topic, partition, log);
      this.env.emit({ kind: "LogRecovered", topic, partition, leo: log.logEndOffset, hw: log.highWatermark });
    }
  }

  /** LogConfig.maxSegmentMs: a compacted log also rolls at max.compaction.lag.ms, so its head becomes cleanable in time (KIP-354). */
  private logConfig(topic: string): LogConfig {
    const t = this.topicSettings(topic);
    const segmentMs = t.cleanupPolicy.compact && t.maxCompactionLagMs > 0 ? Math.min(t.maxCompactionLagMs, t.segmentMs) : t.segmentMs;
    return { segmentBytes: t.segmentBytes, segmentMs, flushMessages: t.flushMessages };
  }

  private nowMs(): number {
    return Math.floor(this.env.now() / 1000);
  }

  /** ProducerIdManager.generateProducerId: unique in the cluster, since broker epochs are. */
  private generateProducerId(): number {
    return this.lifecycle.epoch * 1000 + this.nextProducerId++;
  }

  // ---- requests to the controller (registration and heartbeats: broker-lifecycle.ts) ----

  private fetchMetadata(): void {
    if (this.metadataFetchInFlight) return;
    this.metadataFetchInFlight = true;
    const to = this.channel.target();
    const correlationId = this.inFlight.add(to, { type: "metadata" }, CONTROLLER_REQUEST_TIMEOUT_MS + 500);
    this.env.send(to, { kind: "MetadataFetch", correlationId, brokerId: this.brokerId, fetchOffset: this.image.nextOffset, maxWaitMs: 500 });
  }

  private sendAlterPartition(item: AlterPartitionItem): void {
    const to = this.channel.target();
    const correlationId = this.inFlight.add(to, { type: "alter", item }, CONTROLLER_REQUEST_TIMEOUT_MS * 5);
    this.env.send(to, { kind: "AlterPartition", correlationId, brokerId: this.brokerId, brokerEpoch: this.lifecycle.epoch, partitions: [item] });
  }

  onStop(done: () => void): void {
    this.lifecycle.shutDown(() => {
      this.shutDownLogs();
      done();
    });
  }

  /**
   * LogManager.shutdown: every log flushed (its recovery point at the LEO), the recovery points
   * checkpointed, and the clean-shutdown marker written, so the next start skips recovery. The
   * world makes it all durable as the process exits (its flush time is the stop's).
   */
  private shutDownLogs(): void {
    for (const p of this.replicaManager.partitions.values()) p.log.flushForShutdown();
    this.recoveryPoints.write(this.logs());
    const marker = this.env.disk.open<number>(CLEAN_SHUTDOWN_FILE);
    marker.replace([this.lifecycle.epoch], [8]);
  }

  /**
   * The first metadata publish (BrokerMetadataPublisher.initializeManagers → LogManager.startup):
   * after an unclean shutdown, loadLogs re-reads every log from its recovery point before the
   * broker becomes leader or follower of anything and may ask to be unfenced.
   */
  private startLogs(): void {
    if (!this.recoveryPending) return this.publishFirst();
    let bytes = 0;
    let segments = 0;
    const jobs: RecoveryJob[] = [];
    for (const p of this.replicaManager.partitions.values()) {
      const r = p.log.recoverUnflushed();
      jobs.push({ readUs: r.delayUs, bytes: r.bytes });
      bytes += r.bytes;
      segments += r.segments;
    }
    const delayUs = recoveryMakespanUs(jobs, this.settings.numRecoveryThreadsPerDataDir);
    this.recovery = { bytes, segments, delayUs };
    this.env.setTimer(delayUs, LOG_RECOVERY_DONE);
  }

  private publishFirst(): void {
    this.lifecycle.readyToUnfence();
    this.publisher.publish(this.image.partitions.values());
  }

  /**
   * Sends a response through the network threads: disk time for uncached reads (sendfile
   * blocks on them) plus, with TLS, encryption per byte. Free and idle means sent at once.
   */
  private respond(to: NodeId, msg: KafkaMessage, diskUs: number): void {
    const tlsUs = this.ssl ? messageSize(msg) * TLS_US_PER_BYTE : 0;
    const delayUs = this.threads.run(this.env.now(), diskUs, tlsUs, to);
    if (delayUs === 0) this.env.send(to, msg);
    else this.deferNetworkWork(delayUs, () => this.env.send(to, msg));
  }

  /** The network threads' counters since this broker process started (for the run summary). */
  get networkThreads(): Readonly<NetworkThreads> {
    return this.threads;
  }

  /**
   * LogValidator.validateMessagesAndAssignOffsetsCompressed on a request handler thread: a
   * compressed batch is decompressed to check its records, and compressed again when the
   * topic's compression.type names another codec. Handler threads are not modelled
   * (num.io.threads), so this is time per request, without contention.
   */
  private validationUs(msg: ProduceRequest): number {
    let us = 0;
    for (const p of msg.partitions) {
      const source = p.batch.compression;
      const target = targetCompression(this.topicSettings(p.topic).compressionType, source);
      if (source === CompressionType.NONE && target === CompressionType.NONE) continue;
      const bytes = uncompressedRecordsBytes(p.batch);
      us += decompressUs(source, bytes) + (target === source ? 0 : compressUs(target, bytes));
    }
    return Math.round(us);
  }

  private deferNetworkWork(delayUs: number, work: () => void): void {
    const id = this.nextNetworkWork++;
    this.networkWork.set(id, work);
    this.env.setTimer(delayUs, { kind: "NetworkWorkTimer", workId: id });
  }

  // ---- messages --------------------------------------------------------------------------

  onMessage(from: NodeId, msg: KafkaMessage): void {
    switch (msg.kind) {
      case "Produce": {
        // With TLS a network thread decrypts the request before a handler sees it; the handler
        // then validates compressed batches.
        const delayUs = (this.ssl ? this.threads.run(this.env.now(), 0, messageSize(msg) * TLS_US_PER_BYTE, from) : 0) + this.validationUs(msg);
        if (delayUs === 0) this.replicaManager.handleProduce(from, msg);
        else this.deferNetworkWork(delayUs, () => this.replicaManager.handleProduce(from, msg));
        return;
      }
      case "Fetch":
        this.replicaManager.handleFetch(from, msg);
        return;
      case "Metadata":
        this.env.send(from, metadataResponse(msg, this.image, this.published, this.settings.racks, this.topicCreation.autoCreate(msg, this.published)));
        return;
      case "CreateTopics":
        return this.topicCreation.forward(from, msg);
      case "CreateTopicsResponse": {
        const r = this.inFlight.complete(msg.correlationId);
        if (r?.info.type !== "creation") return;
        if (msg.controllerId !== undefined) this.channel.learn(msg.controllerId);
        return this.topicCreation.answered(r.info.creation, msg);
      }
      case "ApiVersions":
        this.env.send(from, { kind: "ApiVersionsResponse", correlationId: msg.correlationId });
        return;
      case "InitProducerId":
        if (msg.transactionalId !== null) return this.transactionCoordinator.handle(from, msg);
        this.env.send(from, {
          kind: "InitProducerIdResponse",
          correlationId: msg.correlationId,
          error: this.lifecycle.epoch < 0 ? Errors.BROKER_NOT_AVAILABLE : Errors.NONE,
          producerId: this.generateProducerId(),
          producerEpoch: 0,
        });
        return;
      case "AddPartitionsToTxn":
      case "AddOffsetsToTxn":
      case "EndTxn":
        return this.transactionCoordinator.handle(from, msg);
      case "TxnOffsetCommit":
        return this.groupCoordinator.handleTxnOffsetCommit(from, msg);
      case "WriteTxnMarkersResponse":
        return this.transactionCoordinator.onWriteTxnMarkersResponse(msg);
      case "FetchResponse": {
        const r = this.inFlight.complete(msg.correlationId);
        if (r?.info.type === "fetch") this.fetchers.fetcherFor(r.info.leaderId, r.info.fetcherId)?.onResponse(msg);
        return;
      }
      case "BrokerRegistrationResponse":
        if (msg.error === Errors.NOT_CONTROLLER) this.channel.learn(msg.controllerId);
        this.lifecycle.onRegistrationResponse(msg);
        return;
      case "BrokerHeartbeatResponse":
        if (msg.error === Errors.NOT_CONTROLLER) this.channel.learn(msg.controllerId);
        this.lifecycle.onHeartbeatResponse(msg);
        return;
      case "MetadataFetchResponse":
        if (this.inFlight.complete(msg.correlationId) === undefined) return;
        this.metadataFetchInFlight = false;
        if (msg.error !== undefined && msg.error !== Errors.NONE) {
          // Not the Raft leader: fetch from the one it names, or ask the next voter after
          // controller.quorum.retry.backoff.ms.
          this.channel.learn(msg.leaderId);
          if (this.channel.leaderKnown) this.fetchMetadata();
          else this.env.setTimer(this.quorumRetryBackoffUs, METADATA_FETCH_RETRY);
          return;
        }
        this.channel.heardFrom(from);
        this.onMetadataRecords(msg.records, msg.highWatermark);
        this.fetchMetadata();
        return;
      case "FindCoordinator":
        this.env.send(from, findCoordinatorResponse(msg.correlationId, msg.key, msg.keyType, this.image, this.published, this.settings));
        return;
      case "ListOffsets":
        this.env.send(from, listOffsets(msg, (t, p) => this.replicaManager.get(t, p)));
        return;
      case "OffsetsForLeaderEpoch":
        this.env.send(from, offsetsForLeaderEpoch(msg, (t, p) => this.replicaManager.get(t, p)));
        return;
      case "ConsumerGroupHeartbeat":
      case "JoinGroup":
      case "SyncGroup":
      case "Heartbeat":
      case "LeaveGroup":
      case "OffsetCommit":
      case "OffsetFetch":
        this.groupCoordinator.handle(from, msg);
        return;
      case "FindCoordinatorResponse":
      case "ConsumerGroupHeartbeatResponse":
      case "JoinGroupResponse":
      case "SyncGroupResponse":
      case "HeartbeatResponse":
      case "LeaveGroupResponse":
      case "OffsetCommitResponse":
      case "OffsetFetchResponse":
      case "ListOffsetsResponse":
      case "OffsetsForLeaderEpochResponse":
        return; // not addressed to a broker
      case "AlterPartitionResponse": {
        const r = this.inFlight.complete(msg.correlationId);
        if (r?.info.type !== "alter") return;
        const item = r.info.item;
        if (msg.error === Errors.NOT_CONTROLLER) {
          this.channel.learn(msg.controllerId);
          // Retried by the replica manager; not before the backoff while no controller is known.
          const retry = (): void => this.replicaManager.onAlterPartitionResult(item.topic, item.partition, Errors.NOT_CONTROLLER, null);
          if (this.channel.leaderKnown) retry();
          else this.deferNetworkWork(this.quorumRetryBackoffUs, retry);
          return;
        }
        const pr = msg.partitions.find((x) => x.topic === item.topic && x.partition === item.partition);
        const error = msg.error !== Errors.NONE ? msg.error : (pr?.error ?? Errors.UNKNOWN_TOPIC_OR_PARTITION);
        this.replicaManager.onAlterPartitionResult(item.topic, item.partition, error, pr ?? null);
        return;
      }
      case "Vote":
      case "VoteResponse":
      case "BeginQuorumEpoch":
      case "BeginQuorumEpochResponse":
      case "EndQuorumEpoch":
      case "EndQuorumEpochResponse":
      case "RaftFetch":
      case "RaftFetchResponse":
      case "ProduceResponse":
      case "InitProducerIdResponse":
      case "ApiVersionsResponse":
      case "MetadataResponse":
      case "BrokerRegistration":
      case "BrokerHeartbeat":
      case "MetadataFetch":
      case "AlterPartition":
      case "AddPartitionsToTxnResponse":
      case "AddOffsetsToTxnResponse":
      case "TxnOffsetCommitResponse":
      case "EndTxnResponse":
        return; // not addressed to a broker
      case "WriteTxnMarkers":
        return this.replicaManager.handleWriteTxnMarkers(from, msg);
      default:
        assertNever(msg);
    }
  }

  private onMetadataRecords(records: readonly MetadataRecord[], highWatermark: number): void {
    const changed = new Map<string, PartitionState>();
    let brokersChanged = false;
    for (const r of records) {
      if (r.offset < this.image.nextOffset) continue;
      this.image.apply(r);
      if (r.type === "Partition" || r.type === "PartitionChange") {
        const state = this.image.partition(r.topic, r.partition);
        if (state !== undefined) changed.set(partitionKey(r.topic, r.partition), state);
      } else if (r.type === "BrokerRegistrationChange" || r.type === "RegisterBroker") brokersChanged = true;
    }
    this.metadataHighWatermark = highWatermark;
    if (!this.published) {
      if (this.image.nextOffset < highWatermark) return;
      this.published = true;
      this.env.emit({ kind: "MetadataCaughtUp", offset: this.image.nextOffset - 1 });
      this.startLogs();
      return;
    }
    // While loadLogs runs, the first publish has not happened; it will publish the whole image.
    if (this.recoveryPending) return;
    this.publisher.publish(changed.values());
    if (brokersChanged) {
      // Eligibility changed: leaders re-check HW and ISR against the new broker states.
      for (const p of this.replicaManager.partitions.values()) if (p.role === "leader") this.replicaManager.leadershipOrIsrChanged(p);
    }
  }

  // ---- timers and failures ---------------------------------------------------------------

  onTimer(timer: BrokerTimer): void {
    switch (timer.kind) {
      case "NetworkWorkTimer": {
        const work = this.networkWork.get(timer.workId);
        this.networkWork.delete(timer.workId);
        work?.();
        return;
      }
      case "AppendFlushedTimer":
      case "DelayedProduceExpiry":
      case "DelayedFetchExpiry":
        return this.replicaManager.onTimer(timer);
      case "GroupCoordinatorTimer":
        return this.groupCoordinator.onTimer(timer);
      case "TransactionCoordinatorTimer":
        return this.transactionCoordinator.onTimer(timer);
      case "RequestTimeout": {
        const failed = this.inFlight.timedOut(timer);
        if (failed !== undefined) this.onRequestFailed(failed.info, failed.destination);
        return;
      }
      case "BrokerRegistrationRetryTimer":
      case "BrokerHeartbeatTimer":
        return this.lifecycle.onTimer(timer);
      case "MetadataFetchRetryTimer":
        this.fetchMetadata();
        return;
      case "IsrExpirationTimer":
        this.replicaManager.maybeShrinkIsrs();
        this.env.setTimer((this.settings.replicaLagTimeMaxMs / 2) * 1000, ISR_EXPIRATION);
        return;
      case "LogRetentionTimer":
        this.cleanupLogs();
        this.env.setTimer(this.settings.logRetentionCheckIntervalMs * 1000, LOG_RETENTION);
        return;
      case "LogFlusherTimer":
        this.flushDirtyLogs();
        this.env.setTimer(this.flushCheckMs * 1000, LOG_FLUSHER);
        return;
      case "LogCleanerTimer":
        this.cleaner?.onTimer();
        return;
      case "RecoveryPointCheckpointTimer":
        this.recoveryPoints.write(this.logs());
        this.env.setTimer(this.settings.logFlushOffsetCheckpointIntervalMs * 1000, RECOVERY_POINT_CHECKPOINT);
        return;
      case "LogRecoveryDoneTimer": {
        const r = this.recovery!;
        this.recovery = null;
        this.recoveryPending = false;
        this.env.emit({ kind: "LogRecoveryFinished", segments: r.segments, bytes: r.bytes, ms: r.delayUs / 1000 });
        this.publishFirst();
        return;
      }
      case "HighWatermarkCheckpointTimer":
        for (const p of this.replicaManager.partitions.values()) p.log.checkpointHighWatermark();
        this.env.setTimer(this.settings.replicaHighWatermarkCheckpointIntervalMs * 1000, HIGH_WATERMARK_CHECKPOINT);
        return;
      case "FetcherBackoffTimer":
        this.fetchers.fetcherFor(timer.leaderId, timer.fetcherId)?.onBackoffElapsed();
        return;
      default:
        assertNever(timer);
    }
  }

  onDisconnect(peer: NodeId): void {
    this.transactionCoordinator.onDisconnect(peer);
    for (const r of this.inFlight.disconnected(peer)) this.onRequestFailed(r.info, r.destination);
  }

  private onRequestFailed(info: Pending, destination: NodeId): void {
    if (info.type !== "fetch") this.channel.forget(destination);
    switch (info.type) {
      case "register":
      case "heartbeat":
        this.lifecycle.requestFailed(info.type);
        return;
      case "metadata":
        this.metadataFetchInFlight = false;
        this.env.setTimer(500_000, METADATA_FETCH_RETRY);
        return;
      case "fetch":
        this.fetchers.fetcherFor(info.leaderId, info.fetcherId)?.onFailure();
        return;
      case "alter":
        this.replicaManager.onAlterPartitionResult(info.item.topic, info.item.partition, Errors.REQUEST_TIMED_OUT, null);
        return;
      case "creation":
        this.topicCreation.failed(info.creation);
        return;
      default:
        assertNever(info);
    }
  }

  // ---- views (checker, visualizer) -------------------------------------------------------

  partition(topic: string, partition: number): Partition | undefined {
    return this.replicaManager.get(topic, partition);
  }

  localPartitions(): IterableIterator<Partition> {
    return this.replicaManager.partitions.values();
  }

  metadata(): MetadataImage {
    return this.image;
  }

  get epoch(): number {
    return this.lifecycle.epoch;
  }

  get metadataLag(): number {
    return Math.max(0, this.metadataHighWatermark - this.image.nextOffset);
  }
}
