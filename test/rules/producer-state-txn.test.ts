// ProducerStateManager's transactions against Kafka's ProducerStateManagerTest
// (storage/src/test/java/org/apache/kafka/storage/internals/log/ProducerStateManagerTest.java):
// ongoing transactions, markers completing them (CompletedTxn), the first unstable offset,
// and the checks ProducerAppendInfo makes — INVALID_TXN_STATE for a non-transactional write in
// an open transaction, INVALID_PRODUCER_EPOCH for an older epoch (data or marker),
// TRANSACTION_COORDINATOR_FENCED for a marker from an older coordinator. checkMarker is the
// COORDINATOR-origin validation; update() the append that follows (and a follower's).
// Snapshots, producer expiry and the KIP-890 verification entry are not modelled.

import { describe, expect, it } from "vitest";
import { ProducerStateManager, type ProducerCheck } from "../../core/log/producer-state.ts";
import type { CompletedTxn } from "../../core/log/transaction-index.ts";
import { Errors } from "../../core/protocol/errors.ts";
import { ControlType, NO_SEQUENCE, type RecordBatch } from "../../core/protocol/records.ts";
import { recordBatch } from "../harness/index.ts";
import { idempotent, marker, transactional } from "./batches.ts";

const PID = 1;
const APPEND: ProducerCheck = { kind: "append" };
const reject = (error: string): ProducerCheck => ({ kind: "reject", error }) as ProducerCheck;
const { ABORT, COMMIT } = ControlType;

function appendClient(psm: ProducerStateManager, b: RecordBatch): ProducerCheck {
  const check = psm.checkClientBatch(b);
  if (check.kind === "append") psm.update(b);
  return check;
}

/** A marker through WriteTxnMarkers: validated, appended, its transaction completed. */
function appendMarker(psm: ProducerStateManager, b: RecordBatch): { check: ProducerCheck; completed: CompletedTxn | null } {
  const check = psm.checkMarker(b);
  if (check.kind !== "append") return { check, completed: null };
  const completed = psm.update(b);
  if (completed !== null) psm.completeTxn(completed);
  return { check, completed };
}

describe("ProducerStateManager: transaction markers and epochs", () => {
  it("a marker alone creates the entry; it still fences older epochs and resets sequences (testAppendTxnMarkerWithNoProducerState)", () => {
    const psm = new ProducerStateManager();
    appendMarker(psm, marker(PID, 2, COMMIT, 27));
    expect(psm.entry(PID)).toEqual({ epoch: 2, coordinatorEpoch: 0, currentTxnFirstOffset: -1, lastSeq: NO_SEQUENCE });
    expect(appendClient(psm, idempotent(PID, 0, 0, 28))).toEqual(reject(Errors.INVALID_PRODUCER_EPOCH));
    expect(appendClient(psm, idempotent(PID, 2, 17, 28))).toEqual(reject(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER));
    expect(appendClient(psm, idempotent(PID, 2, 0, 28))).toEqual(APPEND);
    expect(psm.entry(PID)?.lastSeq).toBe(0);
  });

  it("a marker with a bumped epoch takes the epoch and clears the batches (testControlRecordBumpsProducerEpoch)", () => {
    const psm = new ProducerStateManager();
    appendClient(psm, idempotent(PID, 0, 0, 0));
    appendMarker(psm, marker(PID, 1, ABORT, 1));
    expect(psm.entry(PID)).toEqual({ epoch: 1, coordinatorEpoch: 0, currentTxnFirstOffset: -1, lastSeq: NO_SEQUENCE });
    expect(appendClient(psm, idempotent(PID, 1, 0, 2))).toEqual(APPEND);
  });

  it("after a bumping marker only sequence 0 is in order (testOutOfSequenceAfterControlRecordEpochBump)", () => {
    const psm = new ProducerStateManager();
    appendClient(psm, transactional(PID, 0, 0, 0));
    appendClient(psm, transactional(PID, 0, 1, 1));
    appendMarker(psm, marker(PID, 1, ABORT, 2));
    expect(appendClient(psm, transactional(PID, 1, 2, 3))).toEqual(reject(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER));
    expect(appendClient(psm, transactional(PID, 2, 2, 3))).toEqual(reject(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER));
    expect(appendClient(psm, transactional(PID, 1, 0, 3))).toEqual(APPEND);
    expect(psm.entry(PID)).toMatchObject({ epoch: 1, lastSeq: 0 });
  });

  it("a non-transactional batch while the producer's transaction is open is INVALID_TXN_STATE (testNonTransactionalAppendWithOngoingTransaction)", () => {
    const psm = new ProducerStateManager();
    expect(appendClient(psm, transactional(PID, 0, 0, 0))).toEqual(APPEND);
    expect(appendClient(psm, idempotent(PID, 0, 1, 1))).toEqual(reject(Errors.INVALID_TXN_STATE));
  });

  it("a fencing abort marker (bumped epoch) ends the transaction and forgets the data offsets (testProducerStateAfterFencingAbortMarker)", () => {
    const psm = new ProducerStateManager();
    appendClient(psm, transactional(PID, 0, 0, 0));
    const { completed } = appendMarker(psm, marker(PID, 1, ABORT, 1));
    expect(completed).toEqual({ producerId: PID, firstOffset: 0, lastOffset: 1, isAborted: true });
    expect(psm.entry(PID)?.currentTxnFirstOffset).toBe(-1);
    expect(psm.lastDataOffset(PID)).toBeUndefined();
  });

  it("a marker for an older producer epoch is INVALID_PRODUCER_EPOCH (testOldEpochForControlRecord)", () => {
    const psm = new ProducerStateManager();
    appendClient(psm, transactional(PID, 5, 0, 99));
    expect(appendMarker(psm, marker(PID, 3, COMMIT, 100)).check).toEqual(reject(Errors.INVALID_PRODUCER_EPOCH));
    expect(psm.firstUndecidedOffset()).toBe(99);
  });

  it("markers from the same or a newer coordinator epoch pass; an older one is TRANSACTION_COORDINATOR_FENCED (testCoordinatorFencing)", () => {
    const psm = new ProducerStateManager();
    appendClient(psm, transactional(PID, 5, 0, 99));
    expect(appendMarker(psm, marker(PID, 5, COMMIT, 100, 1)).check).toEqual(APPEND);
    expect(psm.entry(PID)?.coordinatorEpoch).toBe(1);
    expect(appendMarker(psm, marker(PID, 5, COMMIT, 101, 1)).check).toEqual(APPEND);
    expect(appendMarker(psm, marker(PID, 5, COMMIT, 102, 2)).check).toEqual(APPEND);
    expect(appendMarker(psm, marker(PID, 5, COMMIT, 103, 1)).check).toEqual(reject(Errors.TRANSACTION_COORDINATOR_FENCED));
  });

  it("an emptied control batch (the cleaner removed the transaction) starts and ends nothing (testAppendEmptyControlBatch)", () => {
    const psm = new ProducerStateManager();
    const empty = recordBatch({ baseOffset: 15, producerId: 23423, producerEpoch: 0, isTransactional: true, control: { type: COMMIT, coordinatorEpoch: 0 } }, []);
    expect(psm.update(empty)).toBeNull();
    expect(psm.entry(23423)).toBeUndefined();
    expect(psm.firstUnstableOffset()).toBe(-1);
  });
});

describe("ProducerStateManager: the first unstable offset", () => {
  it("stays at a decided transaction until the high watermark passes its marker (testFirstUnstableOffset)", () => {
    const psm = new ProducerStateManager();
    expect(psm.firstUndecidedOffset()).toBe(-1);
    appendClient(psm, transactional(PID, 5, 0, 99));
    expect([psm.firstUndecidedOffset(), psm.firstUnstableOffset()]).toEqual([99, 99]);
    appendClient(psm, transactional(2, 5, 0, 105));
    expect([psm.firstUndecidedOffset(), psm.firstUnstableOffset()]).toEqual([99, 99]);
    appendMarker(psm, marker(PID, 5, COMMIT, 109));
    expect([psm.firstUndecidedOffset(), psm.firstUnstableOffset()]).toEqual([105, 99]);
    psm.removeUnreplicatedTransactions(100);
    expect(psm.firstUnstableOffset()).toBe(99);
    psm.removeUnreplicatedTransactions(110);
    expect(psm.firstUnstableOffset()).toBe(105);
    appendMarker(psm, marker(2, 5, ABORT, 112));
    expect([psm.firstUndecidedOffset(), psm.firstUnstableOffset()]).toEqual([-1, 105]);
    psm.removeUnreplicatedTransactions(113);
    expect(psm.firstUnstableOffset()).toBe(-1);
  });

  it("a completed transaction's LSO is the next other producer's open transaction, else past its marker (testLastStableOffsetCompletedTxn)", () => {
    const psm = new ProducerStateManager();
    const [p1, p2, p3] = [PID, PID + 1, PID + 2];
    const [s1, s2, s3] = [992342, 992342 + 25, 992342 + 57];
    appendClient(psm, transactional(p1, 0, 0, s1));
    appendClient(psm, transactional(p2, 0, 0, s2));
    appendClient(psm, transactional(p3, 0, 0, s3));
    const t1: CompletedTxn = { producerId: p1, firstOffset: s1, lastOffset: s3 + 15, isAborted: false };
    expect(psm.lastStableOffset(t1)).toBe(s2);
    psm.completeTxn(t1);
    psm.removeUnreplicatedTransactions(t1.lastOffset + 1);
    expect(psm.firstUnstableOffset()).toBe(s2);
    const t3: CompletedTxn = { producerId: p3, firstOffset: s3, lastOffset: t1.lastOffset + 20, isAborted: false };
    expect(psm.lastStableOffset(t3)).toBe(s2);
    psm.completeTxn(t3);
    psm.removeUnreplicatedTransactions(t3.lastOffset + 1);
    expect(psm.firstUnstableOffset()).toBe(s2);
    const t2: CompletedTxn = { producerId: p2, firstOffset: s2, lastOffset: t3.lastOffset + 78, isAborted: false };
    expect(psm.lastStableOffset(t2)).toBe(t2.lastOffset + 1);
    psm.completeTxn(t2);
    psm.removeUnreplicatedTransactions(t2.lastOffset + 1);
    expect(psm.firstUnstableOffset()).toBe(-1);
  });

  it("markers without an open transaction complete nothing; the next transactional batch opens one (testSkipEmptyTransactions)", () => {
    const psm = new ProducerStateManager();
    appendClient(psm, transactional(PID, 0, 0, 16, 5));
    psm.removeUnreplicatedTransactions(21);
    expect(psm.firstUnstableOffset()).toBe(16);
    expect(appendMarker(psm, marker(PID, 0, COMMIT, 21)).completed).toEqual({ producerId: PID, firstOffset: 16, lastOffset: 21, isAborted: false });
    expect(appendMarker(psm, marker(PID, 0, COMMIT, 22)).completed).toBeNull();
    expect(appendMarker(psm, marker(PID, 0, ABORT, 23)).completed).toBeNull();
    appendClient(psm, transactional(PID, 0, 5, 24, 4));
    expect(appendMarker(psm, marker(PID, 0, ABORT, 28)).completed).toEqual({ producerId: PID, firstOffset: 24, lastOffset: 28, isAborted: true });
    expect(appendMarker(psm, marker(PID, 0, ABORT, 29)).completed).toBeNull();
    appendClient(psm, transactional(PID, 0, 9, 30, 2));
    psm.removeUnreplicatedTransactions(32);
    expect(psm.firstUnstableOffset()).toBe(30);
  });
});
