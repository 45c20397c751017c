// What compaction keeps of an idempotent producer's batches, after Kafka's LogCleanerTest
// (testDuplicateCheckAfterCleaning, testPartialSegmentClean...) and MemoryRecords.filterTo:
// a batch keeps its base and last offset, hence its sequence range, whatever records it loses,
// and an emptied batch that holds its producer's last sequence stays as a bare header
// (RETAIN_EMPTY), so producer state rebuilt from the log still knows where the producer is.

import { describe, expect, it } from "vitest";
import { cleanLog } from "../../core/log/log-cleaner.ts";
import { logToClean } from "../../core/log/cleaner-manager.ts";
import { PartitionLog } from "../../core/log/partition-log.ts";
import { BATCH_OVERHEAD_BYTES, lastOffsetOf, type RecordBatch } from "../../core/protocol/records.ts";
import { MemDisk, rowsOf } from "../harness/index.ts";
import { batchOf, contents, RECORD_BYTES, settings, type Rec } from "./helpers.ts";

const compact = settings({ "cleanup.policy": ["compact"] });
const PID = 7;

/** A batch of producer PID with its first sequence. */
function sequenced(records: readonly Rec[], baseSequence: number): RecordBatch {
  return batchOf(records, 0).with({ producerId: PID, producerEpoch: 0, baseSequence });
}

/** Segments of two single-record slots each, on a disk the test can reopen. */
function logOf(batches: readonly RecordBatch[]): { log: PartitionLog; disk: MemDisk } {
  const disk = new MemDisk();
  const log = PartitionLog.load(disk, "logs/t-0", { segmentBytes: 2 * RECORD_BYTES, segmentMs: Infinity, flushMessages: Infinity }, 0);
  for (const b of batches) log.appendAsLeader(b, 0, 0);
  log.updateHighWatermark(log.logEndOffset);
  return { log, disk };
}

function clean(log: PartitionLog): void {
  const c = logToClean("t-0", log, undefined, compact, 0);
  cleanLog(log, c.firstDirtyOffset, c.firstUncleanableOffset, compact, 0);
}

describe("compaction and producer state", () => {
  it("keeps an emptied batch that holds its producer's last sequence as a bare header; drops the producer's older ones", () => {
    // Segments [0,1] [2,3] active [4]: the producer wrote a@0 and a@1, then someone else a@2.
    const { log, disk } = logOf([sequenced([["a", 1]], 0), sequenced([["a", 2]], 1), batchOf([["a", 3]], 0), batchOf([["x", 1]], 0), batchOf([["y", 1]], 0)]);
    clean(log);
    expect(contents(log)).toEqual([[2, "a", 3], [3, "x", 1], [4, "y", 1]]);
    const header = log.allBatches()[0]!;
    expect([header.baseOffset, lastOffsetOf(header), header.count, header.sizeBytes, header.baseSequence]).toEqual([1, 1, 0, BATCH_OVERHEAD_BYTES, 1]);
    // A broker that reloads the log (a restart) rebuilds the producer's state from that header:
    // a retry of its last batch is a duplicate, its next batch is in sequence.
    const reloaded = PartitionLog.load(disk, "logs/t-0", { segmentBytes: 2 * RECORD_BYTES, segmentMs: Infinity, flushMessages: Infinity }, 0);
    expect(reloaded.producerState.checkClientBatch(sequenced([["a", 2]], 1))).toEqual({ kind: "duplicate", firstOffset: 1, lastOffset: 1 });
    expect(reloaded.producerState.checkClientBatch(sequenced([["b", 1]], 2))).toEqual({ kind: "append" });
  });

  it("a batch that loses records keeps its last offset and so its last sequence (MemoryRecords.buildRetainedRecordsInto: overrideLastOffset)", () => {
    // The producer's batch [a, b] at offsets 0-1; b is superseded at 2. Segments [0-1] [2,3] active [4].
    const { log } = logOf([sequenced([["a", 1], ["b", 1]], 0), batchOf([["b", 2]], 0), batchOf([["x", 1]], 0), batchOf([["y", 1]], 0)]);
    clean(log);
    const first = log.allBatches()[0]!;
    expect(rowsOf(first).map(([key]) => key)).toEqual(["a"]);
    expect([first.baseOffset, lastOffsetOf(first), first.baseSequence]).toEqual([0, 1, 0]);
    expect(first.sizeBytes).toBeLessThan(2 * RECORD_BYTES);
  });

  it("drops an emptied batch without a producer id, as before", () => {
    const { log } = logOf([batchOf([["a", 1]], 0), batchOf([["a", 2]], 0), batchOf([["x", 1]], 0), batchOf([["y", 1]], 0), batchOf([["z", 1]], 0)]);
    clean(log);
    expect(log.allBatches().map((b) => b.baseOffset)).toEqual([1, 2, 3, 4]);
  });
});
