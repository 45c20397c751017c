// What the cleaner knows of transactions while it walks a log, after Kafka's
// CleanedTransactionMetadata (core/src/main/scala/kafka/log/LogCleaner.scala). Aborted
// transactions (from the transaction index) are taken in as the walk reaches their first
// offset; a transactional batch of one is aborted data the cleaner may drop. An ABORT marker
// is kept while this pass still saw batches of its transaction (and its transaction goes in
// the cleaned segment's index), else it may go; a COMMIT marker may go once no batch of its
// transaction was seen in this pass. "May go" is then subject to the marker's delete horizon.

import { ControlType, lastOffsetOf, type RecordBatch } from "../protocol/records.ts";
import type { AbortedTxn } from "./transaction-index.ts";

interface OngoingAbortedTxn {
  readonly txn: AbortedTxn;
  /** AbortedTransactionMetadata.lastObservedBatchOffset: a batch of it was seen; -1 when none. */
  lastObservedBatchOffset: number;
}

export class CleanedTransactions {
  private readonly ongoingCommitted = new Set<number>();
  private readonly ongoingAborted = new Map<number, OngoingAbortedTxn>();
  /** Taken in by first offset (Kafka's priority queue); the array is kept sorted. */
  private readonly aborted: AbortedTxn[] = [];
  /** The cleaned segment's transaction index, filled while a group is cleaned. */
  cleanedIndex: AbortedTxn[] = [];

  /** addAbortedTransactions: the aborted transactions of the segment about to be walked. */
  addAbortedTransactions(txns: readonly AbortedTxn[]): void {
    if (txns.length === 0) return;
    this.aborted.push(...txns);
    this.aborted.sort((x, y) => x.firstOffset - y.firstOffset);
  }

  private consumeAbortedTxnsUpTo(offset: number): void {
    while (this.aborted.length > 0 && this.aborted[0]!.firstOffset <= offset) {
      const txn = this.aborted.shift()!;
      if (!this.ongoingAborted.has(txn.producerId)) this.ongoingAborted.set(txn.producerId, { txn, lastObservedBatchOffset: -1 });
    }
  }

  /** onControlBatchRead: whether the marker may be discarded. */
  onControlBatchRead(batch: RecordBatch): boolean {
    this.consumeAbortedTxnsUpTo(lastOffsetOf(batch));
    if (batch.count === 0 || batch.control === null) return true; // an emptied control batch: already cleaned
    if (batch.control.type === ControlType.ABORT) {
      const ongoing = this.ongoingAborted.get(batch.producerId);
      this.ongoingAborted.delete(batch.producerId);
      if (ongoing === undefined || ongoing.lastObservedBatchOffset < 0) return true;
      this.cleanedIndex.push(ongoing.txn);
      return false;
    }
    return !this.ongoingCommitted.delete(batch.producerId);
  }

  /** onBatchRead: whether a data batch is part of an aborted transaction (and may be discarded). */
  onBatchRead(batch: RecordBatch): boolean {
    if (this.aborted.length > 0) this.consumeAbortedTxnsUpTo(lastOffsetOf(batch));
    if (!batch.isTransactional) return false;
    const ongoing = this.ongoingAborted.get(batch.producerId);
    if (ongoing !== undefined) {
      ongoing.lastObservedBatchOffset = lastOffsetOf(batch);
      return true;
    }
    this.ongoingCommitted.add(batch.producerId);
    return false;
  }
}
