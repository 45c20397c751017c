// A checker as naive as it can be, to hold the real one (range arithmetic over batches,
// typed arrays by rid) to account: every record of every final log is visited one by one into
// Maps and Sets, and every rid of the history is asked about one by one.

import type { Cluster } from "../../sim/run/cluster.ts";
import { committedLogs } from "../../sim/run/runner.ts";
import { Outcome } from "../../sim/check/history.ts";

export interface NaiveDurability {
  /** Acknowledged records in no final log (the real checker splits these into lost and removed). */
  acknowledgedMissing: number;
  duplicates: number;
  outOfOrder: number;
  unacknowledgedPresent: number;
}

export interface NaiveGroup {
  consumed: number;
  processedTwice: number;
  committedNotConsumed: number;
  neverProcessed: number;
}

export function naiveDurability(cluster: Cluster): NaiveDurability {
  const { history } = cluster;
  const copies = new Map<number, number>();
  let duplicates = 0;
  let outOfOrder = 0;
  for (const log of committedLogs(cluster).logs) {
    const firstSeen = new Map<number, number[]>(); // producer → rids in log order, first copies only
    for (const b of log.batches) {
      for (let i = 0; i < b.count; i++) {
        if (b.offsetAt(i) >= log.highWatermark) continue;
        const rid = b.ridAt(i);
        if (rid < 0) continue;
        const n = copies.get(rid) ?? 0;
        copies.set(rid, n + 1);
        if (n > 0) {
          duplicates++;
          continue;
        }
        const p = history.producer(rid);
        if (!firstSeen.has(p)) firstSeen.set(p, []);
        firstSeen.get(p)!.push(rid);
      }
    }
    for (const rids of firstSeen.values()) {
      for (let i = 0; i < rids.length; i++) for (let j = i + 1; j < rids.length; j++) if (rids[i]! > rids[j]!) outOfOrder++;
    }
  }
  let acknowledgedMissing = 0;
  let unacknowledgedPresent = 0;
  for (let rid = 0; rid < history.size; rid++) {
    const acked = history.outcomeOf(rid) === Outcome.ACKED;
    if (acked && !copies.has(rid)) acknowledgedMissing++;
    if (!acked && copies.has(rid)) unacknowledgedPresent++;
  }
  return { acknowledgedMissing, duplicates, outOfOrder, unacknowledgedPresent };
}

export function naiveGroup(cluster: Cluster, group: string): NaiveGroup {
  const h = cluster.consumerHistory.groups.get(group)!;
  const times = new Map<number, number>();
  for (let k = 0; k < h.rangeCount; k++) {
    const b = h.rangeBatch(k);
    for (let i = h.rangeFrom(k); i < h.rangeTo(k); i++) times.set(b.ridAt(i), (times.get(b.ridAt(i)) ?? 0) + 1);
  }
  let committedNotConsumed = 0;
  let neverProcessed = 0;
  const inLog = new Set<number>();
  for (const log of committedLogs(cluster).logs) {
    if (log.topic !== h.topic) continue;
    const committed = h.committed.get(log.partition);
    const start = committed === undefined ? 0 : (h.startOffsets.get(log.partition) ?? committed);
    for (const b of log.batches) {
      for (let i = 0; i < b.count; i++) {
        const offset = b.offsetAt(i);
        if (offset >= log.highWatermark) continue;
        const rid = b.ridAt(i);
        if (!times.has(rid) && committed !== undefined && offset >= start && offset < committed) neverProcessed++;
        if (inLog.has(rid)) continue;
        inLog.add(rid);
        if (!times.has(rid)) committedNotConsumed++;
      }
    }
  }
  return { consumed: times.size, processedTwice: [...times.values()].filter((n) => n > 1).length, committedNotConsumed, neverProcessed };
}
