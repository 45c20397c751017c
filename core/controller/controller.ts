// The active KRaft controller, as one node (a quorum of one): Kafka's QuorumController with
// ClusterControlManager, BrokerHeartbeatManager and ReplicationControlManager. Every change is
// a record appended to the metadata log and replayed into the image; a change is committed
// once the log is fsynced, and only then are its responses sent and its records served to
// brokers. Brokers that miss broker.session.timeout.ms are fenced and lose their leaderships;
// a broker shutting down cleanly has its leaderships moved first.

import { brokerNode } from "../cluster-names.ts";
import type { DiskFile, Env, NodeId, SimNode } from "../env.ts";
import { MetadataImage, type PartitionState } from "../metadata/metadata-image.ts";
import { Errors } from "../protocol/errors.ts";
import type {
  AlterPartitionRequest,
  BrokerHeartbeatRequest,
  CreateTopicsRequest,
  BrokerRegistrationRequest,
  KafkaMessage,
  MetadataFetchRequest,
} from "../protocol/messages.ts";
import { NO_LEADER, type MetadataRecord } from "../protocol/metadata-records.ts";
import { buildPartitionChange, ELR_OFF, stripedAssignment, type ElectionType, type ElrSettings, type PartitionChange } from "./partition-change.ts";
import { assertNever } from "../assert-never.ts";
import { createTopics, type TopicCreationDefaults } from "./create-topics.ts";
import { FENCE_CHECK, LEADER_IMBALANCE, METADATA_COMMIT, METADATA_FETCH_EXPIRY, UNCLEAN_ELECTION, type ControllerTimer } from "./controller-timers.ts";

/** Records as the controller builds them, before the log gives them an offset. */
type NewRecord = MetadataRecord extends infer R ? (R extends MetadataRecord ? Omit<R, "offset"> : never) : never;

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly assignment: readonly (readonly number[])[] | null;
  readonly uncleanLeaderElectionEnable: boolean;
  /** The topic's min.insync.replicas (the ELR is kept against it, capped by the replication factor). */
  readonly minInsyncReplicas: number;
}

export interface ControllerSettings {
  brokerIds: readonly number[];
  topics: readonly TopicSpec[];
  /** broker.session.timeout.ms */
  brokerSessionTimeoutMs: number;
  /** auto.leader.rebalance.enable */
  autoLeaderRebalanceEnable: boolean;
  /** leader.imbalance.check.interval.seconds */
  leaderImbalanceCheckIntervalSeconds: number;
  /** unclean.leader.election.interval.ms (periodic retry of unclean elections) */
  uncleanLeaderElectionIntervalMs: number;
  /**
   * Fence a broker that re-registers with a new incarnation, removing it from ISRs
   * (KIP-966's handleBrokerUncleanShutdown, Kafka 3.7+). Off in the legacy truncation mode,
   * where a broker bounced within its session keeps its ISR membership, as before KIP-101.
   */
  fenceRestartedBrokers: boolean;
  /** eligible.leader.replicas.version ≥ 1: the controller keeps eligible leader replicas (KIP-966). */
  eligibleLeaderReplicasEnabled: boolean;
  /** What a topic created at run time (CreateTopics) takes: Kafka's defaults when absent. */
  topicCreation?: TopicCreationSettings;
}

/** num.partitions, default.replication.factor, and the cluster's topic defaults a created topic is elected and kept by. */
export interface TopicCreationSettings extends TopicCreationDefaults {
  readonly uncleanLeaderElectionEnable: boolean;
  readonly minInsyncReplicas: number;
}

const KAFKA_TOPIC_CREATION: TopicCreationSettings = { numPartitions: 1, defaultReplicationFactor: 1, uncleanLeaderElectionEnable: false, minInsyncReplicas: 1 };

/** The ELR fields of a change as the record carries them: only those that change. */
function elrFields(change: PartitionChange): { elr?: readonly number[]; lastKnownElr?: readonly number[] } {
  return {
    ...(change.elr === null ? {} : { elr: change.elr }),
    ...(change.lastKnownElr === null ? {} : { lastKnownElr: change.lastKnownElr }),
  };
}

/**
 * Where the active controller writes its records: its own log file with one controller (a
 * record commits when the file is fsynced), the Raft leader's log with a quorum (a record
 * commits when the high watermark passes it). The owner calls Controller.commit.
 */
export interface MetadataLog {
  /** Appends one record at the log end (the record carries that offset). */
  append(record: MetadataRecord): void;
  /** After a batch of appends: start making them durable. */
  flush(): void;
}

/** The single controller's own log: a record commits once the file is fsynced. */
class LocalMetadataLog implements MetadataLog {
  constructor(
    readonly file: DiskFile<MetadataRecord>,
    private readonly env: Env<KafkaMessage, ControllerTimer>,
  ) {}

  append(record: MetadataRecord): void {
    this.file.append(record, 64);
  }

  flush(): void {
    this.env.setTimer(this.file.fsync(), METADATA_COMMIT);
  }
}

interface ParkedFetch {
  readonly from: NodeId;
  readonly req: MetadataFetchRequest;
  readonly atUs: number;
}

const MAX_RECORDS_PER_FETCH = 2000;
/** ReplicationControlManager.MAX_ELECTIONS_PER_IMBALANCE: preferred elections per balance run. */
const MAX_ELECTIONS_PER_IMBALANCE = 1_000;

export class Controller implements SimNode<KafkaMessage, ControllerTimer> {
  private env!: Env<KafkaMessage, ControllerTimer>;
  private log!: MetadataLog;
  /** The single controller's log file, which it serves brokers' MetadataFetch from; null in a quorum. */
  private file: DiskFile<MetadataRecord> | null = null;
  private readonly image = new MetadataImage();
  private committedOffset = -1;
  private readonly lastHeartbeatUs = new Map<number, number>();
  private parked: ParkedFetch[] = [];
  /** Responses waiting for the records before them to commit. */
  private waiting: { offset: number; to: NodeId; msg: KafkaMessage }[] = [];
  private topicsCreated = false;
  /** QuorumController.imbalancedScheduled: whether a balance is scheduled, and how soon the next may be. */
  private balance: "deferred" | "immediately" | "scheduled" = "deferred";

  constructor(private readonly settings: ControllerSettings) {}

  onStart(env: Env<KafkaMessage, ControllerTimer>): void {
    const file = env.disk.open<MetadataRecord>("__cluster_metadata-0/00000000000000000000.log");
    this.file = file;
    this.activate(env, new LocalMetadataLog(file, env), file.entries, null);
  }

  /**
   * Becomes the active controller over `records`, all committed (QuorumController.claim after
   * the Raft leader's listener has replayed up to the start of its epoch). `epoch` is the Raft
   * epoch with a quorum, null for the single controller.
   */
  activate(env: Env<KafkaMessage, ControllerTimer>, log: MetadataLog, records: Iterable<MetadataRecord>, epoch: number | null): void {
    this.env = env;
    this.log = log;
    for (const r of records) this.image.apply(r);
    this.committedOffset = this.image.nextOffset - 1;
    this.topicsCreated = this.image.topics.length > 0;
    // A new active controller treats every registered broker as just heard from.
    for (const id of this.image.brokers.keys()) this.lastHeartbeatUs.set(id, env.now());
    env.emit(epoch === null ? { kind: "ControllerActive", metadataOffset: this.committedOffset } : { kind: "ControllerActive", metadataOffset: this.committedOffset, epoch });
    env.setTimer(250_000, FENCE_CHECK);
    env.setTimer(this.settings.uncleanLeaderElectionIntervalMs * 1000, UNCLEAN_ELECTION);
  }

  // ---- the metadata log -----------------------------------------------------------------

  private append(records: readonly NewRecord[]): number {
    let offset = this.image.nextOffset - 1;
    for (const r of records) {
      offset = this.image.nextOffset;
      const record = { ...r, offset } as MetadataRecord;
      this.log.append(record);
      this.image.apply(record);
      this.emitRecord(record);
    }
    if (records.length > 0) this.log.flush();
    if (records.length > 0) this.maybeScheduleBalance();
    return offset;
  }

  /**
   * QuorumController.maybeScheduleNextBalancePartitionLeaders, after every write: when some
   * partition's leader is not its preferred replica, a balance runs leader.imbalance.check.interval
   * later (10 ms when the last one hit its cap), unless one is already scheduled.
   */
  private maybeScheduleBalance(): void {
    if (!this.settings.autoLeaderRebalanceEnable || this.balance === "scheduled" || !this.imbalanced()) return;
    this.env.setTimer(this.balance === "immediately" ? 10_000 : this.settings.leaderImbalanceCheckIntervalSeconds * 1_000_000, LEADER_IMBALANCE);
    this.balance = "scheduled";
  }

  /** ReplicationControlManager.arePartitionLeadersImbalanced: a leader that is not replicas[0], or none. */
  private imbalanced(): boolean {
    for (const p of this.image.partitions.values()) if (p.leader !== p.replicas[0]) return true;
    return false;
  }

  private emitRecord(r: MetadataRecord): void {
    if (r.type === "PartitionChange" || r.type === "Partition") {
      const p = this.image.partition(r.topic, r.partition)!;
      const reason = r.type === "Partition" ? "created" : r.reason;
      const event = { kind: "PartitionChanged", topic: r.topic, partition: r.partition, leader: p.leader, leaderEpoch: p.leaderEpoch, isr: p.isr, partitionEpoch: p.partitionEpoch, reason } as const;
      // The ELR fields appear only while they hold someone, so runs that never use them trace as before.
      const withElr = p.elr.length > 0 || p.lastKnownElr.length > 0 ? { ...event, elr: p.elr, lastKnownElr: p.lastKnownElr } : event;
      this.env.emit(withElr);
    } else if (r.type === "BrokerRegistrationChange") {
      const b = this.image.brokers.get(r.brokerId);
      this.env.emit({ kind: "BrokerStateChanged", broker: r.brokerId, fenced: b?.fenced ?? true, inControlledShutdown: b?.inControlledShutdown ?? false });
    } else if (r.type === "RegisterBroker") {
      this.env.emit({ kind: "BrokerRegistrationAccepted", broker: r.brokerId, brokerEpoch: r.brokerEpoch });
    }
  }

  /** Records up to `committedOffset` are committed: send what waited on them and serve parked fetches. */
  commit(committedOffset = this.image.nextOffset - 1): void {
    this.committedOffset = committedOffset;
    const ready = this.waiting.filter((w) => w.offset <= this.committedOffset);
    this.waiting = this.waiting.filter((w) => w.offset > this.committedOffset);
    for (const w of ready) this.env.send(w.to, w.msg);
    const parked = this.parked;
    this.parked = [];
    for (const f of parked) this.serveFetch(f.from, f.req, true);
  }

  /** Sends `msg` once everything appended so far is committed. */
  private respondAfterCommit(to: NodeId, msg: KafkaMessage): void {
    const offset = this.image.nextOffset - 1;
    if (offset <= this.committedOffset) this.env.send(to, msg);
    else this.waiting.push({ offset, to, msg });
  }

  // ---- messages --------------------------------------------------------------------------

  onMessage(from: NodeId, msg: KafkaMessage): void {
    switch (msg.kind) {
      case "BrokerRegistration":
        return this.onRegistration(from, msg);
      case "BrokerHeartbeat":
        return this.onHeartbeat(from, msg);
      case "MetadataFetch":
        return this.serveFetch(from, msg, false);
      case "AlterPartition":
        return this.onAlterPartition(from, msg);
      case "CreateTopics":
        return this.onCreateTopics(from, msg);
      default:
        return; // the controller serves no other API here
    }
  }

  private onRegistration(from: NodeId, req: BrokerRegistrationRequest): void {
    if (!this.settings.brokerIds.includes(req.brokerId)) {
      this.env.send(from, { kind: "BrokerRegistrationResponse", correlationId: req.correlationId, error: Errors.BROKER_ID_NOT_REGISTERED, brokerEpoch: -1 });
      return;
    }
    const existing = this.image.brokers.get(req.brokerId);
    if (existing !== undefined && existing.incarnationId === req.incarnationId) {
      this.respondAfterCommit(from, { kind: "BrokerRegistrationResponse", correlationId: req.correlationId, error: Errors.NONE, brokerEpoch: existing.epoch });
      return;
    }
    // ClusterControlManager.registerBroker: while the old incarnation's session is valid (not
    // fenced, heard from within broker.session.timeout.ms) another process may be using the id.
    if (existing !== undefined && this.settings.fenceRestartedBrokers && this.hasValidSession(existing.id, existing.fenced)) {
      this.env.emit({ kind: "BrokerRegistrationRefused", broker: req.brokerId, error: Errors.DUPLICATE_BROKER_REGISTRATION });
      this.env.send(from, { kind: "BrokerRegistrationResponse", correlationId: req.correlationId, error: Errors.DUPLICATE_BROKER_REGISTRATION, brokerEpoch: -1 });
      return;
    }
    // A new incarnation lost its memory: fence the old one first, and take it out of every ISR
    // and ELR it is still in (ClusterControlManager.registerBroker → handleBrokerUncleanShutdown,
    // for any new incarnation: Kafka 4.1 does not tell a clean restart from an unclean one here).
    if (existing !== undefined && this.settings.fenceRestartedBrokers) {
      if (!existing.fenced) this.fence(req.brokerId, "broker restarted");
      this.forgetUncleanShutdown(req.brokerId);
    }
    const brokerEpoch = this.image.nextOffset;
    this.append([{ type: "RegisterBroker", brokerId: req.brokerId, brokerEpoch, incarnationId: req.incarnationId }]);
    this.lastHeartbeatUs.set(req.brokerId, this.env.now());
    this.respondAfterCommit(from, { kind: "BrokerRegistrationResponse", correlationId: req.correlationId, error: Errors.NONE, brokerEpoch });
  }

  private onHeartbeat(from: NodeId, req: BrokerHeartbeatRequest): void {
    const b = this.image.brokers.get(req.brokerId);
    const reply = (error: string, shouldShutDown = false): void =>
      this.respondAfterCommit(from, {
        kind: "BrokerHeartbeatResponse",
        correlationId: req.correlationId,
        error: error as (typeof Errors)[keyof typeof Errors],
        isCaughtUp: req.currentMetadataOffset >= (b?.epoch ?? Infinity),
        // Read after this heartbeat's own changes: SHUTDOWN_NOW answers fenced.
        isFenced: this.image.brokers.get(req.brokerId)?.fenced ?? true,
        shouldShutDown,
      });
    if (b === undefined) return reply(Errors.BROKER_ID_NOT_REGISTERED);
    if (b.epoch !== req.brokerEpoch) return reply(Errors.STALE_BROKER_EPOCH);
    this.lastHeartbeatUs.set(req.brokerId, this.env.now());
    if (req.wantShutDown) {
      if (!b.inControlledShutdown && !b.fenced) this.enterControlledShutdown(req.brokerId);
      const shutDownNow = this.leadsNothing(req.brokerId);
      // BrokerHeartbeatManager.calculateNextBrokerState → SHUTDOWN_NOW, which
      // ReplicationControlManager.processBrokerHeartbeat handles as handleBrokerFenced: the
      // stopped broker's session ends here, so its restart registers at once.
      if (shutDownNow && !b.fenced) this.fence(req.brokerId, "controlled shutdown complete");
      return reply(Errors.NONE, shutDownNow);
    }
    if (b.fenced && req.currentMetadataOffset >= b.epoch) this.unfence(req.brokerId);
    reply(Errors.NONE);
  }

  private leadsNothing(brokerId: number): boolean {
    for (const p of this.image.partitions.values()) if (p.leader === brokerId) return false;
    return true;
  }

  private serveFetch(from: NodeId, req: MetadataFetchRequest, expired: boolean): void {
    const end = this.committedOffset + 1;
    if (req.fetchOffset >= end && !expired) {
      this.parked.push({ from, req, atUs: this.env.now() });
      this.env.setTimer(req.maxWaitMs * 1000, METADATA_FETCH_EXPIRY);
      return;
    }
    const records = (this.file?.entries ?? []).slice(req.fetchOffset, Math.min(end, req.fetchOffset + MAX_RECORDS_PER_FETCH));
    this.env.send(from, { kind: "MetadataFetchResponse", correlationId: req.correlationId, records, highWatermark: end });
  }

  private onAlterPartition(from: NodeId, req: AlterPartitionRequest): void {
    const b = this.image.brokers.get(req.brokerId);
    if (b === undefined || b.epoch !== req.brokerEpoch) {
      this.env.send(from, { kind: "AlterPartitionResponse", correlationId: req.correlationId, error: Errors.STALE_BROKER_EPOCH, partitions: [] });
      return;
    }
    const partitions = req.partitions.map((item) => {
      const p = this.image.partition(item.topic, item.partition);
      const fail = (error: (typeof Errors)[keyof typeof Errors]) => ({
        topic: item.topic,
        partition: item.partition,
        error,
        leaderId: p?.leader ?? NO_LEADER,
        leaderEpoch: p?.leaderEpoch ?? -1,
        isr: p?.isr ?? [],
        partitionEpoch: p?.partitionEpoch ?? -1,
      });
      if (p === undefined) return fail(Errors.UNKNOWN_TOPIC_OR_PARTITION);
      if (p.leader !== req.brokerId) return fail(Errors.NOT_LEADER_OR_FOLLOWER);
      if (item.leaderEpoch !== p.leaderEpoch) return fail(Errors.FENCED_LEADER_EPOCH);
      if (item.partitionEpoch !== p.partitionEpoch) return fail(Errors.INVALID_UPDATE_VERSION);
      const added = item.newIsr.filter((id) => !p.isr.includes(id));
      if (added.some((id) => !this.image.isUsable(id)) || !item.newIsr.includes(p.leader)) return fail(Errors.INELIGIBLE_REPLICA);
      this.alterIsr(p, item.newIsr, added.length > 0 ? "isr-expand" : "isr-shrink");
      return { ...fail(Errors.NONE), leaderId: p.leader, leaderEpoch: p.leaderEpoch, isr: p.isr, partitionEpoch: p.partitionEpoch };
    });
    this.respondAfterCommit(from, { kind: "AlterPartitionResponse", correlationId: req.correlationId, error: Errors.NONE, partitions });
  }

  /** QuorumController.createTopics (create-topics.ts): the records appended, the answer sent once they commit. */
  private onCreateTopics(from: NodeId, req: CreateTopicsRequest): void {
    const { records, results } = createTopics(this.image, req.topics, this.settings.topicCreation ?? KAFKA_TOPIC_CREATION, req.validateOnly);
    this.append(records);
    this.respondAfterCommit(from, { kind: "CreateTopicsResponse", correlationId: req.correlationId, topics: results });
  }

  /**
   * ReplicationControlManager.alterPartition: the leader's new ISR, through the
   * PartitionChangeBuilder so the ELR follows it. The leader is in the new ISR (checked above),
   * so the election keeps it.
   */
  private alterIsr(p: PartitionState, newIsr: readonly number[], reason: string): void {
    const change = buildPartitionChange(this.image, p, newIsr, "online", reason, this.elrSettings(p));
    // An AlterPartition always writes a record, even when the ISR it sends is the current one.
    this.append([{ type: "PartitionChange", topic: p.topic, partition: p.partition, isr: newIsr, leader: null, ...(change === null ? {} : elrFields(change)), reason }]);
  }

  // ---- broker state changes --------------------------------------------------------------

  private fence(brokerId: number, reason: string): void {
    const b = this.image.brokers.get(brokerId)!;
    this.append([{ type: "BrokerRegistrationChange", brokerId, brokerEpoch: b.epoch, fenced: true, inControlledShutdown: null }]);
    this.moveAway(brokerId, `${reason}: broker ${brokerId} fenced`);
  }

  private unfence(brokerId: number): void {
    const b = this.image.brokers.get(brokerId)!;
    this.append([{ type: "BrokerRegistrationChange", brokerId, brokerEpoch: b.epoch, fenced: false, inControlledShutdown: null }]);
    this.maybeCreateTopics();
    // Offline partitions this broker can lead come back (ReplicationControlManager.handleBrokerUnfenced).
    for (const p of this.image.partitions.values()) {
      if (p.leader === NO_LEADER && p.replicas.includes(brokerId)) this.elect(p, p.isr, this.electionFor(p), `broker ${brokerId} unfenced`);
    }
  }

  private enterControlledShutdown(brokerId: number): void {
    const b = this.image.brokers.get(brokerId)!;
    this.append([{ type: "BrokerRegistrationChange", brokerId, brokerEpoch: b.epoch, fenced: null, inControlledShutdown: true }]);
    this.moveAway(brokerId, `controlled shutdown of broker ${brokerId}`);
  }

  /** Removes the broker from every ISR and elects new leaders where it led. */
  private moveAway(brokerId: number, reason: string): void {
    for (const p of this.image.partitions.values()) {
      if (!p.replicas.includes(brokerId)) continue;
      this.elect(p, p.isr.filter((id) => id !== brokerId), this.electionFor(p), reason);
    }
  }

  /**
   * ReplicationControlManager.handleBrokerUncleanShutdown: partitions with the broker in the ISR
   * or ELR. Kafka runs it for every new incarnation (ClusterControlManager.registerBroker), clean
   * restart or not, so the reason says what the controller knows: a new incarnation.
   */
  private forgetUncleanShutdown(brokerId: number): void {
    for (const p of this.image.partitions.values()) {
      if (!p.isr.includes(brokerId) && !p.elr.includes(brokerId)) continue;
      this.elect(p, p.isr.filter((id) => id !== brokerId), this.electionFor(p), `broker ${brokerId} registered a new incarnation`, brokerId);
    }
  }

  /** A scenario topic's settings, else (a topic created at run time) the cluster's defaults. */
  private topicOf(name: string): { readonly uncleanLeaderElectionEnable: boolean; readonly minInsyncReplicas: number } {
    return this.settings.topics.find((t) => t.name === name) ?? this.settings.topicCreation ?? KAFKA_TOPIC_CREATION;
  }

  private electionFor(p: PartitionState): ElectionType {
    return this.topicOf(p.topic).uncleanLeaderElectionEnable ? "unclean" : "online";
  }

  /** Appends the change the election makes, if any; whether it made one. */
  private elect(p: PartitionState, targetIsr: readonly number[], election: ElectionType, reason: string, uncleanShutdown = NO_LEADER): boolean {
    const change = buildPartitionChange(this.image, p, targetIsr, election, reason, this.elrSettings(p), uncleanShutdown);
    if (change === null) return false;
    this.append([{ type: "PartitionChange", topic: p.topic, partition: p.partition, isr: change.isr, leader: change.leader, ...elrFields(change), reason: change.reason }]);
    return true;
  }

  private elrSettings(p: PartitionState): ElrSettings {
    if (!this.settings.eligibleLeaderReplicasEnabled) return ELR_OFF;
    // ReplicationControlManager.getTopicEffectiveMinIsr: capped by the replication factor.
    return { enabled: true, minIsr: Math.min(this.topicOf(p.topic).minInsyncReplicas, p.replicas.length) };
  }

  /** Creates the scenario's topics once every broker is registered and unfenced. */
  private maybeCreateTopics(): void {
    if (this.topicsCreated) return;
    for (const id of this.settings.brokerIds) if (!this.image.isUsable(id)) return;
    this.topicsCreated = true;
    const records: NewRecord[] = [];
    for (const t of this.settings.topics) {
      records.push({ type: "Topic", name: t.name });
      const assignment = t.assignment ?? stripedAssignment(t.partitions, t.replicationFactor, this.settings.brokerIds);
      assignment.forEach((replicas, partition) => {
        records.push({ type: "Partition", topic: t.name, partition, replicas, isr: replicas, leader: replicas[0] ?? NO_LEADER, leaderEpoch: 0, partitionEpoch: 0 });
      });
    }
    this.append(records);
  }

  // ---- timers ----------------------------------------------------------------------------

  onTimer(timer: ControllerTimer): void {
    switch (timer.kind) {
      case "MetadataCommitTimer":
        this.commit();
        return;
      case "MetadataFetchExpiryTimer": {
        const now = this.env.now();
        const due = this.parked.filter((f) => now - f.atUs >= f.req.maxWaitMs * 1000);
        this.parked = this.parked.filter((f) => !due.includes(f));
        for (const f of due) this.serveFetch(f.from, f.req, true);
        return;
      }
      case "FenceCheckTimer":
        this.fenceStaleBrokers();
        this.env.setTimer(250_000, FENCE_CHECK);
        return;
      case "LeaderImbalanceTimer": {
        const elections = this.balanceLeaders();
        this.balance = elections >= MAX_ELECTIONS_PER_IMBALANCE ? "immediately" : "deferred";
        this.maybeScheduleBalance(); // a balance that changed nothing writes nothing, so look again here
        return;
      }
      case "UncleanElectionTimer":
        for (const p of this.image.partitions.values()) if (p.leader === NO_LEADER) this.elect(p, p.isr, this.electionFor(p), "periodic election");
        this.env.setTimer(this.settings.uncleanLeaderElectionIntervalMs * 1000, UNCLEAN_ELECTION);
        return;
      default:
        assertNever(timer);
    }
  }

  /** BrokerHeartbeatManager.hasValidSession: unfenced, and lastContact + session timeout ≥ now. */
  private hasValidSession(brokerId: number, fenced: boolean): boolean {
    const last = this.lastHeartbeatUs.get(brokerId);
    return !fenced && last !== undefined && last + this.settings.brokerSessionTimeoutMs * 1000 >= this.env.now();
  }

  /** BrokerHeartbeatManager: a broker silent for broker.session.timeout.ms is fenced. */
  private fenceStaleBrokers(): void {
    const now = this.env.now();
    for (const b of this.image.brokers.values()) {
      if (b.fenced) continue;
      const last = this.lastHeartbeatUs.get(b.id) ?? now;
      if (now - last > this.settings.brokerSessionTimeoutMs * 1000) {
        this.env.emit({ kind: "BrokerSessionExpired", broker: b.id, silentMs: Math.round((now - last) / 1000) });
        this.fence(b.id, "session expired");
      }
    }
  }

  /**
   * ReplicationControlManager.maybeBalancePartitionLeaders: a preferred election for each partition
   * whose leader is not its preferred replica, up to MAX_ELECTIONS_PER_IMBALANCE. KRaft applies no
   * per-broker threshold: leader.imbalance.per.broker.percentage is the ZooKeeper controller's.
   * Returns the elections that changed a leader.
   */
  private balanceLeaders(): number {
    let elections = 0;
    for (const p of this.image.partitions.values()) {
      if (elections >= MAX_ELECTIONS_PER_IMBALANCE) break;
      if (p.leader === p.replicas[0]) continue;
      if (this.elect(p, p.isr, "preferred", "preferred leader election")) elections++;
    }
    return elections;
  }

  onDisconnect(): void {}

  // ---- views -----------------------------------------------------------------------------

  metadata(): MetadataImage {
    return this.image;
  }

  partitionLeader(topic: string, partition: number): number {
    return this.image.partition(topic, partition)?.leader ?? NO_LEADER;
  }

  brokerNodeOf(id: number): string {
    return brokerNode(id);
  }
}
