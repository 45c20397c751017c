// ProducerStateManager against Kafka's ProducerStateManagerTest
// (storage/src/test/java/org/apache/kafka/storage/internals/log/ProducerStateManagerTest.java)
// and the idempotence cases of UnifiedLogTest (core/src/test/scala/unit/kafka/log/UnifiedLogTest.scala).
// checkClientBatch is UnifiedLog.analyzeAndValidateProducerState for origin CLIENT: the duplicate
// check (ProducerStateEntry.findDuplicateBatch) first, then ProducerAppendInfo's epoch and
// sequence checks. update() is the append that follows, and a follower's (REPLICATION) append.
// Transactions, snapshots and producer-id expiry have no counterpart here and are not ported.

import { describe, expect, it } from "vitest";
import { ProducerStateManager, type ProducerCheck } from "../../core/log/producer-state.ts";
import { Errors } from "../../core/protocol/errors.ts";
import type { RecordBatch } from "../../core/protocol/records.ts";
import { batch, idempotent } from "./batches.ts";

const MAX_INT = 2147483647;
const PID = 1;
const APPEND: ProducerCheck = { kind: "append" };
const OUT_OF_ORDER: ProducerCheck = { kind: "reject", error: Errors.OUT_OF_ORDER_SEQUENCE_NUMBER };
const INVALID_EPOCH: ProducerCheck = { kind: "reject", error: Errors.INVALID_PRODUCER_EPOCH };
const duplicate = (firstOffset: number, lastOffset: number): ProducerCheck => ({ kind: "duplicate", firstOffset, lastOffset });

/** A leader's append from a client: validate, and append (update) only if Kafka would. */
function appendClient(psm: ProducerStateManager, b: RecordBatch): ProducerCheck {
  const check = psm.checkClientBatch(b);
  if (check.kind === "append") psm.update(b);
  return check;
}

describe("ProducerStateManager.checkClientBatch: sequences and epochs", () => {
  it("accepts 0,1; rejects 5 as out of order; accepts a new epoch at 0; rejects the old epoch (testBasicIdMapping)", () => {
    const psm = new ProducerStateManager();
    expect(appendClient(psm, idempotent(PID, 0, 0, 0))).toEqual(APPEND);
    expect(appendClient(psm, idempotent(PID, 0, 1, 1))).toEqual(APPEND);
    expect(appendClient(psm, idempotent(PID, 0, 5, 2))).toEqual(OUT_OF_ORDER);
    expect(appendClient(psm, idempotent(PID, 1, 0, 3))).toEqual(APPEND);
    expect(appendClient(psm, idempotent(PID, 0, 0, 4))).toEqual(INVALID_EPOCH);
  });

  it("rejects sequence 2 after 0 (UnifiedLogTest.testNonSequentialAppend)", () => {
    const psm = new ProducerStateManager();
    appendClient(psm, idempotent(PID, 0, 0, 0));
    expect(psm.checkClientBatch(idempotent(PID, 0, 2, 1))).toEqual(OUT_OF_ORDER);
  });

  it("rejects epoch 0 after epoch 1 with INVALID_PRODUCER_EPOCH (UnifiedLogTest.testOldProducerEpoch)", () => {
    const psm = new ProducerStateManager();
    appendClient(psm, idempotent(PID, 1, 0, 0));
    expect(psm.checkClientBatch(idempotent(PID, 0, 0, 1))).toEqual(INVALID_EPOCH);
  });

  it("a new epoch must start at sequence 0: epoch 1 at seq 5 is out of order, at seq 0 it appends (testRejectNonZeroSequenceForDirectEpochBump)", () => {
    const psm = new ProducerStateManager();
    for (const seq of [0, 1, 2]) appendClient(psm, idempotent(PID, 0, seq, seq));
    expect(psm.checkClientBatch(idempotent(PID, 1, 5, 3))).toEqual(OUT_OF_ORDER);
    expect(psm.checkClientBatch(idempotent(PID, 1, 0, 3))).toEqual(APPEND);
  });

  it("a bump by two epochs with a non-zero sequence is out of order too (testOutOfSequenceAfterControlRecordEpochBump)", () => {
    const psm = new ProducerStateManager();
    appendClient(psm, idempotent(PID, 0, 0, 0));
    appendClient(psm, idempotent(PID, 0, 1, 1));
    expect(psm.checkClientBatch(idempotent(PID, 2, 2, 2))).toEqual(OUT_OF_ORDER);
  });

  it("the same sequence range under a newer epoch is a new batch, not a duplicate (ProducerStateEntry.findDuplicateBatch)", () => {
    const psm = new ProducerStateManager();
    appendClient(psm, idempotent(PID, 0, 0, 0));
    expect(psm.checkClientBatch(idempotent(PID, 1, 0, 1))).toEqual(APPEND);
  });

  it("an unknown producer id may start at any sequence (ProducerAppendInfo.checkSequence with NO_PRODUCER_EPOCH, testRemoveExpiredPidsOnReload)", () => {
    const psm = new ProducerStateManager();
    expect(psm.checkClientBatch(idempotent(PID, 0, 2, 0))).toEqual(APPEND);
    expect(psm.checkClientBatch(idempotent(PID, 7, 1234, 0))).toEqual(APPEND);
  });

  it("after the producer expired, append at seq 2 re-adds it and seq 3 follows (testPidExpirationTimeout)", () => {
    const psm = new ProducerStateManager();
    appendClient(psm, idempotent(PID, 5, 0, 1));
    psm.clear(); // removeExpiredProducers: the state is gone
    expect(appendClient(psm, idempotent(PID, 5, 1, 2))).toEqual(APPEND);
    expect(psm.size).toBe(1);
    expect(psm.checkClientBatch(idempotent(PID, 5, 2, 3))).toEqual(APPEND);
    expect(psm.checkClientBatch(idempotent(PID, 5, 3, 3))).toEqual(OUT_OF_ORDER);
  });

  it("checkClientBatch does not change the state (testPrepareUpdateDoesNotMutate)", () => {
    const psm = new ProducerStateManager();
    const first = idempotent(PID, 0, 0, 15, 6);
    expect(psm.checkClientBatch(first)).toEqual(APPEND);
    expect(psm.checkClientBatch(first)).toEqual(APPEND);
    psm.update(first);
    const next = idempotent(PID, 0, 6, 26, 5);
    expect(psm.checkClientBatch(next)).toEqual(APPEND);
    expect(psm.checkClientBatch(next)).toEqual(APPEND);
    expect(psm.checkClientBatch(first)).toEqual(duplicate(15, 20));
  });

  it("producers are validated independently", () => {
    const psm = new ProducerStateManager();
    appendClient(psm, idempotent(1, 0, 0, 0));
    appendClient(psm, idempotent(2, 0, 0, 1));
    expect(psm.checkClientBatch(idempotent(1, 0, 1, 2))).toEqual(APPEND);
    expect(psm.checkClientBatch(idempotent(2, 0, 2, 2))).toEqual(OUT_OF_ORDER);
  });

  it("a batch without a producer id is never validated (UnifiedLog: only batch.hasProducerId)", () => {
    const psm = new ProducerStateManager();
    const plain = batch({ count: 3 });
    expect(appendClient(psm, plain)).toEqual(APPEND);
    expect(appendClient(psm, plain)).toEqual(APPEND);
    expect(psm.size).toBe(0);
  });
});

describe("ProducerStateManager.checkClientBatch: sequence wrap-around at Integer.MAX_VALUE", () => {
  it("seq 0 follows seq MAX_VALUE (testProducerSequenceWrapAround)", () => {
    const psm = new ProducerStateManager();
    psm.update(idempotent(PID, 15, MAX_INT, 735)); // appendReplicationEntry
    expect(appendClient(psm, idempotent(PID, 15, 0, 1235))).toEqual(APPEND);
    // Both batches are cached: firstSeq MAX_VALUE, lastSeq 0.
    expect(psm.checkClientBatch(idempotent(PID, 15, MAX_INT, 735))).toEqual(duplicate(735, 735));
    expect(psm.checkClientBatch(idempotent(PID, 15, 1, 1236))).toEqual(APPEND);
  });

  it("seq 1 after seq MAX_VALUE is out of order (testProducerSequenceInvalidWrapAround)", () => {
    const psm = new ProducerStateManager();
    psm.update(idempotent(PID, 15, MAX_INT, 735));
    expect(psm.checkClientBatch(idempotent(PID, 15, 1, 1235))).toEqual(OUT_OF_ORDER);
  });

  it("a batch from MAX_VALUE-10 with 21 records ends at seq 9 (testProducerSequenceWithWrapAroundBatchRecord)", () => {
    const psm = new ProducerStateManager();
    const wrapping = idempotent(PID, 15, MAX_INT - 10, 2000, 21);
    psm.update(wrapping);
    expect(psm.checkClientBatch(wrapping)).toEqual(duplicate(2000, 2020));
    expect(psm.checkClientBatch(idempotent(PID, 15, 10, 2021))).toEqual(APPEND);
    expect(psm.checkClientBatch(idempotent(PID, 15, 0, 2021))).toEqual(OUT_OF_ORDER);
  });
});

describe("ProducerStateManager.update: replication does not validate", () => {
  it("a follower's first entry at seq 16 is taken as is; the client continues at 17 (testNoValidationOnFirstEntryWhenLoadingLog)", () => {
    const psm = new ProducerStateManager();
    psm.update(idempotent(PID, 5, 16, 735));
    expect(psm.checkClientBatch(idempotent(PID, 5, 16, 736))).toEqual(duplicate(735, 735));
    expect(psm.checkClientBatch(idempotent(PID, 5, 17, 736))).toEqual(APPEND);
  });

  it("a gap rejected from a client is accepted from the leader (testAcceptAppendWithSequenceGapsOnReplica)", () => {
    const psm = new ProducerStateManager();
    appendClient(psm, idempotent(PID, 0, 0, 0));
    expect(appendClient(psm, idempotent(PID, 0, 3, 1))).toEqual(OUT_OF_ORDER);
    psm.update(idempotent(PID, 0, 3, 1));
    expect(psm.checkClientBatch(idempotent(PID, 0, 4, 2))).toEqual(APPEND);
  });

  it("duplicate sequences from the leader are appended; a retry matches the first (testDuplicateAppendToFollower)", () => {
    const psm = new ProducerStateManager();
    psm.update(idempotent(PID, 0, 0, 0, 2));
    psm.update(idempotent(PID, 0, 0, 2, 2));
    expect(psm.checkClientBatch(idempotent(PID, 0, 0, 4, 2))).toEqual(duplicate(0, 1));
  });
});

describe("ProducerStateManager.checkClientBatch: duplicates (NUM_BATCHES_TO_RETAIN = 5)", () => {
  it("answers retries with the original offsets within the last 5 batches, and not beyond (UnifiedLogTest.testDuplicateAppends)", () => {
    const psm = new ProducerStateManager();
    let offset = 0;
    let seq = 0;
    for (let i = 0; i <= 5; i++) expect(appendClient(psm, idempotent(PID, 0, seq++, offset++))).toEqual(APPEND);
    // A batch of three records at the tail, then its retry.
    const multi = idempotent(PID, 0, seq, offset, 3);
    expect(appendClient(psm, multi)).toEqual(APPEND);
    expect(appendClient(psm, idempotent(PID, 0, seq, offset + 10, 3))).toEqual(duplicate(6, 8));
    seq += 3;
    offset += 3;
    // A partial duplicate of the tail (seq 7..8) is out of order.
    expect(appendClient(psm, idempotent(PID, 0, seq - 2, offset, 2))).toEqual(OUT_OF_ORDER);
    // The batch 4th from the tail (seq 2) is still cached.
    expect(appendClient(psm, idempotent(PID, 0, 2, offset))).toEqual(duplicate(2, 2));
    // Seq 1 is older than the last 5 batches: out of order, not a duplicate.
    expect(appendClient(psm, idempotent(PID, 0, 1, offset))).toEqual(OUT_OF_ORDER);
    // A single-record batch at the tail and its retry.
    expect(appendClient(psm, idempotent(PID, 0, seq, offset))).toEqual(APPEND);
    expect(appendClient(psm, idempotent(PID, 0, seq, offset + 1))).toEqual(duplicate(offset, offset));
  });

  // After batches seq 0..9 at offsets 0..9, a retry k batches back (k = 1 is the last one).
  it.each([1, 2, 3, 4, 5])("a retry %i batch(es) back is a duplicate (ProducerStateEntry.NUM_BATCHES_TO_RETAIN)", (k) => {
    const psm = new ProducerStateManager();
    for (let s = 0; s < 10; s++) appendClient(psm, idempotent(PID, 0, s, s));
    expect(psm.checkClientBatch(idempotent(PID, 0, 10 - k, 100))).toEqual(duplicate(10 - k, 10 - k));
  });

  it.each([6, 7, 10])("a retry %i batches back is out of order (ProducerStateEntry.addBatchMetadata drops the oldest)", (k) => {
    const psm = new ProducerStateManager();
    for (let s = 0; s < 10; s++) appendClient(psm, idempotent(PID, 0, s, s));
    expect(psm.checkClientBatch(idempotent(PID, 0, 10 - k, 100))).toEqual(OUT_OF_ORDER);
  });

  it("a new epoch forgets the old epoch's batches (ProducerStateEntry.maybeUpdateProducerEpoch)", () => {
    const psm = new ProducerStateManager();
    appendClient(psm, idempotent(PID, 0, 0, 0));
    appendClient(psm, idempotent(PID, 1, 0, 1));
    expect(psm.checkClientBatch(idempotent(PID, 0, 0, 2))).toEqual(INVALID_EPOCH);
    expect(psm.checkClientBatch(idempotent(PID, 1, 0, 2))).toEqual(duplicate(1, 1));
  });
});
