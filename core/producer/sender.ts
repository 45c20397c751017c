// The producer's Sender (clients/.../producer/internals/Sender.java): drains ready batches
// into one Produce request per leader, keeps at most max.in.flight.requests.per.connection
// requests per broker, completes or fails batches from the responses, retries retriable
// errors with exponential backoff until delivery.timeout.ms, and bumps the idempotent epoch
// when a failed batch leaves a sequence gap. The KafkaProducer around it (producer.ts) owns
// metadata, the producer id and the application's send().

import { brokerNode } from "../cluster-names.ts";
import type { InFlightRequests } from "../client/in-flight.ts";
import type { ProducerSettings } from "../config/index.ts";
import type { Env, TimerHandle } from "../env.ts";
import { Errors, invalidatesMetadata, isRetriable, type ErrorCode } from "../protocol/errors.ts";
import type { KafkaMessage, ProducePartitionResponse, ProduceResponse } from "../protocol/messages.ts";
import { NO_LEADER } from "../protocol/metadata-records.ts";
import { RecordBatch } from "../protocol/records.ts";
import type { IdempotenceState } from "./idempotence.ts";
import type { ProducerBatch } from "./producer-batch.ts";
import type { RecordAccumulator } from "./record-accumulator.ts";
import type { ProduceObserver } from "./workload.ts";
import { SENDER_WAKEUP, type ProducerTimer } from "./producer-timers.ts";

/** What a producer waits for: a Produce, a Metadata or an InitProducerId response. */
export type ProducerRequest =
  | { readonly type: "produce"; readonly batches: ProducerBatch[] }
  | { readonly type: "metadata" }
  | { readonly type: "init-pid" };

export interface SenderHost {
  readonly env: Env<KafkaMessage, ProducerTimer>;
  readonly settings: ProducerSettings;
  readonly observer: ProduceObserver;
  readonly inFlight: InFlightRequests<ProducerRequest>;
  readonly sequences: IdempotenceState;
  /** null until the first metadata response sized it. */
  accumulator(): RecordAccumulator | null;
  /** The partition's leader as last seen in metadata, or NO_LEADER. */
  leaderOf(partition: number): number;
  lastMetadataUs(): number;
  requestMetadata(): void;
  initProducerId(): void;
  /** buffer.memory was released: a blocked send() may go on. */
  unblock(): void;
}

export class Sender {
  private senderWakeUs = Infinity;
  private senderTimer: TimerHandle | null = null;

  constructor(private readonly host: SenderHost) {}

  /** The wake-up timer fired. */
  onWakeup(): void {
    this.senderWakeUs = Infinity;
    this.senderTimer = null;
    this.runOnce();
  }

  /** Failed requests (timeout, disconnect): each batch is retried or failed. */
  requestFailed(batches: readonly ProducerBatch[], error: ErrorCode): void {
    for (const b of batches) {
      b.inFlight = false;
      this.retryOrFail(b, error);
    }
  }

  wake(atUs: number): void {
    const now = this.host.env.now();
    const t = Math.max(atUs, now);
    if (t >= this.senderWakeUs) return;
    if (this.senderTimer !== null) this.host.env.cancelTimer(this.senderTimer);
    this.senderWakeUs = t;
    this.senderTimer = this.host.env.setTimer(t - now, SENDER_WAKEUP);
  }

  /** Sender.runOnce: expire, drain ready partitions per leader, send. */
  runOnce(): void {
    const acc = this.host.accumulator();
    if (acc === null) return;
    const now = this.host.env.now();
    const deliveryTimeoutUs = this.host.settings.deliveryTimeoutMs * 1000;
    for (const batch of acc.expired(now, deliveryTimeoutUs)) this.fail(batch, Errors.DELIVERY_TIMEOUT);
    if (this.host.lastMetadataUs() + this.host.settings.metadataMaxAgeMs * 1000 <= now) this.host.requestMetadata();
    if (this.host.settings.enableIdempotence && !this.host.sequences.hasProducerId) {
      this.host.initProducerId();
      return;
    }
    const byBroker = new Map<number, number[]>();
    for (let p = 0; p < acc.partitionCount; p++) {
      if (!acc.isReady(p, now)) continue;
      const leader = this.host.leaderOf(p);
      if (leader === NO_LEADER) {
        this.host.requestMetadata();
        continue;
      }
      let list = byBroker.get(leader);
      if (list === undefined) byBroker.set(leader, (list = []));
      list.push(p);
    }
    for (const [broker, partitions] of byBroker) this.sendTo(broker, partitions);
    const next = acc.nextWakeUs(now, deliveryTimeoutUs, (p) => this.cannotSend(p));
    if (next !== this.senderWakeUs) {
      if (this.senderTimer !== null) this.host.env.cancelTimer(this.senderTimer);
      this.senderTimer = null;
      this.senderWakeUs = Infinity;
      if (next < Infinity) this.wake(next);
    }
  }

  /** No leader known, the leader's connection is at max.in.flight, or the partition is muted. */
  private cannotSend(p: number): boolean {
    const leader = this.host.leaderOf(p);
    if (leader === NO_LEADER) return true;
    if (this.host.inFlight.countTo(brokerNode(leader)) >= this.host.settings.maxInFlightRequestsPerConnection) return true;
    return (this.host.settings.maxInFlightRequestsPerConnection === 1 || this.retryMustWait(p)) && this.partitionInFlight(p);
  }

  /**
   * RecordAccumulator.shouldStopDrainBatchesForPartition: an idempotent producer sends a
   * retried batch only when nothing else of its partition is in flight, so sequences reach
   * the broker in order and a retry is still among the five batches it remembers.
   */
  private retryMustWait(p: number): boolean {
    return this.host.settings.enableIdempotence && (this.host.accumulator()?.head(p)?.baseSequence ?? -1) >= 0;
  }

  private sendTo(broker: number, partitions: number[]): void {
    const acc = this.host.accumulator()!;
    const node = brokerNode(broker);
    if (this.host.inFlight.countTo(node) >= this.host.settings.maxInFlightRequestsPerConnection) return;
    // max.in.flight.requests.per.connection=1 guarantees order by muting partitions in flight.
    const mute = this.host.settings.maxInFlightRequestsPerConnection === 1;
    const batches: ProducerBatch[] = [];
    let bytes = 0;
    for (const p of partitions) {
      if ((mute || this.retryMustWait(p)) && this.partitionInFlight(p)) continue;
      const head = acc.head(p)!;
      if (batches.length > 0 && bytes + head.sizeBytes > this.host.settings.maxRequestSizeBytes) break;
      const batch = acc.drain(p);
      if (this.host.settings.enableIdempotence) this.host.sequences.stamp(batch);
      batch.attempts++;
      batch.inFlight = true;
      batches.push(batch);
      bytes += batch.sizeBytes;
    }
    if (batches.length === 0) return;
    const acks = this.host.settings.acks;
    const correlationId = acks === 0 ? 0 : this.host.inFlight.add(node, { type: "produce", batches }, this.host.settings.requestTimeoutMs);
    this.host.env.send(node, {
      kind: "Produce",
      correlationId,
      acks,
      timeoutMs: this.host.settings.requestTimeoutMs,
      partitions: batches.map((b) => ({ topic: b.topic, partition: b.partition, batch: this.toWire(b) })),
    });
    this.host.env.emit({ kind: "ProduceSent", broker, batches: batches.length, records: batches.reduce((n, b) => n + b.recordCount, 0), retry: batches.some((b) => b.attempts > 1) });
    if (acks === 0) for (const b of batches) this.complete(b, -1);
  }

  private partitionInFlight(p: number): boolean {
    for (const r of this.host.inFlight.all()) if (r.info.type === "produce" && r.info.batches.some((b) => b.partition === p)) return true;
    return false;
  }

  /** The batch as this send carries it: the sealed records under this attempt's producer fields. */
  private toWire(b: ProducerBatch): RecordBatch {
    const records = b.records!;
    const header = {
      baseOffset: 0,
      lastOffsetDelta: b.recordCount - 1,
      partitionLeaderEpoch: -1,
      producerId: b.producerId,
      producerEpoch: b.producerEpoch,
      baseSequence: b.baseSequence,
      maxTimestampMs: records.maxTimestampMs,
      sizeBytes: b.sizeBytes,
      deleteHorizonMs: undefined,
    };
    return new RecordBatch(header, records);
  }

  onProduceResponse(batches: ProducerBatch[], resp: ProduceResponse): void {
    for (const batch of batches) {
      const pr = resp.partitions.find((x) => x.partition === batch.partition && x.topic === batch.topic);
      this.handleBatchResult(batch, pr ?? null);
    }
    this.runOnce();
  }

  private handleBatchResult(batch: ProducerBatch, pr: ProducePartitionResponse | null): void {
    batch.inFlight = false;
    const error: ErrorCode = pr?.error ?? Errors.NETWORK_EXCEPTION;
    if (error === Errors.NONE) return this.complete(batch, pr!.baseOffset);
    if (error === Errors.DUPLICATE_SEQUENCE_NUMBER) return this.complete(batch, -1);
    if (this.host.settings.enableIdempotence && this.host.sequences.resolveSequenceError(batch, error, () => this.bumpEpoch())) {
      this.host.observer.errorResponse(error, batch.recordCount);
      this.host.env.emit({ kind: "ProduceError", partition: batch.partition, error, attempt: batch.attempts, retry: true, records: batch.recordCount, baseSequence: batch.baseSequence });
      return this.retryLater(batch);
    }
    this.retryOrFail(batch, error);
  }

  /** Sender.canRetry: retriable, retries left, and delivery.timeout.ms not yet spent. */
  private retryOrFail(batch: ProducerBatch, error: ErrorCode): void {
    const now = this.host.env.now();
    const withinDelivery = now - batch.createdUs < this.host.settings.deliveryTimeoutMs * 1000;
    const canRetry = isRetriable(error) && batch.attempts <= this.host.settings.retries && withinDelivery;
    this.host.observer.errorResponse(error, batch.recordCount);
    this.host.env.emit({ kind: "ProduceError", partition: batch.partition, error, attempt: batch.attempts, retry: canRetry, records: batch.recordCount, baseSequence: batch.baseSequence });
    if (invalidatesMetadata(error)) this.host.requestMetadata();
    if (!canRetry) return this.fail(batch, withinDelivery ? error : Errors.DELIVERY_TIMEOUT);
    this.retryLater(batch);
  }

  private retryLater(batch: ProducerBatch): void {
    const now = this.host.env.now();
    const backoffMs = Math.min(this.host.settings.retryBackoffMs * 2 ** (batch.attempts - 1), this.host.settings.retryBackoffMaxMs);
    const jitter = 0.8 + 0.4 * this.host.env.rng.next(); // ExponentialBackoff's 20% jitter
    batch.retryAtUs = now + Math.round(backoffMs * jitter * 1000);
    this.host.accumulator()!.reenqueue(batch);
    this.wake(batch.retryAtUs);
  }

  private complete(batch: ProducerBatch, baseOffset: number): void {
    const now = this.host.env.now();
    this.host.sequences.acknowledged(batch);
    this.host.observer.acknowledged(batch.records!, baseOffset < 0 ? -1 : baseOffset, now);
    this.host.env.emit({ kind: "ProduceAcked", partition: batch.partition, baseOffset, records: batch.recordCount, latencyMs: Math.round((now - batch.createdUs) / 100) / 10 });
    this.host.accumulator()!.release(batch);
    this.host.unblock();
  }

  private fail(batch: ProducerBatch, error: ErrorCode): void {
    const now = this.host.env.now();
    this.host.observer.failed(batch.records!, error, now);
    this.host.env.emit({ kind: "ProduceFailed", partition: batch.partition, error, records: batch.recordCount });
    this.host.accumulator()!.release(batch);
    if (this.host.settings.enableIdempotence && this.host.sequences.leavesGap(batch)) this.bumpEpoch();
    this.host.unblock();
  }

  /**
   * A sequenced batch failed for good, leaving a gap the broker would reject forever:
   * bump the epoch and restart every partition's sequence at 0 (KIP-360's idempotent epoch
   * bump, done locally here). Unsent batches get new sequences when drained.
   */
  private bumpEpoch(): void {
    this.host.sequences.bumpEpoch(this.host.accumulator()!.queued());
    this.host.env.emit({ kind: "ProducerEpochBumped", producerId: this.host.sequences.producerId, producerEpoch: this.host.sequences.producerEpoch });
  }
}
