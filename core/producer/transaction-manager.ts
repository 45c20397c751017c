// The transactional producer's TransactionManager (clients/.../producer/internals/
// TransactionManager.java) for one transactional.id: finds its transaction coordinator
// (FindCoordinator, key type TRANSACTION), initializes the producer id and epoch
// (InitProducerId, which fences any earlier incarnation), adds each partition to the open
// transaction before its first batch is sent (AddPartitionsToTxn), and ends the transaction
// (EndTxn) once every batch of it is acknowledged — or aborts it, dropping what was not sent.
// sendOffsetsToTransaction adds the group's offsets partition (AddOffsetsToTxn) and commits the
// consumer's offsets in the transaction (TxnOffsetCommit, txn-offset-commit-handler.ts).
// A fenced producer (PRODUCER_FENCED, INVALID_PRODUCER_EPOCH) is dead for good; any other failed
// batch makes the transaction abortable only.

import type { Env, NodeId } from "../env.ts";
import type { ProducerSettings } from "../config/index.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { KafkaMessage, TopicPartitionRef } from "../protocol/messages.ts";
import type { AddPartitionsToTxnResponse, EndTxnResponse, TxnOffsetCommitResponse } from "../protocol/txn-messages.ts";
import { transactionRetry, type ProducerTimer } from "./producer-timers.ts";
import { TxnOffsetCommitHandler, type ConsumerGroupMetadata, type OffsetToCommit } from "./txn-offset-commit-handler.ts";

/** TransactionManager.State. */
export type TransactionState = "UNINITIALIZED" | "INITIALIZING" | "READY" | "IN_TRANSACTION" | "COMMITTING_TRANSACTION" | "ABORTING_TRANSACTION" | "ABORTABLE_ERROR" | "FATAL_ERROR";

/** The transaction request a producer waits for (its in-flight record). */
export type TransactionRequest = "find-txn-coordinator" | "init-txn-pid" | "add-partitions" | "add-offsets" | "find-group-coordinator" | "txn-offset-commit" | "end-txn";

/** What the TransactionManager needs from the producer around it. */
export interface TransactionHost {
  readonly env: Env<KafkaMessage, ProducerTimer>;
  readonly settings: ProducerSettings;
  readonly transactionalId: string;
  /** Sends a request to `to` and tracks it; returns its correlation id. */
  request(to: NodeId, type: TransactionRequest, build: (correlationId: number) => KafkaMessage): void;
  /** Any broker to ask FindCoordinator. */
  anyBroker(): NodeId;
  /** The producer id and epoch are (re)assigned: sequences start again. */
  assignProducerId(producerId: number, producerEpoch: number): void;
  /** initTransactions() returned: the application may begin its first transaction. */
  initialized(): void;
  producerId(): number;
  producerEpoch(): number;
  /** Batches of the transaction still queued or in flight. */
  hasPendingBatches(): boolean;
  /** beginFlush: every open batch is closed and sent without lingering. */
  flush(): void;
  /** abortUndrainedBatches: queued batches fail with `error`; returns how many had been sent before (they carry sequences). */
  abortUndrainedBatches(error: ErrorCode): number;
  /** The Sender should look again (a partition may now be sent, or EndTxn may go). */
  wakeSender(): void;
  /** The transaction ended (or the producer died): the application may go on, or stops. */
  transactionEnded(outcome: "committed" | "aborted" | "fatal", error: ErrorCode): void;
}

/** TransactionManager's short retry after CONCURRENT_TRANSACTIONS on AddPartitionsToTxn (ADD_PARTITIONS_RETRY_BACKOFF_MS). */
const ADD_PARTITIONS_RETRY_BACKOFF_MS = 20;

const FATAL = new Set<ErrorCode>([Errors.PRODUCER_FENCED, Errors.INVALID_PRODUCER_EPOCH, Errors.INVALID_PRODUCER_ID_MAPPING, Errors.INVALID_TXN_STATE, Errors.INVALID_TRANSACTION_TIMEOUT, Errors.TRANSACTION_COORDINATOR_FENCED]);

export function isFatalTransactionError(error: ErrorCode): boolean {
  return FATAL.has(error);
}

export class TransactionManager {
  state: TransactionState = "UNINITIALIZED";
  private coordinator: NodeId | null = null;
  /** Partitions the coordinator has in the open transaction, and those asked for. */
  private readonly inTransaction = new Set<string>();
  private readonly pendingPartitions = new Map<string, TopicPartitionRef>();
  private addInFlight = false;
  /** transactionStarted: the coordinator added a partition, so the transaction exists there and needs an EndTxn. */
  private transactionStarted = false;
  /** An end with nothing to tell the coordinator is due on the next event (localEnd). */
  private localEndArmed = false;
  private findInFlight = false;
  private endInFlight = false;
  /** What the open transaction will end with once its batches are done. */
  private ending: "commit" | "abort" | null = null;
  /** The first error that made the open transaction abortable. */
  private abortableError: ErrorCode = Errors.NONE;
  /**
   * TransactionManager.epochBumpRequired (KIP-360): a batch that carried sequences failed or was
   * dropped, so the broker may have a gap; without transaction.version 2's bump at every end,
   * the producer re-initializes (InitProducerId with its current id and epoch) after the abort.
   */
  private epochBumpRequired = false;
  /** Requests waiting for a coordinator (sent once FindCoordinator answers). */
  private readonly waiting = new Set<TransactionRequest>();

  /** sendOffsetsToTransaction's offsets and their result, between AddOffsetsToTxn and the TxnOffsetCommit's end. */
  private offsets: { readonly offsets: readonly OffsetToCommit[]; readonly group: ConsumerGroupMetadata; readonly done: (error: ErrorCode) => void } | null = null;
  private addOffsetsInFlight = false;
  private readonly offsetCommits: TxnOffsetCommitHandler;

  constructor(private readonly host: TransactionHost) {
    this.offsetCommits = new TxnOffsetCommitHandler({
      transactionalId: host.transactionalId,
      retryBackoffMs: host.settings.retryBackoffMs,
      request: (to, type, build) => host.request(to, type, build),
      anyBroker: () => host.anyBroker(),
      producerId: () => host.producerId(),
      producerEpoch: () => host.producerEpoch(),
      retryLater: (type, backoffMs) => this.retryLater(type, backoffMs),
      committed: () => this.offsetsDone(Errors.NONE),
      abortable: (error) => this.offsetsFailed(error),
      fatal: (error) => this.fatal(error),
    });
  }

  get isReady(): boolean {
    return this.state === "READY";
  }

  get inTransactionState(): boolean {
    return this.state === "IN_TRANSACTION";
  }

  get isFatal(): boolean {
    return this.state === "FATAL_ERROR";
  }

  // ---- the application's calls -------------------------------------------------------------

  /** initTransactions(). */
  initTransactions(): void {
    this.state = "INITIALIZING";
    this.send("init-txn-pid");
  }

  /** beginTransaction(): local only. */
  beginTransaction(): void {
    if (this.state !== "READY") throw new Error(`beginTransaction in ${this.state}`);
    this.state = "IN_TRANSACTION";
    this.inTransaction.clear();
    this.pendingPartitions.clear();
    this.abortableError = Errors.NONE;
  }

  /** send() to a partition of the open transaction: it joins the transaction (maybeAddPartition). */
  maybeAddPartition(topic: string, partition: number): void {
    const key = `${topic}-${partition}`;
    if (this.inTransaction.has(key) || this.pendingPartitions.has(key)) return;
    this.pendingPartitions.set(key, { topic, partition });
    this.send("add-partitions");
  }

  /** isSendToPartitionAllowed: the Sender may drain the partition's batches only once it is in the transaction. */
  isSendToPartitionAllowed(topic: string, partition: number): boolean {
    if (this.state === "FATAL_ERROR") return false;
    return this.inTransaction.has(`${topic}-${partition}`);
  }

  /**
   * sendOffsetsToTransaction(offsets, groupMetadata): AddOffsetsToTxn, then TxnOffsetCommit to
   * the group's coordinator; `done` gets NONE once the offsets are in the transaction, or the
   * error that made it abortable (or fatal). Kafka 4's transaction.version 2 client skips
   * AddOffsetsToTxn (the coordinator adds the partition itself); kafkasim's producer adds its
   * partitions explicitly at either version, so it sends it.
   */
  sendOffsetsToTransaction(offsets: readonly OffsetToCommit[], group: ConsumerGroupMetadata, done: (error: ErrorCode) => void): void {
    if (this.state === "ABORTABLE_ERROR") return done(this.abortableError);
    if (this.state !== "IN_TRANSACTION") throw new Error(`sendOffsetsToTransaction in ${this.state}`);
    this.offsets = { offsets, group, done };
    this.send("add-offsets");
  }

  private offsetsDone(error: ErrorCode): void {
    const pending = this.offsets;
    this.offsets = null;
    pending?.done(error);
    this.maybeEnd();
  }

  /** abortableError: the transaction can only abort now; the application hears why. */
  private offsetsFailed(error: ErrorCode): void {
    if (this.abortableError === Errors.NONE) this.abortableError = error;
    if (this.state === "IN_TRANSACTION") this.state = "ABORTABLE_ERROR";
    this.offsetsDone(error);
  }

  /** AddOffsetsToTxnHandler.handleResponse. */
  onAddOffsetsResponse(error: ErrorCode): void {
    this.addOffsetsInFlight = false;
    const pending = this.offsets;
    if (pending === null) return;
    switch (error) {
      case Errors.NONE:
        this.transactionStarted = true;
        return this.offsetCommits.start(pending.offsets, pending.group);
      case Errors.NOT_COORDINATOR:
      case Errors.COORDINATOR_NOT_AVAILABLE:
        return this.lookupCoordinator("add-offsets");
      case Errors.CONCURRENT_TRANSACTIONS:
      case Errors.COORDINATOR_LOAD_IN_PROGRESS:
        return this.retryLater("add-offsets");
      case Errors.UNKNOWN_PRODUCER_ID:
      case Errors.INVALID_PRODUCER_ID_MAPPING:
      case Errors.TRANSACTION_ABORTABLE:
        return this.offsetsFailed(error);
      case Errors.INVALID_PRODUCER_EPOCH:
      case Errors.PRODUCER_FENCED:
        return this.fatal(Errors.PRODUCER_FENCED);
      default:
        return this.fatal(error);
    }
  }

  onTxnOffsetCommitResponse(msg: TxnOffsetCommitResponse): void {
    this.offsetCommits.onResponse(msg);
  }

  onFindGroupCoordinatorResponse(error: ErrorCode, nodeId: number, brokerNode: (id: number) => NodeId): void {
    this.offsetCommits.onFindCoordinatorResponse(error, nodeId, brokerNode);
  }

  /** commitTransaction(): flush, then EndTxn(commit) once every batch is acknowledged. */
  commitTransaction(): void {
    if (this.state === "ABORTABLE_ERROR") return this.abortTransaction();
    this.state = "COMMITTING_TRANSACTION";
    this.ending = "commit";
    this.host.flush();
    this.maybeEnd();
  }

  /** abortTransaction(): unsent batches fail, EndTxn(abort) once the in-flight ones are done. */
  abortTransaction(): void {
    this.state = "ABORTING_TRANSACTION";
    this.ending = "abort";
    this.pendingPartitions.clear();
    if (this.host.abortUndrainedBatches(Errors.TRANSACTION_ABORTED) > 0) this.epochBumpRequired = true;
    this.maybeEnd();
  }

  // ---- from the Sender ---------------------------------------------------------------------

  /** A batch of the open transaction failed for good: the transaction can only abort. */
  batchFailed(error: ErrorCode): void {
    if (isFatalTransactionError(error)) return this.fatal(error);
    // The broker may now have a sequence gap (TransactionManager.handleFailedBatch's epoch bump).
    if (error === Errors.OUT_OF_ORDER_SEQUENCE_NUMBER || error === Errors.UNKNOWN_PRODUCER_ID || error === Errors.DELIVERY_TIMEOUT) this.epochBumpRequired = true;
    if (this.state === "IN_TRANSACTION" || this.state === "COMMITTING_TRANSACTION") {
      if (this.abortableError === Errors.NONE) this.abortableError = error;
      if (this.state === "COMMITTING_TRANSACTION") {
        // The commit cannot succeed; the application catches the error and aborts.
        this.abortTransaction();
        return;
      }
      this.state = "ABORTABLE_ERROR";
    }
  }

  /** A batch finished: maybe the transaction can end now. */
  batchDone(): void {
    this.maybeEnd();
  }

  /**
   * EndTxn once every batch is done and no AddPartitionsToTxn is in flight (Kafka sends one
   * transactional request at a time). A transaction the coordinator never saw a partition of
   * ends without one, on the next event as Kafka's Sender would (TransactionManager.nextRequest:
   * "Not sending EndTxn for completed transaction since no partitions or offsets were
   * successfully added").
   */
  private maybeEnd(): void {
    if (this.ending === null || this.endInFlight || this.addInFlight || this.offsets !== null || this.host.hasPendingBatches()) return;
    if (this.transactionStarted) return this.send("end-txn");
    if (this.localEndArmed) return;
    this.localEndArmed = true;
    this.host.env.setTimer(0, transactionRetry("end-txn"));
  }

  private localEnd(): void {
    this.localEndArmed = false;
    if (this.ending === null || this.endInFlight || this.addInFlight || this.host.hasPendingBatches() || this.transactionStarted) return this.maybeEnd();
    this.completeTransaction();
  }

  /**
   * completeTransaction: the transaction is over; the application may begin the next — after a
   * re-initialization when its sequences need a new epoch that the end did not bring (`bumped`).
   */
  private completeTransaction(bumped = false): void {
    const outcome = this.ending === "commit" ? "committed" : "aborted";
    const error = this.abortableError;
    this.ending = null;
    this.inTransaction.clear();
    this.transactionStarted = false;
    const reinitialize = this.epochBumpRequired && !bumped;
    this.epochBumpRequired = false;
    this.state = reinitialize ? "INITIALIZING" : "READY";
    this.host.transactionEnded(outcome, error);
    if (reinitialize) this.send("init-txn-pid");
  }

  // ---- requests ----------------------------------------------------------------------------

  private send(type: TransactionRequest): void {
    if (this.state === "FATAL_ERROR") return;
    if (type === "find-txn-coordinator") return this.findCoordinator();
    if (type === "find-group-coordinator" || type === "txn-offset-commit") return this.offsetCommits.send(type);
    if (this.coordinator === null) {
      this.waiting.add(type);
      return this.findCoordinator();
    }
    const s = this.host.settings;
    const id = this.host.transactionalId;
    const to = this.coordinator;
    switch (type) {
      case "init-txn-pid": {
        // A re-initialization names the current id and epoch (KIP-360); the first one names none.
        const bump = this.state === "INITIALIZING" && this.host.producerId() >= 0;
        const producerId = bump ? this.host.producerId() : -1;
        const producerEpoch = bump ? this.host.producerEpoch() : -1;
        this.host.request(to, type, (correlationId) => ({ kind: "InitProducerId", correlationId, transactionalId: id, transactionTimeoutMs: s.transactionTimeoutMs, producerId, producerEpoch }));
        return;
      }
      case "add-partitions": {
        if (this.addInFlight || this.pendingPartitions.size === 0) return;
        this.addInFlight = true;
        const partitions = [...this.pendingPartitions.values()];
        this.host.request(to, type, (correlationId) => ({ kind: "AddPartitionsToTxn", correlationId, transactionalId: id, producerId: this.host.producerId(), producerEpoch: this.host.producerEpoch(), verifyOnly: false, partitions }));
        return;
      }
      case "add-offsets": {
        const pending = this.offsets;
        if (this.addOffsetsInFlight || pending === null) return;
        this.addOffsetsInFlight = true;
        this.host.request(to, type, (correlationId) => ({ kind: "AddOffsetsToTxn", correlationId, transactionalId: id, producerId: this.host.producerId(), producerEpoch: this.host.producerEpoch(), groupId: pending.group.groupId }));
        return;
      }
      case "end-txn": {
        if (this.endInFlight) return;
        this.endInFlight = true;
        const committed = this.ending === "commit";
        this.host.request(to, type, (correlationId) => ({ kind: "EndTxn", correlationId, transactionalId: id, producerId: this.host.producerId(), producerEpoch: this.host.producerEpoch(), committed }));
        return;
      }
    }
  }

  private findCoordinator(): void {
    if (this.findInFlight) return;
    this.findInFlight = true;
    this.host.request(this.host.anyBroker(), "find-txn-coordinator", (correlationId) => ({ kind: "FindCoordinator", correlationId, key: this.host.transactionalId, keyType: "transaction" }));
  }

  /** The coordinator moved or is unknown: find it again, then resend `type`. */
  private lookupCoordinator(type: TransactionRequest): void {
    this.coordinator = null;
    this.waiting.add(type);
    this.findCoordinator();
  }

  private retryLater(type: TransactionRequest, backoffMs = this.host.settings.retryBackoffMs): void {
    this.host.env.setTimer(backoffMs * 1000, transactionRetry(type));
  }

  /** A retry backoff ended. */
  onRetryTimer(type: TransactionRequest): void {
    if (type === "end-txn") return this.localEndArmed ? this.localEnd() : this.maybeEnd();
    this.send(type);
  }

  onFindCoordinatorResponse(error: ErrorCode, nodeId: number, brokerNode: (id: number) => NodeId): void {
    this.findInFlight = false;
    if (error !== Errors.NONE || nodeId < 0) return this.retryLater("find-txn-coordinator");
    this.coordinator = brokerNode(nodeId);
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const type of waiting) {
      if (type === "end-txn") this.maybeEnd();
      else this.send(type);
    }
  }

  onInitProducerIdResponse(error: ErrorCode, producerId: number, producerEpoch: number): void {
    switch (error) {
      case Errors.NONE:
        this.host.assignProducerId(producerId, producerEpoch);
        this.state = "READY";
        this.host.initialized();
        return;
      case Errors.NOT_COORDINATOR:
      case Errors.COORDINATOR_NOT_AVAILABLE:
        return this.lookupCoordinator("init-txn-pid");
      case Errors.CONCURRENT_TRANSACTIONS:
      case Errors.COORDINATOR_LOAD_IN_PROGRESS:
        return this.retryLater("init-txn-pid");
      default:
        return this.fatal(error);
    }
  }

  onAddPartitionsResponse(msg: AddPartitionsToTxnResponse): void {
    this.addInFlight = false;
    let retry: ErrorCode = Errors.NONE;
    for (const p of msg.partitions) {
      const key = `${p.topic}-${p.partition}`;
      // Added at the coordinator even if an abort has dropped it here since: the transaction exists.
      if (p.error === Errors.NONE) this.transactionStarted = true;
      if (!this.pendingPartitions.has(key)) continue;
      switch (p.error) {
        case Errors.NONE:
          this.pendingPartitions.delete(key);
          this.inTransaction.add(key);
          break;
        case Errors.NOT_COORDINATOR:
        case Errors.COORDINATOR_NOT_AVAILABLE:
        case Errors.CONCURRENT_TRANSACTIONS:
        case Errors.COORDINATOR_LOAD_IN_PROGRESS:
          if (retry !== Errors.NOT_COORDINATOR && retry !== Errors.COORDINATOR_NOT_AVAILABLE) retry = p.error;
          break;
        default:
          if (isFatalTransactionError(p.error)) return this.fatal(p.error);
          this.pendingPartitions.delete(key);
          this.batchFailed(p.error);
      }
    }
    if (retry === Errors.NOT_COORDINATOR || retry === Errors.COORDINATOR_NOT_AVAILABLE) this.lookupCoordinator("add-partitions");
    else if (retry !== Errors.NONE) this.retryLater("add-partitions", this.addPartitionsBackoffMs(retry));
    else if (this.pendingPartitions.size > 0) this.send("add-partitions");
    this.host.wakeSender();
    this.maybeEnd();
  }

  /**
   * AddPartitionsToTxnHandler.retryBackoffMs: CONCURRENT_TRANSACTIONS on a transaction's first
   * partitions (the previous transaction's markers are being written) retries after 20 ms
   * (maybeOverrideRetryBackoffMs); later adds and other retriable errors wait retry.backoff.ms.
   */
  private addPartitionsBackoffMs(error: ErrorCode): number {
    const backoffMs = this.host.settings.retryBackoffMs;
    return error === Errors.CONCURRENT_TRANSACTIONS && this.inTransaction.size === 0 ? Math.min(backoffMs, ADD_PARTITIONS_RETRY_BACKOFF_MS) : backoffMs;
  }

  onEndTxnResponse(msg: EndTxnResponse): void {
    this.endInFlight = false;
    switch (msg.error) {
      case Errors.NONE: {
        // transaction.version 2 (EndTxn v5): the coordinator bumped the epoch; the next transaction uses it.
        const bumped = msg.producerEpoch >= 0 && (msg.producerEpoch !== this.host.producerEpoch() || msg.producerId !== this.host.producerId());
        if (bumped) this.host.assignProducerId(msg.producerId, msg.producerEpoch);
        return this.completeTransaction(bumped);
      }
      case Errors.NOT_COORDINATOR:
      case Errors.COORDINATOR_NOT_AVAILABLE:
        return this.lookupCoordinator("end-txn");
      case Errors.CONCURRENT_TRANSACTIONS:
      case Errors.COORDINATOR_LOAD_IN_PROGRESS:
        return this.retryLater("end-txn");
      default:
        return this.fatal(msg.error);
    }
  }

  /** A request to the coordinator timed out or its connection broke: find the coordinator again. */
  requestFailed(type: TransactionRequest): void {
    if (type === "find-txn-coordinator") {
      this.findInFlight = false;
      return this.retryLater("find-txn-coordinator");
    }
    if (type === "find-group-coordinator" || type === "txn-offset-commit") return this.offsetCommits.requestFailed(type);
    if (type === "add-partitions") this.addInFlight = false;
    if (type === "add-offsets") this.addOffsetsInFlight = false;
    if (type === "end-txn") this.endInFlight = false;
    this.lookupCoordinator(type);
  }

  /** A fatal error: the producer cannot go on (KafkaProducer must be closed). */
  fatal(error: ErrorCode): void {
    if (this.state === "FATAL_ERROR") return;
    this.state = "FATAL_ERROR";
    this.ending = null;
    this.pendingPartitions.clear();
    this.offsetCommits.clear();
    const offsets = this.offsets;
    this.offsets = null;
    offsets?.done(error);
    this.host.abortUndrainedBatches(error);
    this.host.transactionEnded("fatal", error);
  }
}
