// The durability checker. It reads only two things: the client-side history (what was sent,
// acknowledged, failed) and the final committed log of every partition (the leader's log up
// to its high watermark, after faults are healed and the cluster settled). From them:
// acknowledged records that are not in the committed log (lost), records present more than
// once (duplicates), and pairs from one producer to one partition whose log order differs
// from their send order (reordering). It never asks a broker what it believes it stored.
// Records that retention or compaction removed as Kafka promises (retention-removals.ts) are
// counted apart (`removedByRetention`, `removedByCompaction`), not as lost.

import type { RecordBatch } from "../../core/protocol/records.ts";
import { History, Outcome } from "./history.ts";
import { LogPresence } from "./log-presence.ts";
import { Removal, type RemovalRules } from "./retention-removals.ts";

export interface CommittedLog {
  readonly topic: string;
  readonly partition: number;
  readonly batches: readonly RecordBatch[];
  readonly highWatermark: number;
  /** Records missing from this log that retention or compaction may have removed (the consumer checker excuses them too). */
  readonly removals?: RemovalRules;
}

export interface LostRecord {
  readonly rid: number;
  readonly topic: string;
  readonly partition: number;
  /** The offset the producer was told (-1 for acks=0). */
  readonly ackOffset: number;
  readonly sentMs: number;
  readonly ackedMs: number;
}

export interface DurabilityReport {
  readonly acknowledgedLost: number;
  readonly duplicates: number;
  readonly outOfOrder: number;
  /** Records in the committed logs that were sent but whose send failed or never completed. */
  readonly unacknowledgedPresent: number;
  /** Acknowledged records missing because retention deleted their segment (below the log start offset). */
  readonly removedByRetention: number;
  /** Acknowledged records missing because compaction removed them (superseded by a later record of their key, removed tombstones, records without a key). */
  readonly removedByCompaction: number;
  /** The first lost records, for finding them on the timeline. */
  readonly lost: readonly LostRecord[];
}

const MAX_LISTED = 100;

export function checkDurability(history: History, logs: readonly CommittedLog[], removals?: RemovalRules, presence = new LogPresence(history, logs)): DurabilityReport {
  const copies = presence.copies;
  const duplicates = presence.duplicates;
  let outOfOrder = 0;
  for (let i = 0; i < logs.length; i++) if (presence.disordered[i]) outOfOrder += countLogInversions(history, logs[i]!);
  let acknowledgedLost = 0;
  let unacknowledgedPresent = 0;
  let removedByRetention = 0;
  let removedByCompaction = 0;
  const lost: LostRecord[] = [];
  for (let rid = 0; rid < history.size; rid++) {
    const outcome = history.outcomeOf(rid);
    if (outcome === Outcome.ACKED && copies[rid] === 0) {
      const removal = removals?.kindOf(rid) ?? Removal.NONE;
      if (removal === Removal.RETENTION) {
        removedByRetention++;
        continue;
      }
      if (removal === Removal.COMPACTION) {
        removedByCompaction++;
        continue;
      }
      acknowledgedLost++;
      if (lost.length < MAX_LISTED) {
        lost.push({
          rid,
          topic: history.topic(rid),
          partition: history.partition(rid),
          ackOffset: history.ackOffset(rid),
          sentMs: history.sentAtUs(rid) / 1000,
          ackedMs: history.doneAtUs(rid) / 1000,
        });
      }
    } else if (outcome !== Outcome.ACKED && copies[rid]! > 0) unacknowledgedPresent++;
  }
  return { acknowledgedLost, duplicates, outOfOrder, unacknowledgedPresent, removedByRetention, removedByCompaction, lost };
}

/** Reordered pairs in one log: first occurrences of each record, per producer. */
function countLogInversions(history: History, log: CommittedLog): number {
  const seen = new Set<number>();
  const firstSeen: number[][] = [];
  for (const b of log.batches) {
    if (b.baseOffset >= log.highWatermark) break;
    for (let i = 0; i < b.count; i++) {
      const rid = b.ridAt(i);
      if (b.offsetAt(i) >= log.highWatermark) break;
      if (rid >= history.size || seen.has(rid)) continue;
      seen.add(rid);
      (firstSeen[history.producer(rid)] ??= []).push(rid);
    }
  }
  let n = 0;
  for (const seq of firstSeen) if (seq !== undefined) n += countInversions(seq);
  return n;
}

/** Pairs i < j with seq[i] > seq[j] (rids grow in send order per producer), by merge sort. */
export function countInversions(seq: number[]): number {
  const a = seq.slice();
  const tmp = new Array<number>(a.length);
  let count = 0;
  for (let width = 1; width < a.length; width *= 2) {
    for (let lo = 0; lo < a.length; lo += 2 * width) {
      const mid = Math.min(lo + width, a.length);
      const hi = Math.min(lo + 2 * width, a.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (a[i]! <= a[j]!) tmp[k++] = a[i++]!;
        else {
          count += mid - i;
          tmp[k++] = a[j++]!;
        }
      }
      while (i < mid) tmp[k++] = a[i++]!;
      while (j < hi) tmp[k++] = a[j++]!;
      for (let m = lo; m < hi; m++) a[m] = tmp[m]!;
    }
  }
  return count;
}
