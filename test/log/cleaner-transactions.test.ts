// Compaction of transactional data, after Kafka's LogCleanerTest
// (core/src/test/scala/unit/kafka/log/LogCleanerTest.scala) and LogCleanerManagerTest: aborted
// transactions' records are removed; markers stay while their transaction's batches remain,
// then get a delete horizon and go at a cleaning after it; a producer's last marker stays as
// an empty batch to keep its epoch; the transaction index survives cleaning; nothing at or
// past the last stable offset is cleaned. Records are keyed by number; `run` is one doClean
// of everything below the active segment. Kafka's tests pass later rounds a first dirty offset,
// but their FakeOffsetMap keeps latestOffset across rounds, so those rounds rewrite the whole
// log too; here every round starts at 0, which dedupes the same keys again to the same result.

import { describe, expect, it } from "vitest";
import { cleanableOffsets } from "../../core/log/cleaner-manager.ts";
import { cleanLog } from "../../core/log/log-cleaner.ts";
import { PartitionLog } from "../../core/log/partition-log.ts";
import { ControlType, lastOffsetOf, type ControlTypeCode } from "../../core/protocol/records.ts";
import { MemDisk } from "../harness/index.ts";
import { marker } from "../rules/batches.ts";
import { batchOf, settings } from "./helpers.ts";

const compact = settings({ "cleanup.policy": ["compact"] });
const DELETE_RETENTION_MS = compact.deleteRetentionMs;
/** LogCleanerTest's largeTimestamp: far past every record, not past a horizon set now. */
const LARGE_MS = 1e12;
const { ABORT, COMMIT } = ControlType;

class TxnCleaning {
  readonly log = PartitionLog.load(new MemDisk(), "logs/t-0", { segmentBytes: 1 << 30, segmentMs: Infinity, flushMessages: Infinity }, 0);
  private readonly seqs = new Map<number, number>();

  /** appendTransactionalAsLeader: one batch of producer `pid`'s transaction, keys → values of 10 bytes. */
  txn(pid: number, keys: readonly number[]): this {
    const seq = this.seqs.get(pid) ?? 0;
    this.seqs.set(pid, seq + keys.length);
    this.log.appendAsLeader(batchOf(keys.map((k) => [String(k), 10]), 0).with({ producerId: pid, producerEpoch: 0, baseSequence: seq, isTransactional: true }), 0, 0);
    return this.hw();
  }

  plain(key: number): this {
    this.log.appendAsLeader(batchOf([[String(key), 10]], 0), 0, 0);
    return this.hw();
  }

  end(pid: number, type: ControlTypeCode): this {
    this.log.appendAsLeader(marker(pid, 0, type, 0), 0, 0);
    return this.hw();
  }

  roll(): this {
    this.log.rollActiveSegment(0);
    return this;
  }

  private hw(): this {
    this.log.updateHighWatermark(this.log.logEndOffset);
    return this;
  }

  /** Cleaner.doClean of the log below the active segment at `nowMs`. */
  run(nowMs = LARGE_MS): this {
    cleanLog(this.log, 0, this.log.segmentList.at(-1)!.baseOffset, compact, nowMs);
    return this;
  }

  /** runTwoPassClean: the first pass sets markers' delete horizons, the second is past them. */
  runTwice(nowMs = LARGE_MS): this {
    return this.run(nowMs).run(nowMs + DELETE_RETENTION_MS + 1);
  }

  /** LogTestUtils.keysInLog: keys of data records with a value. */
  keys(): number[] {
    return this.log.allBatches().filter((b) => b.control === null).flatMap((b) => Array.from({ length: b.count }, (_, i) => i).filter((i) => !b.isTombstoneAt(i) && b.keyAt(i) !== null).map((i) => Number(b.keyAt(i))));
  }

  /** offsetsInLog: offsets of keyed records with a value, markers included (their record has a key and value in Kafka). */
  offsets(): number[] {
    return this.log.allBatches().flatMap((b) => Array.from({ length: b.count }, (_, i) => i).filter((i) => b.control !== null || (!b.isTombstoneAt(i) && b.keyAt(i) !== null)).map((i) => b.offsetAt(i)));
  }

  lastOffsetsPerBatch(): number[] {
    return this.log.allBatches().map(lastOffsetOf);
  }
}

describe("Cleaner and transactions", () => {
  it("drops aborted records, keeps committed ones and the markers; the transaction index survives (testBasicTransactionAwareCleaning)", () => {
    const t = new TxnCleaning().txn(1, [1, 2]).txn(2, [2, 3]).txn(1, [3, 4]).end(1, ABORT).end(2, COMMIT).txn(1, [2]).end(1, COMMIT);
    const aborted = t.log.collectAbortedTransactions(t.log.logStartOffset, t.log.logEndOffset);
    t.roll().run();
    expect(t.keys()).toEqual([3, 2]);
    expect(t.offsets()).toEqual([3, 6, 7, 8, 9]);
    expect(t.log.collectAbortedTransactions(t.log.logStartOffset, t.log.logEndOffset)).toEqual(aborted);
  });

  it("cleans transactions spanning segments in two rounds (testCleanWithTransactionsSpanningSegments)", () => {
    const t = new TxnCleaning().txn(1, [1, 2]).txn(3, [2, 3]).txn(2, [3, 4]).roll();
    t.txn(2, [5, 6]).txn(3, [6, 7]).txn(1, [7, 8]).end(2, ABORT).txn(3, [8, 9]).end(3, COMMIT).txn(1, [9, 10]).end(1, ABORT);
    t.run();
    expect(t.keys()).toEqual([2, 3, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10]);
    t.roll().txn(2, [11]).txn(1, [12]);
    t.run();
    expect(t.keys()).toEqual([2, 3, 6, 7, 8, 9, 11, 12]);
  });

  it("keeps a commit marker while its transaction has records, then sets its horizon and removes it (testCommitMarkerRemoval)", () => {
    const t = new TxnCleaning().txn(1, [1]).txn(1, [2, 3]).end(1, COMMIT).txn(1, [2]).end(1, COMMIT).roll();
    t.run();
    expect([t.keys(), t.offsets()]).toEqual([[1, 3, 2], [0, 2, 3, 4, 5]]);
    t.txn(1, [1, 3]).end(1, COMMIT).roll();
    t.run();
    expect([t.keys(), t.offsets()]).toEqual([[2, 1, 3], [3, 4, 5, 6, 7, 8]]);
    t.run();
    expect([t.keys(), t.offsets()]).toEqual([[2, 1, 3], [3, 4, 5, 6, 7, 8]]);
    t.run(Number.MAX_SAFE_INTEGER);
    expect([t.keys(), t.offsets()]).toEqual([[2, 1, 3], [4, 5, 6, 7, 8]]);
  });

  it("keeps an abort marker while the aborted records remain, then removes it after its horizon (testAbortMarkerRemoval)", () => {
    const t = new TxnCleaning().txn(1, [1]).txn(1, [2, 3]).end(1, ABORT).txn(1, [3]).end(1, COMMIT).roll();
    t.run();
    expect([t.keys(), t.offsets()]).toEqual([[3], [3, 4, 5]]);
    t.runTwice();
    expect([t.keys(), t.offsets()]).toEqual([[3], [4, 5]]);
  });

  it("a producer's emptied batches stay while they hold its last sequence; its commit marker goes in two passes (testCommitMarkerRetentionWithEmptyBatch)", () => {
    const t = new TxnCleaning().txn(1, [2, 3]).roll().txn(2, [2, 3]).end(2, COMMIT).roll().plain(2).plain(3).end(1, COMMIT).roll();
    t.run();
    expect([t.keys(), t.offsets(), t.lastOffsetsPerBatch()]).toEqual([[2, 3], [4, 5, 6, 7], [1, 3, 4, 5, 6, 7]]);
    t.run();
    expect([t.keys(), t.offsets(), t.lastOffsetsPerBatch()]).toEqual([[2, 3], [4, 5, 6, 7], [1, 3, 4, 5, 6, 7]]);
    t.txn(2, [1]).end(2, COMMIT).roll();
    t.run();
    expect([t.keys(), t.offsets(), t.lastOffsetsPerBatch()]).toEqual([[2, 3, 1], [4, 5, 6, 7, 8, 9], [1, 4, 5, 6, 7, 8, 9]]);
    t.runTwice();
    expect([t.keys(), t.offsets(), t.lastOffsetsPerBatch()]).toEqual([[2, 3, 1], [5, 6, 7, 8, 9], [1, 5, 6, 7, 8, 9]]);
  });

  it("a marker without data is emptied but kept for the producer's epoch; cleaning the empty batch again is harmless (testCleanEmptyControlBatch)", () => {
    const t = new TxnCleaning().end(1, COMMIT).plain(2).plain(3).roll();
    t.runTwice();
    expect([t.keys(), t.offsets(), t.lastOffsetsPerBatch()]).toEqual([[2, 3], [1, 2], [0, 1, 2]]);
    t.run(Number.MAX_SAFE_INTEGER);
    expect([t.keys(), t.offsets(), t.lastOffsetsPerBatch()]).toEqual([[2, 3], [1, 2], [0, 1, 2]]);
  });

  it("a committed transaction's record and marker in two segments both stay (testCommittedTransactionSpanningSegments)", () => {
    const t = new TxnCleaning().txn(1, [1]).roll().end(1, COMMIT).roll();
    t.runTwice();
    expect([t.offsets(), t.lastOffsetsPerBatch()]).toEqual([[0, 1], [0, 1]]);
  });

  it("an aborted transaction spanning segments keeps its emptied batch (last sequence) and its marker (testAbortedTransactionSpanningSegments)", () => {
    const t = new TxnCleaning().txn(1, [1]).roll().end(1, ABORT).roll();
    t.run();
    expect([t.offsets(), t.lastOffsetsPerBatch()]).toEqual([[1], [0, 1]]);
    t.run(Number.MAX_SAFE_INTEGER);
    expect([t.offsets(), t.lastOffsetsPerBatch()]).toEqual([[1], [0, 1]]);
  });

  it("the aborted transaction stays indexed while its marker is kept (testAbortMarkerRetentionWithEmptyBatch)", () => {
    const t = new TxnCleaning().txn(1, [2, 3]).end(1, ABORT).roll();
    const indexed = () => t.log.collectAbortedTransactions(0, 100).map((a) => [a.producerId, a.firstOffset, a.lastOffset]);
    expect(indexed()).toEqual([[1, 0, 2]]);
    t.run();
    expect([t.keys(), t.offsets(), t.lastOffsetsPerBatch()]).toEqual([[], [2], [1, 2]]);
    expect(indexed()).toEqual([[1, 0, 2]]);
    t.run();
    expect([t.keys(), t.offsets(), t.lastOffsetsPerBatch()]).toEqual([[], [2], [1, 2]]);
    t.run(Number.MAX_SAFE_INTEGER);
    expect([t.keys(), t.offsets(), t.lastOffsetsPerBatch()]).toEqual([[], [2], [1, 2]]);
  });

  it("an aborted transaction's emptied last batch keeps the producer's sequence until the producer writes again (testLogCleanerRetainsLastSequenceEvenIfTransactionAborted)", () => {
    const t = new TxnCleaning().txn(1, [1]).txn(1, [2, 3]).end(1, ABORT).roll().run();
    expect([t.lastOffsetsPerBatch(), t.keys(), t.offsets(), t.log.producerState.entry(1)?.lastSeq]).toEqual([[2, 3], [], [3], 2]);
    t.txn(1, [1, 5]).roll().run();
    expect([t.lastOffsetsPerBatch(), t.keys(), t.offsets(), t.log.producerState.entry(1)?.lastSeq]).toEqual([[3, 5], [1, 5], [3, 4, 5], 4]);
  });

  it("markers are never in the offset map, so no record supersedes one (testCleaningWithKeysConflictingWithTxnMarkerKeys; here a marker's record has no key at all)", () => {
    const t = new TxnCleaning().txn(1, [1]).end(1, COMMIT).txn(2, [2]).end(2, COMMIT).roll();
    t.run();
    expect([t.lastOffsetsPerBatch(), t.offsets()]).toEqual([[0, 1, 2, 3], [0, 1, 2, 3]]);
  });
});

describe("LogCleanerManager.cleanableOffsets and transactions", () => {
  it("never cleans at or past the last stable offset (LogCleanerManagerTest.testUndecidedTransactionalDataNotCleanable)", () => {
    const t = new TxnCleaning().plain(1).txn(7, [2, 3]).roll().plain(4).roll();
    expect(t.log.lastStableOffset).toBe(1);
    expect(cleanableOffsets(t.log, undefined, compact, 0)).toEqual({ firstDirtyOffset: 0, firstUncleanableDirtyOffset: 1 });
    t.end(7, COMMIT);
    expect(cleanableOffsets(t.log, undefined, compact, 0).firstUncleanableDirtyOffset).toBe(t.log.segmentList.at(-1)!.baseOffset);
  });
});
