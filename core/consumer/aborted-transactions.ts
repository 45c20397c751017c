// What a READ_COMMITTED consumer skips in one fetched partition, after Kafka's CompletedFetch
// (clients/.../consumer/internals/CompletedFetch.java): the response's aborted transactions,
// ordered by first offset, are taken in as batches reach them (consumeAbortedTransactionsUpTo);
// a transactional batch of a producer taken in is aborted data and skipped (isBatchAborted);
// that producer's ABORT marker ends it (containsAbortMarker). Control batches themselves are
// skipped by the caller at every isolation level.

import type { AbortedTransaction } from "../protocol/messages.ts";
import { ControlType, lastOffsetOf, NO_PRODUCER_ID, type RecordBatch } from "../protocol/records.ts";

export class AbortedTransactions {
  /** The response's list by first offset (CompletedFetch's priority queue). */
  private readonly queue: readonly AbortedTransaction[];
  private next = 0;
  /** CompletedFetch.abortedProducerIds. */
  private readonly producerIds = new Set<number>();

  constructor(list: readonly AbortedTransaction[]) {
    this.queue = [...list].sort((x, y) => x.firstOffset - y.firstOffset);
  }

  /**
   * Whether `batch` is aborted data to skip. Asked each time the batch is reached (a batch
   * poll() drains in parts is asked again), which is harmless: taking in is monotonic and only
   * an ABORT marker, read once, removes a producer.
   */
  skips(batch: RecordBatch): boolean {
    if (batch.producerId === NO_PRODUCER_ID) return false;
    const last = lastOffsetOf(batch);
    while (this.next < this.queue.length && this.queue[this.next]!.firstOffset <= last) this.producerIds.add(this.queue[this.next++]!.producerId);
    if (batch.control !== null) {
      if (batch.control.type === ControlType.ABORT && batch.count > 0) this.producerIds.delete(batch.producerId);
      return false;
    }
    return batch.isTransactional && this.producerIds.has(batch.producerId);
  }
}
