// The idempotent producer's sequence bookkeeping: the part of Kafka's TransactionManager an
// idempotent (non-transactional) producer uses. It holds the producer id and epoch, the next
// sequence per partition, the last sequence the broker acknowledged, and decides how a
// sequence error is resolved (canRetry, KIP-360's epoch bump).

import { Errors, type ErrorCode } from "../protocol/errors.ts";
import { NO_PRODUCER_ID, NO_SEQUENCE } from "../protocol/records.ts";
import type { ProducerBatch } from "./producer-batch.ts";

const SEQUENCE_WRAP = 2147483648;

export class IdempotenceState {
  producerId = NO_PRODUCER_ID;
  producerEpoch = -1;
  private nextSequence: number[] = [];
  /** Last sequence acknowledged per partition, in the current epoch (absent: none). */
  private lastAckedSequence: number[] = [];

  get hasProducerId(): boolean {
    return this.producerId !== NO_PRODUCER_ID;
  }

  assign(producerId: number, producerEpoch: number): void {
    this.producerId = producerId;
    this.producerEpoch = producerEpoch;
  }

  /** Stamps a batch about to be sent for the first time (or again after a reset). */
  stamp(batch: ProducerBatch): void {
    if (batch.baseSequence !== NO_SEQUENCE) return;
    const p = batch.partition;
    batch.producerId = this.producerId;
    batch.producerEpoch = this.producerEpoch;
    batch.baseSequence = this.nextSequence[p] ?? 0;
    // `| 0` (exact: below 2^31) keeps sequences small integers, so the batches that carry them
    // store them unboxed rather than as one heap number each.
    this.nextSequence[p] = ((batch.baseSequence + batch.recordCount) % SEQUENCE_WRAP) | 0;
  }

  acknowledged(batch: ProducerBatch): void {
    if (batch.baseSequence < 0 || batch.producerEpoch !== this.producerEpoch) return;
    this.lastAckedSequence[batch.partition] = (batch.baseSequence + batch.recordCount - 1) % SEQUENCE_WRAP;
  }

  /** True when a permanently failed batch leaves a gap the broker would refuse forever. */
  leavesGap(batch: ProducerBatch): boolean {
    return batch.baseSequence >= 0 && batch.producerEpoch === this.producerEpoch;
  }

  /**
   * TransactionManager.canRetry for an idempotent producer. A batch from an epoch we already
   * left gets a new sequence under the current one (sequenceHasBeenReset). An unknown
   * producer, or an out-of-order error on the very next sequence after the last acknowledged
   * one, means the broker lost our state (a truncated or uncleanly elected log): bump the
   * epoch and start over at sequence 0. Returns true when the batch should simply be retried.
   */
  resolveSequenceError(batch: ProducerBatch, error: ErrorCode, bump: () => void): boolean {
    const sequenceError = error === Errors.OUT_OF_ORDER_SEQUENCE_NUMBER || error === Errors.UNKNOWN_PRODUCER_ID || error === Errors.INVALID_PRODUCER_EPOCH;
    if (!sequenceError || batch.baseSequence < 0) return false;
    if (batch.producerEpoch !== this.producerEpoch) {
      batch.baseSequence = NO_SEQUENCE;
      return true;
    }
    const expected = ((this.lastAckedSequence[batch.partition] ?? -1) + 1) % SEQUENCE_WRAP;
    if (error === Errors.UNKNOWN_PRODUCER_ID || (error === Errors.OUT_OF_ORDER_SEQUENCE_NUMBER && batch.baseSequence === expected)) {
      bump();
      batch.baseSequence = NO_SEQUENCE;
      return true;
    }
    return error === Errors.OUT_OF_ORDER_SEQUENCE_NUMBER; // wait for the earlier batch to resolve
  }

  /** KIP-360's epoch bump, done locally: a new epoch, every partition's sequence back to 0. */
  bumpEpoch(queued: Iterable<ProducerBatch>): void {
    this.producerEpoch++;
    this.nextSequence = [];
    this.lastAckedSequence = [];
    for (const b of queued) b.baseSequence = NO_SEQUENCE;
  }
}
