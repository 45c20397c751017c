// A KafkaProducer with its Sender thread and, when idempotent, its TransactionManager's
// sequence bookkeeping. The application (a RecordSource) calls send() when each record is
// due; send() blocks while metadata is unknown or buffer.memory is full, for at most
// max.block.ms. The sender drains ready batches into one Produce request per broker, keeps
// at most max.in.flight.requests.per.connection requests per broker, retries retriable
// errors with exponential backoff until delivery.timeout.ms, and refreshes metadata when a
// leader moves. Without idempotence a retry after a lost response appends the batch twice,
// and with several requests in flight a retry can land behind a later batch.

import { brokerNode } from "../cluster-names.ts";
import { InFlightRequests } from "../client/in-flight.ts";
import type { ProducerSettings } from "../config/index.ts";
import type { Env, NodeId, SimNode, TimerHandle } from "../env.ts";
import { toPositive } from "../partitioner/index.ts";
import { StickyPartitioner, type TopicPartitionsView } from "../partitioner/sticky-partitioner.ts";
import { Errors, invalidatesMetadata, isRetriable, type ErrorCode } from "../protocol/errors.ts";
import type { KafkaMessage, MetadataResponse, ProducePartitionResponse, ProduceResponse } from "../protocol/messages.ts";
import { NO_LEADER } from "../protocol/metadata-records.ts";
import { NO_PRODUCER_ID, type RecordBatch } from "../protocol/records.ts";
import type { ProducerBatch } from "./producer-batch.ts";
import { IdempotenceState } from "./idempotence.ts";
import { RecordAccumulator } from "./record-accumulator.ts";
import type { AppRecord, ProduceObserver, RecordSource } from "./workload.ts";

type Pending =
  | { readonly type: "produce"; readonly batches: ProducerBatch[] }
  | { readonly type: "metadata" }
  | { readonly type: "init-pid" };

const T_RECORD = "record";
const T_SEND = "sender";
const T_METADATA = "metadata";
const T_INIT_PID = "init-pid";
const T_BLOCK = "max-block";

export class Producer implements SimNode<KafkaMessage> {
  private env!: Env<KafkaMessage>;
  private inFlight!: InFlightRequests<Pending>;
  private accumulator: RecordAccumulator | null = null;
  private sticky!: StickyPartitioner;
  private leaders: number[] = [];
  private metadataInFlight = false;
  private metadataWanted = true;
  private lastMetadataUs = -Infinity;
  private readonly sequences = new IdempotenceState();
  private pidInFlight = false;
  /** send() is blocked on this record (no metadata yet, or buffer.memory full). */
  private blocked: { record: AppRecord; sinceUs: number } | null = null;
  private recordTimerArmed = false;
  private senderWakeUs = Infinity;
  private senderTimer: TimerHandle | null = null;
  private bootstrapCursor = 0;
  private view: TopicPartitionsView | null = null;
  /** murmur2 partition per key, for the current partition count (keys repeat; hashing is per record otherwise). */

  constructor(
    readonly id: string,
    readonly topic: string,
    private readonly settings: ProducerSettings,
    private readonly brokerIds: readonly number[],
    private readonly source: RecordSource,
    private readonly observer: ProduceObserver,
  ) {}

  private get idempotent(): boolean {
    return this.settings.enableIdempotence;
  }

  onStart(env: Env<KafkaMessage>): void {
    this.env = env;
    this.inFlight = new InFlightRequests<Pending>(env as Env<unknown>);
    this.sticky = new StickyPartitioner(this.topic, this.settings.batchSizeBytes, env.rng);
    this.bootstrapCursor = env.rng.int(this.brokerIds.length);
    this.requestMetadata();
    if (this.idempotent) this.initProducerId();
    this.armRecordTimer();
  }

  // ---- the application side: send() ------------------------------------------------------

  private armRecordTimer(): void {
    if (this.recordTimerArmed || this.blocked !== null) return;
    const due = this.source.nextDueUs();
    if (due === null) return;
    this.recordTimerArmed = true;
    this.env.setTimer(due - this.env.now(), T_RECORD);
  }

  private pullDueRecords(): void {
    while (this.blocked === null) {
      const due = this.source.nextDueUs();
      if (due === null) break;
      // The next arrival is taken in this event when nothing else happens before it: the
      // same history as one timer per record, with far fewer events.
      if (due > this.env.now() && this.env.runAheadTo?.(due) !== true) break;
      this.send(this.source.take(), due);
    }
    this.armRecordTimer();
  }

  private send(record: AppRecord, dueUs: number): void {
    const acc = this.accumulator;
    if (acc === null || !acc.hasRoomFor(64 + (record.valueBytes ?? 0))) {
      this.blocked = { record, sinceUs: dueUs };
      this.env.setTimer(Math.max(0, dueUs + this.settings.maxBlockMs * 1000 - this.env.now()), T_BLOCK);
      return;
    }
    const partition = this.choosePartition(record, acc);
    const now = this.env.now();
    this.observer.sent(record.rid, this.id, this.topic, partition, record.key, dueUs);
    const bytes = acc.append(partition, record.rid, record.key, record.valueBytes, Math.floor(now / 1000), now);
    const full = acc.lastAppendFilledBatch;
    if (record.partition === null && (record.key === null || this.settings.partitionerIgnoreKeys)) {
      const view = this.partitionsView();
      this.sticky.updatePartitionInfo(this.sticky.peekCurrentPartitionInfo(view), bytes, view, full);
    }
    this.wakeSender(full ? now : now + this.settings.lingerMs * 1000);
  }

  /** KafkaProducer.partition: explicit, then keyed murmur2 over all partitions, else sticky. */
  private choosePartition(record: AppRecord, acc: RecordAccumulator): number {
    if (record.partition !== null) return record.partition % acc.partitionCount;
    if (record.keyHash !== null && !this.settings.partitionerIgnoreKeys) return this.keyedPartition(record.keyHash, acc.partitionCount);
    return this.sticky.peekCurrentPartitionInfo(this.partitionsView()).partition;
  }

  /** BuiltInPartitioner.partitionForKey: toPositive(murmur2(keyBytes)) % all partitions. */
  private keyedPartition(keyHash: number, partitions: number): number {
    return toPositive(keyHash) % partitions;
  }

  /** The partitioner's view of the topic; rebuilt only when the leaders change (not per record). */
  private partitionsView(): TopicPartitionsView {
    if (this.view === null) {
      const available: number[] = [];
      this.leaders.forEach((leader, p) => {
        if (leader !== NO_LEADER) available.push(p);
      });
      this.view = { partitionCount: this.leaders.length, availablePartitions: available };
    }
    return this.view;
  }

  private unblock(): void {
    const b = this.blocked;
    if (b === null || this.accumulator === null || !this.accumulator.hasRoomFor(64 + (b.record.valueBytes ?? 0))) return;
    this.blocked = null;
    this.send(b.record, b.sinceUs);
    this.pullDueRecords();
  }

  private onBlockTimeout(): void {
    const b = this.blocked;
    if (b === null || this.env.now() - b.sinceUs < this.settings.maxBlockMs * 1000) return;
    this.blocked = null;
    // send() threw TimeoutException: the application saw the failure at once.
    this.observer.sent(b.record.rid, this.id, this.topic, -1, b.record.key, b.sinceUs);
    this.observer.failed(b.record.rid, "TIMEOUT_MAX_BLOCK", this.env.now());
    this.env.emit({ kind: "SendBlockedTimeout", rid: b.record.rid, waitedMs: Math.round((this.env.now() - b.sinceUs) / 1000) });
    this.pullDueRecords();
  }

  // ---- metadata and producer id ----------------------------------------------------------

  private nextBroker(): NodeId {
    const id = this.brokerIds[this.bootstrapCursor++ % this.brokerIds.length]!;
    return brokerNode(id);
  }

  private requestMetadata(): void {
    this.metadataWanted = true;
    if (this.metadataInFlight) return;
    this.metadataInFlight = true;
    const to = this.nextBroker();
    const correlationId = this.inFlight.add(to, { type: "metadata" }, this.settings.requestTimeoutMs);
    this.env.send(to, { kind: "Metadata", correlationId, topics: [this.topic] });
  }

  private onMetadata(msg: MetadataResponse): void {
    this.metadataInFlight = false;
    const topic = msg.topics.find((t) => t.name === this.topic);
    if (topic === undefined || topic.error !== Errors.NONE || topic.partitions.length === 0) {
      this.env.setTimer(this.settings.retryBackoffMs * 1000, T_METADATA);
      return;
    }
    this.metadataWanted = false;
    this.lastMetadataUs = this.env.now();
    const leaders: number[] = [];
    for (const p of topic.partitions) leaders[p.partition] = p.leader;
    for (let i = 0; i < leaders.length; i++) leaders[i] ??= NO_LEADER;
    const changed = leaders.some((l, i) => l !== this.leaders[i]);
    this.leaders = leaders;
    this.view = null;
    if (changed) this.env.emit({ kind: "ProducerMetadata", leaders });
    if (this.accumulator === null) {
      this.accumulator = new RecordAccumulator(this.topic, leaders.length, this.settings.batchSizeBytes, this.settings.lingerMs * 1000, this.settings.bufferMemoryBytes);
    } else this.accumulator.ensurePartitions(leaders.length);
    if (leaders.includes(NO_LEADER)) this.env.setTimer(this.settings.retryBackoffMs * 1000, T_METADATA);
    this.unblock();
    this.runSender();
  }

  private initProducerId(): void {
    if (this.pidInFlight) return;
    this.pidInFlight = true;
    const to = this.nextBroker();
    const correlationId = this.inFlight.add(to, { type: "init-pid" }, this.settings.requestTimeoutMs);
    this.env.send(to, { kind: "InitProducerId", correlationId });
  }

  // ---- the sender ------------------------------------------------------------------------

  private wakeSender(atUs: number): void {
    const now = this.env.now();
    const t = Math.max(atUs, now);
    if (t >= this.senderWakeUs) return;
    if (this.senderTimer !== null) this.env.cancelTimer(this.senderTimer);
    this.senderWakeUs = t;
    this.senderTimer = this.env.setTimer(t - now, T_SEND);
  }

  /** Sender.runOnce: expire, drain ready partitions per leader, send. */
  private runSender(): void {
    const acc = this.accumulator;
    if (acc === null) return;
    const now = this.env.now();
    const deliveryTimeoutUs = this.settings.deliveryTimeoutMs * 1000;
    for (const batch of acc.expired(now, deliveryTimeoutUs)) this.fail(batch, Errors.DELIVERY_TIMEOUT);
    if (this.lastMetadataUs + this.settings.metadataMaxAgeMs * 1000 <= now) this.requestMetadata();
    if (this.idempotent && !this.sequences.hasProducerId) {
      this.initProducerId();
      return;
    }
    const byBroker = new Map<number, number[]>();
    for (let p = 0; p < acc.partitionCount; p++) {
      if (!acc.isReady(p, now)) continue;
      const leader = this.leaders[p] ?? NO_LEADER;
      if (leader === NO_LEADER) {
        this.requestMetadata();
        continue;
      }
      let list = byBroker.get(leader);
      if (list === undefined) byBroker.set(leader, (list = []));
      list.push(p);
    }
    for (const [broker, partitions] of byBroker) this.sendTo(broker, partitions);
    const next = acc.nextWakeUs(now, deliveryTimeoutUs, (p) => this.cannotSend(p));
    if (next !== this.senderWakeUs) {
      if (this.senderTimer !== null) this.env.cancelTimer(this.senderTimer);
      this.senderTimer = null;
      this.senderWakeUs = Infinity;
      if (next < Infinity) this.wakeSender(next);
    }
  }

  /** No leader known, the leader's connection is at max.in.flight, or the partition is muted. */
  private cannotSend(p: number): boolean {
    const leader = this.leaders[p] ?? NO_LEADER;
    if (leader === NO_LEADER) return true;
    if (this.inFlight.countTo(brokerNode(leader)) >= this.settings.maxInFlightRequestsPerConnection) return true;
    return (this.settings.maxInFlightRequestsPerConnection === 1 || this.retryMustWait(p)) && this.partitionInFlight(p);
  }

  /**
   * RecordAccumulator.shouldStopDrainBatchesForPartition: an idempotent producer sends a
   * retried batch only when nothing else of its partition is in flight, so sequences reach
   * the broker in order and a retry is still among the five batches it remembers.
   */
  private retryMustWait(p: number): boolean {
    return this.idempotent && (this.accumulator?.head(p)?.baseSequence ?? -1) >= 0;
  }

  private sendTo(broker: number, partitions: number[]): void {
    const acc = this.accumulator!;
    const node = brokerNode(broker);
    if (this.inFlight.countTo(node) >= this.settings.maxInFlightRequestsPerConnection) return;
    // max.in.flight.requests.per.connection=1 guarantees order by muting partitions in flight.
    const mute = this.settings.maxInFlightRequestsPerConnection === 1;
    const batches: ProducerBatch[] = [];
    let bytes = 0;
    for (const p of partitions) {
      if ((mute || this.retryMustWait(p)) && this.partitionInFlight(p)) continue;
      const head = acc.head(p)!;
      if (batches.length > 0 && bytes + head.sizeBytes > this.settings.maxRequestSizeBytes) break;
      const batch = acc.drain(p);
      if (this.idempotent) this.sequences.stamp(batch);
      batch.attempts++;
      batch.inFlight = true;
      batches.push(batch);
      bytes += batch.sizeBytes;
    }
    if (batches.length === 0) return;
    const acks = this.settings.acks;
    const correlationId = acks === 0 ? 0 : this.inFlight.add(node, { type: "produce", batches }, this.settings.requestTimeoutMs);
    this.env.send(node, {
      kind: "Produce",
      correlationId,
      acks,
      timeoutMs: this.settings.requestTimeoutMs,
      partitions: batches.map((b) => ({ topic: b.topic, partition: b.partition, batch: this.toWire(b) })),
    });
    this.env.emit({ kind: "ProduceSent", broker, batches: batches.length, records: batches.reduce((n, b) => n + b.records.length, 0), retry: batches.some((b) => b.attempts > 1) });
    if (acks === 0) for (const b of batches) this.complete(b, -1);
  }

  private partitionInFlight(p: number): boolean {
    for (const r of this.inFlight.all()) if (r.info.type === "produce" && r.info.batches.some((b) => b.partition === p)) return true;
    return false;
  }

  private toWire(b: ProducerBatch): RecordBatch {
    let maxTs = 0;
    for (const r of b.records) if (r.timestampMs > maxTs) maxTs = r.timestampMs;
    return {
      baseOffset: 0,
      lastOffsetDelta: b.records.length - 1,
      partitionLeaderEpoch: -1,
      producerId: b.producerId,
      producerEpoch: b.producerEpoch,
      baseSequence: b.baseSequence,
      maxTimestampMs: maxTs,
      records: b.records,
      sizeBytes: b.sizeBytes,
    };
  }

  private onProduceResponse(batches: ProducerBatch[], resp: ProduceResponse): void {
    for (const batch of batches) {
      const pr = resp.partitions.find((x) => x.partition === batch.partition && x.topic === batch.topic);
      this.handleBatchResult(batch, pr ?? null);
    }
    this.runSender();
  }

  private handleBatchResult(batch: ProducerBatch, pr: ProducePartitionResponse | null): void {
    batch.inFlight = false;
    const error: ErrorCode = pr?.error ?? Errors.NETWORK_EXCEPTION;
    if (error === Errors.NONE) return this.complete(batch, pr!.baseOffset);
    if (error === Errors.DUPLICATE_SEQUENCE_NUMBER) return this.complete(batch, -1);
    if (this.idempotent && this.sequences.resolveSequenceError(batch, error, () => this.bumpEpoch())) {
      this.observer.errorResponse(error, batch.records.length);
      this.env.emit({ kind: "ProduceError", partition: batch.partition, error, attempt: batch.attempts, retry: true, records: batch.records.length, baseSequence: batch.baseSequence });
      return this.retryLater(batch);
    }
    this.retryOrFail(batch, error);
  }

  /** Sender.canRetry: retriable, retries left, and delivery.timeout.ms not yet spent. */
  private retryOrFail(batch: ProducerBatch, error: ErrorCode): void {
    const now = this.env.now();
    const withinDelivery = now - batch.createdUs < this.settings.deliveryTimeoutMs * 1000;
    const canRetry = isRetriable(error) && batch.attempts <= this.settings.retries && withinDelivery;
    this.observer.errorResponse(error, batch.records.length);
    this.env.emit({ kind: "ProduceError", partition: batch.partition, error, attempt: batch.attempts, retry: canRetry, records: batch.records.length, baseSequence: batch.baseSequence });
    if (invalidatesMetadata(error)) this.requestMetadata();
    if (!canRetry) return this.fail(batch, withinDelivery ? error : Errors.DELIVERY_TIMEOUT);
    this.retryLater(batch);
  }

  private retryLater(batch: ProducerBatch): void {
    const now = this.env.now();
    const backoffMs = Math.min(this.settings.retryBackoffMs * 2 ** (batch.attempts - 1), this.settings.retryBackoffMaxMs);
    const jitter = 0.8 + 0.4 * this.env.rng.next(); // ExponentialBackoff's 20% jitter
    batch.retryAtUs = now + Math.round(backoffMs * jitter * 1000);
    this.accumulator!.reenqueue(batch);
    this.wakeSender(batch.retryAtUs);
  }

  private complete(batch: ProducerBatch, baseOffset: number): void {
    const now = this.env.now();
    this.sequences.acknowledged(batch);
    for (const r of batch.records) this.observer.acknowledged(r.rid, batch.partition, baseOffset < 0 ? -1 : baseOffset + r.offsetDelta, now);
    this.env.emit({ kind: "ProduceAcked", partition: batch.partition, baseOffset, records: batch.records.length, latencyMs: Math.round((now - batch.createdUs) / 100) / 10 });
    this.accumulator!.release(batch);
    this.unblock();
  }

  private fail(batch: ProducerBatch, error: ErrorCode): void {
    const now = this.env.now();
    for (const r of batch.records) this.observer.failed(r.rid, error, now);
    this.env.emit({ kind: "ProduceFailed", partition: batch.partition, error, records: batch.records.length });
    this.accumulator!.release(batch);
    if (this.idempotent && this.sequences.leavesGap(batch)) this.bumpEpoch();
    this.unblock();
  }

  /**
   * A sequenced batch failed for good, leaving a gap the broker would reject forever:
   * bump the epoch and restart every partition's sequence at 0 (KIP-360's idempotent epoch
   * bump, done locally here). Unsent batches get new sequences when drained.
   */
  private bumpEpoch(): void {
    this.sequences.bumpEpoch(this.accumulator!.queued());
    this.env.emit({ kind: "ProducerEpochBumped", producerId: this.sequences.producerId, producerEpoch: this.sequences.producerEpoch });
  }


  // ---- events ----------------------------------------------------------------------------

  onMessage(_from: NodeId, msg: KafkaMessage): void {
    switch (msg.kind) {
      case "ProduceResponse": {
        const r = this.inFlight.complete(msg.correlationId);
        if (r?.info.type === "produce") this.onProduceResponse(r.info.batches, msg);
        return;
      }
      case "MetadataResponse":
        if (this.inFlight.complete(msg.correlationId) !== undefined) this.onMetadata(msg);
        return;
      case "InitProducerIdResponse":
        if (this.inFlight.complete(msg.correlationId) === undefined) return;
        this.pidInFlight = false;
        if (msg.error !== Errors.NONE) {
          this.env.setTimer(this.settings.retryBackoffMs * 1000, T_INIT_PID);
          return;
        }
        this.sequences.assign(msg.producerId, msg.producerEpoch);
        this.env.emit({ kind: "ProducerIdAssigned", producerId: msg.producerId, producerEpoch: msg.producerEpoch });
        this.runSender();
        return;
      default:
        return;
    }
  }

  onTimer(tag: string): void {
    const failed = this.inFlight.timedOut(tag);
    if (failed !== undefined) {
      // NetworkClient closes the connection on a request timeout: everything in flight to it fails.
      this.onRequestFailed(failed.info, Errors.REQUEST_TIMED_OUT);
      for (const r of this.inFlight.disconnected(failed.destination)) this.onRequestFailed(r.info, Errors.NETWORK_EXCEPTION);
      this.runSender();
      return;
    }
    switch (tag) {
      case T_RECORD:
        this.recordTimerArmed = false;
        this.pullDueRecords();
        return;
      case T_SEND:
        this.senderWakeUs = Infinity;
        this.senderTimer = null;
        this.runSender();
        return;
      case T_METADATA:
        if (this.metadataWanted || this.leaders.includes(NO_LEADER)) {
          this.metadataWanted = true;
          this.requestMetadata();
        }
        return;
      case T_INIT_PID:
        this.initProducerId();
        return;
      case T_BLOCK:
        this.onBlockTimeout();
        return;
    }
  }

  onDisconnect(peer: NodeId): void {
    // NetworkClient asks for fresh metadata whenever a connection to a broker drops.
    this.requestMetadata();
    for (const r of this.inFlight.disconnected(peer)) this.onRequestFailed(r.info, Errors.NETWORK_EXCEPTION);
    this.runSender();
  }

  private onRequestFailed(info: Pending, error: ErrorCode): void {
    switch (info.type) {
      case "produce":
        for (const b of info.batches) {
          b.inFlight = false;
          this.retryOrFail(b, error);
        }
        return;
      case "metadata":
        this.metadataInFlight = false;
        this.env.setTimer(this.settings.retryBackoffMs * 1000, T_METADATA);
        return;
      case "init-pid":
        this.pidInFlight = false;
        this.env.setTimer(this.settings.retryBackoffMs * 1000, T_INIT_PID);
        return;
    }
  }
}
