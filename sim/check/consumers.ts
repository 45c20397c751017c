// The consumer checker. Like the durability checker it reads only the client-side history
// (what each group's application processed, committed and was assigned) and the final
// committed logs (leader log up to the HW, after healing and settling). Per group:
// - consumed: distinct records the group's application processed;
// - processedTwice: distinct records processed more than once (at-least-once redelivery
//   after a crash, a rebalance or a failed commit);
// - neverProcessed: records in the final committed log at offsets in [start, committed) of
//   their partition that no member processed, where `committed` is the group's last
//   successful commit and `start` the lowest position the group ever began that partition
//   from (its first committed offset or auto.offset.reset) — the at-most-once loss;
// - committedNotConsumed: records in the final committed log that the group never processed
//   at all (Kafka's ReplicationTest: every acknowledged record is consumed); only meaningful
//   for a group that reads from the beginning (auto.offset.reset=earliest) to the end;
// - seenNotCommitted: records a member processed that are not in the final committed log
//   (a consumer read past the HW, or the log lost a record it had served) — must be 0;
//   records that retention or compaction removed afterwards (CommittedLog.removals) are not counted;
//   0 unless the log was truncated under a consumer (an unclean election), which the consumer
//   detects when it validates its position (KIP-320):
// - logTruncations: truncations members detected; truncatedBehindPosition: the offsets they
//   had read past the end offset the new leader returned (sum of position − end offset);
// - rebalances: generations that gave members an assignment after the first one, where the
//   follow-up round of a cooperative rebalance (a member revoked partitions) counts once;
//   for a KIP-848 group (group.protocol=consumer), group epochs that moved a partition from one
//   member to another (see countEpochMoves);
// - deliveredAtOrAboveHw and ownershipConflicts: invariant violations (a poll returning a
//   record at or above the HW its fetch reported; a partition delivered to two members in
//   the same generation — for KIP-848, the same member epoch: a partition's new owner is at a
//   later epoch than the member that revoked it). Both must be 0.

import type { CommittedLog } from "./durability.ts";
import type { GroupHistory } from "./consumer-history.ts";

export interface GroupReport {
  /** Distinct records the group processed. */
  consumed: number;
  /** Distinct records the group processed more than once. */
  processedTwice: number;
  /** Records below the group's final committed offset that no member processed. */
  neverProcessed: number;
  /** Records in the final committed log that the group never processed at all. */
  committedNotConsumed: number;
  /** Records processed that are not in the final committed log (0 without unclean truncation). */
  seenNotCommitted: number;
  /** KIP-320 log truncations the group's members detected, and the offsets they had read past the divergence. */
  logTruncations: number;
  truncatedBehindPosition: number;
  rebalances: number;
  /** Generations that handed out assignments. */
  generations: number;
  /** Invariant violations, must be 0: records delivered at/above the HW; partitions delivered to two members of one generation. */
  deliveredAtOrAboveHw: number;
  ownershipConflicts: number;
  /** Members in the last generation, and those of them that got no partition. */
  members: number;
  idleMembers: number;
  /** Longest time a partition went without a processed record (between two of its records). */
  longestStallMs: number;
  /** Partitions that went more than 1 s without a processed record at some point. */
  stalledPartitions: number;
  /** Records processed after one their producer sent later (order holds per partition only). */
  outOfSendOrder: number;
  /** …of those, records that share a key with the later one (must be 0 for keyed ordering). */
  keyOrderViolations: number;
}

/**
 * Order as the application saw it, over first processings in processing order: records of one
 * producer processed after one it sent later (`outOfSendOrder`: Kafka orders within a partition
 * only), and those that also share a key (`keyOrderViolations`: must be 0 with the default
 * partitioner and idempotence — what keyed ordering promises).
 */
function processingOrder(h: GroupHistory, first: Uint8Array, producerOf: (rid: number) => number, keyOf: ((rid: number) => number) | null): { outOfSendOrder: number; keyOrderViolations: number } {
  const maxRidOfProducer: number[] = [];
  // Per producer, the last rid processed of each key id (-1: none yet), grown as ids come.
  const lastRidOfKey: Float64Array[] = [];
  let outOfSendOrder = 0;
  let keyOrderViolations = 0;
  let i = 0;
  h.forEachRid((rid) => {
    if (first[i++] === 0) return;
    const p = producerOf(rid);
    if (rid < (maxRidOfProducer[p] ?? -1)) outOfSendOrder++;
    else maxRidOfProducer[p] = rid;
    const k = keyOf?.(rid) ?? -1;
    if (k < 0) return;
    let last = lastRidOfKey[p];
    if (last === undefined || k >= last.length) {
      const grown = new Float64Array(Math.max(1024, 2 * k + 2)).fill(-1);
      if (last !== undefined) grown.set(last);
      lastRidOfKey[p] = last = grown;
    }
    if (rid < last[k]!) keyOrderViolations++;
    else last[k] = rid;
  });
  return { outOfSendOrder, keyOrderViolations };
}

export function checkGroup(
  h: GroupHistory,
  logs: readonly CommittedLog[],
  producerOf: (rid: number) => number = () => 0,
  keyOf: ((rid: number) => number) | null = null,
): GroupReport {
  // Per-record facts live in typed arrays indexed by rid: a long run has millions of records.
  let size = 0;
  h.forEachRid((rid) => {
    if (rid >= size) size = rid + 1;
  });
  for (const log of logs) {
    if (log.topic !== h.topic) continue;
    for (const b of log.batches) for (let i = 0; i < b.count; i++) if (b.ridAt(i) >= size) size = b.ridAt(i) + 1;
  }
  const inLog = new Uint8Array(size);
  const counts = new Uint8Array(size); // saturates at 255: only 0, 1 and "more" matter
  // first[i]: processed entry i is its record's first processing.
  const first = new Uint8Array(h.processedCount);
  let consumed = 0;
  let processedTwice = 0;
  let entry = 0;
  h.forEachRid((rid) => {
    const n = counts[rid]!;
    if (n === 0) {
      consumed++;
      first[entry] = 1;
    } else if (n === 1) processedTwice++;
    if (n < 255) counts[rid] = n + 1;
    entry++;
  });
  let neverProcessed = 0;
  for (const log of logs) {
    if (log.topic !== h.topic) continue;
    const committed = h.committed.get(log.partition);
    const start = committed === undefined ? 0 : (h.startOffsets.get(log.partition) ?? committed);
    for (const b of log.batches) {
      for (let i = 0; i < b.count; i++) {
        const rid = b.ridAt(i);
        const offset = b.offsetAt(i);
        if (offset >= log.highWatermark) break;
        inLog[rid] = 1;
        if (committed !== undefined && offset >= start && offset < committed && counts[rid] === 0) neverProcessed++;
      }
    }
  }
  let seenNotCommitted = 0;
  let committedNotConsumed = 0;
  const removals = logs.find((l) => l.topic === h.topic && l.removals !== undefined)?.removals;
  for (let rid = 0; rid < size; rid++) {
    if (counts[rid]! > 0 && inLog[rid] === 0 && (removals === undefined || removals.kindOf(rid) === 0)) seenNotCommitted++;
    if (inLog[rid] === 1 && counts[rid] === 0) committedNotConsumed++;
  }
  const { rebalances, generations } = h.protocol === "consumer" ? countEpochMoves(h) : countRebalances(h);
  return {
    consumed,
    processedTwice,
    neverProcessed,
    committedNotConsumed,
    seenNotCommitted,
    logTruncations: h.truncations.length,
    truncatedBehindPosition: h.truncations.reduce((n, t) => n + (t.endOffset >= 0 ? Math.max(0, t.position - t.endOffset) : 0), 0),
    rebalances,
    generations,
    deliveredAtOrAboveHw: h.deliveredAtOrAboveHw,
    ownershipConflicts: h.ownershipConflicts.size,
    ...(h.protocol === "consumer" ? latestAssignments(h) : lastGeneration(h)),
    ...stalls(h),
    ...processingOrder(h, first, producerOf, keyOf),
  };
}

function countRebalances(h: GroupHistory): { rebalances: number; generations: number } {
  const revokedIn = new Map<number, boolean>();
  for (const a of h.assignments) revokedIn.set(a.generation, (revokedIn.get(a.generation) ?? false) || a.revoked > 0);
  const gens = [...revokedIn.keys()].sort((a, b) => a - b);
  let rebalances = 0;
  for (let i = 1; i < gens.length; i++) {
    const g = gens[i]!;
    // The second round of a cooperative rebalance follows a generation in which someone revoked.
    if (revokedIn.get(g - 1) === true && gens[i - 1] === g - 1) continue;
    rebalances++;
  }
  return { rebalances, generations: gens.length };
}

/**
 * KIP-848 has no group-wide rebalance: members move partitions one group epoch at a time. A
 * rebalance is a group epoch at which a member was given a partition another member had owned
 * (the owner revoked it first). A group also forms one member, one epoch, at a time, with no
 * initial delay to gather them: members that start together make moves that count too (three
 * starting together: the first takes every partition, the next two epochs move some).
 * `generations` is the number of distinct member epochs that came with an assignment.
 */
function countEpochMoves(h: GroupHistory): { rebalances: number; generations: number } {
  const lastOwner = new Map<number, string>();
  const owned = new Map<string, ReadonlySet<number>>();
  const moves = new Set<number>();
  const epochs = new Set<number>();
  for (const a of h.assignments) {
    if (a.generation >= 0) epochs.add(a.generation);
    const before = owned.get(a.member) ?? new Set<number>();
    for (const p of a.partitions) {
      if (before.has(p)) continue;
      const owner = lastOwner.get(p);
      if (owner !== undefined && owner !== a.member) moves.add(a.generation);
      lastOwner.set(p, a.member);
    }
    owned.set(a.member, new Set(a.partitions));
  }
  return { rebalances: moves.size, generations: epochs.size };
}

/** KIP-848: members are at different epochs, so each member's latest assignment counts. */
function latestAssignments(h: GroupHistory): { members: number; idleMembers: number } {
  const latest = new Map<string, number>();
  for (const a of h.assignments) latest.set(a.member, a.partitions.length);
  let idle = 0;
  for (const n of latest.values()) if (n === 0) idle++;
  return { members: latest.size, idleMembers: idle };
}

function lastGeneration(h: GroupHistory): { members: number; idleMembers: number } {
  let last = -1;
  for (const a of h.assignments) if (a.generation > last) last = a.generation;
  const latest = new Map<string, number>();
  for (const a of h.assignments) if (a.generation === last) latest.set(a.member, a.partitions.length);
  let idle = 0;
  for (const n of latest.values()) if (n === 0) idle++;
  return { members: latest.size, idleMembers: idle };
}

/**
 * Per partition, the longest time without a processed record: gaps between ranges (in the
 * order their processing ended) and inside them. Where two members processed one partition
 * at once, a gap inside one range may be shorter in the union of both: it counts in full.
 */
function stalls(h: GroupHistory): { longestStallMs: number; stalledPartitions: number } {
  const reach = new Map<number, number>();
  const gapOf = new Map<number, number>();
  for (const k of h.rangesByTime()) {
    const p = h.rangePartition(k);
    const prev = reach.get(p);
    let gap = Math.max(gapOf.get(p) ?? 0, h.rangeLongestGapUs(k));
    if (prev !== undefined) gap = Math.max(gap, h.rangeFirstDoneUs(k) - prev);
    gapOf.set(p, gap);
    reach.set(p, Math.max(prev ?? -Infinity, h.rangeLastDoneUs(k)));
  }
  let longest = 0;
  let stalled = 0;
  for (const gap of gapOf.values()) {
    longest = Math.max(longest, gap);
    if (gap > 1_000_000) stalled++;
  }
  return { longestStallMs: Math.round(longest / 1000), stalledPartitions: stalled };
}
