// Retention on hand-made logs, after UnifiedLog.deleteOldSegments / deletableSegments
// (UnifiedLogTest's retention cases): whole segments only, oldest first, only below the high
// watermark, the active segment too when it qualifies (a new one is rolled first).

import { describe, expect, it } from "vitest";
import { deleteOldSegments } from "../../core/log/retention.ts";
import { contents, makeLog, RECORD_BYTES, settings, type Rec } from "./helpers.ts";

const recs = (n: number): Rec[] => Array.from({ length: n }, (_, i) => [`k${i}`, 1] as Rec);

describe("UnifiedLog.deleteOldSegments", () => {
  it("deletes segments whose newest record is older than retention.ms, and moves the log start offset", () => {
    const log = makeLog(recs(6), { timestampMs: (i) => i * 1000 });
    // segments [0,2) ts 0-1000, [2,4) ts 2000-3000, active [4,6) ts 4000-5000
    const r = deleteOldSegments(log, settings({ "retention.ms": 2500 }), 5000);
    expect(r).toMatchObject([{ reason: "retention.ms", segments: 1, records: 2, logStartOffset: 2 }]);
    expect(log.logStartOffset).toBe(2);
    expect(contents(log).map(([o]) => o)).toEqual([2, 3, 4, 5]);
  });

  it("never deletes at or above the high watermark", () => {
    const log = makeLog(recs(6), { timestampMs: () => 0 });
    log.updateHighWatermark(3);
    deleteOldSegments(log, settings({ "retention.ms": 1 }), 10_000);
    expect(log.logStartOffset).toBe(2); // [2,4) holds offset 3 ≥ HW
  });

  it("deletes the active segment when it qualifies, rolling an empty one at the LEO first", () => {
    const log = makeLog(recs(5), { timestampMs: () => 0 });
    const r = deleteOldSegments(log, settings({ "retention.ms": 1 }), 10_000);
    expect(r[0]!.segments).toBe(3);
    expect(log.segmentList.map((s) => s.baseOffset)).toEqual([5]);
    expect([log.logStartOffset, log.logEndOffset, log.highWatermark]).toEqual([5, 5, 5]);
    // A later check finds the empty last segment and deletes nothing.
    expect(deleteOldSegments(log, settings({ "retention.ms": 1 }), 20_000)).toEqual([]);
  });

  it("deletes the oldest segments while the log stays at or above retention.bytes", () => {
    const log = makeLog(recs(7)); // segments of 2 records: [0,2) [2,4) [4,6) active [6,7)
    const r = deleteOldSegments(log, settings({ "retention.bytes": 3 * RECORD_BYTES }), 0);
    // 700 bytes, limit 300: deleting 200 + 200 leaves 300; the next 200 would go below it.
    expect(r).toMatchObject([{ reason: "retention.bytes", segments: 2 }]);
    expect(log.sizeBytes).toBe(3 * RECORD_BYTES);
  });

  it("does nothing on a compacted-only log except below the log start offset, and nothing at all when nothing qualifies", () => {
    const log = makeLog(recs(6), { timestampMs: () => 0 });
    expect(deleteOldSegments(log, settings({ "cleanup.policy": ["compact"], "retention.ms": 1 }), 10_000)).toEqual([]);
    expect(deleteOldSegments(log, settings({}), 10_000)).toEqual([]);
  });

  it("truncates the leader-epoch cache from the start (LeaderEpochFileCache.truncateFromStart)", () => {
    const log = makeLog(recs(6), { timestampMs: (i) => i * 1000 });
    log.epochCache.assign(1, 3);
    deleteOldSegments(log, settings({ "retention.ms": 2500 }), 5000);
    expect(log.epochCache.snapshot()).toEqual([{ epoch: 0, startOffset: 2 }, { epoch: 1, startOffset: 3 }]);
  });
});
