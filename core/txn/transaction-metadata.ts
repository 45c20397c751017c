// One transactional.id's state on its transaction coordinator: Kafka's TransactionMetadata
// (core/src/main/scala/kafka/coordinator/transaction/TransactionMetadata.scala). A change is
// prepared (a transit, with the pending state set), written to __transaction_state, and
// completed only once that write is committed: while one is pending every other request for
// the id gets CONCURRENT_TRANSACTIONS. The prepare* rules are Kafka's, including which ones bump
// the producer epoch (InitProducerId, a fence, and with transaction.version 2 every end).

import { assertNever } from "../assert-never.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import { NO_PRODUCER_EPOCH, NO_PRODUCER_ID } from "../protocol/records.ts";

export type TransactionState = "Empty" | "Ongoing" | "PrepareCommit" | "PrepareAbort" | "CompleteCommit" | "CompleteAbort" | "PrepareEpochFence" | "Dead";

/** TransactionState.validPreviousStates. */
const VALID_PREVIOUS: Record<TransactionState, readonly TransactionState[]> = {
  Empty: ["Empty", "CompleteCommit", "CompleteAbort"],
  Ongoing: ["Ongoing", "Empty", "CompleteCommit", "CompleteAbort"],
  PrepareCommit: ["Ongoing"],
  PrepareAbort: ["Ongoing", "PrepareEpochFence"],
  CompleteCommit: ["PrepareCommit"],
  CompleteAbort: ["PrepareAbort"],
  Dead: ["Empty", "CompleteAbort", "CompleteCommit"],
  PrepareEpochFence: ["Ongoing"],
};

/** TxnTransitMetadata: what one write to __transaction_state says (also its TransactionLogValue). */
export interface TxnTransit {
  readonly producerId: number;
  readonly previousProducerId: number;
  readonly producerEpoch: number;
  readonly lastProducerEpoch: number;
  readonly txnTimeoutMs: number;
  readonly state: TransactionState;
  /** Partitions in the transaction, as `topic-partition` keys. */
  readonly partitions: readonly string[];
  readonly txnStartTimestampMs: number;
  readonly txnLastUpdateTimestampMs: number;
  /** The transaction.version the client's requests used (2: every end bumps the epoch). */
  readonly clientTransactionVersion: number;
}

/** Short.MaxValue: an epoch past which the producer id must be rotated (TransactionMetadata.isEpochExhausted: >= MaxValue - 1). */
const MAX_EPOCH = 32767;

export function isEpochExhausted(epoch: number): boolean {
  return epoch >= MAX_EPOCH - 1;
}

export function partitionKeyOf(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

export class TransactionMetadata {
  producerId: number;
  previousProducerId = NO_PRODUCER_ID;
  producerEpoch = NO_PRODUCER_EPOCH;
  lastProducerEpoch = NO_PRODUCER_EPOCH;
  txnTimeoutMs: number;
  state: TransactionState = "Empty";
  readonly partitions = new Set<string>();
  txnStartTimestampMs = -1;
  txnLastUpdateTimestampMs: number;
  pendingState: TransactionState | null = null;
  /** A fence whose write failed: the next fence does not bump the epoch again. */
  hasFailedEpochFence = false;
  clientTransactionVersion = 0;

  constructor(
    readonly transactionalId: string,
    producerId: number,
    txnTimeoutMs: number,
    nowMs: number,
  ) {
    this.producerId = producerId;
    this.txnTimeoutMs = txnTimeoutMs;
    this.txnLastUpdateTimestampMs = nowMs;
  }

  /** Rebuilt from its last committed TransactionLogValue (TransactionStateManager's load). */
  static fromTransit(transactionalId: string, t: TxnTransit): TransactionMetadata {
    const m = new TransactionMetadata(transactionalId, t.producerId, t.txnTimeoutMs, t.txnLastUpdateTimestampMs);
    m.previousProducerId = t.previousProducerId;
    m.producerEpoch = t.producerEpoch;
    // TransactionLogValue has no last epoch: readTxnRecordValue starts it at NO_PRODUCER_EPOCH.
    m.lastProducerEpoch = NO_PRODUCER_EPOCH;
    m.state = t.state;
    for (const p of t.partitions) m.partitions.add(p);
    m.txnStartTimestampMs = t.txnStartTimestampMs;
    m.clientTransactionVersion = t.clientTransactionVersion;
    return m;
  }

  get pendingTransitionInProgress(): boolean {
    return this.pendingState !== null;
  }

  get isProducerEpochExhausted(): boolean {
    return isEpochExhausted(this.producerEpoch);
  }

  /** prepareFenceProducerEpoch: the epoch that aborts an open transaction; never returned to a client. */
  prepareFenceProducerEpoch(): TxnTransit {
    if (this.producerEpoch >= MAX_EPOCH) throw new Error(`cannot fence ${this.transactionalId} at epoch ${this.producerEpoch}: it would overflow`);
    const bumped = this.hasFailedEpochFence ? this.producerEpoch : this.producerEpoch + 1;
    return this.prepareTransitionTo("PrepareEpochFence", this.producerId, bumped, NO_PRODUCER_EPOCH, this.txnTimeoutMs, [...this.partitions], this.txnStartTimestampMs, this.txnLastUpdateTimestampMs, this.clientTransactionVersion);
  }

  /**
   * prepareIncrementProducerEpoch (InitProducerId): the next epoch, Empty. A producer that names
   * its current epoch (KIP-360) keeps going; one naming the previous epoch retries a bump that
   * already happened; any other epoch is a fenced producer's.
   */
  prepareIncrementProducerEpoch(newTxnTimeoutMs: number, expectedEpoch: number | null, nowMs: number): TxnTransit | ErrorCode {
    if (this.isProducerEpochExhausted) throw new Error(`no producer epoch left for ${this.transactionalId} (producer id ${this.producerId})`);
    const bumped = this.producerEpoch + 1;
    let next: number;
    let last: number;
    if (expectedEpoch === null) {
      next = bumped;
      last = NO_PRODUCER_EPOCH;
    } else if (this.producerEpoch === NO_PRODUCER_EPOCH || expectedEpoch === this.producerEpoch) {
      next = bumped;
      last = this.producerEpoch;
    } else if (expectedEpoch === this.lastProducerEpoch) {
      next = this.producerEpoch;
      last = this.lastProducerEpoch;
    } else return Errors.PRODUCER_FENCED;
    return this.prepareTransitionTo("Empty", this.producerId, next, last, newTxnTimeoutMs, [], -1, nowMs, this.clientTransactionVersion);
  }

  /** prepareProducerIdRotation: an exhausted epoch starts a new producer id at epoch 0. */
  prepareProducerIdRotation(newProducerId: number, newTxnTimeoutMs: number, nowMs: number, recordLastEpoch: boolean): TxnTransit {
    return this.prepareTransitionTo("Empty", newProducerId, 0, recordLastEpoch ? this.producerEpoch : NO_PRODUCER_EPOCH, newTxnTimeoutMs, [], -1, nowMs, this.clientTransactionVersion);
  }

  /** prepareAddPartitions: Ongoing; the transaction starts now unless it already had. */
  prepareAddPartitions(added: readonly string[], nowMs: number, clientTransactionVersion: number): TxnTransit {
    const start = this.state === "Empty" || this.state === "CompleteAbort" || this.state === "CompleteCommit" ? nowMs : this.txnStartTimestampMs;
    const partitions = new Set(this.partitions);
    for (const p of added) partitions.add(p);
    return this.prepareTransitionTo("Ongoing", this.producerId, this.producerEpoch, this.lastProducerEpoch, this.txnTimeoutMs, [...partitions], start, nowMs, clientTransactionVersion);
  }

  /** prepareAbortOrCommit: PrepareCommit/PrepareAbort; with transaction.version 2 the epoch is bumped here. */
  prepareAbortOrCommit(newState: "PrepareCommit" | "PrepareAbort", clientTransactionVersion: number, nowMs: number): TxnTransit {
    const bump = clientTransactionVersion >= 2;
    const epoch = bump ? this.producerEpoch + 1 : this.producerEpoch;
    const last = bump ? this.producerEpoch : this.lastProducerEpoch;
    return this.prepareTransitionTo(newState, this.producerId, epoch, last, this.txnTimeoutMs, [...this.partitions], this.txnStartTimestampMs, nowMs, clientTransactionVersion);
  }

  /** prepareComplete: every marker is written; the partitions are forgotten. */
  prepareComplete(nowMs: number): TxnTransit {
    const newState = this.state === "PrepareCommit" ? "CompleteCommit" : "CompleteAbort";
    this.hasFailedEpochFence = false;
    return this.prepareTransitionTo(newState, this.producerId, this.producerEpoch, this.producerEpoch, this.txnTimeoutMs, [], this.txnStartTimestampMs, nowMs, this.clientTransactionVersion);
  }

  private prepareTransitionTo(
    state: TransactionState,
    producerId: number,
    producerEpoch: number,
    lastProducerEpoch: number,
    txnTimeoutMs: number,
    partitions: readonly string[],
    txnStartTimestampMs: number,
    nowMs: number,
    clientTransactionVersion: number,
  ): TxnTransit {
    if (this.pendingState !== null) throw new Error(`transition of ${this.transactionalId} to ${state} while ${this.pendingState} is pending`);
    if (!VALID_PREVIOUS[state].includes(this.state)) throw new Error(`transition of ${this.transactionalId} from ${this.state} to ${state}`);
    this.pendingState = state;
    return { producerId, previousProducerId: this.producerId, producerEpoch, lastProducerEpoch, txnTimeoutMs, state, partitions, txnStartTimestampMs, txnLastUpdateTimestampMs: nowMs, clientTransactionVersion };
  }

  /**
   * completeTransitionTo: the write is committed. As Kafka's, each target state takes only its
   * own fields from the transit: InitProducerId the ids and epochs, AddPartitions the partitions
   * and start time, an end the epochs only under transaction.version 2.
   */
  completeTransitionTo(t: TxnTransit): void {
    if (this.pendingState !== t.state) throw new Error(`completing ${this.transactionalId}'s transition to ${t.state} while ${this.pendingState ?? "nothing"} is pending`);
    const v2 = t.clientTransactionVersion >= 2;
    switch (t.state) {
      case "Empty":
        this.txnTimeoutMs = t.txnTimeoutMs;
        this.producerEpoch = t.producerEpoch;
        this.lastProducerEpoch = t.lastProducerEpoch;
        this.producerId = t.producerId;
        this.previousProducerId = t.previousProducerId;
        break;
      case "Ongoing":
        this.txnStartTimestampMs = t.txnStartTimestampMs;
        for (const p of t.partitions) this.partitions.add(p);
        break;
      case "PrepareCommit":
      case "PrepareAbort":
        if (v2) {
          this.producerEpoch = t.producerEpoch;
          this.lastProducerEpoch = t.lastProducerEpoch;
        }
        break;
      case "CompleteCommit":
      case "CompleteAbort":
        this.txnStartTimestampMs = t.txnStartTimestampMs;
        this.partitions.clear();
        if (v2) {
          this.producerEpoch = t.producerEpoch;
          this.lastProducerEpoch = t.lastProducerEpoch;
          this.previousProducerId = t.previousProducerId;
          this.producerId = t.producerId;
        }
        break;
      case "PrepareEpochFence":
      case "Dead":
        throw new Error(`${this.transactionalId} cannot complete a transition to ${t.state}`);
      default:
        assertNever(t.state);
    }
    this.clientTransactionVersion = t.clientTransactionVersion;
    this.txnLastUpdateTimestampMs = t.txnLastUpdateTimestampMs;
    this.state = t.state;
    this.pendingState = null;
  }

  /** The write failed: the pending change is dropped (TransactionStateManager's append callback). */
  abortPendingTransition(): void {
    this.pendingState = null;
  }
}
