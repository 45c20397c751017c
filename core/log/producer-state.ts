// The broker's idempotent-producer bookkeeping, after Kafka's ProducerStateManager,
// ProducerStateEntry and ProducerAppendInfo (storage/.../log/). For each producer id it keeps
// the epoch and the metadata of the last 5 batches (NUM_BATCHES_TO_RETAIN), which is what
// lets a leader recognise a retried batch and answer with the original offsets instead of
// appending it twice. Every replica rebuilds it from its own log, so a new leader knows too.

import { Errors, type ErrorCode } from "../protocol/errors.ts";
import { lastOffsetOf, lastSequenceOf, NO_PRODUCER_EPOCH, NO_PRODUCER_ID, NO_SEQUENCE, type RecordBatch } from "../protocol/records.ts";

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
}

export type ProducerCheck =
  | { readonly kind: "append" }
  | { readonly kind: "duplicate"; readonly firstOffset: number; readonly lastOffset: number }
  | { readonly kind: "reject"; readonly error: ErrorCode };

const APPEND: ProducerCheck = { kind: "append" };

/** ProducerAppendInfo.inSequence: the next sequence, wrapping at Integer.MAX_VALUE. */
function inSequence(lastSeq: number, nextSeq: number): boolean {
  return nextSeq === lastSeq + 1 || (nextSeq === 0 && lastSeq === 2147483647);
}

export class ProducerStateManager {
  private readonly producers = new Map<number, ProducerStateEntry>();

  get size(): number {
    return this.producers.size;
  }

  /**
   * Validates a batch from a client before the leader appends it
   * (UnifiedLog.analyzeAndValidateProducerState with origin CLIENT).
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
    if (batch.producerEpoch < entry.epoch) return { kind: "reject", error: Errors.INVALID_PRODUCER_EPOCH };
    if (batch.producerEpoch !== entry.epoch) {
      if (firstSeq !== 0 && entry.epoch !== NO_PRODUCER_EPOCH) return { kind: "reject", error: Errors.OUT_OF_ORDER_SEQUENCE_NUMBER };
      return APPEND;
    }
    const currentLastSeq = entry.batches.at(-1)?.lastSeq ?? NO_SEQUENCE;
    if (entry.epoch !== NO_PRODUCER_EPOCH && !inSequence(currentLastSeq, firstSeq)) {
      return { kind: "reject", error: Errors.OUT_OF_ORDER_SEQUENCE_NUMBER };
    }
    return APPEND;
  }

  /** Records an appended batch (leader or follower; followers never validate). */
  update(batch: RecordBatch): void {
    if (batch.producerId === NO_PRODUCER_ID || batch.baseSequence === NO_SEQUENCE) return;
    let entry = this.producers.get(batch.producerId);
    if (entry === undefined) {
      entry = { epoch: batch.producerEpoch, batches: [] };
      this.producers.set(batch.producerId, entry);
    }
    if (batch.producerEpoch !== entry.epoch) {
      entry.epoch = batch.producerEpoch;
      entry.batches = [];
    }
    entry.batches.push({
      firstSeq: batch.baseSequence,
      lastSeq: lastSequenceOf(batch),
      firstOffset: batch.baseOffset,
      lastOffset: lastOffsetOf(batch),
    });
    if (entry.batches.length > NUM_BATCHES_TO_RETAIN) entry.batches.shift();
  }

  /** ProducerStateEntry.lastDataOffset: the last offset of the producer's last batch, if known. */
  lastDataOffset(producerId: number): number | undefined {
    return this.producers.get(producerId)?.batches.at(-1)?.lastOffset;
  }

  clear(): void {
    this.producers.clear();
  }

}
