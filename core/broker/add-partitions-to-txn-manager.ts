// A partition leader's channel to transaction coordinators: Kafka's AddPartitionsToTxnManager
// (an InterBrokerSendThread). Before the first transactional batch of a producer on a
// partition is appended, the leader asks the producer's transaction coordinator — the leader
// of its __transaction_state partition, from this broker's own metadata — either to verify the
// partition is already in the open transaction (KIP-890 part 1, verifyOnly) or, for a
// transaction.version 2 producer (Produce v12+), to add it. Requests to one coordinator go one
// at a time, each carrying every transaction waiting for that coordinator (AddPartitionsToTxn
// v4+); a second produce of the same transactional.id displaces the first by its epoch.
// Errors come back per partition, mapped as Kafka maps them for the produce path.

import { brokerNode } from "../cluster-names.ts";
import type { Env, NodeId, TimerHandle } from "../env.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { KafkaMessage, TopicPartitionRef } from "../protocol/messages.ts";
import { NO_LEADER } from "../protocol/metadata-records.ts";
import type { AddPartitionsToTxnBatchResponse, AddPartitionsToTxnTransaction } from "../protocol/txn-messages.ts";

/**
 * TransactionSupportedOperation, from the produce's version: DEFAULT_ERROR (v10 and below),
 * GENERIC_ERROR_SUPPORTED (v11: the client handles TRANSACTION_ABORTABLE), ADD_PARTITION (v12+,
 * transaction.version 2: the partition is added, not verified).
 */
export type TransactionSupportedOperation = "DEFAULT_ERROR" | "GENERIC_ERROR_SUPPORTED" | "ADD_PARTITION";

/** produceRequestVersionToTransactionSupportedOperation, on the transaction.version a produce's version stands for. */
export function supportedOperationOf(produceTransactionVersion: number): TransactionSupportedOperation {
  return produceTransactionVersion >= 2 ? "ADD_PARTITION" : "GENERIC_ERROR_SUPPORTED";
}

export function supportsEpochBump(op: TransactionSupportedOperation): boolean {
  return op === "ADD_PARTITION";
}

/** The partitions that could not be verified or added (partition key → error); empty when all were. */
export type AppendCallback = (errors: ReadonlyMap<string, ErrorCode>) => void;

export interface AddPartitionsToTxnTimer {
  readonly kind: "AddPartitionsToTxnTimer";
  readonly timerId: number;
}

export interface AddPartitionsToTxnManagerHost {
  readonly env: Env<KafkaMessage, AddPartitionsToTxnTimer>;
  /** The alive leader of __transaction_state-<partitionFor(id)> in this broker's metadata, NO_LEADER when none. */
  coordinatorOf(transactionalId: string): number;
  /** The broker's request.timeout.ms (InterBrokerSendThread's). */
  readonly requestTimeoutMs: number;
}

interface Waiting {
  readonly data: AddPartitionsToTxnTransaction;
  readonly callback: AppendCallback;
}

/** TransactionDataAndCallbacks: what goes to one coordinator in one request. */
interface NodeBatch {
  readonly transactions: Map<string, Waiting>;
  readonly operation: TransactionSupportedOperation;
}

interface InFlight {
  readonly coordinator: number;
  readonly batch: NodeBatch;
  readonly timer: TimerHandle;
}

function key(tp: TopicPartitionRef): string {
  return `${tp.topic}-${tp.partition}`;
}

function allFailed(data: AddPartitionsToTxnTransaction, error: ErrorCode): Map<string, ErrorCode> {
  return new Map(data.partitions.map((p) => [key(p), error]));
}

export class AddPartitionsToTxnManager {
  private readonly waiting = new Map<number, NodeBatch>();
  private readonly inFlight = new Map<number, InFlight>();
  private readonly inFlightNodes = new Set<number>();
  private readonly timers = new Map<number, () => void>();
  private nextTimerId = 1;
  private nextCorrelationId = 1;

  constructor(private readonly host: AddPartitionsToTxnManagerHost) {}

  /** Runs `fn` after `delayUs` (the handlers' retries and this sender's request timeouts). */
  schedule(delayUs: number, fn: () => void): TimerHandle {
    const id = this.nextTimerId++;
    this.timers.set(id, fn);
    return this.host.env.setTimer(delayUs, { kind: "AddPartitionsToTxnTimer", timerId: id });
  }

  onTimer(timer: AddPartitionsToTxnTimer): void {
    const fn = this.timers.get(timer.timerId);
    this.timers.delete(timer.timerId);
    fn?.();
  }

  /** addOrVerifyTransaction: verifyOnly unless the operation adds (transaction.version 2). */
  addOrVerifyTransaction(transactionalId: string, producerId: number, producerEpoch: number, partitions: readonly TopicPartitionRef[], callback: AppendCallback, operation: TransactionSupportedOperation): void {
    const coordinator = this.host.coordinatorOf(transactionalId);
    const data: AddPartitionsToTxnTransaction = { transactionalId, producerId, producerEpoch, verifyOnly: !supportsEpochBump(operation), partitions };
    if (coordinator === NO_LEADER) return callback(allFailed(data, Errors.COORDINATOR_NOT_AVAILABLE));
    let batch = this.waiting.get(coordinator);
    if (batch === undefined) this.waiting.set(coordinator, (batch = { transactions: new Map(), operation }));
    const existing = batch.transactions.get(transactionalId);
    if (existing !== undefined) {
      // addTxnData: a newer epoch fences the waiting one; the same epoch is the client retrying
      // (a retriable NETWORK_EXCEPTION for the old one); an older epoch is itself fenced.
      if (existing.data.producerEpoch > producerEpoch) return callback(allFailed(data, Errors.INVALID_PRODUCER_EPOCH));
      batch.transactions.delete(transactionalId);
      existing.callback(allFailed(existing.data, existing.data.producerEpoch < producerEpoch ? Errors.INVALID_PRODUCER_EPOCH : Errors.NETWORK_EXCEPTION));
    }
    batch.transactions.set(transactionalId, { data, callback });
    this.sendWaiting();
  }

  /** generateRequests: one request to each coordinator that has none in flight. */
  private sendWaiting(): void {
    for (const [coordinator, batch] of [...this.waiting]) {
      if (this.inFlightNodes.has(coordinator) || batch.transactions.size === 0) continue;
      this.waiting.delete(coordinator);
      this.inFlightNodes.add(coordinator);
      const correlationId = this.nextCorrelationId++;
      const timer = this.schedule(this.host.requestTimeoutMs * 1000, () => this.failed(correlationId, Errors.NETWORK_EXCEPTION));
      this.inFlight.set(correlationId, { coordinator, batch, timer });
      const transactions = [...batch.transactions.values()].map((w) => w.data);
      this.host.env.send(brokerNode(coordinator), { kind: "AddPartitionsToTxnBatch", correlationId, transactions });
      this.host.env.emit({ kind: "AddPartitionsToTxnSent", coordinator, transactions: transactions.length, verifyOnly: !supportsEpochBump(batch.operation) });
    }
  }

  /** AddPartitionsToTxnHandler.onComplete for an answer. */
  onResponse(msg: AddPartitionsToTxnBatchResponse): void {
    const r = this.take(msg.correlationId);
    if (r === undefined) return;
    if (msg.error !== Errors.NONE) {
      // The client must not see CLUSTER_AUTHORIZATION_FAILED; kafkasim has no other top-level error.
      this.callAll(r.batch, msg.error);
    } else {
      for (const result of msg.results) {
        const w = r.batch.transactions.get(result.transactionalId);
        if (w === undefined) continue;
        const unverified = new Map<string, ErrorCode>();
        for (const p of result.partitions) {
          if (p.error === Errors.NONE) continue;
          // Producers expect INVALID_PRODUCER_EPOCH here; older ones cannot handle TRANSACTION_ABORTABLE.
          let error = p.error;
          if (error === Errors.PRODUCER_FENCED) error = Errors.INVALID_PRODUCER_EPOCH;
          else if (error === Errors.TRANSACTION_ABORTABLE && r.batch.operation === "DEFAULT_ERROR") error = Errors.INVALID_TXN_STATE;
          unverified.set(key(p), error);
        }
        w.callback(unverified);
      }
    }
    this.sendWaiting();
  }

  /** The connection to `peer` broke: what was in flight to it fails with NETWORK_EXCEPTION. */
  onDisconnect(peer: NodeId): void {
    for (const [id, r] of [...this.inFlight]) if (brokerNode(r.coordinator) === peer) this.failed(id, Errors.NETWORK_EXCEPTION);
  }

  private failed(correlationId: number, error: ErrorCode): void {
    const r = this.take(correlationId);
    if (r === undefined) return;
    this.callAll(r.batch, error);
    this.sendWaiting();
  }

  private take(correlationId: number): InFlight | undefined {
    const r = this.inFlight.get(correlationId);
    if (r === undefined) return undefined;
    this.inFlight.delete(correlationId);
    this.inFlightNodes.delete(r.coordinator);
    this.host.env.cancelTimer(r.timer);
    return r;
  }

  private callAll(batch: NodeBatch, error: ErrorCode): void {
    for (const w of batch.transactions.values()) w.callback(allFailed(w.data, error));
  }
}
