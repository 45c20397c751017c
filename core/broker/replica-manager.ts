// The leader side of replication on one broker: Kafka's ReplicaManager for Produce and Fetch.
// It appends produced batches (acks, min.insync.replicas, idempotence), serves followers'
// and consumers' fetches with long polling, advances high watermarks, completes parked
// acks=all produces, and sends the ISR changes its partitions decide on (Partition.ts holds
// the expand/shrink rule, as Kafka's Partition does) to the controller.

import type { Env, NodeId } from "../env.ts";
import type { PartitionLog } from "../log/partition-log.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type {
  AlterPartitionItem,
  FetchPartition,
  FetchRequest,
  KafkaMessage,
  ProduceRequest,
} from "../protocol/messages.ts";
import { compressedRecordsBytes, targetCompression } from "../protocol/compression.ts";
import { BATCH_OVERHEAD_BYTES, ControlType, lastOffsetOf, NO_PRODUCER_ID, uncompressedRecordsBytes, type RecordBatch } from "../protocol/records.ts";
import { partitionKey } from "../metadata/metadata-image.ts";
import { Partition, type PendingIsrChange } from "./partition.ts";
import { Purgatory, type DelayedFetch, type DelayedProduce, type ProducePartitionStatus } from "./purgatory.ts";
import { divergence, mayComplete, readForFetch, type FetchRead, type RackFetching } from "./fetch-read.ts";
import type { BrokerSettings, TopicSettings } from "../config/index.ts";
import { assertNever } from "../assert-never.ts";
import type { ReplicaManagerTimer } from "./broker-timers.ts";
import { ControlBatchBuilder } from "../protocol/control-batch.ts";
import type { WriteTxnMarkersRequest } from "../protocol/txn-messages.ts";
import { MARKER_APPEND_TIMEOUT_MS, markerAppends, writeTxnMarkersResponse } from "./write-txn-markers.ts";

export interface ReplicaManagerHost {
  readonly env: Env<KafkaMessage, ReplicaManagerTimer>;
  readonly brokerId: number;
  readonly settings: BrokerSettings;
  topicSettings(topic: string): TopicSettings;
  /** ISR-eligible: registered, unfenced, not shutting down (Partition.isReplicaIsrEligible). */
  isIsrEligible(brokerId: number): boolean;
  sendAlterPartition(item: AlterPartitionItem): void;
  /** Sends a response through the broker's network threads; `costUs` is disk time to serve it. */
  respond(to: NodeId, msg: KafkaMessage, costUs: number): void;
  /** A transaction marker this leader appended is committed (the group coordinator replays those of __consumer_offsets). */
  markerCommitted?(topic: string, partition: number, producerId: number, commit: boolean): void;
}


export class ReplicaManager {
  readonly partitions = new Map<string, Partition>();
  /** The same partitions by topic and index: get() runs for every partition of every request. */
  private readonly byTopic = new Map<string, (Partition | undefined)[]>();
  private readonly delayedProduce = new Purgatory<DelayedProduce>();
  /** Produce requests whose handler is blocked on a flush.messages fsync. */
  private readonly flushing = new Map<number, { op: DelayedProduce; timeoutMs: number }>();
  private readonly delayedFetch = new Purgatory<DelayedFetch>();
  private nextOpId = 1;
  private readonly markers = new ControlBatchBuilder();

  private readonly lookup = (topic: string, partition: number): Partition | undefined => this.get(topic, partition);

  constructor(private readonly host: ReplicaManagerHost) {}

  private get env(): Env<KafkaMessage, ReplicaManagerTimer> {
    return this.host.env;
  }

  private nowMs(): number {
    return Math.floor(this.env.now() / 1000);
  }

  get(topic: string, partition: number): Partition | undefined {
    return this.byTopic.get(topic)?.[partition];
  }

  add(topic: string, partition: number, log: PartitionLog): Partition {
    const p = new Partition(topic, partition, log, this.host.brokerId, {
      replicaLagTimeMaxMs: this.host.settings.replicaLagTimeMaxMs,
      minInsyncReplicas: () => this.host.topicSettings(topic).minInsyncReplicas,
      isReplicaIsrEligible: (id) => this.host.isIsrEligible(id),
    });
    this.partitions.set(partitionKey(topic, partition), p);
    let ofTopic = this.byTopic.get(topic);
    if (ofTopic === undefined) this.byTopic.set(topic, (ofTopic = []));
    ofTopic[partition] = p;
    return p;
  }

  // ---- Produce ---------------------------------------------------------------------------

  handleProduce(from: NodeId, req: ProduceRequest): void {
    const statuses: ProducePartitionStatus[] = [];
    let waiting = 0;
    for (const item of req.partitions) {
      const status = this.appendToLeader(item.topic, item.partition, item.batch, req.acks);
      statuses.push(status);
      if (status.requiredOffset >= 0) waiting++;
    }
    // The handler thread blocks inside UnifiedLog.append: on its fsync (flush.messages) or on
    // the OS throttling writers over the dirty limit.
    let flushUs = 0;
    for (const s of statuses) flushUs = Math.max(flushUs, this.get(s.topic, s.partition)?.log.takeAppendDelay() ?? 0);
    if (req.acks === 0) return;
    const op: DelayedProduce = { id: this.nextOpId++, from, correlationId: req.correlationId, statuses, remaining: waiting, timer: null };
    if (flushUs > 0) {
      this.flushing.set(op.id, { op, timeoutMs: req.timeoutMs });
      this.env.setTimer(flushUs, { kind: "AppendFlushedTimer", opId: op.id });
      return;
    }
    this.completeOrPark(op, req.timeoutMs);
  }

  /** After the append (and its fsync): answer now, or park until the HW covers it (acks=all). */
  private completeOrPark(op: DelayedProduce, timeoutMs: number): void {
    const statuses = op.statuses;
    if (op.remaining === 0) {
      this.respondProduce(op);
      return;
    }
    op.timer = this.env.setTimer(timeoutMs * 1000, { kind: "DelayedProduceExpiry", opId: op.id });
    this.delayedProduce.add(
      op,
      statuses.filter((s) => s.requiredOffset >= 0).map((s) => partitionKey(s.topic, s.partition)),
    );
    // An ISR of one completes at once.
    for (const s of statuses) if (s.requiredOffset >= 0) this.tryCompleteProduce(s.topic, s.partition);
  }

  /**
   * ReplicaManager.appendRecords with origin COORDINATOR (the group coordinator writing to
   * __consumer_offsets): acks=all, answered through `onComplete` once the HW passes the
   * records or `timeoutMs` (offsets.commit.timeout.ms) runs out (REQUEST_TIMED_OUT).
   */
  appendInternal(topic: string, partition: number, batch: RecordBatch, timeoutMs: number, onComplete: (status: ProducePartitionStatus) => void): void {
    this.appendAndWait([this.appendToLeader(topic, partition, batch, -1, "coordinator")], timeoutMs, (s) => onComplete(s[0]!));
  }

  /** KafkaApis.handleWriteTxnMarkersRequest: every marker appended, one response when all settled. */
  handleWriteTxnMarkers(from: NodeId, req: WriteTxnMarkersRequest): void {
    const appends = markerAppends(req, this.markers, this.nowMs());
    if (appends.length === 0) {
      this.host.respond(from, writeTxnMarkersResponse(req, appends, []), 0);
      return;
    }
    const statuses = appends.map((a) => this.appendMarkerToLeader(a.topic, a.partition, a.batch));
    this.appendAndWait(statuses, MARKER_APPEND_TIMEOUT_MS, (s) => {
      if (this.host.markerCommitted !== undefined) {
        s.forEach((status, i) => {
          const a = appends[i]!;
          if (status.error === Errors.NONE) this.host.markerCommitted!(a.topic, a.partition, a.batch.producerId, a.batch.control!.type === ControlType.COMMIT);
        });
      }
      this.host.respond(from, writeTxnMarkersResponse(req, appends, s), 0);
    });
  }

  /**
   * An internal append's wait: it blocks like a produce handler's (dirty-page throttling,
   * flush.messages), then is parked until the HW covers it.
   */
  private appendAndWait(statuses: ProducePartitionStatus[], timeoutMs: number, onComplete: (statuses: readonly ProducePartitionStatus[]) => void): void {
    let remaining = 0;
    let blockedUs = 0;
    for (const s of statuses) {
      if (s.requiredOffset >= 0) remaining++;
      blockedUs = Math.max(blockedUs, this.get(s.topic, s.partition)?.log.takeAppendDelay() ?? 0);
    }
    const op: DelayedProduce = { id: this.nextOpId++, from: "", correlationId: 0, statuses, remaining, timer: null, onComplete };
    if (blockedUs > 0) {
      this.flushing.set(op.id, { op, timeoutMs });
      this.env.setTimer(blockedUs, { kind: "AppendFlushedTimer", opId: op.id });
      return;
    }
    this.completeOrPark(op, timeoutMs);
  }

  /**
   * Partition.appendRecordsToLeader for a marker (origin COORDINATOR, acks=all): the min-ISR
   * check, then the producer state's epoch and coordinator-epoch checks; the client checks
   * (sizes, keys, compression) do not apply to a control batch the broker built.
   */
  private appendMarkerToLeader(topic: string, partition: number, batch: RecordBatch): ProducePartitionStatus {
    const status: ProducePartitionStatus = { topic, partition, requiredOffset: -1, error: Errors.NONE, baseOffset: -1, logStartOffset: -1 };
    const p = this.get(topic, partition);
    if (p === undefined || p.role !== "leader") {
      status.error = p === undefined ? Errors.UNKNOWN_TOPIC_OR_PARTITION : Errors.NOT_LEADER_OR_FOLLOWER;
      return status;
    }
    status.logStartOffset = p.log.logStartOffset;
    if (p.isr.length < p.effectiveMinIsr()) return this.rejectProduce(status, p, Errors.NOT_ENOUGH_REPLICAS);
    const check = p.log.producerState.checkMarker(batch);
    if (check.kind === "reject") {
      status.error = check.error;
      return status;
    }
    const stamped = p.log.appendAsLeader(batch, p.leaderEpoch, this.nowMs());
    status.baseOffset = stamped.baseOffset;
    status.requiredOffset = stamped.baseOffset + 1;
    const m = stamped.control!;
    this.env.emit({ kind: "TxnMarkerWritten", topic, partition, producerId: stamped.producerId, producerEpoch: stamped.producerEpoch, result: m.type === ControlType.COMMIT ? "COMMIT" : "ABORT", coordinatorEpoch: m.coordinatorEpoch, offset: stamped.baseOffset });
    this.afterLeaderLogChange(p);
    return status;
  }

  /** Partition.appendRecordsToLeader. */
  /** `origin` (AppendOrigin): a coordinator's own batch has no sequences, so only its producer epoch is checked. */
  private appendToLeader(topic: string, partition: number, received: RecordBatch, acks: number, origin: "client" | "coordinator" = "client"): ProducePartitionStatus {
    let batch = received;
    const status: ProducePartitionStatus = { topic, partition, requiredOffset: -1, error: Errors.NONE, baseOffset: -1, logStartOffset: -1 };
    if (acks !== -1 && acks !== 0 && acks !== 1) {
      status.error = Errors.INVALID_REQUIRED_ACKS;
      return status;
    }
    const p = this.get(topic, partition);
    if (p === undefined || p.role !== "leader") {
      status.error = p === undefined ? Errors.UNKNOWN_TOPIC_OR_PARTITION : Errors.NOT_LEADER_OR_FOLLOWER;
      return status;
    }
    status.logStartOffset = p.log.logStartOffset;
    // LogValidator: clients may not write control records (InvalidRecordException).
    if (batch.control !== null) return this.rejectProduce(status, p, Errors.INVALID_RECORD);
    const settings = this.host.topicSettings(topic);
    if (acks === -1 && p.isr.length < p.effectiveMinIsr()) return this.rejectProduce(status, p, Errors.NOT_ENOUGH_REPLICAS);
    // UnifiedLog.analyzeAndValidateRecords: a batch above the topic's max.message.bytes (default
    // message.max.bytes) is refused before anything else is looked at (RecordTooLargeException).
    // Not retriable; a producer splits a batch of several records and sends the halves.
    if (batch.sizeBytes > settings.maxMessageBytes) return this.rejectProduce(status, p, Errors.MESSAGE_TOO_LARGE);
    // LogValidator.validateKey, before the producer-state check as in UnifiedLog.append: a
    // compacted log keeps the latest record per key, so a record without one is refused, and
    // with it its whole batch (a RecordValidationException). Not retriable: resending fails again.
    if (settings.cleanupPolicy.compact && batch.hasRecordWithoutKey()) return this.rejectProduce(status, p, Errors.INVALID_RECORD);
    // UnifiedLog.append: a batch larger than a whole segment cannot be placed in one (RecordBatchTooLargeException).
    // LogValidator: a topic whose compression.type names another codec stores the batch
    // recompressed (BrokerCompressionType.targetCompression), and its size is checked again.
    const target = targetCompression(settings.compressionType, batch.compression);
    if (target !== batch.compression) {
      batch = batch.with({ compression: target, sizeBytes: BATCH_OVERHEAD_BYTES + compressedRecordsBytes(target, uncompressedRecordsBytes(batch)) });
      if (batch.sizeBytes > settings.maxMessageBytes) return this.rejectProduce(status, p, Errors.MESSAGE_TOO_LARGE);
    }
    if (batch.sizeBytes > settings.segmentBytes) return this.rejectProduce(status, p, Errors.RECORD_LIST_TOO_LARGE);
    const check = batch.producerId === NO_PRODUCER_ID ? null : origin === "coordinator" ? p.log.producerState.checkCoordinatorBatch(batch) : p.log.producerState.checkClientBatch(batch);
    if (check?.kind === "reject") {
      status.error = check.error;
      return status;
    }
    if (check?.kind === "duplicate") {
      // UnifiedLog: a retried batch already in the log is answered with its original offsets.
      status.baseOffset = check.firstOffset;
      this.env.emit({ kind: "DuplicateBatch", topic, partition, producerId: batch.producerId, baseSequence: batch.baseSequence, baseOffset: check.firstOffset });
      if (acks === -1 && p.log.highWatermark <= check.lastOffset) status.requiredOffset = check.lastOffset + 1;
      return status;
    }
    const stamped = p.log.appendAsLeader(batch, p.leaderEpoch, this.nowMs());
    status.baseOffset = stamped.baseOffset;
    this.env.emit({ kind: "LeaderAppend", topic, partition, baseOffset: stamped.baseOffset, records: stamped.count, leaderEpoch: p.leaderEpoch });
    if (acks === -1) status.requiredOffset = lastOffsetOf(stamped) + 1;
    this.afterLeaderLogChange(p);
    return status;
  }

  private rejectProduce(status: ProducePartitionStatus, p: Partition, error: ErrorCode): ProducePartitionStatus {
    status.error = error;
    this.env.emit({ kind: "ProduceRejected", topic: status.topic, partition: status.partition, error, isr: p.isr });
    return status;
  }

  private tryCompleteProduce(topic: string, partition: number): void {
    const p = this.get(topic, partition);
    const key = partitionKey(topic, partition);
    for (const op of this.delayedProduce.watching(key)) {
      for (const s of op.statuses) {
        if (s.topic !== topic || s.partition !== partition || s.requiredOffset < 0) continue;
        if (p === undefined || p.role !== "leader") {
          s.error = Errors.NOT_LEADER_OR_FOLLOWER;
        } else if (p.log.highWatermark >= s.requiredOffset) {
          // Partition.checkEnoughReplicasReachOffset, against the effective min ISR (capped by
          // the replication factor), as the check before the append is.
          s.error = p.effectiveMinIsr() <= p.maximalIsr.length ? Errors.NONE : Errors.NOT_ENOUGH_REPLICAS_AFTER_APPEND;
        } else continue;
        s.requiredOffset = -1;
        op.remaining--;
      }
      if (op.remaining === 0) this.completeProduce(op);
    }
  }

  private completeProduce(op: DelayedProduce): void {
    if (!this.delayedProduce.remove(op)) return;
    if (op.timer !== null) this.env.cancelTimer(op.timer);
    this.respondProduce(op);
  }

  private respondProduce(op: DelayedProduce): void {
    if (op.onComplete !== undefined) {
      for (const s of op.statuses) if (s.requiredOffset >= 0) s.error = Errors.REQUEST_TIMED_OUT;
      op.onComplete(op.statuses);
      return;
    }
    this.host.respond(op.from, {
      kind: "ProduceResponse",
      correlationId: op.correlationId,
      partitions: op.statuses.map((s) => ({
        topic: s.topic,
        partition: s.partition,
        error: s.requiredOffset >= 0 ? Errors.REQUEST_TIMED_OUT : s.error,
        baseOffset: s.baseOffset,
        logStartOffset: s.logStartOffset,
      })),
    }, 0);
  }

  // ---- Fetch (leader side) ---------------------------------------------------------------

  handleFetch(from: NodeId, req: FetchRequest): void {
    const isFollower = req.replicaId >= 0;
    const nowMs = this.nowMs();
    if (isFollower) {
      for (const fp of req.partitions) this.updateFollower(req.replicaId, fp, nowMs);
    }
    const result = readForFetch(req, this.lookup, this.rackFetching());
    if (req.maxWaitMs <= 0 || result.bytes >= req.minBytes || result.hasError || result.diverged || result.redirected) {
      this.host.respond(from, { kind: "FetchResponse", correlationId: req.correlationId, error: Errors.NONE, partitions: result.partitions }, result.diskUs);
      return;
    }
    const op: DelayedFetch = { id: this.nextOpId++, from, request: req, timer: null };
    op.timer = this.env.setTimer(req.maxWaitMs * 1000, { kind: "DelayedFetchExpiry", opId: op.id });
    this.delayedFetch.add(op, req.partitions.map((fp) => partitionKey(fp.topic, fp.partition)));
  }

  /** KIP-392 context with racks (null without: every consumer fetch is for the leader). */
  private rackFetching(): RackFetching | null {
    const racks = this.host.settings.racks;
    if (racks === null) return null;
    return { nowMs: this.nowMs(), selector: this.host.settings.rackAwareReplicaSelector, rackOf: (b) => racks[b - 1] ?? null };
  }

  /** This follower's high watermark moved: consumers it serves (KIP-392) may have records now. */
  followerHighWatermarkAdvanced(p: Partition): void {
    this.tryCompleteFetches(partitionKey(p.topic, p.partition));
  }

  private updateFollower(followerId: number, fp: FetchPartition, nowMs: number): void {
    const p = this.get(fp.topic, fp.partition);
    if (p === undefined || p.role !== "leader" || fp.currentLeaderEpoch !== p.leaderEpoch) return;
    if (fp.fetchOffset > p.log.logEndOffset || divergence(p, fp) !== null) return;
    const { expansion, hwIncremented } = p.updateFollowerFetchState(followerId, fp.fetchOffset, nowMs);
    if (expansion !== null) this.submitAlterPartition(p, expansion);
    if (hwIncremented) this.onHighWatermarkAdvanced(p);
  }

  private tryCompleteFetches(key: string): void {
    for (const op of this.delayedFetch.watching(key)) {
      const racks = this.rackFetching();
      if (!mayComplete(op.request, this.lookup, racks)) continue;
      const result = readForFetch(op.request, this.lookup, racks);
      if (result.bytes >= op.request.minBytes || result.hasError || result.diverged || result.redirected) this.completeFetch(op, result);
    }
  }

  private completeFetch(op: DelayedFetch, read: FetchRead): void {
    if (!this.delayedFetch.remove(op)) return;
    if (op.timer !== null) this.env.cancelTimer(op.timer);
    this.host.respond(op.from, { kind: "FetchResponse", correlationId: op.request.correlationId, error: Errors.NONE, partitions: read.partitions }, read.diskUs);
  }

  // ---- HW and ISR ------------------------------------------------------------------------

  private maybeIncrementHw(p: Partition): boolean {
    return p.maybeIncrementLeaderHW(this.nowMs());
  }

  /** The leader's LEO moved: followers' long polls may complete, and an ISR of one moves the HW. */
  private afterLeaderLogChange(p: Partition): void {
    const key = partitionKey(p.topic, p.partition);
    if (this.maybeIncrementHw(p)) this.onHighWatermarkAdvanced(p);
    this.tryCompleteFetches(key);
  }

  private onHighWatermarkAdvanced(p: Partition): void {
    const hw = p.log.highWatermark;
    const lso = p.log.lastStableOffset;
    this.env.emit(lso < hw ? { kind: "HighWatermark", topic: p.topic, partition: p.partition, hw, lso } : { kind: "HighWatermark", topic: p.topic, partition: p.partition, hw });
    const key = partitionKey(p.topic, p.partition);
    this.tryCompleteProduce(p.topic, p.partition);
    this.tryCompleteFetches(key);
  }

  /** Re-evaluates after any change to leadership or ISR (metadata, AlterPartition). */
  leadershipOrIsrChanged(p: Partition): void {
    if (p.role === "leader" && this.maybeIncrementHw(p)) this.onHighWatermarkAdvanced(p);
    this.tryCompleteProduce(p.topic, p.partition);
    this.tryCompleteFetches(partitionKey(p.topic, p.partition));
  }

  /** ReplicaManager's isr-expiration task (every replica.lag.time.max.ms / 2): Partition.maybeShrinkIsr on each. */
  maybeShrinkIsrs(): void {
    const nowMs = this.nowMs();
    for (const p of this.partitions.values()) {
      const shrink = p.maybeShrinkIsr(nowMs);
      if (shrink !== null) this.submitAlterPartition(p, shrink);
    }
  }

  /** Partition.submitAlterPartition: one AlterPartition to the controller, traced. */
  private submitAlterPartition(p: Partition, change: PendingIsrChange): void {
    const { topic, partition } = p;
    const newIsr = change.newIsr;
    if (change.kind === "expand") this.env.emit({ kind: "IsrExpandRequested", topic, partition, isr: p.isr, newIsr });
    else this.env.emit({ kind: "IsrShrinkRequested", topic, partition, isr: p.isr, newIsr, outOfSync: change.outOfSyncReplicaIds });
    this.host.sendAlterPartition({ topic, partition, leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, newIsr });
  }

  /** AlterPartition answered (or failed): the ISR the controller committed, if any. */
  onAlterPartitionResult(
    topic: string,
    partition: number,
    error: ErrorCode,
    result: { leaderEpoch: number; isr: readonly number[]; partitionEpoch: number } | null,
  ): void {
    const p = this.get(topic, partition);
    if (p === undefined) return;
    const update = p.handleAlterPartitionResult(error, result);
    if (update !== null) this.env.emit({ kind: "IsrChanged", topic, partition, isr: p.isr, previousIsr: update.previousIsr, partitionEpoch: p.partitionEpoch });
    this.leadershipOrIsrChanged(p);
  }

  // ---- timers ----------------------------------------------------------------------------

  onTimer(timer: ReplicaManagerTimer): void {
    switch (timer.kind) {
      case "AppendFlushedTimer": {
        const f = this.flushing.get(timer.opId);
        if (f !== undefined) {
          this.flushing.delete(timer.opId);
          this.completeOrPark(f.op, f.timeoutMs);
        }
        return;
      }
      case "DelayedProduceExpiry": {
        const op = this.delayedProduce.get(timer.opId);
        if (op !== undefined && this.delayedProduce.remove(op)) this.respondProduce(op);
        return;
      }
      case "DelayedFetchExpiry": {
        const op = this.delayedFetch.get(timer.opId);
        if (op !== undefined) this.completeFetch(op, readForFetch(op.request, this.lookup, this.rackFetching()));
        return;
      }
      default:
        assertNever(timer);
    }
  }

  /** Parked requests, for the visualizer and tests. */
  parked(): { produce: number; fetch: number } {
    return { produce: this.delayedProduce.size, fetch: this.delayedFetch.size };
  }
}
