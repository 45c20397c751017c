// The transaction records of a partition's log, after Kafka's CompletedTxn, AbortedTxn and
// TransactionIndex (storage/.../log/). Each segment keeps the aborted transactions whose
// ABORT marker it holds (Kafka's .txnindex file), in marker order; a READ_COMMITTED fetch
// collects the ones overlapping what it returns, so the consumer can drop their batches.
// The index is derived from the log: it is rebuilt with the producer state on load and after
// truncation, and goes with its segment when retention or the cleaner removes the segment.

/** CompletedTxn: a producer's transaction from its first data offset to its marker's offset. */
export interface CompletedTxn {
  readonly producerId: number;
  readonly firstOffset: number;
  /** The offset of the marker that ended it. */
  readonly lastOffset: number;
  readonly isAborted: boolean;
}

/**
 * AbortedTxn: an aborted transaction, with the last stable offset when its marker was written
 * (ProducerStateManager.lastStableOffset): no aborted transaction indexed after it starts below
 * that, which is what lets a search stop early.
 */
export interface AbortedTxn {
  readonly producerId: number;
  readonly firstOffset: number;
  readonly lastOffset: number;
  readonly lastStableOffset: number;
}

/**
 * TransactionIndex.collectAbortedTxns: the entries overlapping [fetchOffset, upperBoundOffset),
 * appended to `out`; returns true when the search is complete (an entry's LSO reached the upper
 * bound, so no later segment can hold an overlapping one).
 */
export function collectAbortedTxns(index: readonly AbortedTxn[], fetchOffset: number, upperBoundOffset: number, out: AbortedTxn[]): boolean {
  for (const txn of index) {
    if (txn.lastOffset >= fetchOffset && txn.firstOffset < upperBoundOffset) out.push(txn);
    if (txn.lastStableOffset >= upperBoundOffset) return true;
  }
  return false;
}
