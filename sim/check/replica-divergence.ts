// Replica agreement: every in-sync replica's log must hold the same records at the same
// offsets as the leader's, up to the high watermark (the invariant KIP-101 restored).
// A replica that disagrees has a diverged log: it will serve different data if it leads.

import type { RecordBatch } from "../../core/protocol/records.ts";

/**
 * Offsets below `upTo` where the two logs differ: a different record, or a record one side
 * has and the other lacks. Walks both logs in offset order; batches shared by reference
 * (a follower appends the leader's batch objects) are skipped whole.
 */
export function divergentOffsets(leader: readonly RecordBatch[], replica: readonly RecordBatch[], upTo: number): number {
  let differing = 0;
  let i = 0;
  let j = 0;
  let ri = 0;
  let rj = 0;
  for (;;) {
    const a = leader[i];
    const b = replica[j];
    if (a === b && a !== undefined && ri === 0 && rj === 0) {
      // The same batch object on both sides (the usual case): nothing in it can differ.
      if (a.baseOffset >= upTo) return differing;
      i++;
      j++;
      continue;
    }
    const aOffset = a === undefined ? Infinity : (ri < a.count ? a.offsetAt(ri) : Infinity);
    const bOffset = b === undefined ? Infinity : (rj < b.count ? b.offsetAt(rj) : Infinity);
    if (a !== undefined && ri >= a.count) {
      i++;
      ri = 0;
      continue;
    }
    if (b !== undefined && rj >= b.count) {
      j++;
      rj = 0;
      continue;
    }
    if (Math.min(aOffset, bOffset) >= upTo) return differing;
    if (aOffset === bOffset) {
      if (a!.ridAt(ri) !== b!.ridAt(rj)) differing++;
      ri++;
      rj++;
    } else if (aOffset < bOffset) {
      differing++;
      ri++;
    } else {
      differing++;
      rj++;
    }
  }
}
