// The idempotent producer's sequence bookkeeping: the part of Kafka's TransactionManager (and
// its TxnPartitionMap) an idempotent, non-transactional producer uses. It holds the producer id
// and epoch, and per partition the epoch its sequences belong to, the next sequence and the
// last one the broker acknowledged; it decides how a sequence error is resolved (canRetry),
// tracks sequences left unknown by expired batches, and carries out KIP-360's epoch bump.

import { Errors, type ErrorCode } from "../protocol/errors.ts";
import { NO_PRODUCER_ID, NO_SEQUENCE } from "../protocol/records.ts";
import type { ProducerBatch } from "./producer-batch.ts";

const SEQUENCE_WRAP = 2147483648;
const NO_LAST_ACKED_SEQUENCE = -1;

/** TxnPartitionEntry: one partition's sequence state, under the epoch it was started in. */
interface PartitionSequences {
  epoch: number;
  nextSequence: number;
  lastAckedSequence: number;
}

export class IdempotenceState {
  producerId = NO_PRODUCER_ID;
  producerEpoch = -1;
  private readonly partitions: (PartitionSequences | undefined)[] = [];
  /**
   * TransactionManager.partitionsWithUnresolvedSequences: partitions where a batch that had been
   * sent failed on delivery.timeout.ms, so whether the broker has its sequences is unknown; the
   * value is the sequence after the highest such batch.
   */
  private readonly unresolved = new Map<number, number>();
  /** partitionsToRewriteSequences: the partitions whose gap asks for the next epoch bump. */
  private readonly toRewrite = new Set<number>();

  get hasProducerId(): boolean {
    return this.producerId !== NO_PRODUCER_ID;
  }

  assign(producerId: number, producerEpoch: number): void {
    this.producerId = producerId;
    this.producerEpoch = producerEpoch;
  }

  /**
   * Stamps a batch about to be sent for the first time. A partition whose sequences belong to an
   * earlier epoch starts again at 0 (maybeUpdateProducerIdAndEpoch): the Sender drains such a
   * partition only once none of its batches are pending (see isStale).
   */
  stamp(batch: ProducerBatch): void {
    if (batch.baseSequence !== NO_SEQUENCE) return;
    const p = batch.partition;
    let state = this.partitions[p];
    if (state === undefined || state.epoch !== this.producerEpoch) {
      state = { epoch: this.producerEpoch, nextSequence: 0, lastAckedSequence: NO_LAST_ACKED_SEQUENCE };
      this.partitions[p] = state;
    }
    batch.producerId = this.producerId;
    batch.producerEpoch = this.producerEpoch;
    batch.baseSequence = state.nextSequence;
    // `| 0` (exact: below 2^31) keeps sequences small integers, so the batches that carry them
    // store them unboxed rather than as one heap number each.
    state.nextSequence = ((batch.baseSequence + batch.recordCount) % SEQUENCE_WRAP) | 0;
  }

  /** hasStaleProducerIdAndEpoch: the partition's sequences belong to an epoch we left. */
  isStale(partition: number): boolean {
    const state = this.partitions[partition];
    return state !== undefined && state.epoch !== this.producerEpoch;
  }

  /** handleCompletedBatch → maybeUpdateLastAckedSequence. */
  acknowledged(batch: ProducerBatch): void {
    const state = this.partitions[batch.partition];
    if (batch.baseSequence < 0 || state === undefined || batch.producerEpoch !== state.epoch) return;
    const last = (batch.baseSequence + batch.recordCount - 1) % SEQUENCE_WRAP;
    if (last > state.lastAckedSequence) state.lastAckedSequence = last;
  }

  /** TransactionManager.markSequenceUnresolved: an expired batch that had been sent before. */
  markSequenceUnresolved(batch: ProducerBatch): void {
    if (batch.baseSequence < 0 || batch.producerEpoch !== this.partitions[batch.partition]?.epoch) return;
    const next = (batch.baseSequence + batch.recordCount) % SEQUENCE_WRAP;
    const known = this.unresolved.get(batch.partition);
    this.unresolved.set(batch.partition, known === undefined ? next : Math.max(known, next));
  }

  hasUnresolvedSequence(partition: number): boolean {
    return this.unresolved.has(partition);
  }

  /**
   * TransactionManager.maybeResolveSequences for the partitions with nothing pending: resolved
   * when the broker acknowledged every sequence handed out (a later batch succeeded); otherwise
   * the expired batches left a gap and the partition asks for an epoch bump.
   */
  maybeResolveSequences(hasPending: (partition: number) => boolean): void {
    for (const partition of this.unresolved.keys()) {
      if (hasPending(partition)) continue;
      this.unresolved.delete(partition);
      if (!this.isNextSequence(partition, this.partitions[partition]?.nextSequence ?? 0)) this.requestEpochBumpForPartition(partition);
    }
  }

  private isNextSequence(partition: number, sequence: number): boolean {
    return sequence - (this.partitions[partition]?.lastAckedSequence ?? NO_LAST_ACKED_SEQUENCE) === 1;
  }

  /** A permanently failed batch left a gap the broker would refuse forever (handleFailedBatch). */
  requestEpochBumpForPartition(partition: number): void {
    this.toRewrite.add(partition);
  }

  get epochBumpRequired(): boolean {
    return this.toRewrite.size > 0;
  }

  /**
   * bumpIdempotentProducerEpoch (KIP-360, done locally): the next epoch; the partitions that
   * asked for it restart at sequence 0 with their pending batches (sent and not done, retries
   * included) renumbered in sequence order (TxnPartitionEntry.startSequencesAtBeginning). Other
   * partitions keep their sequences until their pending batches are done (isStale).
   */
  bumpEpoch(pendingOf: (partition: number) => ProducerBatch[]): void {
    this.producerEpoch++;
    for (const p of this.toRewrite) {
      let sequence = 0;
      for (const batch of pendingOf(p).sort((a, b) => a.baseSequence - b.baseSequence)) {
        batch.producerId = this.producerId;
        batch.producerEpoch = this.producerEpoch;
        batch.baseSequence = sequence;
        batch.sequenceHasBeenReset = true;
        sequence = ((sequence + batch.recordCount) % SEQUENCE_WRAP) | 0;
      }
      this.partitions[p] = { epoch: this.producerEpoch, nextSequence: sequence, lastAckedSequence: NO_LAST_ACKED_SEQUENCE };
      this.unresolved.delete(p);
    }
    this.toRewrite.clear();
  }

  /**
   * TransactionManager.canRetry for an idempotent producer; returns true when the batch should be
   * retried. UNKNOWN_PRODUCER_ID means the broker lost our state (a truncated or uncleanly elected
   * log): bump the epoch and retry, unless the batch was already renumbered by a bump. An
   * out-of-order error on the very next sequence after the last acknowledged one is a real gap:
   * bump; on a later batch it only waits for the earlier one. While the partition has unresolved
   * sequences the bump waits for the batch right after them (isNextSequenceForUnresolvedPartition).
   * Anything else (INVALID_PRODUCER_EPOCH included: InvalidProducerEpochException is not
   * retriable) is the Sender's ordinary retry-or-fail decision.
   */
  resolveSequenceError(batch: ProducerBatch, error: ErrorCode): boolean {
    if (batch.baseSequence < 0) return false;
    const p = batch.partition;
    switch (error) {
      case Errors.UNKNOWN_PRODUCER_ID:
        if (!batch.sequenceHasBeenReset) this.requestEpochBumpForPartition(p);
        return true;
      case Errors.OUT_OF_ORDER_SEQUENCE_NUMBER: {
        const unresolvedNext = this.unresolved.get(p);
        if (unresolvedNext === undefined && (batch.sequenceHasBeenReset || !this.isNextSequence(p, batch.baseSequence))) return true;
        if (unresolvedNext === undefined || batch.baseSequence === unresolvedNext) this.requestEpochBumpForPartition(p);
        return true;
      }
      default:
        return false;
    }
  }
}
