// Retention: which whole segments a log may delete now, after UnifiedLog.deleteOldSegments
// (core/src/main/scala/kafka/log/UnifiedLog.scala). Three predicates, applied one after
// another as Kafka does: segments entirely below the log start offset, then retention.bytes,
// then retention.ms — the last two only when cleanup.policy contains "delete". Each walks the
// segments oldest first and stops at the first one it may not delete (deletableSegments), and
// a segment is deletable only when it lies wholly below the high watermark, so retention never
// removes what a follower or a consumer could still need to be committed. The active segment
// may go too (a new one is rolled first); an empty last segment never does.

import type { TopicSettings } from "../config/topic-config.ts";
import type { PartitionLog, Segment } from "./partition-log.ts";

export type RetentionReason = "log-start-offset" | "retention.bytes" | "retention.ms";

export interface RetentionResult {
  readonly reason: RetentionReason;
  readonly segments: number;
  readonly records: number;
  readonly bytes: number;
  readonly logStartOffset: number;
}

type Predicate = (segment: Segment, next: Segment | undefined) => boolean;

/** LogSegment.largestTimestamp: the newest record timestamp in the segment (retention.ms is measured from it). */
export function largestTimestampMs(segment: Segment): number {
  let max = -1;
  for (const b of segment.file.entries) if (b.maxTimestampMs > max) max = b.maxTimestampMs;
  return max < 0 ? segment.createdMs : max;
}

/** UnifiedLog.deletableSegments: the number of oldest segments `predicate` allows, below the HW. */
export function deletableSegmentCount(log: PartitionLog, predicate: Predicate): number {
  const segments = log.segmentList;
  let n = 0;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const next = segments[i + 1];
    const isLastSegmentAndEmpty = next === undefined && segment.file.sizeBytes === 0;
    const upperBoundOffset = next === undefined ? log.logEndOffset : next.baseOffset;
    if (log.highWatermark >= upperBoundOffset && !isLastSegmentAndEmpty && predicate(segment, next)) n++;
    else break;
  }
  return n;
}

/**
 * UnifiedLog.deleteOldSegments, run by the retention task (LogManager.cleanupLogs) for logs
 * without "compact", and by the cleaner thread for "compact,delete" logs. Returns what each
 * predicate deleted; an empty list when nothing qualified (and then nothing changed).
 */
export function deleteOldSegments(log: PartitionLog, settings: TopicSettings, nowMs: number): RetentionResult[] {
  const results: RetentionResult[] = [];
  const run = (reason: RetentionReason, predicate: Predicate): void => {
    const count = deletableSegmentCount(log, predicate);
    if (count === 0) return;
    const change = log.deleteOldestSegments(count, nowMs);
    results.push({ reason, ...change, logStartOffset: log.logStartOffset });
  };
  // deleteLogStartOffsetBreachedSegments: the next segment starts at or below the log start offset.
  run("log-start-offset", (_s, next) => next !== undefined && next.baseOffset <= log.logStartOffset);
  if (!settings.cleanupPolicy.delete) return results;
  // deleteRetentionSizeBreachedSegments: delete oldest while the log stays at or above retention.bytes.
  if (Number.isFinite(settings.retentionBytes) && log.sizeBytes >= settings.retentionBytes) {
    let diff = log.sizeBytes - settings.retentionBytes;
    run("retention.bytes", (s) => {
      if (diff - s.file.sizeBytes < 0) return false;
      diff -= s.file.sizeBytes;
      return true;
    });
  }
  // deleteRetentionMsBreachedSegments: the segment's newest record is older than retention.ms.
  if (Number.isFinite(settings.retentionMs)) {
    run("retention.ms", (s) => nowMs - largestTimestampMs(s) > settings.retentionMs);
  }
  return results;
}
