// ListOffsets for consumers (KafkaApis.handleListOffsetRequest → Partition.fetchOffsetForTimestamp):
// EARLIEST (-2) and EARLIEST_LOCAL (-4, no tiered storage: the same) are the log start offset;
// LATEST (-1) is the high watermark for a read_uncommitted consumer (isolation HIGH_WATERMARK),
// the last stable offset for a read_committed one (TXN_COMMITTED), never the log end offset.
// Any other timestamp is looked up in the log (UnifiedLog.fetchOffsetByTimestamp): MAX_TIMESTAMP
// (-3) is the first record carrying the log's largest timestamp (the earliest batch with it,
// DefaultRecordBatch.offsetOfMaxTimestamp); a time is the first record at or after the log start
// whose timestamp is at least it, in the first batch whose max timestamp is (searchOffsetInLocalLog,
// LogSegment.findOffsetByTimestamp, without the time index's shortcut). A record found at or past
// the last fetchable offset, or none, is answered with offset and timestamp -1
// (ReplicaManager.fetchOffset). Only the leader answers.

import { Errors } from "../protocol/errors.ts";
import { EARLIEST_LOCAL_TIMESTAMP, EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, MAX_TIMESTAMP, type ListOffsetsRequest, type ListOffsetsResponse } from "../protocol/group-messages.ts";
import { IsolationLevel } from "../protocol/messages.ts";
import type { RecordBatch } from "../protocol/records.ts";
import type { PartitionLog } from "../log/partition-log.ts";
import { fetchError } from "./fetch-read.ts";
import type { Partition } from "./partition.ts";

interface Found {
  readonly offset: number;
  readonly timestamp: number;
  readonly leaderEpoch: number;
}

/** The first row of `b`, at or after `from`, whose timestamp passes `ok`. */
function firstRow(b: RecordBatch, from: number, ok: (ts: number) => boolean): Found | null {
  for (let i = b.indexAtOrAfter(from); i < b.count; i++) {
    const ts = b.timestampAt(i);
    if (ok(ts)) return { offset: b.offsetAt(i), timestamp: ts, leaderEpoch: b.partitionLeaderEpoch };
  }
  return null;
}

export function offsetByTimestamp(log: PartitionLog, target: number): Found | null {
  let found: Found | null = null;
  if (target === MAX_TIMESTAMP) {
    let best: RecordBatch | null = null;
    log.forEachBatchBetween(log.logStartOffset, log.logEndOffset, (b) => {
      if (b.count > 0 && (best === null || b.maxTimestampMs > best.maxTimestampMs)) best = b;
    });
    const b = best as RecordBatch | null;
    return b === null ? null : firstRow(b, log.logStartOffset, (ts) => ts === b.maxTimestampMs);
  }
  log.forEachBatchBetween(log.logStartOffset, log.logEndOffset, (b) => {
    if (found === null && b.maxTimestampMs >= target) found = firstRow(b, log.logStartOffset, (ts) => ts >= target);
  });
  return found;
}

export function listOffsets(req: ListOffsetsRequest, partitionOf: (topic: string, partition: number) => Partition | undefined): ListOffsetsResponse {
  return {
    kind: "ListOffsetsResponse",
    correlationId: req.correlationId,
    partitions: req.partitions.map((rp) => {
      const base = { topic: rp.topic, partition: rp.partition, offset: -1, timestamp: -1, leaderEpoch: -1 };
      const p = partitionOf(rp.topic, rp.partition);
      const error = fetchError(p, rp);
      if (error !== Errors.NONE || p === undefined) return { ...base, error };
      const latest = req.isolationLevel === IsolationLevel.READ_COMMITTED ? p.log.lastStableOffset : p.log.highWatermark;
      if (rp.timestamp === EARLIEST_TIMESTAMP || rp.timestamp === EARLIEST_LOCAL_TIMESTAMP) return { ...base, error: Errors.NONE, offset: p.log.logStartOffset, leaderEpoch: p.leaderEpoch };
      if (rp.timestamp === LATEST_TIMESTAMP) return { ...base, error: Errors.NONE, offset: latest, leaderEpoch: p.leaderEpoch };
      const found = offsetByTimestamp(p.log, rp.timestamp);
      if (found === null || found.offset >= latest) return { ...base, error: Errors.NONE };
      return { ...base, error: Errors.NONE, ...found, leaderEpoch: found.leaderEpoch >= 0 ? found.leaderEpoch : -1 };
    }),
  };
}
