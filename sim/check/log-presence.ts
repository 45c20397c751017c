// One walk over every committed record of the final logs (below each log's high watermark),
// kept as columns by rid, so the checkers that need "where is this record now" share it.
// The walk is the checker's costliest step on a long run (millions of records scattered in
// memory); walking once instead of once per checker keeps the summary fast.

import { lastOffsetOf, RecordLayout, TOMBSTONE, type RecordBatch } from "../../core/protocol/records.ts";
import type { History } from "./history.ts";

export interface CommittedRecords {
  readonly topic: string;
  readonly batches: readonly RecordBatch[];
  readonly highWatermark: number;
}

export class LogPresence {
  /** Copies of each rid in the committed logs (saturates at 65,535). */
  readonly copies: Uint16Array;
  /** Walk position of each rid's last copy (logs in order, offsets ascending), -1 if absent. */
  readonly lastPosition: Int32Array;
  /** Copies beyond each record's first: Kafka wrote the record more than once. */
  readonly duplicates: number;
  /** Per log (same order as given): whether some producer's records appear out of send order. */
  readonly disordered: boolean[] = [];
  /** Records below the high watermark per topic, and how many of them are tombstones. */
  readonly recordsInLog = new Map<string, number>();
  readonly tombstonesInLog = new Map<string, number>();

  constructor(history: History, logs: readonly CommittedRecords[]) {
    const size = history.size;
    const copies = new Uint16Array(size);
    const lastPosition = new Int32Array(size).fill(-1);
    // Last rid seen per producer in the current log: rids grow in send order, so a log with no
    // step backwards has no reordered pair (the common case needs no inversion count).
    const lastRid = new Float64Array(history.producers.length + 1);
    let position = 0;
    let duplicates = 0;
    for (const log of logs) {
      lastRid.fill(-1);
      let disordered = false;
      let records = 0;
      let tombstones = 0;
      const hw = log.highWatermark;
      for (const b of log.batches) {
        const base = b.baseOffset;
        if (base >= hw) break;
        // Per batch: whether every row is below the HW, whether any can be a tombstone, and its
        // producer (a batch is one producer's, compacted or not), so rows need only their rid.
        const whole = lastOffsetOf(b) < hw;
        const mayHoldTombstones = (b.layout & RecordLayout.VALUE_SIZES) !== 0 || b.valueSize === TOMBSTONE;
        const data = b.data;
        const at = b.at;
        let p = -1;
        for (let i = 0; i < b.count; i++) {
          if (!whole && b.offsetAt(i) >= hw) break;
          records++;
          if (mayHoldTombstones && b.isTombstoneAt(i)) tombstones++;
          const rid = data[at + i]!; // the rid column comes first in every layout
          if (rid >= size) continue;
          const n = copies[rid]!;
          if (n > 0) duplicates++;
          else {
            if (p < 0) p = history.producer(rid);
            if (rid < lastRid[p]!) disordered = true;
            lastRid[p] = rid;
          }
          if (n < 65535) copies[rid] = n + 1;
          lastPosition[rid] = position++;
        }
      }
      this.disordered.push(disordered);
      this.recordsInLog.set(log.topic, (this.recordsInLog.get(log.topic) ?? 0) + records);
      this.tombstonesInLog.set(log.topic, (this.tombstonesInLog.get(log.topic) ?? 0) + tombstones);
    }
    this.duplicates = duplicates;
    this.copies = copies;
    this.lastPosition = lastPosition;
  }
}
