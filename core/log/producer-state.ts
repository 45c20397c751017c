// The broker's producer bookkeeping, after Kafka's ProducerStateManager, ProducerStateEntry
// and ProducerAppendInfo (storage/.../log/). For each producer id it keeps the epoch and the
// metadata of the last 5 batches (NUM_BATCHES_TO_RETAIN), which is what lets a leader
// recognise a retried batch and answer with the original offsets instead of appending it
// twice; and, for transactions, the coordinator epoch of its last marker and the first offset
// of its ongoing transaction. The partition's ongoing transactions (by first offset) and the
// decided ones whose marker is not yet below the high watermark give the first unstable
// offset, which bounds the last stable offset. Every replica rebuilds it from its own log,
// so a new leader knows too.

import { Errors, type ErrorCode } from "../protocol/errors.ts";
import { ControlType, lastOffsetOf, lastSequenceOf, NO_PRODUCER_EPOCH, NO_PRODUCER_ID, NO_SEQUENCE, type RecordBatch } from "../protocol/records.ts";
import type { CompletedTxn } from "./transaction-index.ts";

export const NUM_BATCHES_TO_RETAIN = 5;

interface BatchMetadata {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly firstOffset: number;
  readonly lastOffset: number;
}

interface ProducerStateEntry {
  epoch: number;
  batches: BatchMetadata[];
  /** The epoch of the coordinator that wrote its last marker; -1 before any. */
  coordinatorEpoch: number;
  /** First offset of its ongoing transaction; -1 when none. */
  currentTxnFirstOffset: number;
}

export type ProducerCheck =
  | { readonly kind: "append" }
  | { readonly kind: "duplicate"; readonly firstOffset: number; readonly lastOffset: number }
  | { readonly kind: "reject"; readonly error: ErrorCode };

const APPEND: ProducerCheck = { kind: "append" };
const INVALID_TXN_STATE: ProducerCheck = { kind: "reject", error: Errors.INVALID_TXN_STATE };
const INVALID_PRODUCER_EPOCH: ProducerCheck = { kind: "reject", error: Errors.INVALID_PRODUCER_EPOCH };
const COORDINATOR_FENCED: ProducerCheck = { kind: "reject", error: Errors.TRANSACTION_COORDINATOR_FENCED };

/** ProducerAppendInfo.inSequence: the next sequence, wrapping at Integer.MAX_VALUE. */
function inSequence(lastSeq: number, nextSeq: number): boolean {
  return nextSeq === lastSeq + 1 || (nextSeq === 0 && lastSeq === 2147483647);
}

/** A decided transaction whose marker the high watermark has not passed yet (Kafka's unreplicatedTxns). */
interface UnreplicatedTxn {
  readonly producerId: number;
  readonly lastOffset: number;
}

export class ProducerStateManager {
  private readonly producers = new Map<number, ProducerStateEntry>();
  /** ongoingTxns: first offset → producer id. Appends come in offset order, so insertion order is offset order. */
  private readonly ongoing = new Map<number, number>();
  /** unreplicatedTxns: first offset → the transaction (completion order, not offset order). */
  private readonly unreplicated = new Map<number, UnreplicatedTxn>();

  get size(): number {
    return this.producers.size;
  }

  /**
   * Validates a data batch from a client before the leader appends it
   * (UnifiedLog.analyzeAndValidateProducerState with origin CLIENT): the duplicate check, then
   * ProducerAppendInfo.appendDataBatch's epoch, sequence and transaction-state checks.
   */
  checkClientBatch(batch: RecordBatch): ProducerCheck {
    if (batch.producerId === NO_PRODUCER_ID) return APPEND;
    const entry = this.producers.get(batch.producerId);
    if (entry === undefined) return APPEND; // unknown producer: NO_PRODUCER_EPOCH accepts any sequence
    const firstSeq = batch.baseSequence;
    const lastSeq = lastSequenceOf(batch);
    if (batch.producerEpoch === entry.epoch) {
      for (const b of entry.batches) {
        if (b.firstSeq === firstSeq && b.lastSeq === lastSeq) return { kind: "duplicate", firstOffset: b.firstOffset, lastOffset: b.lastOffset };
      }
    }
    // ProducerAppendInfo.checkProducerEpoch: since 2.7 a client hears INVALID_PRODUCER_EPOCH
    // (abortable), not PRODUCER_FENCED.
    if (batch.producerEpoch < entry.epoch) return INVALID_PRODUCER_EPOCH;
    if (batch.producerEpoch !== entry.epoch) {
      if (firstSeq !== 0 && entry.epoch !== NO_PRODUCER_EPOCH) return { kind: "reject", error: Errors.OUT_OF_ORDER_SEQUENCE_NUMBER };
    } else {
      const currentLastSeq = entry.batches.at(-1)?.lastSeq ?? NO_SEQUENCE;
      if (entry.epoch !== NO_PRODUCER_EPOCH && !inSequence(currentLastSeq, firstSeq)) {
        return { kind: "reject", error: Errors.OUT_OF_ORDER_SEQUENCE_NUMBER };
      }
    }
    // appendDataBatch: a non-transactional write while the producer's transaction is open.
    if (entry.currentTxnFirstOffset >= 0 && !batch.isTransactional) return INVALID_TXN_STATE;
    return APPEND;
  }

  /**
   * A coordinator's transactional batch (origin COORDINATOR: TxnOffsetCommit's records): no
   * sequences to check, but an older producer epoch is refused (ProducerAppendInfo.checkProducerEpoch).
   */
  checkCoordinatorBatch(batch: RecordBatch): ProducerCheck {
    const entry = this.producers.get(batch.producerId);
    return entry !== undefined && batch.producerEpoch < entry.epoch ? INVALID_PRODUCER_EPOCH : APPEND;
  }

  /**
   * Validates a transaction marker before the leader appends it (origin COORDINATOR,
   * ProducerAppendInfo.appendEndTxnMarker): a marker for an older producer epoch is refused
   * (checkProducerEpoch), and so is one from a coordinator older than the last marker's
   * (checkCoordinatorEpoch: a zombie coordinator).
   */
  checkMarker(batch: RecordBatch): ProducerCheck {
    const entry = this.producers.get(batch.producerId);
    if (entry === undefined || batch.control === null) return APPEND;
    if (batch.producerEpoch < entry.epoch) return INVALID_PRODUCER_EPOCH;
    if (entry.coordinatorEpoch > batch.control.coordinatorEpoch) return COORDINATOR_FENCED;
    return APPEND;
  }

  /**
   * Records an appended batch (leader or follower; followers never validate). A marker that
   * ends a non-empty transaction returns it; the log indexes it if aborted, then calls
   * `completeTxn`. A marker with no open transaction changes only the epochs.
   */
  update(batch: RecordBatch): CompletedTxn | null {
    if (batch.producerId === NO_PRODUCER_ID) return null;
    if (batch.control !== null) return this.updateMarker(batch);
    if (batch.baseSequence === NO_SEQUENCE && !batch.isTransactional) return null;
    let entry = this.producers.get(batch.producerId);
    if (entry === undefined) {
      entry = { epoch: batch.producerEpoch, batches: [], coordinatorEpoch: -1, currentTxnFirstOffset: -1 };
      this.producers.set(batch.producerId, entry);
    }
    if (batch.producerEpoch !== entry.epoch) {
      entry.epoch = batch.producerEpoch;
      entry.batches = [];
    }
    if (batch.baseSequence !== NO_SEQUENCE) {
      entry.batches.push({
        firstSeq: batch.baseSequence,
        lastSeq: lastSequenceOf(batch),
        firstOffset: batch.baseOffset,
        lastOffset: lastOffsetOf(batch),
      });
      if (entry.batches.length > NUM_BATCHES_TO_RETAIN) entry.batches.shift();
    }
    // appendDataBatch: the first transactional batch begins a transaction (TxnMetadata).
    if (batch.isTransactional && entry.currentTxnFirstOffset < 0) {
      entry.currentTxnFirstOffset = batch.baseOffset;
      this.ongoing.set(batch.baseOffset, batch.producerId);
    }
    return null;
  }

  /** ProducerAppendInfo.appendEndTxnMarker then ProducerStateEntry.update(epoch, coordinatorEpoch). */
  private updateMarker(batch: RecordBatch): CompletedTxn | null {
    // An emptied control batch: the cleaner removed the whole transaction (ProducerAppendInfo.append).
    if (batch.count === 0) return null;
    let entry = this.producers.get(batch.producerId);
    if (entry === undefined) {
      entry = { epoch: batch.producerEpoch, batches: [], coordinatorEpoch: -1, currentTxnFirstOffset: -1 };
      this.producers.set(batch.producerId, entry);
    }
    const first = entry.currentTxnFirstOffset;
    const completed = first >= 0 ? { producerId: batch.producerId, firstOffset: first, lastOffset: batch.baseOffset, isAborted: batch.control!.type === ControlType.ABORT } : null;
    if (batch.producerEpoch !== entry.epoch) {
      entry.epoch = batch.producerEpoch;
      entry.batches = [];
    }
    entry.coordinatorEpoch = batch.control!.coordinatorEpoch;
    entry.currentTxnFirstOffset = -1;
    return completed;
  }

  /**
   * ProducerStateManager.lastStableOffset(completedTxn): the LSO once `txn` completes — the
   * first offset of the earliest other ongoing transaction, else just past its marker.
   */
  lastStableOffset(txn: CompletedTxn): number {
    for (const [firstOffset, producerId] of this.ongoing) if (producerId !== txn.producerId) return firstOffset;
    return txn.lastOffset + 1;
  }

  /** ProducerStateManager.completeTxn: decided, but unstable until the high watermark passes its marker. */
  completeTxn(txn: CompletedTxn): void {
    this.ongoing.delete(txn.firstOffset);
    this.unreplicated.set(txn.firstOffset, { producerId: txn.producerId, lastOffset: txn.lastOffset });
  }

  /** onHighWatermarkUpdated / onLogStartOffsetIncremented: decided transactions wholly below `offset` are stable. */
  removeUnreplicatedTransactions(offset: number): void {
    if (this.unreplicated.size === 0) return;
    for (const [first, txn] of this.unreplicated) if (txn.lastOffset < offset) this.unreplicated.delete(first);
  }

  /**
   * ProducerStateManager.firstUnstableOffset: the first offset of the earliest transaction that
   * is undecided, or decided with its marker not yet below the high watermark; -1 when none.
   */
  firstUnstableOffset(): number {
    if (this.ongoing.size === 0 && this.unreplicated.size === 0) return -1;
    let first = -1;
    for (const offset of this.ongoing.keys()) {
      first = offset;
      break;
    }
    for (const offset of this.unreplicated.keys()) if (first < 0 || offset < first) first = offset;
    return first;
  }

  /** ProducerStateManager.firstUndecidedOffset: the earliest ongoing transaction's first offset; -1 when none. */
  firstUndecidedOffset(): number {
    for (const offset of this.ongoing.keys()) return offset;
    return -1;
  }

  /** ProducerStateEntry.lastDataOffset: the last offset of the producer's last batch, if known. */
  lastDataOffset(producerId: number): number | undefined {
    return this.producers.get(producerId)?.batches.at(-1)?.lastOffset;
  }

  /** The producer's entry as tests and views see it; undefined when unknown. */
  entry(producerId: number): Readonly<{ epoch: number; coordinatorEpoch: number; currentTxnFirstOffset: number; lastSeq: number }> | undefined {
    const e = this.producers.get(producerId);
    return e === undefined ? undefined : { epoch: e.epoch, coordinatorEpoch: e.coordinatorEpoch, currentTxnFirstOffset: e.currentTxnFirstOffset, lastSeq: e.batches.at(-1)?.lastSeq ?? NO_SEQUENCE };
  }

  /** Whether any producer has a transaction open (views, invariants). */
  get hasOngoingTransactions(): boolean {
    return this.ongoing.size > 0;
  }

  clear(): void {
    this.producers.clear();
    this.ongoing.clear();
    this.unreplicated.clear();
  }
}
