// Trace events of log retention and compaction (LogManager's cleanup task, LogCleaner).

import type { RetentionReason } from "../log/retention.ts";

/** Old segments removed by retention.ms, retention.bytes or a moved log start offset. */
export interface SegmentsDeleted {
  readonly kind: "SegmentsDeleted";
  readonly topic: string;
  readonly partition: number;
  readonly reason: RetentionReason;
  readonly segments: number;
  readonly records: number;
  readonly bytes: number;
  readonly logStartOffset: number;
}

/** One compaction of a log's dirty section, with the cleaner's statistics (CleanerStats). */
export interface LogCleaned {
  readonly kind: "LogCleaned";
  readonly topic: string;
  readonly partition: number;
  readonly firstDirtyOffset: number;
  readonly endOffset: number;
  readonly dirtyRatio: number;
  readonly segmentsBefore: number;
  readonly segmentsAfter: number;
  readonly recordsRead: number;
  readonly recordsRetained: number;
  readonly superseded: number;
  readonly tombstonesRemoved: number;
  readonly invalid: number;
  readonly bytesRead: number;
  readonly bytesWritten: number;
  readonly ioUs: number;
}

export type LogEvent = SegmentsDeleted | LogCleaned;
