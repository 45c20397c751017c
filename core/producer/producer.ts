// A KafkaProducer: the application (a RecordSource) calls send() when each record is due;
// send() partitions the record and appends it to the RecordAccumulator, blocking while
// metadata is unknown or buffer.memory is full, for at most max.block.ms. The producer keeps
// metadata (refreshed when a leader moves) and, when idempotent, its producer id; its Sender
// (sender.ts) turns batches into Produce requests. Without idempotence a retry after a lost
// response appends the batch twice, and with several requests in flight a retry can land
// behind a later batch.

import { brokerNode } from "../cluster-names.ts";
import { InFlightRequests } from "../client/in-flight.ts";
import { ClientConnections } from "../client/client-connections.ts";
import { ReconnectBackoff } from "../client/reconnect-backoff.ts";
import type { ProducerSettings } from "../config/index.ts";
import type { Env, NodeId, SimNode } from "../env.ts";
import { toPositive } from "../partitioner/index.ts";
import { StickyPartitioner, type TopicPartitionsView } from "../partitioner/sticky-partitioner.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { KafkaMessage, MetadataResponse } from "../protocol/messages.ts";
import { NO_LEADER } from "../protocol/metadata-records.ts";
import { CODECS, compressionCode, CompressionType, compressUs, type CompressionCode } from "../protocol/compression.ts";
import { BATCH_OVERHEAD_BYTES, recordSizeBytes, TOMBSTONE } from "../protocol/records.ts";
import { IdempotenceState } from "./idempotence.ts";
import { RecordAccumulator } from "./record-accumulator.ts";
import { Sender, type ProducerRequest } from "./sender.ts";
import { assertNever } from "../assert-never.ts";
import { INIT_PRODUCER_ID_RETRY, MAX_BLOCK, PRODUCER_METADATA_RETRY, RECORD_DUE, type ProducerTimer } from "./producer-timers.ts";
import type { AppRecord, ProduceObserver, RecordSource } from "./workload.ts";
import { TransactionManager, type TransactionState } from "./transaction-manager.ts";
import type { ConsumerGroupMetadata, OffsetToCommit } from "./txn-offset-commit-handler.ts";
import type { TransactionPlan } from "./transaction-plan.ts";
import type { Rng } from "../env.ts";


export class Producer implements SimNode<KafkaMessage, ProducerTimer> {
  private env!: Env<KafkaMessage, ProducerTimer>;
  private inFlight!: InFlightRequests<ProducerRequest>;
  private connections!: ClientConnections;
  private sender!: Sender;
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
  private bootstrapCursor = 0;
  private view: TopicPartitionsView | null = null;
  private readonly compression: CompressionCode;
  /**
   * The application thread compresses as it appends (MemoryRecordsBuilder writes through the
   * codec's stream inside send()): it is busy until here, and records due meanwhile wait.
   */
  private appBusyUntilUs = 0;
  /** The transactional producer's TransactionManager (transactional.id set), else null. */
  private transaction: TransactionManager | null = null;
  /** The application's open transaction: its id in the history, records sent, when it began; -1 when none. */
  private txnId = -1;
  private txnRecords = 0;
  private txnCount = 0;
  /** The open transaction will be aborted (the plan's seeded share). */
  private txnAborts = false;
  private txnRng: Rng | null = null;

  constructor(
    readonly id: string,
    readonly topic: string,
    private readonly settings: ProducerSettings,
    private readonly brokerIds: readonly number[],
    private readonly source: RecordSource,
    private readonly observer: ProduceObserver,
    /** How the application uses transactions; required with a transactional.id. */
    private readonly plan: TransactionPlan | null = null,
  ) {
    this.compression = compressionCode(settings.compressionType);
  }

  private get idempotent(): boolean {
    return this.settings.enableIdempotence;
  }

  onStart(env: Env<KafkaMessage, ProducerTimer>): void {
    this.env = env;
    const inFlight = new InFlightRequests<ProducerRequest>(env);
    this.inFlight = inFlight;
    const backoff = new ReconnectBackoff(env, env.rng.fork("reconnect"), this.settings.reconnectBackoffMs, this.settings.reconnectBackoffMaxMs);
    this.connections = new ClientConnections(backoff, (node) => {
      const correlationId = inFlight.add(node, { type: "api-versions" }, this.settings.requestTimeoutMs);
      env.send(node, { kind: "ApiVersions", correlationId });
    });
    const transactionalId = this.settings.transactionalId;
    if (transactionalId !== null) {
      this.txnRng = env.rng.fork("transactions");
      this.transaction = new TransactionManager({
        env,
        settings: this.settings,
        transactionalId,
        request: (to, type, build) => {
          this.connections.ready(to);
          env.send(to, build(inFlight.add(to, { type: "txn", request: type }, this.settings.requestTimeoutMs)));
        },
        anyBroker: () => this.nextBroker(),
        assignProducerId: (producerId, producerEpoch) => {
          this.sequences.assign(producerId, producerEpoch);
          env.emit({ kind: "ProducerIdAssigned", producerId, producerEpoch });
        },
        initialized: () => this.pullDueRecords(),
        producerId: () => this.sequences.producerId,
        producerEpoch: () => this.sequences.producerEpoch,
        hasPendingBatches: () => this.sender.hasPendingBatches(),
        flush: () => {
          this.accumulator?.closeAll();
          this.sender.runOnce();
        },
        abortUndrainedBatches: (error) => this.sender.abortUndrainedBatches(error),
        wakeSender: () => this.sender.runOnce(),
        transactionEnded: (outcome, error) => this.onTransactionEnded(outcome, error),
      });
    }
    this.sender = new Sender({
      env,
      settings: this.settings,
      observer: this.observer,
      inFlight,
      sequences: this.sequences,
      transaction: this.transaction,
      accumulator: () => this.accumulator,
      leaderOf: (p) => this.leaders[p] ?? NO_LEADER,
      lastMetadataUs: () => this.lastMetadataUs,
      connections: this.connections,
      requestMetadata: () => this.requestMetadata(),
      initProducerId: () => this.initProducerId(),
      unblock: () => this.unblock(),
    });
    this.sticky = new StickyPartitioner(this.topic, this.settings.batchSizeBytes, env.rng);
    this.bootstrapCursor = env.rng.int(this.brokerIds.length);
    this.requestMetadata();
    if (this.transaction !== null) this.transaction.initTransactions();
    else if (this.idempotent) this.initProducerId();
    this.armRecordTimer();
  }

  // ---- the application's transactions (transactions: in the scenario) ----------------------

  /** Whether the application may send the next record now, beginning a transaction if none is open. */
  private mayTakeRecord(): boolean {
    const txn = this.transaction;
    if (txn === null) return true;
    if (txn.isReady) {
      this.beginTransaction();
      return true;
    }
    return txn.inTransactionState;
  }

  private beginTransaction(): void {
    const now = this.env.now();
    this.transaction!.beginTransaction();
    this.txnId = this.observer.transactionBegan(this.id, now);
    this.txnRecords = 0;
    this.txnCount++;
    this.txnAborts = this.plan!.abort > 0 && this.txnRng!.next() < this.plan!.abort;
    this.env.emit({ kind: "ProducerTransaction", transactionalId: this.settings.transactionalId!, step: "begin", records: 0 });
    if (this.plan!.everyUs !== null) this.env.setTimer(this.plan!.everyUs, { kind: "TransactionEndTimer", transaction: this.txnCount });
  }

  /** commitTransaction() or abortTransaction(): the application waits until it returns. */
  private endTransaction(): void {
    const txn = this.transaction!;
    if (!txn.inTransactionState && txn.state !== "ABORTABLE_ERROR") return;
    const abort = this.txnAborts || txn.state === "ABORTABLE_ERROR";
    this.env.emit({ kind: "ProducerTransaction", transactionalId: this.settings.transactionalId!, step: abort ? "abort" : "commit", records: this.txnRecords });
    if (abort) txn.abortTransaction();
    else txn.commitTransaction();
  }

  private onTransactionEnded(outcome: "committed" | "aborted" | "fatal", error: ErrorCode): void {
    const now = this.env.now();
    // A fence aborts the open transaction (a newer incarnation's InitProducerId, or the coordinator's timeout).
    const fenced = error === Errors.PRODUCER_FENCED || error === Errors.INVALID_PRODUCER_EPOCH;
    if (this.txnId >= 0) this.observer.transactionEnded(this.txnId, outcome !== "fatal" ? outcome : fenced ? "fenced" : "failed", now);
    this.env.emit({ kind: "ProducerTransaction", transactionalId: this.settings.transactionalId!, step: outcome === "fatal" ? "fenced" : outcome, records: this.txnRecords, ...(error === Errors.NONE ? {} : { error }) });
    this.txnId = -1;
    if (outcome !== "fatal") this.pullDueRecords();
  }

  // ---- a pipeline's calls (transactions: byApplication) -------------------------------------

  /** New records are due now (a pipeline's outputs): send() them. */
  wakeApplication(): void {
    this.pullDueRecords();
  }

  /** The state of the TransactionManager (UNINITIALIZED without a transactional.id). */
  get transactionState(): TransactionState {
    return this.transaction?.state ?? "UNINITIALIZED";
  }

  /** Records handed to send() that are not yet acknowledged or failed (flush() waits for them). */
  hasPendingBatches(): boolean {
    return this.sender.hasPendingBatches();
  }

  /** flush(): every open batch is sent now, without lingering. */
  flush(): void {
    this.accumulator?.closeAll();
    this.sender.runOnce();
  }

  sendOffsetsToTransaction(offsets: readonly OffsetToCommit[], group: ConsumerGroupMetadata, done: (error: ErrorCode) => void): void {
    this.transaction!.sendOffsetsToTransaction(offsets, group, done);
  }

  /** commitTransaction() (abort: abortTransaction()); the end is reported to the ProduceObserver. */
  endTransactionNow(abort: boolean): void {
    this.txnAborts = abort;
    this.endTransaction();
  }

  // ---- the application side: send() ------------------------------------------------------

  private armRecordTimer(): void {
    if (this.recordTimerArmed || this.blocked !== null) return;
    const due = this.source.nextDueUs();
    if (due === null) return;
    this.recordTimerArmed = true;
    this.env.setTimer(Math.max(due, Math.ceil(this.appBusyUntilUs)) - this.env.now(), RECORD_DUE);
  }

  private pullDueRecords(): void {
    while (this.blocked === null) {
      const due = this.source.nextDueUs();
      if (due === null) {
        // The workload is done: the application commits what it has open.
        if (this.transaction?.inTransactionState === true && this.plan?.byApplication !== true) this.endTransaction();
        break;
      }
      const at = Math.max(due, Math.ceil(this.appBusyUntilUs)); // simulated time is whole µs
      // The next arrival is taken in this event when nothing else happens before it: the
      // same history as one timer per record, with far fewer events.
      if (at > this.env.now() && this.env.runAheadTo?.(at) !== true) break;
      if (!this.mayTakeRecord()) return; // the transaction is initializing or ending: the thread is blocked
      const record = this.source.take();
      if (this.compression !== CompressionType.NONE) {
        const bytes = recordBytes(record);
        this.appBusyUntilUs = Math.max(this.env.now(), this.appBusyUntilUs) + compressUs(this.compression, bytes);
      }
      this.send(record, due);
      if (this.transaction !== null && this.plan!.records !== null && this.txnRecords >= this.plan!.records) {
        this.endTransaction();
        return;
      }
    }
    this.armRecordTimer();
  }

  private send(record: AppRecord, dueUs: number): void {
    const acc = this.accumulator;
    if (acc !== null && this.tooLarge(record)) return this.refuse(record, dueUs, Errors.MESSAGE_TOO_LARGE);
    if (acc === null || !acc.hasRoomFor(64 + (record.valueBytes ?? 0))) {
      this.blocked = { record: { ...record }, sinceUs: dueUs }; // the source reuses its record object
      this.env.setTimer(Math.max(0, dueUs + this.settings.maxBlockMs * 1000 - this.env.now()), MAX_BLOCK);
      return;
    }
    const partition = this.choosePartition(record, acc);
    const now = this.env.now();
    if (this.transaction !== null) {
      this.transaction.maybeAddPartition(this.topic, partition);
      this.txnRecords++;
    }
    this.observer.sent(record.rid, this.id, this.topic, partition, record.key, dueUs);
    const bytes = acc.append(partition, record.rid, record.key, record.keyId, record.valueBytes, Math.floor(now / 1000), now);
    const full = acc.lastAppendFilledBatch;
    if (record.partition === null && (record.key === null || this.settings.partitionerIgnoreKeys)) {
      const view = this.partitionsView();
      this.sticky.updatePartitionInfo(this.sticky.peekCurrentPartitionInfo(view), bytes, view, full);
    }
    this.sender.wake(full ? now : now + this.settings.lingerMs * 1000);
  }

  /**
   * KafkaProducer.ensureValidRecordSize, after the metadata wait: a record whose batch upper bound
   * (AbstractRecords.estimateSizeInBytesUpperBound: a batch header and the record) exceeds
   * max.request.size or buffer.memory is refused by send() itself (RecordTooLargeException).
   */
  private tooLarge(record: AppRecord): boolean {
    const size = BATCH_OVERHEAD_BYTES + recordBytes(record);
    return size > this.settings.maxRequestSizeBytes || size > this.settings.bufferMemoryBytes;
  }

  /** send() threw for `record`: the application saw the failure at once, and no batch holds it. */
  private refuse(record: AppRecord, dueUs: number, error: ErrorCode | "TIMEOUT_MAX_BLOCK"): void {
    this.observer.sent(record.rid, this.id, this.topic, -1, record.key, dueUs);
    this.observer.refused(record.rid, this.id, this.topic, error, this.env.now());
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
    this.refuse(b.record, b.sinceUs, "TIMEOUT_MAX_BLOCK"); // send() threw TimeoutException
    this.env.emit({ kind: "SendBlockedTimeout", rid: b.record.rid, waitedMs: Math.round((this.env.now() - b.sinceUs) / 1000) });
    this.pullDueRecords();
  }

  // ---- metadata and producer id ----------------------------------------------------------

  /**
   * The next bootstrap broker in turn (leastLoadedNode): one whose connection is ready, else one
   * not in reconnect backoff (connecting to it on the way), else the next in turn.
   */
  private nextBroker(): NodeId {
    const n = this.brokerIds.length;
    const candidates = Array.from({ length: n }, (_, i) => brokerNode(this.brokerIds[(this.bootstrapCursor + i) % n]!));
    const ready = candidates.findIndex((c) => this.connections.isReady(c));
    const pick = ready >= 0 ? ready : Math.max(0, candidates.findIndex((c) => !this.connections.isUnavailable(c)));
    this.bootstrapCursor += pick + 1;
    const node = candidates[pick]!;
    this.connections.ready(node);
    return node;
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
      this.env.setTimer(this.settings.retryBackoffMs * 1000, PRODUCER_METADATA_RETRY);
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
      const ratio = this.settings.compressionRatio ?? CODECS[this.compression]!.ratio;
      this.accumulator = new RecordAccumulator(this.topic, leaders.length, this.settings.batchSizeBytes, this.settings.lingerMs * 1000, this.settings.bufferMemoryBytes, this.source.keyNames, (p, records) => this.observer.sealed(this.id, this.topic, p, records, this.txnId), this.compression, ratio);
    } else this.accumulator.ensurePartitions(leaders.length);
    if (leaders.includes(NO_LEADER)) this.env.setTimer(this.settings.retryBackoffMs * 1000, PRODUCER_METADATA_RETRY);
    this.unblock();
    this.sender.runOnce();
  }

  private initProducerId(): void {
    if (this.pidInFlight || this.transaction !== null) return; // a transactional producer's comes from initTransactions()
    this.pidInFlight = true;
    const to = this.nextBroker();
    const correlationId = this.inFlight.add(to, { type: "init-pid" }, this.settings.requestTimeoutMs);
    this.env.send(to, { kind: "InitProducerId", correlationId, transactionalId: null, transactionTimeoutMs: this.settings.transactionTimeoutMs, producerId: -1, producerEpoch: -1 });
  }

  // ---- events ----------------------------------------------------------------------------

  onMessage(from: NodeId, msg: KafkaMessage): void {
    this.connections.heardFrom(from);
    switch (msg.kind) {
      case "ApiVersionsResponse":
        if (this.inFlight.complete(msg.correlationId) === undefined) return;
        this.connections.established(from);
        this.sender.runOnce();
        return;
      case "ProduceResponse": {
        const r = this.inFlight.complete(msg.correlationId);
        if (r?.info.type === "produce") this.sender.onProduceResponse(r.info.batches, msg);
        return;
      }
      case "MetadataResponse":
        if (this.inFlight.complete(msg.correlationId) !== undefined) this.onMetadata(msg);
        return;
      case "InitProducerIdResponse": {
        const r = this.inFlight.complete(msg.correlationId);
        if (r === undefined) return;
        if (r.info.type === "txn") return this.transaction?.onInitProducerIdResponse(msg.error, msg.producerId, msg.producerEpoch);
        this.pidInFlight = false;
        if (msg.error !== Errors.NONE) {
          this.env.setTimer(this.settings.retryBackoffMs * 1000, INIT_PRODUCER_ID_RETRY);
          return;
        }
        this.sequences.assign(msg.producerId, msg.producerEpoch);
        this.env.emit({ kind: "ProducerIdAssigned", producerId: msg.producerId, producerEpoch: msg.producerEpoch });
        this.sender.runOnce();
        return;
      }
      case "FindCoordinatorResponse": {
        const r = this.inFlight.complete(msg.correlationId);
        if (r?.info.type !== "txn") return;
        if (r.info.request === "find-group-coordinator") return this.transaction?.onFindGroupCoordinatorResponse(msg.error, msg.nodeId, brokerNode);
        return this.transaction?.onFindCoordinatorResponse(msg.error, msg.nodeId, brokerNode);
      }
      case "AddOffsetsToTxnResponse":
        if (this.inFlight.complete(msg.correlationId) === undefined) return;
        return this.transaction?.onAddOffsetsResponse(msg.error);
      case "TxnOffsetCommitResponse":
        if (this.inFlight.complete(msg.correlationId) === undefined) return;
        return this.transaction?.onTxnOffsetCommitResponse(msg);
      case "AddPartitionsToTxnResponse":
        if (this.inFlight.complete(msg.correlationId) === undefined) return;
        return this.transaction?.onAddPartitionsResponse(msg);
      case "EndTxnResponse":
        if (this.inFlight.complete(msg.correlationId) === undefined) return;
        return this.transaction?.onEndTxnResponse(msg);
      default:
        return;
    }
  }

  onTimer(timer: ProducerTimer): void {
    switch (timer.kind) {
      case "RequestTimeout": {
        const failed = this.inFlight.timedOut(timer);
        if (failed === undefined) return;
        // NetworkClient closes the connection on a request timeout: everything in flight to it
        // fails, and the node backs off before a reconnect (processTimeoutDisconnection).
        this.connections.disconnected(failed.destination);
        this.onRequestFailed(failed.info, Errors.REQUEST_TIMED_OUT);
        for (const r of this.inFlight.disconnected(failed.destination)) this.onRequestFailed(r.info, Errors.NETWORK_EXCEPTION);
        this.sender.runOnce();
        return;
      }
      case "RecordDueTimer":
        this.recordTimerArmed = false;
        this.pullDueRecords();
        return;
      case "SenderWakeupTimer":
        this.sender.onWakeup();
        return;
      case "ProducerMetadataRetryTimer":
        if (this.metadataWanted || this.leaders.includes(NO_LEADER)) {
          this.metadataWanted = true;
          this.requestMetadata();
        }
        return;
      case "InitProducerIdRetryTimer":
        this.initProducerId();
        return;
      case "MaxBlockTimer":
        this.onBlockTimeout();
        return;
      case "TransactionRetryTimer":
        this.transaction?.onRetryTimer(timer.request);
        return;
      case "TransactionEndTimer":
        if (timer.transaction === this.txnCount && this.txnId >= 0) this.endTransaction();
        return;
      default:
        assertNever(timer);
    }
  }

  onDisconnect(peer: NodeId): void {
    // NetworkClient asks for fresh metadata whenever a connection to a broker drops, and
    // backs off before connecting to that broker again.
    this.connections.disconnected(peer);
    this.requestMetadata();
    for (const r of this.inFlight.disconnected(peer)) this.onRequestFailed(r.info, Errors.NETWORK_EXCEPTION);
    this.sender.runOnce();
  }

  private onRequestFailed(info: ProducerRequest, error: ErrorCode): void {
    switch (info.type) {
      case "produce":
        this.sender.requestFailed(info.batches, error);
        return;
      case "metadata":
        this.metadataInFlight = false;
        this.env.setTimer(this.settings.retryBackoffMs * 1000, PRODUCER_METADATA_RETRY);
        return;
      case "init-pid":
        this.pidInFlight = false;
        this.env.setTimer(this.settings.retryBackoffMs * 1000, INIT_PRODUCER_ID_RETRY);
        return;
      case "api-versions":
        return; // the connection's failure was handled as a disconnect
      case "txn":
        this.transaction?.requestFailed(info.request);
        return;
      default:
        assertNever(info);
    }
  }
}

/** A record's bytes in a batch, uncompressed (DefaultRecord.sizeInBytes). */
function recordBytes(record: AppRecord): number {
  return recordSizeBytes(record.key === null ? null : record.key.length, record.valueBytes ?? TOMBSTONE);
}
