// The transaction coordinator on one broker: Kafka's TransactionCoordinator with its
// TransactionStateManager (core/src/main/scala/kafka/coordinator/transaction/). A broker
// coordinates the transactional.ids whose __transaction_state partition it leads, with that
// partition's leader epoch as its coordinator epoch. Every state change is prepared, written to
// the partition with acks=all and applied only once committed, so a new leader replays the log
// and carries on: it re-sends the markers of transactions caught in PrepareCommit/PrepareAbort,
// and its timer aborts those left open past transaction.timeout.ms.

import { CoordinatorBatchWriter } from "../protocol/coordinator-batch.ts";
import type { Env, NodeId, TimerHandle } from "../env.ts";
import type { PartitionLog } from "../log/partition-log.ts";
import type { BrokerSettings } from "../config/index.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { CoordinatorRecord } from "../protocol/coordinator-records.ts";
import type { InitProducerIdRequest, KafkaMessage, TopicPartitionRef } from "../protocol/messages.ts";
import type { AddOffsetsToTxnRequest, AddPartitionsToTxnRequest, EndTxnRequest, WriteTxnMarkersResponse } from "../protocol/txn-messages.ts";
import { groupPartition, OFFSETS_TOPIC } from "../group/partition-for.ts";
import { NO_PRODUCER_EPOCH, NO_PRODUCER_ID, type RecordBatch } from "../protocol/records.ts";
import { isEpochExhausted, partitionKeyOf, TransactionMetadata, type TxnTransit } from "./transaction-metadata.ts";
import { transactionPartition } from "./transaction-state-partition.ts";
import { TransactionMarkerChannel, type PendingMarkers } from "./transaction-marker-channel.ts";

export interface TransactionCoordinatorTimer {
  readonly kind: "TransactionCoordinatorTimer";
  readonly timerId: number;
}

export interface TransactionCoordinatorHost {
  readonly env: Env<KafkaMessage, TransactionCoordinatorTimer>;
  readonly settings: BrokerSettings;
  /** The local log of __transaction_state-<partition>, if this broker has a replica. */
  stateLog(partition: number): PartitionLog | undefined;
  /** Appends as leader with acks=all; `done` gets the partition's error once settled. */
  append(partition: number, batch: RecordBatch, timeoutMs: number, done: (error: ErrorCode) => void): void;
  /** A partition's leader in this broker's metadata, NO_LEADER when none. */
  leaderOf(topic: string, partition: number): number;
  /** ProducerIdManager.generateProducerId. */
  generateProducerId(): number;
}

type InitCallback = (error: ErrorCode, producerId: number, producerEpoch: number) => void;

/** TransactionStateManager's view of one partition it leads. */
interface StatePartition {
  state: "loading" | "loaded";
  readonly coordinatorEpoch: number;
}

/** request.timeout.ms of the marker channel's inter-broker client (the broker default). */
const MARKER_REQUEST_TIMEOUT_MS = 30_000;
/** retry.backoff.ms of the marker channel's inter-broker client. */
const MARKER_RETRY_BACKOFF_MS = 100;

/** TransactionStateManager's mapping of a failed append to what the client is told. */
function appendError(error: ErrorCode): ErrorCode {
  switch (error) {
    case Errors.NONE:
      return Errors.NONE;
    case Errors.UNKNOWN_TOPIC_OR_PARTITION:
    case Errors.NOT_ENOUGH_REPLICAS:
    case Errors.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case Errors.REQUEST_TIMED_OUT:
      return Errors.COORDINATOR_NOT_AVAILABLE;
    case Errors.NOT_LEADER_OR_FOLLOWER:
    case Errors.KAFKA_STORAGE_ERROR:
      return Errors.NOT_COORDINATOR;
    default:
      return Errors.COORDINATOR_NOT_AVAILABLE;
  }
}

export class TransactionCoordinator {
  private readonly partitions = new Map<number, StatePartition>();
  private readonly transactions = new Map<string, TransactionMetadata>();
  private readonly pendingMarkers = new Set<PendingMarkers>();
  private readonly timers = new Map<number, () => void>();
  private nextTimerId = 1;
  private readonly writer = new CoordinatorBatchWriter();
  private readonly markers: TransactionMarkerChannel;
  private abortTimerArmed = false;

  constructor(private readonly host: TransactionCoordinatorHost) {
    this.markers = new TransactionMarkerChannel({
      env: host.env as Env<KafkaMessage, never>,
      leaderOf: (t, p) => host.leaderOf(t, p),
      schedule: (delayUs, fn) => this.schedule(delayUs, fn),
      cancel: (t) => host.env.cancelTimer(t),
      requestTimeoutMs: MARKER_REQUEST_TIMEOUT_MS,
      retryBackoffMs: MARKER_RETRY_BACKOFF_MS,
    });
  }

  private get numPartitions(): number {
    return this.host.settings.transactionStateLogNumPartitions;
  }

  private nowMs(): number {
    return Math.floor(this.host.env.now() / 1000);
  }

  // ---- timers ------------------------------------------------------------------------------

  private schedule(delayUs: number, fn: () => void): TimerHandle {
    const id = this.nextTimerId++;
    this.timers.set(id, fn);
    return this.host.env.setTimer(delayUs, { kind: "TransactionCoordinatorTimer", timerId: id });
  }

  onTimer(timer: TransactionCoordinatorTimer): void {
    const fn = this.timers.get(timer.timerId);
    this.timers.delete(timer.timerId);
    fn?.();
  }

  /** TransactionCoordinator.startup's transaction-abort task, armed once this broker coordinates something. */
  private armAbortTimer(): void {
    if (this.abortTimerArmed) return;
    this.abortTimerArmed = true;
    this.schedule(this.host.settings.transactionAbortTimedOutTransactionCleanupIntervalMs * 1000, () => {
      this.abortTimerArmed = false;
      this.abortTimedOutTransactions();
      if (this.partitions.size > 0) this.armAbortTimer();
    });
  }

  // ---- partition leadership ----------------------------------------------------------------

  /** onElection: this broker leads __transaction_state-<partition> at `coordinatorEpoch`; load it. */
  onElected(partition: number, coordinatorEpoch: number): void {
    this.onResigned(partition);
    const log = this.host.stateLog(partition);
    if (log === undefined) return;
    const load: StatePartition = { state: "loading", coordinatorEpoch };
    this.partitions.set(partition, load);
    const batches = log.allBatches();
    const readUs = log.read(log.logStartOffset, log.sizeBytes, log.logEndOffset).delayUs;
    this.armAbortTimer();
    this.schedule(Math.max(1000, readUs), () => {
      if (this.partitions.get(partition) !== load) return;
      const loaded = new Map<string, TxnTransit | null>();
      for (const b of batches) {
        // loadTransactionMetadata reads to the log end (FetchIsolation.LOG_END): the new leader's log is the one that stays.
        if (b.coordinator === null) continue;
        for (const r of b.coordinator) if (r.type === "TransactionLog") loaded.set(r.transactionalId, r.value);
      }
      for (const [id, value] of loaded) {
        if (value === null) continue;
        const m = TransactionMetadata.fromTransit(id, value);
        this.transactions.set(id, m);
        // TransactionStateManager.loadTransactionsForTxnTopicPartition: what was between prepare and complete is finished now.
        if (m.state === "PrepareCommit" || m.state === "PrepareAbort") this.sendMarkers(partition, coordinatorEpoch, m, m.state === "PrepareCommit");
      }
      load.state = "loaded";
      this.host.env.emit({ kind: "TransactionCoordinatorLoaded", partition, coordinatorEpoch, transactions: loaded.size });
    });
  }

  /** onResignation: drop the partition's transactions and stop writing their markers. */
  onResigned(partition: number): void {
    if (!this.partitions.delete(partition)) return;
    for (const id of [...this.transactions.keys()]) if (transactionPartition(id, this.numPartitions) === partition) this.transactions.delete(id);
    this.markers.removeMarkersFor(partition, this.pendingMarkers);
    for (const p of this.pendingMarkers) if (p.statePartition === partition) this.pendingMarkers.delete(p);
    this.host.env.emit({ kind: "TransactionCoordinatorUnloaded", partition });
  }

  /** NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS, or NONE with the partition this broker serves it from. */
  private serving(transactionalId: string): { error: ErrorCode; partition: number; coordinatorEpoch: number } {
    const partition = transactionPartition(transactionalId, this.numPartitions);
    const load = this.partitions.get(partition);
    if (load === undefined) return { error: Errors.NOT_COORDINATOR, partition, coordinatorEpoch: -1 };
    return { error: load.state === "loading" ? Errors.COORDINATOR_LOAD_IN_PROGRESS : Errors.NONE, partition, coordinatorEpoch: load.coordinatorEpoch };
  }

  // ---- requests ----------------------------------------------------------------------------

  handle(from: NodeId, msg: InitProducerIdRequest | AddPartitionsToTxnRequest | AddOffsetsToTxnRequest | EndTxnRequest): void {
    const env = this.host.env;
    switch (msg.kind) {
      case "InitProducerId":
        return this.handleInitProducerId(msg, (error, producerId, producerEpoch) => env.send(from, { kind: "InitProducerIdResponse", correlationId: msg.correlationId, error, producerId, producerEpoch }));
      case "AddPartitionsToTxn":
        return this.handleAddPartitions(msg, (error) =>
          env.send(from, { kind: "AddPartitionsToTxnResponse", correlationId: msg.correlationId, error: Errors.NONE, partitions: msg.partitions.map((p) => ({ topic: p.topic, partition: p.partition, error })) }),
        );
      case "AddOffsetsToTxn": {
        // KafkaApis.handleAddOffsetsToTxnRequest: the group's offsets partition joins the transaction like any partition.
        const offsets = { topic: OFFSETS_TOPIC, partition: groupPartition(msg.groupId, this.host.settings.offsetsTopicNumPartitions) };
        const req: AddPartitionsToTxnRequest = { kind: "AddPartitionsToTxn", correlationId: msg.correlationId, transactionalId: msg.transactionalId, producerId: msg.producerId, producerEpoch: msg.producerEpoch, verifyOnly: false, partitions: [offsets] };
        return this.handleAddPartitions(req, (error) => env.send(from, { kind: "AddOffsetsToTxnResponse", correlationId: msg.correlationId, error }));
      }
      case "EndTxn":
        return this.endTransaction(msg.transactionalId, msg.producerId, msg.producerEpoch, msg.committed, true, (error, producerId, producerEpoch) =>
          env.send(from, { kind: "EndTxnResponse", correlationId: msg.correlationId, error, producerId, producerEpoch }),
        );
    }
  }

  onWriteTxnMarkersResponse(msg: WriteTxnMarkersResponse): void {
    this.markers.onResponse(msg);
  }

  onDisconnect(peer: NodeId): void {
    this.markers.onDisconnect(peer);
  }

  /** handleInitProducerId for a transactional.id (an idempotent producer's is the broker's own). */
  private handleInitProducerId(req: InitProducerIdRequest, respond: InitCallback): void {
    const id = req.transactionalId!;
    const fail = (error: ErrorCode): void => respond(error, NO_PRODUCER_ID, NO_PRODUCER_EPOCH);
    if (id === "") return fail(Errors.INVALID_REQUEST);
    // validateTransactionTimeoutMs comes before the state manager is asked whether this broker coordinates the id.
    if (req.transactionTimeoutMs <= 0 || req.transactionTimeoutMs > this.host.settings.transactionMaxTimeoutMs) return fail(Errors.INVALID_TRANSACTION_TIMEOUT);
    const serving = this.serving(id);
    if (serving.error !== Errors.NONE) return fail(serving.error);
    let m = this.transactions.get(id);
    if (m === undefined) {
      m = new TransactionMetadata(id, this.host.generateProducerId(), req.transactionTimeoutMs, this.nowMs());
      this.transactions.set(id, m);
    }
    const expected = req.producerId >= 0 ? { producerId: req.producerId, epoch: req.producerEpoch } : null;
    // prepareInitProducerIdTransit.isValidProducerId
    const validProducerId = expected === null || m.producerEpoch === NO_PRODUCER_EPOCH || expected.producerId === m.producerId || (expected.producerId === m.previousProducerId && isEpochExhausted(expected.epoch));
    if (m.pendingTransitionInProgress) return fail(Errors.CONCURRENT_TRANSACTIONS);
    if (!validProducerId) return fail(Errors.PRODUCER_FENCED);
    switch (m.state) {
      case "PrepareAbort":
      case "PrepareCommit":
        return fail(Errors.CONCURRENT_TRANSACTIONS);
      case "Ongoing": {
        // Abort the open transaction under a fenced epoch, then let the client retry (CONCURRENT_TRANSACTIONS).
        const fence = m.prepareFenceProducerEpoch();
        return this.endTransaction(id, fence.producerId, fence.producerEpoch, false, false, (error) => fail(error === Errors.NONE ? Errors.CONCURRENT_TRANSACTIONS : error));
      }
      case "Empty":
      case "CompleteAbort":
      case "CompleteCommit": {
        let transit: TxnTransit | ErrorCode;
        if (m.isProducerEpochExhausted && (expected === null || expected.epoch === m.producerEpoch)) {
          transit = m.prepareProducerIdRotation(this.host.generateProducerId(), req.transactionTimeoutMs, this.nowMs(), expected !== null);
        } else transit = m.prepareIncrementProducerEpoch(req.transactionTimeoutMs, expected === null ? null : expected.epoch, this.nowMs());
        if (typeof transit === "string") return fail(transit);
        const t = transit;
        return this.appendTransactionToLog(serving.partition, serving.coordinatorEpoch, m, t, (error) => (error === Errors.NONE ? respond(Errors.NONE, t.producerId, t.producerEpoch) : fail(error)));
      }
      default:
        throw new Error(`transactional.id ${id} in state ${m.state}`);
    }
  }

  /** handleAddPartitionsToTransaction. */
  private handleAddPartitions(req: AddPartitionsToTxnRequest, respond: (error: ErrorCode) => void): void {
    const id = req.transactionalId;
    if (id === "") return respond(Errors.INVALID_REQUEST);
    const serving = this.serving(id);
    if (serving.error !== Errors.NONE) return respond(serving.error);
    const m = this.transactions.get(id);
    if (m === undefined || m.producerId !== req.producerId) return respond(Errors.INVALID_PRODUCER_ID_MAPPING);
    if (m.producerEpoch !== req.producerEpoch) return respond(Errors.PRODUCER_FENCED);
    if (m.pendingTransitionInProgress || m.state === "PrepareCommit" || m.state === "PrepareAbort") return respond(Errors.CONCURRENT_TRANSACTIONS);
    const keys = req.partitions.map((p) => partitionKeyOf(p.topic, p.partition));
    if (m.state === "Ongoing" && keys.every((k) => m.partitions.has(k))) return respond(Errors.NONE);
    const transit = m.prepareAddPartitions(keys, this.nowMs(), this.host.settings.transactionVersion);
    this.appendTransactionToLog(serving.partition, serving.coordinatorEpoch, m, transit, respond);
  }

  /**
   * endTransaction: Ongoing → PrepareCommit/PrepareAbort written, the client answered, then the
   * markers, then CompleteCommit/CompleteAbort. A retried EndTxn after the end is answered NONE.
   * With transaction.version 2 every end bumps the epoch, and a retry names the epoch before it.
   */
  private endTransaction(id: string, producerId: number, producerEpoch: number, commit: boolean, fromClient: boolean, respond: InitCallback): void {
    const fail = (error: ErrorCode): void => respond(error, NO_PRODUCER_ID, NO_PRODUCER_EPOCH);
    if (id === "") return fail(Errors.INVALID_REQUEST);
    const serving = this.serving(id);
    if (serving.error !== Errors.NONE) return fail(serving.error);
    const m = this.transactions.get(id);
    if (m === undefined) return fail(Errors.INVALID_PRODUCER_ID_MAPPING);
    const fencing = m.pendingState === "PrepareEpochFence";
    const v2 = !fencing && m.clientTransactionVersion >= 2;
    const retryOnEpochBump = v2 && m.producerEpoch === producerEpoch + 1;
    let validEpoch: boolean;
    if (v2) {
      switch (m.state) {
        case "PrepareCommit":
        case "PrepareAbort":
        case "CompleteCommit":
        case "CompleteAbort":
          validEpoch = retryOnEpochBump;
          break;
        default:
          validEpoch = producerEpoch === m.producerEpoch;
      }
    } else validEpoch = (!fromClient || producerEpoch === m.producerEpoch) && producerEpoch >= m.producerEpoch;
    if (m.producerId !== producerId) return fail(Errors.INVALID_PRODUCER_ID_MAPPING);
    if (!validEpoch) return fail(Errors.PRODUCER_FENCED);
    if (m.pendingTransitionInProgress && !fencing) return fail(Errors.CONCURRENT_TRANSACTIONS);
    const invalid = (): void => fail(Errors.INVALID_TXN_STATE);
    switch (m.state) {
      case "Ongoing":
        break;
      case "CompleteCommit":
        return commit ? respond(Errors.NONE, m.producerId, m.producerEpoch) : invalid();
      case "CompleteAbort":
        return !commit ? respond(Errors.NONE, m.producerId, m.producerEpoch) : invalid();
      case "PrepareCommit":
        return commit ? fail(Errors.CONCURRENT_TRANSACTIONS) : invalid();
      case "PrepareAbort":
        return !commit ? fail(Errors.CONCURRENT_TRANSACTIONS) : invalid();
      default:
        return invalid();
    }
    if (fencing) {
      if (commit) return invalid();
      // The fence's epoch goes into the abort itself (Kafka clears the pending fence and sets the epoch).
      m.pendingState = null;
      m.producerEpoch = producerEpoch;
      m.lastProducerEpoch = NO_PRODUCER_EPOCH;
    }
    const transit = m.prepareAbortOrCommit(commit ? "PrepareCommit" : "PrepareAbort", this.host.settings.transactionVersion, this.nowMs());
    this.appendTransactionToLog(serving.partition, serving.coordinatorEpoch, m, transit, (error) => {
      if (error !== Errors.NONE) {
        if (fencing) m.hasFailedEpochFence = true;
        return fail(error);
      }
      respond(Errors.NONE, m.producerId, m.producerEpoch);
      this.sendMarkers(serving.partition, serving.coordinatorEpoch, m, commit);
    });
  }

  /** TransactionMarkerChannelManager.addTxnMarkersToSend, then the completion write (maybeWriteTxnCompletion). */
  private sendMarkers(statePartition: number, coordinatorEpoch: number, m: TransactionMetadata, commit: boolean): void {
    // sendTxnMarkersCallback (and the load) prepare the Complete transit first: its pending state
    // answers CONCURRENT_TRANSACTIONS to every request for the id while the markers are written.
    const complete = m.prepareComplete(this.nowMs());
    const remaining = new Map<string, TopicPartitionRef>();
    for (const key of m.partitions) {
      const dash = key.lastIndexOf("-");
      remaining.set(key, { topic: key.slice(0, dash), partition: Number(key.slice(dash + 1)) });
    }
    const pending: PendingMarkers = {
      transactionalId: m.transactionalId,
      producerId: m.producerId,
      producerEpoch: m.producerEpoch,
      commit,
      coordinatorEpoch,
      statePartition,
      remaining,
      done: () => {
        this.pendingMarkers.delete(pending);
        this.writeCompletion(statePartition, coordinatorEpoch, m, complete);
      },
    };
    this.pendingMarkers.add(pending);
    this.markers.send(pending);
  }

  /**
   * TransactionMarkerChannelManager.tryAppendToLog: writes the prepared CompleteCommit/CompleteAbort,
   * retried (still pending) on COORDINATOR_NOT_AVAILABLE while this broker coordinates the
   * partition at this epoch; NOT_COORDINATOR gives it up to the new coordinator.
   */
  private writeCompletion(statePartition: number, coordinatorEpoch: number, m: TransactionMetadata, complete: TxnTransit): void {
    if (this.partitions.get(statePartition)?.coordinatorEpoch !== coordinatorEpoch || this.transactions.get(m.transactionalId) !== m) return;
    this.appendTransactionToLog(statePartition, coordinatorEpoch, m, complete, (error) => {
      if (error !== Errors.COORDINATOR_NOT_AVAILABLE) return;
      m.pendingState = complete.state;
      this.schedule(MARKER_RETRY_BACKOFF_MS * 1000, () => this.writeCompletion(statePartition, coordinatorEpoch, m, complete));
    });
  }

  /**
   * TransactionStateManager.appendTransactionToLog: the transit as a TransactionLog record,
   * acks=all; applied to the metadata only if this broker still coordinates the partition at
   * the same epoch when the write is committed.
   */
  private appendTransactionToLog(statePartition: number, coordinatorEpoch: number, m: TransactionMetadata, transit: TxnTransit, done: (error: ErrorCode) => void): void {
    const record: CoordinatorRecord = { type: "TransactionLog", transactionalId: m.transactionalId, value: transit };
    // appendRecords(timeout = newMetadata.txnTimeoutMs): the write waits for the ISR as long as the transaction may stay open.
    this.host.append(statePartition, this.writer.batch(m.transactionalId, [record], this.nowMs()), transit.txnTimeoutMs, (raw) => {
      let error = appendError(raw);
      if (error === Errors.NONE && (this.partitions.get(statePartition)?.coordinatorEpoch !== coordinatorEpoch || this.transactions.get(m.transactionalId) !== m)) error = Errors.NOT_COORDINATOR;
      if (error !== Errors.NONE) {
        if (this.transactions.get(m.transactionalId) === m) m.abortPendingTransition();
        return done(error);
      }
      m.completeTransitionTo(transit);
      this.host.env.emit({ kind: "TransactionStateChanged", transactionalId: m.transactionalId, state: m.state, producerId: m.producerId, producerEpoch: m.producerEpoch, partitions: m.partitions.size });
      done(Errors.NONE);
    });
  }

  /** abortTimedOutTransactions: open past transaction.timeout.ms → fence the epoch and abort. */
  private abortTimedOutTransactions(): void {
    const now = this.nowMs();
    for (const m of [...this.transactions.values()]) {
      const serving = this.serving(m.transactionalId);
      if (serving.error !== Errors.NONE) continue;
      if (m.state !== "Ongoing" || m.pendingTransitionInProgress || m.txnStartTimestampMs + m.txnTimeoutMs >= now) continue;
      const fence = m.prepareFenceProducerEpoch();
      this.host.env.emit({ kind: "TransactionTimedOut", transactionalId: m.transactionalId, producerId: fence.producerId, producerEpoch: fence.producerEpoch, openMs: now - m.txnStartTimestampMs });
      this.endTransaction(m.transactionalId, fence.producerId, fence.producerEpoch, false, false, () => {});
    }
  }

  // ---- views -------------------------------------------------------------------------------

  transaction(transactionalId: string): TransactionMetadata | undefined {
    return this.transactions.get(transactionalId);
  }
}
