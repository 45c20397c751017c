// Which log the cleaner works on next: Kafka's LogCleanerManager
// (core/src/main/scala/kafka/log/LogCleanerManager.scala). For each compacted log it finds the
// cleanable range — from the first dirty offset (the cleaner's checkpoint, reset to the log
// start offset when invalid) up to the first uncleanable offset: the lowest of the high
// watermark (the last stable offset without transactions), the active segment's base offset,
// and the first dirty segment still within min.compaction.lag.ms — and then picks the log with
// the highest dirty ratio above min.cleanable.dirty.ratio, or one whose dirty data has waited
// longer than max.compaction.lag.ms (needCompactionNow).

import type { TopicSettings } from "../config/topic-config.ts";
import type { PartitionLog, Segment } from "./partition-log.ts";
import { largestTimestampMs } from "./retention.ts";

export interface LogToClean<K> {
  readonly key: K;
  readonly log: PartitionLog;
  readonly firstDirtyOffset: number;
  /** Base offset of the first segment that is not cleaned this round. */
  readonly firstUncleanableOffset: number;
  readonly cleanBytes: number;
  readonly cleanableBytes: number;
  readonly cleanableRatio: number;
  readonly needCompactionNow: boolean;
}

/** LogCleanerManager.cleanableOffsets. */
export function cleanableOffsets(log: PartitionLog, checkpoint: number | undefined, settings: TopicSettings, nowMs: number): { firstDirtyOffset: number; firstUncleanableDirtyOffset: number } {
  let firstDirtyOffset = checkpoint ?? log.logStartOffset;
  if (firstDirtyOffset < log.logStartOffset || firstDirtyOffset > log.logEndOffset) firstDirtyOffset = log.logStartOffset;
  const segments = log.segmentList;
  const active = segments.at(-1)!;
  // Never past the last stable offset (it is the HW without transactions): an undecided
  // transaction's records may yet be aborted, and its marker is not yet written.
  let firstUncleanable = Math.min(log.lastStableOffset, active.baseOffset);
  if (settings.minCompactionLagMs > 0) {
    for (const s of nonActiveSegmentsFrom(segments, firstDirtyOffset)) {
      if (largestTimestampMs(s) > nowMs - settings.minCompactionLagMs) {
        firstUncleanable = Math.min(firstUncleanable, s.baseOffset);
        break;
      }
    }
  }
  return { firstDirtyOffset, firstUncleanableDirtyOffset: firstUncleanable };
}

/** UnifiedLog.nonActiveLogSegmentsFrom: segments holding offsets ≥ `from`, without the active one. */
function nonActiveSegmentsFrom(segments: readonly Segment[], from: number): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < segments.length - 1; i++) {
    const next = segments[i + 1]!;
    if (next.baseOffset > from) out.push(segments[i]!);
  }
  return out;
}

/** LogCleanerManager.maxCompactionDelay: how long past max.compaction.lag.ms the oldest dirty segment is. */
function maxCompactionDelayMs(log: PartitionLog, firstDirtyOffset: number, settings: TopicSettings, nowMs: number): number {
  if (!Number.isFinite(settings.maxCompactionLagMs)) return 0;
  let earliest = Infinity;
  for (const s of nonActiveSegmentsFrom(log.segmentList, firstDirtyOffset)) {
    const first = s.file.entries[0]?.maxTimestampMs ?? -1;
    if (first > 0 && first < earliest) earliest = first;
  }
  const cleanUntil = nowMs - settings.maxCompactionLagMs;
  return earliest < cleanUntil ? cleanUntil - earliest : 0;
}

/** LogToClean: sizes of the clean prefix and of the cleanable dirty range. */
export function logToClean<K>(key: K, log: PartitionLog, checkpoint: number | undefined, settings: TopicSettings, nowMs: number): LogToClean<K> {
  const { firstDirtyOffset, firstUncleanableDirtyOffset } = cleanableOffsets(log, checkpoint, settings, nowMs);
  const segments = log.segmentList;
  // firstUncleanableSegment: the segment holding the uncleanable offset (or the active one).
  let firstUncleanableOffset = segments.at(-1)!.baseOffset;
  for (let i = 0; i < segments.length - 1; i++) {
    if (segments[i + 1]!.baseOffset > firstUncleanableDirtyOffset) {
      firstUncleanableOffset = segments[i]!.baseOffset;
      break;
    }
  }
  let cleanBytes = 0;
  let cleanableBytes = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const nextBase = segments[i + 1]?.baseOffset ?? Infinity;
    if (s.baseOffset >= firstUncleanableOffset) break;
    if (nextBase <= firstDirtyOffset) cleanBytes += s.file.sizeBytes;
    else if (s.baseOffset < Math.max(firstDirtyOffset, firstUncleanableOffset)) cleanableBytes += s.file.sizeBytes;
  }
  const totalBytes = cleanBytes + cleanableBytes;
  return {
    key,
    log,
    firstDirtyOffset,
    firstUncleanableOffset,
    cleanBytes,
    cleanableBytes,
    cleanableRatio: totalBytes === 0 ? 0 : cleanableBytes / totalBytes,
    needCompactionNow: maxCompactionDelayMs(log, firstDirtyOffset, settings, nowMs) > 0,
  };
}

/** LogCleanerManager.grabFilthiestCompactedLog: the dirtiest eligible log, or null. */
export function grabFilthiestLog<K>(candidates: readonly LogToClean<K>[], settingsOf: (c: LogToClean<K>) => TopicSettings): LogToClean<K> | null {
  let best: LogToClean<K> | null = null;
  for (const c of candidates) {
    if (c.cleanBytes + c.cleanableBytes === 0) continue;
    const eligible = (c.needCompactionNow && c.cleanableBytes > 0) || c.cleanableRatio > settingsOf(c).minCleanableDirtyRatio;
    if (!eligible) continue;
    if (best === null || c.cleanableRatio > best.cleanableRatio) best = c;
  }
  return best;
}
