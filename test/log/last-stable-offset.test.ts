// The last stable offset and the aborted-transaction index of a PartitionLog, after Kafka's
// UnifiedLogTest (core/src/test/scala/unit/kafka/log/UnifiedLogTest.scala) and
// ProducerStateManagerTest: LSO = the first unstable offset when below the HW, else the HW;
// the first unstable offset never below the log start offset; the index holds aborted
// transactions with the LSO at their marker; both rebuilt on load and after truncation.

import { describe, expect, it } from "vitest";
import { PartitionLog } from "../../core/log/partition-log.ts";
import { Errors } from "../../core/protocol/errors.ts";
import { ControlType } from "../../core/protocol/records.ts";
import { TxnLog } from "./txn-log.ts";

const { ABORT, COMMIT } = ControlType;

describe("PartitionLog.lastStableOffset", () => {
  it("is the HW without transactions (testFirstUnstableOffsetNoTransactionalData)", () => {
    const t = new TxnLog();
    t.plain(3);
    expect(t.log.firstUnstableOffset).toBe(-1);
    t.log.updateHighWatermark(2);
    expect(t.log.lastStableOffset).toBe(2);
  });

  it("stops at the first open transaction and moves once the HW passes each marker (testFetchUpToLastStableOffset)", () => {
    const t = new TxnLog();
    t.txn(1, 5);
    t.plain(3);
    t.txn(2, 2);
    t.txn(1, 4);
    t.plain(2);
    t.txn(1, 10);
    expect(t.log.lastStableOffset).toBe(0);
    t.log.updateHighWatermark(t.log.logEndOffset);
    expect(t.log.lastStableOffset).toBe(0);
    t.end(1, COMMIT);
    expect(t.log.lastStableOffset).toBe(0);
    t.log.updateHighWatermark(t.log.logEndOffset);
    expect(t.log.lastStableOffset).toBe(8);
    t.end(2, ABORT);
    expect(t.log.lastStableOffset).toBe(8);
    t.log.updateHighWatermark(t.log.logEndOffset);
    expect(t.log.lastStableOffset).toBe(t.log.logEndOffset);
  });

  it("moves to the second producer's transaction after the first aborts (testLastStableOffsetWithMixedProducerData)", () => {
    const t = new TxnLog();
    t.txn(137, 3);
    t.plain(3);
    t.txn(983, 3);
    expect(t.log.firstUnstableOffset).toBe(0);
    const abort = t.end(137, ABORT);
    t.log.updateHighWatermark(abort.offset + 1);
    expect(t.log.firstUnstableOffset).toBe(6);
    const commit = t.end(983, COMMIT);
    t.log.updateHighWatermark(commit.offset + 1);
    expect(t.log.firstUnstableOffset).toBe(-1);
  });

  it("is bounded below by the log start offset after retention deletes where the transaction began (testLastStableOffsetDoesNotExceedLogStartOffsetAfterSegmentDeletion)", () => {
    const t = new TxnLog(undefined, 2 * 61 + 20 * 8);
    t.txn(1, 5);
    t.plain(3);
    t.txn(1, 5); // rolls: segments [0..7] [8..12]
    expect(t.log.segmentCount).toBe(2);
    expect(t.log.firstUnstableOffset).toBe(0);
    t.log.updateHighWatermark(t.log.logEndOffset);
    t.log.deleteOldestSegments(1, 0);
    expect(t.log.firstUnstableOffset).toBe(8);
    expect(t.log.lastStableOffset).toBe(8);
  });
});

/** UnifiedLogTest's four producers mixing transactions with plain records (testTransactionIndexUpdated). */
function mixedTransactions(): TxnLog {
  const t = new TxnLog();
  t.txn(1, 5);
  t.plain(3);
  t.txn(2, 2);
  t.txn(1, 4);
  t.txn(3, 3);
  t.plain(2);
  t.txn(1, 10);
  t.end(1, ABORT); // 29
  t.txn(2, 6);
  t.txn(4, 3);
  t.plain(10);
  t.txn(3, 9);
  t.end(3, COMMIT); // 58
  t.txn(4, 8);
  t.txn(2, 7);
  t.end(2, ABORT); // 74
  t.plain(10);
  t.txn(4, 4);
  t.end(4, COMMIT); // 89
  return t;
}

const MIXED_ABORTED = [
  { producerId: 1, firstOffset: 0, lastOffset: 29, lastStableOffset: 8 },
  { producerId: 2, firstOffset: 8, lastOffset: 74, lastStableOffset: 36 },
];

describe("PartitionLog: the aborted-transaction index", () => {
  it("indexes aborted transactions with the LSO at their marker (testTransactionIndexUpdated)", () => {
    const t = mixedTransactions();
    expect(t.allAbortedTransactions()).toEqual(MIXED_ABORTED);
    t.log.updateHighWatermark(30);
    expect(t.log.firstUnstableOffset).toBe(8);
    t.log.updateHighWatermark(75);
    expect(t.log.firstUnstableOffset).toBe(36);
    t.log.updateHighWatermark(t.log.logEndOffset);
    expect(t.log.firstUnstableOffset).toBe(-1);
  });

  it("a follower indexes the same transactions from the leader's batches (testTransactionIndexUpdatedThroughReplication)", () => {
    const follower = new TxnLog();
    expect(follower.log.appendAsFollower(mixedTransactions().log.allBatches(), 0)).toBe(true);
    expect(follower.allAbortedTransactions()).toEqual(MIXED_ABORTED);
    expect(follower.log.firstUnstableOffset).toBe(0);
    follower.log.updateHighWatermark(follower.log.logEndOffset);
    expect(follower.log.firstUnstableOffset).toBe(-1);
  });

  it("finds an aborted transaction whose data spans two segments (testAbortedTransactionSpanningMultipleSegments)", () => {
    const t = new TxnLog(undefined, 61 + 20 * 3);
    t.txn(137, 3);
    t.txn(137, 3);
    expect(t.log.segmentList.map((s) => s.baseOffset)).toEqual([0, 3]);
    const abort = t.end(137, ABORT);
    t.log.updateHighWatermark(abort.offset + 1);
    expect(t.log.firstUnstableOffset).toBe(-1);
    expect(t.log.collectAbortedTransactions(0, t.log.logEndOffset)).toEqual([{ producerId: 137, firstOffset: 0, lastOffset: 6, lastStableOffset: 7 }]);
    expect(t.log.collectAbortedTransactions(7, t.log.logEndOffset)).toEqual([]);
  });

  it("rebuilds the index and the open transactions on load (testRebuildTransactionalState)", () => {
    const t = new TxnLog();
    t.txn(1, 2);
    t.end(1, ABORT);
    t.txn(2, 2);
    t.log.updateHighWatermark(t.log.logEndOffset);
    t.log.checkpointHighWatermark();
    const reopened = PartitionLog.load(t.disk, "logs/t-0", { segmentBytes: 5 << 20, segmentMs: Infinity, flushMessages: Infinity }, 0);
    expect(reopened.segmentList.flatMap((s) => s.abortedTxns)).toEqual([{ producerId: 1, firstOffset: 0, lastOffset: 2, lastStableOffset: 3 }]);
    expect(reopened.firstUnstableOffset).toBe(3);
    expect(reopened.lastStableOffset).toBe(3);
  });

  it("a marker from an older coordinator or producer epoch is refused (testZombieCoordinatorFencedEmptyTransaction, testEndTxnWithFencedProducerEpoch)", () => {
    const t = new TxnLog();
    t.txn(1, 10);
    t.end(1, COMMIT, 0, 0);
    expect(t.end(1, ABORT, 0, 2).check.kind).toBe("append");
    expect(t.end(1, ABORT, 0, 2).check.kind).toBe("append");
    expect(t.end(1, ABORT, 0, 1).check).toEqual({ kind: "reject", error: Errors.TRANSACTION_COORDINATOR_FENCED });
    const u = new TxnLog();
    u.end(1, ABORT, 5, 1);
    expect(u.end(1, ABORT, 4, 1).check).toEqual({ kind: "reject", error: Errors.INVALID_PRODUCER_EPOCH });
  });
});

describe("PartitionLog: truncation and the first unstable offset", () => {
  it("truncating below an open transaction forgets it (testTruncateBelowFirstUnstableOffset, testTruncateFullyAndStartBelowFirstUnstableOffset)", () => {
    for (const truncate of [(l: PartitionLog) => l.truncateTo(0), (l: PartitionLog) => l.truncateFullyAndStartAt(0, 0)]) {
      const t = new TxnLog();
      t.plain(3);
      t.txn(17, 2, 10);
      expect(t.log.firstUnstableOffset).toBe(3);
      const reopened = PartitionLog.load(t.disk, "logs/t-0", { segmentBytes: 5 << 20, segmentMs: Infinity, flushMessages: Infinity }, 0);
      expect(reopened.firstUnstableOffset).toBe(3);
      truncate(reopened);
      expect(reopened.firstUnstableOffset).toBe(-1);
    }
  });

  it("truncating away a commit marker reopens its transaction; truncating the abort drops its index entry (testFirstUnstableOffsetAfterTruncation)", () => {
    const t = new TxnLog();
    t.plain(99);
    t.txn(1, 6); // 99..104
    const commit = t.end(1, COMMIT); // 105
    t.log.updateHighWatermark(106);
    expect(t.log.firstUnstableOffset).toBe(-1);
    t.plain(1);
    t.log.truncateTo(106);
    expect(t.log.firstUnstableOffset).toBe(-1);
    t.log.truncateTo(commit.offset);
    expect(t.log.firstUnstableOffset).toBe(99);
    t.end(1, ABORT);
    expect(t.allAbortedTransactions()).toHaveLength(1);
    t.log.truncateTo(commit.offset);
    expect(t.allAbortedTransactions()).toEqual([]);
  });
});
