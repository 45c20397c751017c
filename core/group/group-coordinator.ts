// The group coordinator on one broker (Kafka 4.x's GroupCoordinatorService with its
// GroupMetadataManager and OffsetMetadataManager: classic groups, and KIP-848 consumer groups
// through consumer-group-heartbeat.ts). A broker coordinates
// the groups whose __consumer_offsets partition it leads. Its state is that partition's log:
// every change is a record appended with acks=all (ReplicaManager.appendRecords, origin
// COORDINATOR), answered once committed, and a broker that becomes leader replays the log
// to rebuild groups and offsets (CoordinatorLoaderImpl) — which is how a group survives the
// death of its coordinator's broker. What the log holds reaches the live groups only by
// replaying the records written (group-store.ts), the same replay a load runs: consumer
// group records as they are produced, committed offsets once committed (Kafka replays them
// at once but OffsetFetch reads the last committed snapshot, which comes to the same).
// TxnOffsetCommit writes its offsets in the producer's transaction: pending until the
// transaction's marker lands in the offsets partition (onTransactionMarker), and answered
// UNSTABLE_OFFSET_COMMIT to an OffsetFetch with require_stable meanwhile (KIP-447).

import { CoordinatorBatchWriter } from "../protocol/coordinator-batch.ts";
import type { Env, NodeId, TimerHandle } from "../env.ts";
import type { PartitionLog } from "../log/partition-log.ts";
import type { BrokerSettings } from "../config/index.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { CoordinatorRecord } from "../protocol/coordinator-records.ts";
import type { ConsumerGroupHeartbeatRequest, GroupCoordinatorRequest, OffsetCommitRequest, OffsetFetchRequest } from "../protocol/group-messages.ts";
import { assertNever } from "../assert-never.ts";
import type { KafkaMessage } from "../protocol/messages.ts";
import type { RecordBatch } from "../protocol/records.ts";
import { validateMember, type ClassicGroup } from "./classic-group.ts";
import { ClassicGroupHandler } from "./classic-group-handler.ts";
import type { ClassicGroupHost } from "./classic-group-host.ts";
import { groupPartition } from "./partition-for.ts";
import { replayGroupRecords } from "./group-loader.ts";
import type { ConsumerGroup } from "./consumer-group.ts";
import { ConsumerGroupHeartbeatHandler } from "./consumer-group-heartbeat.ts";
import { GroupStore } from "./group-store.ts";
import type { TxnOffsetCommitRequest } from "../protocol/txn-messages.ts";
import { validateTxnOffsetCommit } from "./txn-offset-commit.ts";

/** One of the coordinator's session or rebalance timers (Kafka's CoordinatorTimer), by id. */
export interface GroupCoordinatorTimer {
  readonly kind: "GroupCoordinatorTimer";
  readonly timerId: number;
}

export interface GroupCoordinatorHost {
  readonly env: Env<KafkaMessage, GroupCoordinatorTimer>;
  readonly settings: BrokerSettings;
  /** The local log of __consumer_offsets-<partition>, if this broker has a replica. */
  offsetsLog(partition: number): PartitionLog | undefined;
  /** Appends as leader with acks=all; `done` gets the partition's error once settled. */
  append(partition: number, batch: RecordBatch, timeoutMs: number, done: (error: ErrorCode) => void): void;
  /** Partitions of a topic in this broker's metadata (0 if unknown), for KIP-848's assignors. */
  partitionCount(topic: string): number;
}


type PartitionLoad = { state: "loading" | "loaded"; readonly epoch: number };

/** CoordinatorRuntime's mapping of append errors to what group clients understand. */
function coordinatorError(error: ErrorCode): ErrorCode {
  switch (error) {
    case Errors.NONE:
      return Errors.NONE;
    case Errors.NOT_LEADER_OR_FOLLOWER:
    case Errors.KAFKA_STORAGE_ERROR:
      return Errors.NOT_COORDINATOR;
    default:
      return Errors.COORDINATOR_NOT_AVAILABLE;
  }
}

export class GroupCoordinator {
  private readonly store = new GroupStore();
  private readonly partitions = new Map<number, PartitionLoad>();
  private readonly timers = new Map<number, () => void>();
  private nextTimerId = 1;
  private nextLoadEpoch = 1;
  private readonly handler: ClassicGroupHandler;
  private readonly consumerHandler: ConsumerGroupHeartbeatHandler;
  /** Records are keyed by group id (the cleaner compares the keys). */
  private readonly writer = new CoordinatorBatchWriter();

  constructor(private readonly host: GroupCoordinatorHost) {
    const env = host.env;
    const s = host.settings;
    const classicHost: ClassicGroupHost = {
      now: () => env.now(),
      send: (to, msg) => env.send(to, msg),
      schedule: (delayUs, fn) => this.schedule(delayUs, fn),
      cancel: (t) => this.cancel(t),
      write: (record, done) => this.write(record.groupId, [record], done),
      newMemberId: (client) => `${client}-${hex(env.rng.int32())}${hex(env.rng.int32())}`,
      emit: (event) => env.emit(event),
      initialRebalanceDelayMs: s.groupInitialRebalanceDelayMs,
      minSessionTimeoutMs: s.groupMinSessionTimeoutMs,
      maxSessionTimeoutMs: s.groupMaxSessionTimeoutMs,
      maxSize: s.groupMaxSize,
    };
    this.handler = new ClassicGroupHandler(classicHost);
    this.consumerHandler = new ConsumerGroupHeartbeatHandler({
      now: () => env.now(),
      send: (to, msg) => env.send(to, msg),
      schedule: (delayUs, fn) => this.schedule(delayUs, fn),
      cancel: (t) => this.cancel(t),
      write: (groupId, records, done) => this.write(groupId, records, done),
      partitionCount: (topic) => host.partitionCount(topic),
      emit: (event) => env.emit(event),
      sessionTimeoutMs: s.groupConsumerSessionTimeoutMs,
      heartbeatIntervalMs: s.groupConsumerHeartbeatIntervalMs,
      assignors: s.groupConsumerAssignors,
      maxSize: s.groupConsumerMaxSize,
    });
  }

  private get groups(): Map<string, ClassicGroup> {
    return this.store.classic;
  }

  private get consumerGroups(): Map<string, ConsumerGroup> {
    return this.store.consumer;
  }

  private get numPartitions(): number {
    return this.host.settings.offsetsTopicNumPartitions;
  }

  // ---- timers ------------------------------------------------------------------------------

  private schedule(delayUs: number, fn: () => void): TimerHandle {
    const id = this.nextTimerId++;
    this.timers.set(id, fn);
    return this.host.env.setTimer(delayUs, { kind: "GroupCoordinatorTimer", timerId: id });
  }

  private cancel(timer: TimerHandle): void {
    this.host.env.cancelTimer(timer);
  }

  onTimer(timer: GroupCoordinatorTimer): void {
    const fn = this.timers.get(timer.timerId);
    this.timers.delete(timer.timerId);
    fn?.();
  }

  // ---- partition leadership ----------------------------------------------------------------

  /** This broker became leader of __consumer_offsets-<partition>: load its groups from the log. */
  onElected(partition: number): void {
    this.onResigned(partition);
    const log = this.host.offsetsLog(partition);
    if (log === undefined) return;
    const load: PartitionLoad = { state: "loading", epoch: this.nextLoadEpoch++ };
    this.partitions.set(partition, load);
    const batches = log.allBatches();
    const readUs = log.read(log.logStartOffset, log.sizeBytes, log.logEndOffset).delayUs;
    this.host.env.emit({ kind: "CoordinatorLoading", partition, batches: batches.length });
    this.schedule(Math.max(1000, readUs), () => {
      if (this.partitions.get(partition) !== load) return;
      const loaded = replayGroupRecords(batches);
      this.store.adoptPending(loaded);
      for (const group of loaded.classic.values()) {
        this.groups.set(group.groupId, group);
        this.restoreSessions(group);
      }
      for (const group of loaded.consumer.values()) {
        this.consumerGroups.set(group.groupId, group);
        for (const m of group.members.values()) this.consumerHandler.restoreTimers(group, m);
      }
      load.state = "loaded";
      this.host.env.emit({ kind: "CoordinatorLoaded", partition, groups: [...loaded.classic.keys(), ...loaded.consumer.keys()] });
    });
  }

  /** Leadership of the partition moved away: drop its groups (Kafka unloads them). */
  onResigned(partition: number): void {
    if (!this.partitions.delete(partition)) return;
    this.store.dropPendingOf((groupId) => groupPartition(groupId, this.numPartitions) === partition);
    const gone: string[] = [];
    for (const [id, group] of this.groups) {
      if (groupPartition(id, this.numPartitions) !== partition) continue;
      this.handler.unload(group);
      gone.push(id);
    }
    for (const id of gone) this.groups.delete(id);
    for (const [id, group] of this.consumerGroups) {
      if (groupPartition(id, this.numPartitions) !== partition) continue;
      for (const m of group.members.values()) this.consumerHandler.cancelTimers(m);
      this.consumerGroups.delete(id);
      gone.push(id);
    }
    this.host.env.emit({ kind: "CoordinatorUnloaded", partition, groups: gone });
  }

  private restoreSessions(group: ClassicGroup): void {
    for (const m of group.members.values()) this.handler.scheduleSession(group, m, m.sessionTimeoutMs);
  }

  private getOrCreate(groupId: string): ClassicGroup {
    return this.store.getOrCreateClassic(groupId);
  }

  /** NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS, or NONE when this broker serves the group. */
  private checkServing(groupId: string): ErrorCode {
    const load = this.partitions.get(groupPartition(groupId, this.numPartitions));
    if (load === undefined) return Errors.NOT_COORDINATOR;
    return load.state === "loading" ? Errors.COORDINATOR_LOAD_IN_PROGRESS : Errors.NONE;
  }

  // ---- requests ----------------------------------------------------------------------------

  handle(from: NodeId, req: GroupCoordinatorRequest): void {
    const env = this.host.env;
    const error = this.checkServing(req.groupId);
    const existing = this.groups.get(req.groupId);
    const consumerGroup = this.consumerGroups.get(req.groupId);
    if (consumerGroup !== undefined && error === Errors.NONE) return this.handleConsumerGroup(from, req, consumerGroup);
    switch (req.kind) {
      case "ConsumerGroupHeartbeat":
        this.consumerGroupHeartbeat(from, req, error, existing);
        return;
      case "JoinGroup": {
        if (error !== Errors.NONE) {
          env.send(from, { kind: "JoinGroupResponse", correlationId: req.correlationId, error, generationId: -1, protocolName: null, leader: "", skipAssignment: false, memberId: req.memberId, members: [] });
          return;
        }
        if (existing === undefined && req.memberId !== "") {
          env.send(from, { kind: "JoinGroupResponse", correlationId: req.correlationId, error: Errors.UNKNOWN_MEMBER_ID, generationId: -1, protocolName: null, leader: "", skipAssignment: false, memberId: req.memberId, members: [] });
          return;
        }
        this.handler.join(existing ?? this.getOrCreate(req.groupId), from, req);
        return;
      }
      case "SyncGroup":
        if (error !== Errors.NONE || existing === undefined) {
          env.send(from, { kind: "SyncGroupResponse", correlationId: req.correlationId, error: error !== Errors.NONE ? error : Errors.UNKNOWN_MEMBER_ID, protocolName: null, assignment: [] });
          return;
        }
        this.handler.sync(existing, from, req);
        return;
      case "Heartbeat": {
        const result = error !== Errors.NONE ? error : existing === undefined ? Errors.UNKNOWN_MEMBER_ID : this.handler.heartbeat(existing, req);
        env.send(from, { kind: "HeartbeatResponse", correlationId: req.correlationId, error: result });
        return;
      }
      case "LeaveGroup": {
        const result = error !== Errors.NONE ? error : existing === undefined ? Errors.UNKNOWN_MEMBER_ID : this.handler.leave(existing, req);
        env.send(from, { kind: "LeaveGroupResponse", correlationId: req.correlationId, error: result });
        return;
      }
      case "OffsetCommit":
        this.commitOffsets(from, req, error, existing);
        return;
      case "OffsetFetch":
        this.fetchOffsets(from, req, error, existing);
        return;
      default:
        assertNever(req);
    }
  }

  private consumerGroupHeartbeat(from: NodeId, req: ConsumerGroupHeartbeatRequest, serving: ErrorCode, classic: ClassicGroup | undefined): void {
    if (serving !== Errors.NONE) return this.host.env.send(from, this.consumerHandler.error(req, serving));
    // A classic group with members would need KIP-848's online migration: not modelled.
    if (classic !== undefined && classic.members.size > 0) return this.host.env.send(from, this.consumerHandler.error(req, Errors.GROUP_ID_NOT_FOUND));
    if (req.memberEpoch !== 0) return this.host.env.send(from, this.consumerHandler.error(req, Errors.UNKNOWN_MEMBER_ID));
    this.consumerHandler.handle(this.store.toConsumerGroup(req.groupId), from, req);
  }

  /** Requests for a KIP-848 group: its heartbeat, its commits and fetches; classic APIs are refused. */
  private handleConsumerGroup(from: NodeId, req: GroupCoordinatorRequest, group: ConsumerGroup): void {
    const env = this.host.env;
    switch (req.kind) {
      case "ConsumerGroupHeartbeat":
        this.consumerHandler.handle(group, from, req);
        return;
      case "JoinGroup":
        env.send(from, { kind: "JoinGroupResponse", correlationId: req.correlationId, error: Errors.INCONSISTENT_GROUP_PROTOCOL, generationId: -1, protocolName: null, leader: "", skipAssignment: false, memberId: req.memberId, members: [] });
        return;
      case "SyncGroup":
        env.send(from, { kind: "SyncGroupResponse", correlationId: req.correlationId, error: Errors.INCONSISTENT_GROUP_PROTOCOL, protocolName: null, assignment: [] });
        return;
      case "Heartbeat":
        env.send(from, { kind: "HeartbeatResponse", correlationId: req.correlationId, error: Errors.INCONSISTENT_GROUP_PROTOCOL });
        return;
      case "LeaveGroup":
        env.send(from, { kind: "LeaveGroupResponse", correlationId: req.correlationId, error: Errors.INCONSISTENT_GROUP_PROTOCOL });
        return;
      case "OffsetCommit":
        this.commitConsumerGroupOffsets(from, req, group);
        return;
      case "OffsetFetch":
        env.send(from, { kind: "OffsetFetchResponse", correlationId: req.correlationId, error: Errors.NONE, partitions: req.partitions.map((p) => this.fetchedOffset(req, p.topic, p.partition, group.offsets)) });
        return;
      default:
        assertNever(req);
    }
  }

  /** ConsumerGroup.validateOffsetCommit: the member's current epoch, else STALE/FENCED_MEMBER_EPOCH. */
  private commitConsumerGroupOffsets(from: NodeId, req: OffsetCommitRequest, group: ConsumerGroup): void {
    const respond = (error: ErrorCode): void =>
      this.host.env.send(from, { kind: "OffsetCommitResponse", correlationId: req.correlationId, partitions: req.offsets.map((o) => ({ topic: o.topic, partition: o.partition, error })) });
    const member = group.members.get(req.memberId);
    if (!(req.generationId < 0 && req.memberId === "" && group.members.size === 0)) {
      if (member === undefined) return respond(Errors.UNKNOWN_MEMBER_ID);
      if (req.generationId > member.memberEpoch) return respond(Errors.FENCED_MEMBER_EPOCH);
      if (req.generationId < member.memberEpoch) return respond(Errors.STALE_MEMBER_EPOCH);
    }
    this.storeOffsets(req, () => this.consumerGroups.get(req.groupId) === group, respond);
  }

  /** OffsetMetadataManager.commitOffset: one record per partition, replayed once committed. */
  private storeOffsets(req: OffsetCommitRequest, stillLoaded: () => boolean, respond: (error: ErrorCode) => void): void {
    const nowMs = Math.floor(this.host.env.now() / 1000);
    const records: CoordinatorRecord[] = req.offsets.map((o) => ({ type: "OffsetCommit", groupId: req.groupId, topic: o.topic, partition: o.partition, offset: o.offset, commitTimestampMs: nowMs }));
    this.write(req.groupId, records, (error) => {
      if (error === Errors.NONE && stillLoaded()) for (const r of records) this.store.replay(r);
      respond(error);
    });
  }

  /** ClassicGroup.validateOffsetCommit, then OffsetMetadataManager.commitOffset. */
  private commitOffsets(from: NodeId, req: OffsetCommitRequest, serving: ErrorCode, group: ClassicGroup | undefined): void {
    const respond = (error: ErrorCode): void =>
      this.host.env.send(from, { kind: "OffsetCommitResponse", correlationId: req.correlationId, partitions: req.offsets.map((o) => ({ topic: o.topic, partition: o.partition, error })) });
    if (serving !== Errors.NONE) return respond(serving);
    const g = group ?? (req.generationId < 0 ? this.getOrCreate(req.groupId) : undefined);
    if (g === undefined) return respond(Errors.ILLEGAL_GENERATION);
    const invalid = this.validateCommit(g, req);
    if (invalid !== Errors.NONE) return respond(invalid);
    this.storeOffsets(req, () => this.groups.get(req.groupId) === g, respond);
  }

  private validateCommit(g: ClassicGroup, req: OffsetCommitRequest): ErrorCode {
    if (g.state === "Dead") return Errors.COORDINATOR_NOT_AVAILABLE;
    if (req.generationId < 0 && g.state === "Empty") return Errors.NONE;
    const invalid = validateMember(g, req.memberId, req.groupInstanceId);
    if (invalid !== Errors.NONE) return invalid;
    const member = g.members.get(req.memberId)!;
    if (req.generationId !== g.generationId) return Errors.ILLEGAL_GENERATION;
    if (g.state === "CompletingRebalance") return Errors.REBALANCE_IN_PROGRESS;
    // A commit is as good as a heartbeat (the old GroupCoordinator.handleCommitOffsets did the same).
    if (g.state === "Stable") this.handler.scheduleSession(g, member, member.sessionTimeoutMs);
    return Errors.NONE;
  }

  private fetchOffsets(from: NodeId, req: OffsetFetchRequest, serving: ErrorCode, group: ClassicGroup | undefined): void {
    this.host.env.send(from, {
      kind: "OffsetFetchResponse",
      correlationId: req.correlationId,
      error: serving,
      partitions: req.partitions.map((p) => this.fetchedOffset(req, p.topic, p.partition, serving === Errors.NONE ? group?.offsets : undefined)),
    });
  }

  /** OffsetMetadataManager.fetchOffsets: one partition's committed offset, or UNSTABLE_OFFSET_COMMIT under require_stable. */
  private fetchedOffset(req: OffsetFetchRequest, topic: string, partition: number, offsets: ReadonlyMap<string, number> | undefined): { topic: string; partition: number; offset: number; error?: ErrorCode } {
    if (req.requireStable === true && offsets !== undefined && this.store.hasPendingOffset(req.groupId, topic, partition)) return { topic, partition, offset: -1, error: Errors.UNSTABLE_OFFSET_COMMIT };
    return { topic, partition, offset: offsets?.get(`${topic}-${partition}`) ?? -1 };
  }

  /**
   * OffsetMetadataManager.commitTransactionalOffset: validated against the group (KIP-447), then
   * one record per partition in a batch of the producer's transaction; pending once committed.
   */
  handleTxnOffsetCommit(from: NodeId, req: TxnOffsetCommitRequest): void {
    const respond = (error: ErrorCode): void =>
      this.host.env.send(from, { kind: "TxnOffsetCommitResponse", correlationId: req.correlationId, partitions: req.offsets.map((o) => ({ topic: o.topic, partition: o.partition, error })) });
    const serving = this.checkServing(req.groupId);
    if (serving !== Errors.NONE) return respond(serving);
    const invalid = validateTxnOffsetCommit(this.groups.get(req.groupId), this.consumerGroups.get(req.groupId), req);
    if (invalid !== Errors.NONE) return respond(invalid);
    const nowMs = Math.floor(this.host.env.now() / 1000);
    const records: CoordinatorRecord[] = req.offsets.map((o) => ({ type: "OffsetCommit", groupId: req.groupId, topic: o.topic, partition: o.partition, offset: o.offset, commitTimestampMs: nowMs }));
    const partition = groupPartition(req.groupId, this.numPartitions);
    const load = this.partitions.get(partition);
    const batch = this.writer.batch(req.groupId, records, nowMs, { producerId: req.producerId, producerEpoch: req.producerEpoch });
    this.host.append(partition, batch, this.host.settings.offsetsCommitTimeoutMs, (raw) => {
      const error = coordinatorError(raw);
      if (error === Errors.NONE && this.partitions.get(partition) === load) for (const r of records) this.store.replay(r, req.producerId);
      // A fenced epoch in the partition's producer state reaches the producer as is (fatal there).
      respond(raw === Errors.INVALID_PRODUCER_EPOCH ? raw : error);
    });
  }

  /**
   * A COMMIT or ABORT marker of `producerId` is committed in __consumer_offsets-<partition>
   * (GroupCoordinatorShard.replayEndTransactionMarker): its pending offsets become the
   * groups' offsets, or are dropped.
   */
  onTransactionMarker(partition: number, producerId: number, commit: boolean): void {
    if (this.partitions.get(partition)?.state !== "loaded") return; // a load replays the marker from the log
    this.store.replayEndTransactionMarker(producerId, commit);
  }

  // ---- writes ------------------------------------------------------------------------------

  private write(groupId: string, records: readonly CoordinatorRecord[], done: (error: ErrorCode) => void): void {
    const partition = groupPartition(groupId, this.numPartitions);
    const batch = this.writer.batch(groupId, records, Math.floor(this.host.env.now() / 1000));
    this.host.append(partition, batch, this.host.settings.offsetsCommitTimeoutMs, (error) => done(coordinatorError(error)));
  }

  // ---- views -------------------------------------------------------------------------------

  group(groupId: string): ClassicGroup | undefined {
    return this.groups.get(groupId);
  }

  consumerGroup(groupId: string): ConsumerGroup | undefined {
    return this.consumerGroups.get(groupId);
  }
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, "0");
}
