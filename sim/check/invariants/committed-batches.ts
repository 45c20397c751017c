// What the leaders of one partition have committed: the header of every batch below a
// leader's high watermark, in offset order. A batch is named by its base and last offset, its
// partition leader epoch and its producer (id, base sequence): under clean elections and
// leader-epoch truncation (KIP-101) no two different batches share a base offset and epoch,
// and the cleaner keeps the whole header (it keeps a batch's offset range), so replicas
// compacted differently still agree on it. Five numbers per batch.

import type { RecordBatch } from "../../../core/protocol/records.ts";

export class CommittedBatches {
  private readonly baseOffsets: number[] = [];
  private readonly lastOffsets: number[] = [];
  private readonly epochs: number[] = [];
  private readonly producerIds: number[] = [];
  private readonly baseSequences: number[] = [];

  /** Base offset of the last batch recorded; -1 when none. */
  get lastBase(): number {
    return this.baseOffsets.length === 0 ? -1 : this.baseOffsets[this.baseOffsets.length - 1]!;
  }

  record(batch: RecordBatch): void {
    this.baseOffsets.push(batch.baseOffset);
    this.lastOffsets.push(batch.baseOffset + batch.lastOffsetDelta);
    this.epochs.push(batch.partitionLeaderEpoch);
    this.producerIds.push(batch.producerId);
    this.baseSequences.push(batch.baseSequence);
  }

  /** null when `batch` is the committed batch at its offset; otherwise what differs. */
  mismatch(batch: RecordBatch): string | null {
    const i = this.indexOf(batch.baseOffset);
    const last = batch.baseOffset + batch.lastOffsetDelta;
    if (i < 0) return `batch ${batch.baseOffset}..${last} (epoch ${batch.partitionLeaderEpoch}), which no leader committed`;
    if (this.lastOffsets[i] !== last || this.epochs[i] !== batch.partitionLeaderEpoch || this.producerIds[i] !== batch.producerId || this.baseSequences[i] !== batch.baseSequence) {
      const header = (lastOffset: number, epoch: number, producerId: number, sequence: number): string =>
        `${batch.baseOffset}..${lastOffset} (epoch ${epoch}, producer ${producerId} sequence ${sequence})`;
      return `batch ${header(last, batch.partitionLeaderEpoch, batch.producerId, batch.baseSequence)} differs from the committed ${header(this.lastOffsets[i]!, this.epochs[i]!, this.producerIds[i]!, this.baseSequences[i]!)}`;
    }
    return null;
  }

  private indexOf(baseOffset: number): number {
    let lo = 0;
    let hi = this.baseOffsets.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = this.baseOffsets[mid]!;
      if (b === baseOffset) return mid;
      if (b < baseOffset) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
