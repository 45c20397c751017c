// The cleaner's output for hand-made logs, after Kafka's LogCleanerTest and
// LogCleanerManagerTest (core/src/test/scala/unit/kafka/log/). Segments hold two
// single-record batches; the last segment is the active one and is never cleaned.

import { describe, expect, it } from "vitest";
import { cleanLog } from "../../core/log/log-cleaner.ts";
import { cleanableOffsets, grabFilthiestLog, logToClean } from "../../core/log/cleaner-manager.ts";
import { contents, makeLog, settings, type Rec } from "./helpers.ts";

const compact = settings({ "cleanup.policy": ["compact"], "delete.retention.ms": 1000 });

function cleanAll(log: ReturnType<typeof makeLog>, nowMs: number, s = compact): ReturnType<typeof cleanLog> {
  const c = logToClean("t-0", log, undefined, s, nowMs);
  return cleanLog(log, c.firstDirtyOffset, c.firstUncleanableOffset, s, nowMs);
}

describe("Cleaner.doClean", () => {
  it("keeps the latest record per key with its offset, gaps remain; the active segment's records supersede nothing yet (LogCleanerTest.testCleanSegments)", () => {
    const recs: Rec[] = [["a", 1], ["b", 2], ["a", 3], ["c", 4], ["b", 5], ["x", 6]];
    const log = makeLog(recs);
    const r = cleanAll(log, 0);
    // b@4 is in the active segment, outside the dirty range the offset map is built from.
    expect(contents(log)).toEqual([[1, "b", 2], [2, "a", 3], [3, "c", 4], [4, "b", 5], [5, "x", 6]]);
    expect(r.stats.superseded).toBe(1);
    expect(r.endOffset).toBe(4); // the active segment [4, 6) is not cleaned
    expect(log.logEndOffset).toBe(6);
  });

  it("never cleans the active segment (LogCleanerManagerTest.testCleanableOffsetsActiveSegment)", () => {
    const log = makeLog([["a", 1], ["b", 1], ["a", 2], ["a", 3], ["a", 4]]);
    // segments [0,2) [2,4) active [4,5)
    expect(cleanableOffsets(log, undefined, compact, 0)).toEqual({ firstDirtyOffset: 0, firstUncleanableDirtyOffset: 4 });
    cleanAll(log, 0);
    expect(contents(log)).toEqual([[1, "b", 1], [3, "a", 3], [4, "a", 4]]);
  });

  it("keeps a tombstone with a delete horizon, then removes it after delete.retention.ms (LogCleanerTest.testCleanTombstone, KIP-534)", () => {
    const log = makeLog([["a", 1], ["a", null], ["b", 1], ["c", 1], ["d", 1]]);
    cleanAll(log, 10_000);
    expect(contents(log)).toEqual([[1, "a", null], [2, "b", 1], [3, "c", 1], [4, "d", 1]]);
    expect(log.allBatches()[0]!.deleteHorizonMs).toBe(11_000);
    // Before the horizon the tombstone stays, whatever the cleaning.
    cleanAll(log, 10_999);
    expect(contents(log)[0]).toEqual([1, "a", null]);
    const r = cleanAll(log, 11_000);
    expect(r.stats.tombstonesRemoved).toBe(1);
    expect(contents(log)).toEqual([[2, "b", 1], [3, "c", 1], [4, "d", 1]]);
  });

  it("removes every record of a deleted key once its tombstone is past the horizon (LogCleanerTest.testCleaningWithDeletes)", () => {
    const log = makeLog([["a", 1], ["b", 1], ["a", 2], ["a", null], ["z", 1]], { perSegment: 2 });
    cleanAll(log, 0);
    expect(contents(log).filter(([, k]) => k === "a")).toEqual([[3, "a", null]]);
    cleanAll(log, 5_000);
    expect(contents(log).filter(([, k]) => k === "a")).toEqual([]);
  });

  it("drops records without a key on a compacted topic (Cleaner.shouldRetainRecord: invalid)", () => {
    const log = makeLog([[null, 1], ["a", 1], [null, 2], ["b", 1], ["z", 1]]);
    const r = cleanAll(log, 0);
    expect(r.stats.invalid).toBe(2);
    expect(contents(log)).toEqual([[1, "a", 1], [3, "b", 1], [4, "z", 1]]);
  });

  it("does not clean segments within min.compaction.lag.ms (LogCleanerManagerTest.testCleanableOffsetsForTime)", () => {
    const lagged = settings({ "cleanup.policy": ["compact"], "min.compaction.lag.ms": 1000 });
    // Records 0-1 at t=0, 2-3 at t=5000, active 4 at t=5000; now 5500: only [0,2) is old enough.
    const log = makeLog([["a", 1], ["a", 2], ["a", 3], ["a", 4], ["a", 5]], { timestampMs: (i) => (i < 2 ? 0 : 5000) });
    expect(cleanableOffsets(log, undefined, lagged, 5500).firstUncleanableDirtyOffset).toBe(2);
    cleanAll(log, 5500, lagged);
    expect(contents(log).map(([o]) => o)).toEqual([1, 2, 3, 4]);
  });

  it("does not clean above the high watermark (LogCleanerManager.cleanableOffsets: last stable offset)", () => {
    const log = makeLog([["a", 1], ["a", 2], ["a", 3], ["a", 4], ["a", 5]]);
    log.updateHighWatermark(3);
    const c = logToClean("t-0", log, undefined, compact, 0);
    expect(c.firstUncleanableOffset).toBe(2); // the segment holding the HW is not cleaned
    cleanAll(log, 0);
    expect(contents(log).map(([o]) => o)).toEqual([1, 2, 3, 4]);
  });

  it("picks the dirtiest log above min.cleanable.dirty.ratio (LogCleanerManager.grabFilthiestCompactedLog)", () => {
    const a = makeLog([["a", 1], ["a", 2], ["a", 3], ["a", 4], ["a", 5]]);
    const b = makeLog([["a", 1], ["a", 2], ["a", 3]]);
    const ca = logToClean("a", a, 2, compact, 0); // half dirty
    const cb = logToClean("b", b, undefined, compact, 0); // all dirty
    expect(grabFilthiestLog([ca, cb], () => compact)?.key).toBe("b");
    const strict = settings({ "cleanup.policy": ["compact"], "min.cleanable.dirty.ratio": 1 });
    expect(grabFilthiestLog([ca, cb], () => strict)).toBeNull();
  });

  it("cleans below the dirty ratio once max.compaction.lag.ms has passed (LogCleanerManagerTest.testLogsWithMaxCompactionLag... needCompactionNow)", () => {
    const s = settings({ "cleanup.policy": ["compact"], "min.cleanable.dirty.ratio": 0.99, "max.compaction.lag.ms": 1000 });
    const log = makeLog([["a", 1], ["a", 2], ["a", 3], ["a", 4], ["a", 5]], { timestampMs: () => 100 });
    const c = logToClean("t", log, 2, s, 5000);
    expect(c.cleanableRatio).toBeLessThan(0.99);
    expect(c.needCompactionNow).toBe(true);
    expect(grabFilthiestLog([c], () => s)?.key).toBe("t");
  });
});
