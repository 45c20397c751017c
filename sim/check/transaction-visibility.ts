// Which batches of a final log a read_committed reader sees, decided from the log itself: a
// transactional batch is visible once a COMMIT marker of its producer follows it below the high
// watermark, hidden when an ABORT marker does, and undecided (still open, past the last stable
// offset) when none does. Control batches are never records. The checker asks the log, not the
// broker's transaction index, as a consumer's FetchCollector filters by the markers it reads.

import { ControlType, type RecordBatch } from "../../core/protocol/records.ts";

export const Visibility = { VISIBLE: 0, ABORTED: 1, OPEN: 2, CONTROL: 3 } as const;

/** Per batch (in order), its visibility; null when the log holds no transactional batch (all visible). */
export function transactionVisibility(batches: readonly RecordBatch[], highWatermark: number): Uint8Array | null {
  let transactional = false;
  for (const b of batches) {
    if (b.isTransactional || b.control !== null) {
      transactional = true;
      break;
    }
  }
  if (!transactional) return null;
  const out = new Uint8Array(batches.length);
  /** The type of the next marker of each producer, scanning backwards. */
  const nextMarker = new Map<number, number>();
  for (let i = batches.length - 1; i >= 0; i--) {
    const b = batches[i]!;
    if (b.control !== null) {
      out[i] = Visibility.CONTROL;
      if (b.baseOffset < highWatermark) nextMarker.set(b.producerId, b.control.type);
      continue;
    }
    if (!b.isTransactional) continue;
    const marker = nextMarker.get(b.producerId);
    out[i] = marker === ControlType.COMMIT ? Visibility.VISIBLE : marker === ControlType.ABORT ? Visibility.ABORTED : Visibility.OPEN;
  }
  return out;
}
