// The producer's Sender (clients/.../producer/internals/Sender.java): drains ready batches
// into one Produce request per leader, keeps at most max.in.flight.requests.per.connection
// requests per broker, completes or fails batches from the responses, retries retriable
// errors with exponential backoff until delivery.timeout.ms — which also fails batches still
// in flight (getExpiredInflightBatches) — and bumps the idempotent epoch when a failed batch
// leaves a sequence gap. The KafkaProducer around it (producer.ts) owns
// metadata, the producer id and the application's send().

import { brokerNode } from "../cluster-names.ts";
import type { ClientConnections } from "../client/client-connections.ts";
import { ExponentialBackoff } from "../client/exponential-backoff.ts";
import type { InFlightRequests } from "../client/in-flight.ts";
import type { ProducerSettings } from "../config/index.ts";
import type { Env, NodeId, TimerHandle } from "../env.ts";
import { Errors, invalidatesMetadata, isRetriable, type ErrorCode } from "../protocol/errors.ts";
import type { KafkaMessage, ProducePartitionResponse, ProduceResponse } from "../protocol/messages.ts";
import { NO_LEADER } from "../protocol/metadata-records.ts";
import { RecordBatch } from "../protocol/records.ts";
import type { IdempotenceState } from "./idempotence.ts";
import { InFlightBatches } from "./in-flight-batches.ts";
import type { ProducerBatch } from "./producer-batch.ts";
import type { RecordAccumulator } from "./record-accumulator.ts";
import type { ProduceObserver } from "./workload.ts";
import { SENDER_WAKEUP, type ProducerTimer } from "./producer-timers.ts";
import { isFatalTransactionError, type TransactionManager, type TransactionRequest } from "./transaction-manager.ts";

/** What a producer waits for: a Produce, a Metadata, an InitProducerId or an ApiVersions response. */
export type ProducerRequest =
  | { readonly type: "produce"; readonly batches: ProducerBatch[] }
  | { readonly type: "metadata" }
  | { readonly type: "init-pid" }
  | { readonly type: "api-versions" }
  | { readonly type: "txn"; readonly request: TransactionRequest };

export interface SenderHost {
  readonly env: Env<KafkaMessage, ProducerTimer>;
  readonly settings: ProducerSettings;
  readonly observer: ProduceObserver;
  readonly inFlight: InFlightRequests<ProducerRequest>;
  readonly sequences: IdempotenceState;
  /** The transactional producer's TransactionManager; null for other producers. */
  readonly transaction: TransactionManager | null;
  /** null until the first metadata response sized it. */
  accumulator(): RecordAccumulator | null;
  /** The partition's leader as last seen in metadata, or NO_LEADER. */
  leaderOf(partition: number): number;
  lastMetadataUs(): number;
  readonly connections: ClientConnections;
  requestMetadata(): void;
  initProducerId(): void;
  /** buffer.memory was released: a blocked send() may go on. */
  unblock(): void;
}

export class Sender {
  private senderWakeUs = Infinity;
  private senderTimer: TimerHandle | null = null;
  /**
   * Sender.inFlightBatches: per partition, batches sent and not yet done, in the order they were
   * sent. A batch failed on delivery.timeout.ms leaves this list while its request is still out.
   */
  private readonly inFlightBatches = new InFlightBatches();

  private readonly retryBackoff: ExponentialBackoff;

  constructor(private readonly host: SenderHost) {
    this.retryBackoff = new ExponentialBackoff(host.settings.retryBackoffMs, host.settings.retryBackoffMaxMs, host.env.rng);
  }

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
      if (b.done) continue; // expired in flight: the application has its answer
      this.leaveInFlight(b);
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
    this.expire(acc, now, deliveryTimeoutUs);
    if (this.host.settings.enableIdempotence) {
      this.host.sequences.maybeResolveSequences((p) => this.hasPending(p));
      if (this.host.sequences.epochBumpRequired) this.bumpEpoch();
    }
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
    // Sender.sendProducerData: a leader whose connection broke is not ready (NetworkClient.ready
    // starts reconnecting); the sender polls again when the backoff ends (pollDelayMs) or when
    // the connection is established.
    let notReadyUntil = Infinity;
    for (const [broker, partitions] of byBroker) {
      const node = brokerNode(broker);
      if (this.host.connections.ready(node)) this.sendTo(broker, partitions);
      else notReadyUntil = Math.min(notReadyUntil, now + this.host.connections.pollDelayUs(node));
    }
    const next = Math.min(acc.nextWakeUs(now, deliveryTimeoutUs, (p) => this.cannotSend(p)), this.nextInFlightExpiryUs(deliveryTimeoutUs), notReadyUntil);
    if (next !== this.senderWakeUs) {
      if (this.senderTimer !== null) this.host.env.cancelTimer(this.senderTimer);
      this.senderTimer = null;
      this.senderWakeUs = Infinity;
      if (next < Infinity) this.wake(next);
    }
  }

  /**
   * Sender.sendProducerData's expiry: batches past delivery.timeout.ms fail, queued ones
   * (RecordAccumulator.expiredBatches) and in-flight ones (getExpiredInflightBatches) alike.
   * Their sequences are not handed back (failBatch with adjustSequenceNumbers false); one that
   * had been sent and retried leaves its partition unresolved until nothing of it is in flight
   * (TransactionManager.markSequenceUnresolved, maybeResolveSequences).
   */
  private expire(acc: RecordAccumulator, now: number, deliveryTimeoutUs: number): void {
    for (const batch of acc.expired(now, deliveryTimeoutUs)) this.expireBatch(batch, batch.attempts > 0);
    this.inFlightBatches.expired(now, deliveryTimeoutUs, (batch) => this.expireBatch(batch, batch.attempts > 1));
  }

  private expireBatch(batch: ProducerBatch, inRetry: boolean): void {
    this.fail(batch, Errors.DELIVERY_TIMEOUT, false);
    if (inRetry && this.host.settings.enableIdempotence && this.host.transaction === null) this.host.sequences.markSequenceUnresolved(batch);
  }

  /** Batches still queued or in flight (TransactionManager waits for none before EndTxn). */
  hasPendingBatches(): boolean {
    return this.inFlightBatches.size > 0 || (this.host.accumulator()?.hasUndrained() ?? false);
  }

  /**
   * abortUndrainedBatches: every queued batch fails with `error` (TransactionAbortedException
   * or the fatal error), without a sequence adjustment; batches in flight finish as they will.
   */
  abortUndrainedBatches(error: ErrorCode): number {
    const acc = this.host.accumulator();
    if (acc === null) return 0;
    let sequenced = 0;
    for (const batch of acc.takeUndrained()) {
      if (batch.baseSequence >= 0) sequenced++;
      this.reportFailed(batch, error);
    }
    this.host.unblock();
    return sequenced;
  }

  /**
   * TransactionManager.hasInflightBatches: batches of `partition` that carry sequences and are not
   * done — in a request, or queued for a retry (those sit at the deque's front).
   */
  private hasPending(p: number): boolean {
    return this.inFlightBatches.has(p) || (this.host.accumulator()?.head(p)?.baseSequence ?? -1) >= 0;
  }

  /** The earliest delivery deadline of a batch in flight (Sender's poll timeout includes them). */
  private nextInFlightExpiryUs(deliveryTimeoutUs: number): number {
    return this.inFlightBatches.nextDeadlineUs(deliveryTimeoutUs);
  }

  /** No leader known, the leader's connection is at max.in.flight, or the head batch must wait. */
  private cannotSend(p: number): boolean {
    const leader = this.host.leaderOf(p);
    if (leader === NO_LEADER) return true;
    const node = brokerNode(leader);
    if (this.host.inFlight.countTo(node) >= this.host.settings.maxInFlightRequestsPerConnection || !this.host.connections.isReady(node)) return true;
    return this.mustWait(p);
  }

  /**
   * RecordAccumulator.shouldStopDrainBatchesForPartition. max.in.flight.requests.per.connection=1
   * guarantees order by muting a partition while a request carries it. An idempotent producer
   * sends a retried batch only when nothing else of its partition is in flight, so sequences
   * reach the broker in order and a retry is still among the five batches it remembers; and no
   * new batch while an expired batch's sequences are unresolved, or while batches of an epoch
   * the producer left are pending (a new epoch's sequence 0 must not overtake them).
   */
  private mustWait(p: number): boolean {
    const txn = this.host.transaction;
    if (txn !== null && !txn.isSendToPartitionAllowed(this.host.accumulator()!.topic, p)) return true;
    if (this.host.settings.maxInFlightRequestsPerConnection === 1 && this.requestCarries(p)) return true;
    if (!this.host.settings.enableIdempotence) return false;
    const head = this.host.accumulator()?.head(p);
    if (head === undefined) return false;
    if (head.baseSequence >= 0) return this.inFlightBatches.has(p);
    return this.host.sequences.hasUnresolvedSequence(p) || (this.host.sequences.isStale(p) && this.hasPending(p));
  }

  private sendTo(broker: number, partitions: number[]): void {
    const acc = this.host.accumulator()!;
    const node = brokerNode(broker);
    if (this.host.inFlight.countTo(node) >= this.host.settings.maxInFlightRequestsPerConnection) return;
    const acks = this.host.settings.acks;
    const batches: ProducerBatch[] = [];
    let bytes = 0;
    for (const p of partitions) {
      if (this.mustWait(p)) continue;
      const head = acc.head(p)!;
      if (batches.length > 0 && bytes + acc.wireBytesOf(head) > this.host.settings.maxRequestSizeBytes) break;
      const batch = acc.drain(p);
      if (this.host.settings.enableIdempotence) this.host.sequences.stamp(batch);
      batch.attempts++;
      batch.inFlight = true;
      if (acks !== 0) this.inFlightBatches.add(batch); // acks=0 completes on sending
      batches.push(batch);
      bytes += batch.wireBytes;
    }
    if (batches.length === 0) return;
    const correlationId = acks === 0 ? 0 : this.host.inFlight.add(node, { type: "produce", batches }, this.host.settings.requestTimeoutMs);
    this.host.env.send(node, {
      kind: "Produce",
      correlationId,
      acks,
      timeoutMs: this.host.settings.requestTimeoutMs,
      transactionalId: this.host.settings.transactionalId,
      partitions: batches.map((b) => ({ topic: b.topic, partition: b.partition, batch: this.toWire(b) })),
    });
    this.host.env.emit({ kind: "ProduceSent", broker, batches: batches.length, records: batches.reduce((n, b) => n + b.recordCount, 0), retry: batches.some((b) => b.attempts > 1) });
    if (acks === 0) for (const b of batches) this.complete(b, -1);
  }

  /** Whether a request still out carries a batch of partition `p` (done or not). */
  private requestCarries(p: number): boolean {
    for (const r of this.host.inFlight.all()) if (r.info.type === "produce" && r.info.batches.some((b) => b.partition === p)) return true;
    return false;
  }

  private leaveInFlight(batch: ProducerBatch): void {
    this.inFlightBatches.remove(batch);
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
      sizeBytes: b.wireBytes,
      deleteHorizonMs: undefined,
      compression: this.host.accumulator()!.compression,
      isTransactional: this.host.transaction !== null,
      control: null,
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
    if (batch.done) return this.lateResponse(batch, error);
    this.leaveInFlight(batch);
    if (error === Errors.NONE) return this.complete(batch, pr!.baseOffset);
    if (error === Errors.MESSAGE_TOO_LARGE && batch.recordCount > 1) return this.split(batch);
    if (error === Errors.DUPLICATE_SEQUENCE_NUMBER) return this.complete(batch, -1);
    // A transactional producer fenced by a newer incarnation or the coordinator's timeout abort is dead.
    if (this.host.transaction !== null && isFatalTransactionError(error)) {
      this.host.observer.errorResponse(error, batch.recordCount);
      return this.fail(batch, error, false);
    }
    if (this.host.settings.enableIdempotence && this.host.transaction === null && this.host.sequences.resolveSequenceError(batch, error)) {
      this.host.observer.errorResponse(error, batch.recordCount);
      this.host.env.emit({ kind: "ProduceError", partition: batch.partition, error, attempt: batch.attempts, retry: true, records: batch.recordCount, baseSequence: batch.baseSequence });
      return this.retryLater(batch);
    }
    this.retryOrFail(batch, error);
  }

  /**
   * Sender.completeBatch: MESSAGE_TOO_LARGE for a batch of several records splits it into
   * batch.size pieces sent afresh (RecordAccumulator.splitAndReenqueue); not a retry, so it
   * spends no retries — but the pieces keep the batch's creation time for delivery.timeout.ms.
   */
  private split(batch: ProducerBatch): void {
    this.host.observer.errorResponse(Errors.MESSAGE_TOO_LARGE, batch.recordCount);
    const parts = this.host.accumulator()!.splitAndReenqueue(batch);
    this.host.env.emit({ kind: "ProduceBatchSplit", partition: batch.partition, records: batch.recordCount, sizeBytes: batch.sizeBytes, batches: parts.length });
  }

  /** Sender.canRetry: retriable, retries left, and delivery.timeout.ms not yet spent. */
  private retryOrFail(batch: ProducerBatch, error: ErrorCode): void {
    const now = this.host.env.now();
    const withinDelivery = now - batch.createdUs < this.host.settings.deliveryTimeoutMs * 1000;
    const canRetry = isRetriable(error) && batch.attempts <= this.host.settings.retries && withinDelivery;
    this.host.observer.errorResponse(error, batch.recordCount);
    this.host.env.emit({ kind: "ProduceError", partition: batch.partition, error, attempt: batch.attempts, retry: canRetry, records: batch.recordCount, baseSequence: batch.baseSequence });
    if (invalidatesMetadata(error)) this.host.requestMetadata();
    // failBatch(batch, response, attempts < retries): sequences are handed back (an epoch bump)
    // only when retries were not exhausted, since then the broker surely lacks the batch.
    if (!canRetry) return this.fail(batch, withinDelivery ? error : Errors.DELIVERY_TIMEOUT, batch.attempts - 1 < this.host.settings.retries);
    this.retryLater(batch);
  }

  /**
   * ProducerBatch.done after a final state: the response to a batch expired in flight changes
   * nothing the application sees, but an acknowledgement still advances the last acknowledged
   * sequence (TransactionManager.handleCompletedBatch), which resolves the partition.
   */
  private lateResponse(batch: ProducerBatch, error: ErrorCode): void {
    if (error === Errors.NONE) this.host.sequences.acknowledged(batch);
    this.host.env.emit({ kind: "ProduceLateResponse", partition: batch.partition, error, records: batch.recordCount });
  }

  private retryLater(batch: ProducerBatch): void {
    const now = this.host.env.now();
    batch.retryAtUs = now + this.retryBackoff.backoffUs(batch.attempts - 1); // RecordAccumulator: backoff(attempts - 1)
    this.host.accumulator()!.reenqueue(batch);
    this.wake(batch.retryAtUs);
  }

  private complete(batch: ProducerBatch, baseOffset: number): void {
    const now = this.host.env.now();
    batch.done = true;
    this.host.sequences.acknowledged(batch);
    this.host.observer.acknowledged(batch.records!, baseOffset < 0 ? -1 : baseOffset, now);
    this.host.env.emit({ kind: "ProduceAcked", partition: batch.partition, baseOffset, records: batch.recordCount, latencyMs: Math.round((now - batch.createdUs) / 100) / 10 });
    this.host.accumulator()!.release(batch);
    this.host.unblock();
    this.host.transaction?.batchDone();
  }

  /** The application hears `error` for the batch, and its memory returns to the pool. */
  private reportFailed(batch: ProducerBatch, error: ErrorCode): void {
    batch.done = true;
    this.host.observer.failed(batch.records!, error, this.host.env.now());
    this.host.env.emit({ kind: "ProduceFailed", partition: batch.partition, error, records: batch.recordCount });
    this.host.accumulator()!.release(batch);
  }

  /** Sender.failBatch; `adjustSequences`: the batch's sequences are known not to be on the broker. */
  private fail(batch: ProducerBatch, error: ErrorCode, adjustSequences: boolean): void {
    this.reportFailed(batch, error);
    const txn = this.host.transaction;
    // A transactional producer resets its sequences by ending the transaction (transaction.version
    // 2 bumps the epoch) or re-initializing it, never by a local epoch bump.
    if (adjustSequences && this.host.settings.enableIdempotence && txn === null && batch.baseSequence >= 0) this.host.sequences.requestEpochBumpForPartition(batch.partition);
    this.host.unblock();
    if (txn !== null) {
      txn.batchFailed(error);
      txn.batchDone();
    }
  }

  /**
   * A failed batch left a gap the broker would refuse forever: the next epoch, and the partitions
   * with the gap renumber their pending batches from 0 (see IdempotenceState.bumpEpoch).
   */
  private bumpEpoch(): void {
    const acc = this.host.accumulator()!;
    this.host.sequences.bumpEpoch((p) => [...this.inFlightBatches.of(p), ...acc.sequencedQueued(p)]);
    this.host.env.emit({ kind: "ProducerEpochBumped", producerId: this.host.sequences.producerId, producerEpoch: this.host.sequences.producerEpoch });
  }
}
