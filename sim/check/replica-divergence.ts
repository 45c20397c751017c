// Replica agreement: every in-sync replica's log must hold the same records at the same
// offsets as the leader's, up to the high watermark (the invariant KIP-101 restored).
// A replica that disagrees has a diverged log: it will serve different data if it leads.

import type { RecordBatch } from "../../core/protocol/records.ts";

/** Offsets below `upTo` where the two logs hold different records (or one has a gap). */
export function divergentOffsets(leader: readonly RecordBatch[], replica: readonly RecordBatch[], upTo: number): number {
  const byOffset = new Map<number, number>();
  for (const b of leader) {
    if (b.baseOffset >= upTo) break;
    for (const r of b.records) byOffset.set(b.baseOffset + r.offsetDelta, r.rid);
  }
  let differing = 0;
  let seen = 0;
  for (const b of replica) {
    if (b.baseOffset >= upTo) break;
    for (const r of b.records) {
      const offset = b.baseOffset + r.offsetDelta;
      if (offset >= upTo) break;
      seen++;
      if (byOffset.get(offset) !== r.rid) differing++;
    }
  }
  // Offsets the leader has below upTo that the replica lacks also count.
  let leaderCount = 0;
  for (const k of byOffset.keys()) if (k < upTo) leaderCount++;
  return differing + Math.max(0, leaderCount - seen);
}
