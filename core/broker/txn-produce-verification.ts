// The step ReplicaManager.handleProduceAppend takes before appending a transactional produce
// (KIP-890): for each partition where the producer has no transaction open yet, the leader
// starts a verification (UnifiedLog.maybeStartTransactionVerification) and asks the coordinator
// through the AddPartitionsToTxnManager — to verify the partition is in the transaction
// (transaction.version 0/1 with transaction.partition.verification.enable), or to add it
// (Produce v12+, transaction.version 2, whatever the key says). The produce waits for the
// answer; the coordinator's errors are translated to errors the producer knows
// (postVerificationCallback), and under transaction.version 2 CONCURRENT_TRANSACTIONS — the
// previous transaction's markers still being written — is retried here on the broker
// (KAFKA-18654) every add.partitions.to.txn.retry.backoff.ms, up to
// add.partitions.to.txn.retry.backoff.max.ms, rather than sent back.

import type { BrokerSettings } from "../config/index.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { ProduceRequest, TopicPartitionRef } from "../protocol/messages.ts";
import { NO_PRODUCER_ID } from "../protocol/records.ts";
import { partitionKey } from "../metadata/metadata-image.ts";
import { VerificationGuard } from "../log/verification-state.ts";
import type { Partition } from "./partition.ts";
import { supportedOperationOf, supportsEpochBump, type AddPartitionsToTxnManager, type TransactionSupportedOperation } from "./add-partitions-to-txn-manager.ts";

/** add.partitions.to.txn.retry.backoff.ms (AddPartitionsToTxnConfig), Kafka's default. */
export const ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MS = 20;
/** add.partitions.to.txn.retry.backoff.max.ms, Kafka's default; capped by request.timeout.ms. */
export const ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MAX_MS = 100;

export type VerificationDone = (preAppendErrors: ReadonlyMap<string, ErrorCode>, guards: ReadonlyMap<string, VerificationGuard>) => void;

export interface TxnProduceVerificationHost {
  readonly settings: BrokerSettings;
  readonly manager: AddPartitionsToTxnManager;
  /** The broker's request.timeout.ms. */
  readonly requestTimeoutMs: number;
  partition(topic: string, partition: number): Partition | undefined;
  nowUs(): number;
}

/**
 * postVerificationCallback's translation: INVALID_TXN_STATE stays; retriable coordinator
 * errors become NOT_ENOUGH_REPLICAS, which every client retries without a metadata refresh;
 * CONCURRENT_TRANSACTIONS too, except under transaction.version 2, whose clients retry it.
 */
export function producePartitionError(error: ErrorCode, op: TransactionSupportedOperation): ErrorCode {
  switch (error) {
    case Errors.NETWORK_EXCEPTION:
    case Errors.COORDINATOR_LOAD_IN_PROGRESS:
    case Errors.COORDINATOR_NOT_AVAILABLE:
    case Errors.NOT_COORDINATOR:
      return Errors.NOT_ENOUGH_REPLICAS;
    case Errors.CONCURRENT_TRANSACTIONS:
      return supportsEpochBump(op) ? Errors.CONCURRENT_TRANSACTIONS : Errors.NOT_ENOUGH_REPLICAS;
    default:
      return error;
  }
}

export class TxnProduceVerification {
  constructor(private readonly host: TxnProduceVerificationHost) {}

  /** handleProduceAppend's verification; `done` runs at once when there is nothing to verify. */
  verify(req: ProduceRequest, done: VerificationDone): void {
    const txn = req.partitions.filter((p) => p.batch.isTransactional && p.batch.producerId !== NO_PRODUCER_ID);
    const op = supportedOperationOf(req.transactionVersion);
    // maybeSendPartitionsToTransactionCoordinator: skipped without a transactional id, or for a
    // verification (not an add) with transaction.partition.verification.enable off.
    if (txn.length === 0 || req.transactionalId === null || (!supportsEpochBump(op) && !this.host.settings.transactionPartitionVerificationEnable)) return done(new Map(), new Map());
    const first = txn[0]!.batch;
    const startUs = this.host.nowUs();
    const retryTimeoutMs = Math.min(ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MAX_MS, this.host.requestTimeoutMs);
    const finish = (errors: ReadonlyMap<string, ErrorCode>, guards: ReadonlyMap<string, VerificationGuard>): void => {
      const mapped = new Map<string, ErrorCode>();
      for (const [k, e] of errors) mapped.set(k, producePartitionError(e, op));
      done(mapped, guards);
    };
    const attempt = (): void =>
      this.send(req.transactionalId!, first.producerId, first.producerEpoch, txn, op, (errors, guards) => {
        // maybeRetryOnConcurrentTransactions (transaction.version 2 only): the produce is expensive to retry from the client.
        const concurrent = [...errors.values()].includes(Errors.CONCURRENT_TRANSACTIONS);
        if (!supportsEpochBump(op) || !concurrent || this.host.nowUs() - startUs >= retryTimeoutMs * 1000) return finish(errors, guards);
        this.host.manager.schedule(ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MS * 1000, attempt);
      });
    attempt();
  }

  /** maybeSendPartitionsToTransactionCoordinator. */
  private send(transactionalId: string, producerId: number, producerEpoch: number, items: readonly (TopicPartitionRef & { readonly batch: { readonly baseSequence: number } })[], op: TransactionSupportedOperation, done: VerificationDone): void {
    const errors = new Map<string, ErrorCode>();
    const guards = new Map<string, VerificationGuard>();
    const toVerify: TopicPartitionRef[] = [];
    for (const item of items) {
      const k = partitionKey(item.topic, item.partition);
      const p = this.host.partition(item.topic, item.partition);
      // getPartitionOrException, then Partition.maybeStartTransactionVerification (leader only).
      if (p === undefined || p.role !== "leader") {
        errors.set(k, p === undefined ? Errors.UNKNOWN_TOPIC_OR_PARTITION : Errors.NOT_LEADER_OR_FOLLOWER);
        continue;
      }
      const guard = p.log.producerState.maybeStartTransactionVerification(producerId, item.batch.baseSequence, producerEpoch, supportsEpochBump(op));
      if (typeof guard === "string") errors.set(k, guard);
      else if (guard !== VerificationGuard.SENTINEL) {
        guards.set(k, guard);
        toVerify.push({ topic: item.topic, partition: item.partition });
      }
    }
    if (toVerify.length === 0) return done(errors, new Map());
    this.host.manager.addOrVerifyTransaction(
      transactionalId,
      producerId,
      producerEpoch,
      toVerify,
      (verificationErrors) => {
        for (const [k, e] of verificationErrors) errors.set(k, e);
        done(errors, guards);
      },
      op,
    );
  }
}
