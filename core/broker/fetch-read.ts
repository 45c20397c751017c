// What a leader reads for a Fetch (ReplicaManager.readFromLog, Partition.fetchRecords): per
// partition the error a fetcher must hear (unknown partition, not the leader, a fenced or
// unknown leader epoch), a diverging epoch for a follower whose log went another way
// (KIP-320/KIP-595), OFFSET_OUT_OF_RANGE, or the batches from the fetch offset — up to the
// log end for followers, the high watermark for READ_UNCOMMITTED consumers, the last stable
// offset for READ_COMMITTED ones (FetchIsolation.TXN_COMMITTED), which also hear the aborted
// transactions overlapping what they got — within the fetch's byte budget.
// With racks (KIP-392): a leader with the rack-aware selector sends a consumer in another
// rack to a replica in its own (preferredReadReplica, no records), and a follower serves such
// a consumer up to its own high watermark (or last stable offset).

import { Errors, type ErrorCode } from "../protocol/errors.ts";
import { IsolationLevel, type AbortedTransaction, type FetchPartition, type FetchPartitionResponse, type FetchRequest } from "../protocol/messages.ts";
import type { PartitionLog } from "../log/partition-log.ts";
import { lastOffsetOf, type RecordBatch } from "../protocol/records.ts";
import type { Partition } from "./partition.ts";
import { findPreferredReadReplica } from "./rack-aware-replica-selector.ts";

/** A fetch's reads: the responses, their bytes, and the disk time cold (uncached) reads took. */
export interface FetchRead {
  partitions: FetchPartitionResponse[];
  bytes: number;
  hasError: boolean;
  diverged: boolean;
  /** A partition names a preferred read replica: Kafka answers at once (ReplicaManager.fetchMessages). */
  redirected: boolean;
  diskUs: number;
}

/** What a broker of a cluster with racks knows for KIP-392; null without racks. */
export interface RackFetching {
  readonly nowMs: number;
  /** replica.selector.class is RackAwareReplicaSelector. */
  readonly selector: boolean;
  rackOf(broker: number): string | null;
}

type Lookup = (topic: string, partition: number) => Partition | undefined;

const NO_BATCHES: readonly RecordBatch[] = [];

function partitionResponse(
  fp: FetchPartition,
  error: ErrorCode,
  log: PartitionLog | null,
  divergingEpoch: { epoch: number; endOffset: number } | null,
  batches: readonly RecordBatch[],
  abortedTransactions: readonly AbortedTransaction[] | null = null,
): FetchPartitionResponse {
  const highWatermark = log?.highWatermark ?? -1;
  const lastStableOffset = log?.lastStableOffset ?? -1;
  const logStartOffset = log?.logStartOffset ?? -1;
  return { topic: fp.topic, partition: fp.partition, error, highWatermark, lastStableOffset, logStartOffset, abortedTransactions, divergingEpoch, batches };
}

/** The offset a fetch may read below: the LEO for followers, else the HW or, for READ_COMMITTED, the LSO. */
function upperBound(req: FetchRequest, log: PartitionLog): number {
  if (req.replicaId >= 0) return log.logEndOffset;
  return req.isolationLevel === IsolationLevel.READ_COMMITTED ? log.lastStableOffset : log.highWatermark;
}

const NO_ABORTED: readonly AbortedTransaction[] = [];

/**
 * LocalLog.addAbortedTransactions: the aborted transactions overlapping [fetchOffset, the
 * offset after the data returned) — the next batch's base offset (LogSegment.fetchUpperBoundOffset),
 * else the LEO. An empty read still answers an empty list (emptyFetchDataInfo).
 */
function abortedTransactionsFor(log: PartitionLog, fetchOffset: number, batches: readonly RecordBatch[]): readonly AbortedTransaction[] {
  const last = batches.at(-1);
  if (last === undefined) return NO_ABORTED;
  const upper = log.batchEndingAtOrAfter(lastOffsetOf(last) + 1)?.baseOffset ?? log.logEndOffset;
  const txns = log.collectAbortedTransactions(fetchOffset, upper);
  return txns.length === 0 ? NO_ABORTED : txns.map((t) => ({ producerId: t.producerId, firstOffset: t.firstOffset }));
}

export function readForFetch(req: FetchRequest, get: Lookup, racks: RackFetching | null = null): FetchRead {
  const out: FetchRead = { partitions: [], bytes: 0, hasError: false, diverged: false, redirected: false, diskUs: 0 };
  for (const fp of req.partitions) {
    const r = readPartition(req, fp, req.maxBytes - out.bytes, get(fp.topic, fp.partition), out, racks);
    out.partitions.push(r);
    for (const b of r.batches) out.bytes += b.sizeBytes;
    if (r.error !== Errors.NONE) out.hasError = true;
    if (r.divergingEpoch !== null) out.diverged = true;
    if (r.preferredReadReplica !== undefined) out.redirected = true;
  }
  return out;
}

/** A consumer with client.rack in a cluster with racks: it may be redirected, and followers serve it. */
function rackConsumer(req: FetchRequest, racks: RackFetching | null): racks is RackFetching {
  return racks !== null && req.replicaId < 0 && req.rackId !== undefined && req.rackId !== "";
}

/**
 * The error a fetch of `fp` gets here. Partition.localLogWithEpochOrThrow: a consumer that sent
 * its rack (fetchOnlyFromLeader = false) may read a follower, with the same epoch checks.
 */
function readError(req: FetchRequest, p: Partition | undefined, fp: FetchPartition, racks: RackFetching | null): ErrorCode {
  if (p !== undefined && p.role === "follower" && rackConsumer(req, racks)) return fetchError(p, fp, true);
  return fetchError(p, fp);
}

function readPartition(req: FetchRequest, fp: FetchPartition, budget: number, p: Partition | undefined, out: FetchRead, racks: RackFetching | null): FetchPartitionResponse {
  const error = readError(req, p, fp, racks);
  if (error !== Errors.NONE || p === undefined) return partitionResponse(fp, error, null, null, NO_BATCHES);
  const log = p.log;
  if (p.role === "leader" && rackConsumer(req, racks) && racks.selector) {
    const preferred = findPreferredReadReplica(p, req.rackId!, fp.fetchOffset, racks.nowMs, (b) => racks.rackOf(b));
    // "If a preferred read-replica is set, skip the read" (ReplicaManager.readFromLog).
    if (preferred !== null) return { ...partitionResponse(fp, Errors.NONE, log, null, NO_BATCHES), preferredReadReplica: preferred };
  }
  const diverging = req.replicaId >= 0 ? divergence(p, fp) : null;
  if (diverging !== null) return partitionResponse(fp, Errors.NONE, log, diverging, NO_BATCHES);
  if (fp.fetchOffset > log.logEndOffset || fp.fetchOffset < log.logStartOffset) {
    return partitionResponse(fp, Errors.OFFSET_OUT_OF_RANGE, log, null, NO_BATCHES);
  }
  const read = log.read(fp.fetchOffset, Math.min(fp.partitionMaxBytes, Math.max(budget, 0)), upperBound(req, log));
  out.diskUs += read.delayUs;
  const committed = req.replicaId < 0 && req.isolationLevel === IsolationLevel.READ_COMMITTED;
  return partitionResponse(fp, Errors.NONE, log, null, read.batches, committed ? abortedTransactionsFor(log, fp.fetchOffset, read.batches) : null);
}

/** Partition.getLocalLog's checks for a leader-only request (Fetch, ListOffsets, OffsetsForLeaderEpoch); -1 skips the epoch check. */
export function fetchError(p: Partition | undefined, fp: { readonly currentLeaderEpoch: number }, followerMayServe = false): ErrorCode {
  if (p === undefined) return Errors.UNKNOWN_TOPIC_OR_PARTITION;
  if (p.role !== "leader" && !(followerMayServe && p.role === "follower")) return Errors.NOT_LEADER_OR_FOLLOWER;
  if (fp.currentLeaderEpoch >= 0 && fp.currentLeaderEpoch < p.leaderEpoch) return Errors.FENCED_LEADER_EPOCH;
  if (fp.currentLeaderEpoch > p.leaderEpoch) return Errors.UNKNOWN_LEADER_EPOCH;
  return Errors.NONE;
}

/** The fetcher's last epoch ends earlier here than its fetch offset: its log diverged. */
export function divergence(p: Partition, fp: FetchPartition): { epoch: number; endOffset: number } | null {
  if (fp.lastFetchedEpoch < 0) return null;
  const end = p.log.epochCache.endOffsetFor(fp.lastFetchedEpoch, p.log.logEndOffset);
  if (end.epoch < fp.lastFetchedEpoch || end.endOffset < fp.fetchOffset) return end;
  return null;
}

/**
 * DelayedFetch.tryComplete's cheap test: could this parked fetch be answered now (data
 * past a fetch offset, an error, a diverged log)? Only then is the response built.
 */
export function mayComplete(req: FetchRequest, get: Lookup, racks: RackFetching | null = null): boolean {
  for (const fp of req.partitions) {
    const p = get(fp.topic, fp.partition);
    if (p === undefined || readError(req, p, fp, racks) !== Errors.NONE) return true;
    const log = p.log;
    const upper = upperBound(req, log);
    if (fp.fetchOffset < upper || fp.fetchOffset > log.logEndOffset || fp.fetchOffset < log.logStartOffset) return true;
    if (req.replicaId >= 0 && divergence(p, fp) !== null) return true;
  }
  return false;
}
