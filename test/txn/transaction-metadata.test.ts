// TransactionMetadata's prepare/complete rules, row by row from Kafka's
// core/src/test/scala/unit/kafka/coordinator/transaction/TransactionMetadataTest.scala
// (each row names its test method). Kafka's MockTime starts at a large time; NOW stands for it.
import { describe, expect, it } from "vitest";
import { Errors } from "../../core/protocol/errors.ts";
import { NO_PRODUCER_EPOCH, NO_PRODUCER_ID } from "../../core/protocol/records.ts";
import { TransactionMetadata, type TransactionState, type TxnTransit } from "../../core/txn/transaction-metadata.ts";

const PRODUCER_ID = 23423;
const NOW = 1_000_000;
const SHORT_MAX = 32767;

interface Init {
  readonly producerEpoch: number;
  readonly lastProducerEpoch?: number;
  readonly previousProducerId?: number;
  readonly state?: TransactionState;
  readonly txnStartTimestampMs?: number;
  readonly clientTransactionVersion?: number;
  readonly partitions?: readonly string[];
}

/** `new TransactionMetadata(transactionalId = "txnlId", producerId = 23423, ..., txnTimeoutMs = 30000, ...)` as the Kafka tests build it. */
function metadata(init: Init): TransactionMetadata {
  const m = new TransactionMetadata("txnlId", PRODUCER_ID, 30000, NOW);
  m.producerEpoch = init.producerEpoch;
  m.lastProducerEpoch = init.lastProducerEpoch ?? NO_PRODUCER_EPOCH;
  m.previousProducerId = init.previousProducerId ?? NO_PRODUCER_ID;
  m.state = init.state ?? "Empty";
  m.txnStartTimestampMs = init.txnStartTimestampMs ?? -1;
  m.clientTransactionVersion = init.clientTransactionVersion ?? 0;
  for (const p of init.partitions ?? []) m.partitions.add(p);
  return m;
}

/** prepareSuccessfulIncrementProducerEpoch in the Kafka test. */
function increment(m: TransactionMetadata, expectedEpoch: number | null, nowMs = NOW): TxnTransit {
  const t = m.prepareIncrementProducerEpoch(30000, expectedEpoch, nowMs);
  if (typeof t === "string") throw new Error(`prepareIncrementProducerEpoch failed with ${t}`);
  return t;
}

function epochs(m: TransactionMetadata): { producerId: number; producerEpoch: number; lastProducerEpoch: number } {
  return { producerId: m.producerId, producerEpoch: m.producerEpoch, lastProducerEpoch: m.lastProducerEpoch };
}

describe("TransactionMetadata.prepareIncrementProducerEpoch (InitProducerId)", () => {
  const rows: { kafka: string; init: Init; expected: number | null; after: ReturnType<typeof epochs> }[] = [
    { kafka: "testInitializeEpoch", init: { producerEpoch: NO_PRODUCER_EPOCH }, expected: null, after: { producerId: PRODUCER_ID, producerEpoch: 0, lastProducerEpoch: NO_PRODUCER_EPOCH } },
    { kafka: "testNormalEpochBump", init: { producerEpoch: 735 }, expected: null, after: { producerId: PRODUCER_ID, producerEpoch: 736, lastProducerEpoch: NO_PRODUCER_EPOCH } },
    { kafka: "testAttemptedEpochBumpWithNewlyCreatedMetadata", init: { producerEpoch: NO_PRODUCER_EPOCH }, expected: 735, after: { producerId: PRODUCER_ID, producerEpoch: 0, lastProducerEpoch: NO_PRODUCER_EPOCH } },
    { kafka: "testEpochBumpWithCurrentEpochProvided", init: { producerEpoch: 735 }, expected: 735, after: { producerId: PRODUCER_ID, producerEpoch: 736, lastProducerEpoch: 735 } },
    { kafka: "testAttemptedEpochBumpWithLastEpoch", init: { producerEpoch: 735, lastProducerEpoch: 734 }, expected: 734, after: { producerId: PRODUCER_ID, producerEpoch: 735, lastProducerEpoch: 734 } },
  ];
  it.each(rows)("$kafka", ({ init, expected, after }) => {
    const m = metadata(init);
    const t = increment(m, expected);
    expect(m.pendingState).toBe("Empty");
    m.completeTransitionTo(t);
    expect(epochs(m)).toEqual(after);
    expect(m.state).toBe("Empty");
    expect(m.pendingState).toBeNull();
  });

  it("testAttemptedEpochBumpWithFencedEpoch: an epoch older than the last one is PRODUCER_FENCED, nothing prepared", () => {
    const m = metadata({ producerEpoch: 735, lastProducerEpoch: 734, previousProducerId: PRODUCER_ID });
    expect(m.prepareIncrementProducerEpoch(30000, 733, NOW)).toBe(Errors.PRODUCER_FENCED);
    expect(m.pendingState).toBeNull();
  });

  it("testBumpEpochNotAllowedIfEpochsExhausted: Short.MaxValue - 1 is exhausted and cannot be bumped", () => {
    const m = metadata({ producerEpoch: SHORT_MAX - 1 });
    expect(m.isProducerEpochExhausted).toBe(true);
    expect(() => m.prepareIncrementProducerEpoch(30000, null, NOW)).toThrow();
  });

  it("testTolerateUpdateTimeShiftDuringEpochBump: an earlier update time is accepted; the start time is left alone", () => {
    const m = metadata({ producerEpoch: 1, txnStartTimestampMs: 1 });
    m.completeTransitionTo(increment(m, 1, NOW - 1));
    expect(epochs(m)).toEqual({ producerId: PRODUCER_ID, producerEpoch: 2, lastProducerEpoch: 1 });
    expect(m.txnStartTimestampMs).toBe(1);
    expect(m.txnLastUpdateTimestampMs).toBe(NOW - 1);
  });
});

describe("TransactionMetadata.prepareProducerIdRotation", () => {
  it("testRotateProducerId: a new producer id at epoch 0, the old id and epoch remembered", () => {
    const m = metadata({ producerEpoch: SHORT_MAX - 1 });
    m.completeTransitionTo(m.prepareProducerIdRotation(9893, 30000, NOW, true));
    expect(epochs(m)).toEqual({ producerId: 9893, producerEpoch: 0, lastProducerEpoch: SHORT_MAX - 1 });
    expect(m.previousProducerId).toBe(PRODUCER_ID);
  });

  it("testTolerateUpdateTimeResetDuringProducerIdRotation", () => {
    const m = metadata({ producerEpoch: 1, txnStartTimestampMs: 1 });
    m.completeTransitionTo(m.prepareProducerIdRotation(PRODUCER_ID + 1, 30000, NOW - 1, true));
    expect(epochs(m)).toEqual({ producerId: PRODUCER_ID + 1, producerEpoch: 0, lastProducerEpoch: 1 });
    expect(m.txnStartTimestampMs).toBe(1);
    expect(m.txnLastUpdateTimestampMs).toBe(NOW - 1);
  });

  it.each([
    { kafka: "testRotateProducerIdInOngoingState", state: "Ongoing" as const, tv: 0 },
    { kafka: "testRotateProducerIdInPrepareAbortState (TV_0)", state: "PrepareAbort" as const, tv: 0 },
    { kafka: "testRotateProducerIdInPrepareAbortState (TV_2)", state: "PrepareAbort" as const, tv: 2 },
    { kafka: "testRotateProducerIdInPrepareCommitState (TV_0)", state: "PrepareCommit" as const, tv: 0 },
    { kafka: "testRotateProducerIdInPrepareCommitState (TV_2)", state: "PrepareCommit" as const, tv: 2 },
  ])("$kafka: no rotation while a transaction is pending", ({ state, tv }) => {
    const m = metadata({ producerEpoch: SHORT_MAX - 1, previousProducerId: PRODUCER_ID, state, clientTransactionVersion: tv });
    expect(() => m.prepareProducerIdRotation(9893, 30000, NOW, false)).toThrow();
  });
});

describe("TransactionMetadata.prepareFenceProducerEpoch", () => {
  it("testFenceProducerAfterEpochsExhausted: the fence may use Short.MaxValue, and the abort keeps the producer id", () => {
    const m = metadata({ producerEpoch: SHORT_MAX - 1, state: "Ongoing" });
    expect(m.isProducerEpochExhausted).toBe(true);
    const fence = m.prepareFenceProducerEpoch();
    expect(fence.producerEpoch).toBe(SHORT_MAX);
    expect(fence.lastProducerEpoch).toBe(NO_PRODUCER_EPOCH);
    expect(m.pendingState).toBe("PrepareEpochFence");
    m.pendingState = null; // as the coordinator clears it for the abort
    const t = m.prepareAbortOrCommit("PrepareAbort", 0, NOW);
    m.completeTransitionTo(t);
    expect(t.producerId).toBe(PRODUCER_ID);
    expect(m.state).toBe("PrepareAbort");
  });

  it("testFenceProducerNotAllowedIfItWouldOverflow", () => {
    const m = metadata({ producerEpoch: SHORT_MAX, state: "Ongoing" });
    expect(m.isProducerEpochExhausted).toBe(true);
    expect(() => m.prepareFenceProducerEpoch()).toThrow();
  });
});

describe("TransactionMetadata.prepareAddPartitions", () => {
  it("testTolerateTimeShiftDuringAddPartitions: Empty → Ongoing starts the transaction at the update time; Ongoing keeps its start", () => {
    const m = metadata({ producerEpoch: 1, txnStartTimestampMs: NOW });
    m.completeTransitionTo(m.prepareAddPartitions(["topic1-0"], NOW - 1, 0));
    expect([...m.partitions]).toEqual(["topic1-0"]);
    expect(epochs(m)).toEqual({ producerId: PRODUCER_ID, producerEpoch: 1, lastProducerEpoch: NO_PRODUCER_EPOCH });
    expect([m.txnStartTimestampMs, m.txnLastUpdateTimestampMs]).toEqual([NOW - 1, NOW - 1]);
    m.completeTransitionTo(m.prepareAddPartitions(["topic2-0"], NOW - 2, 0));
    expect([...m.partitions].sort()).toEqual(["topic1-0", "topic2-0"]);
    expect(epochs(m)).toEqual({ producerId: PRODUCER_ID, producerEpoch: 1, lastProducerEpoch: NO_PRODUCER_EPOCH });
    expect([m.txnStartTimestampMs, m.txnLastUpdateTimestampMs]).toEqual([NOW - 1, NOW - 2]);
  });
});

describe("TransactionMetadata.prepareAbortOrCommit / prepareComplete", () => {
  it.each([
    { kafka: "testTolerateTimeShiftDuringPrepareCommit", state: "PrepareCommit" as const },
    { kafka: "testTolerateTimeShiftDuringPrepareAbort", state: "PrepareAbort" as const },
  ])("$kafka: transaction.version 0 keeps the epoch", ({ state }) => {
    const m = metadata({ producerEpoch: 1, state: "Ongoing", txnStartTimestampMs: 1 });
    m.completeTransitionTo(m.prepareAbortOrCommit(state, 0, NOW - 1));
    expect(m.state).toBe(state);
    expect(epochs(m)).toEqual({ producerId: PRODUCER_ID, producerEpoch: 1, lastProducerEpoch: NO_PRODUCER_EPOCH });
    expect([m.txnStartTimestampMs, m.txnLastUpdateTimestampMs]).toEqual([1, NOW - 1]);
  });

  it.each([
    { kafka: "testTolerateTimeShiftDuringCompleteCommit", from: "PrepareCommit" as const, to: "CompleteCommit", tv: 0, label: "TV_0" },
    { kafka: "testTolerateTimeShiftDuringCompleteCommit", from: "PrepareCommit" as const, to: "CompleteCommit", tv: 2, label: "TV_2" },
    { kafka: "testTolerateTimeShiftDuringCompleteAbort", from: "PrepareAbort" as const, to: "CompleteAbort", tv: 0, label: "TV_0" },
    { kafka: "testTolerateTimeShiftDuringCompleteAbort", from: "PrepareAbort" as const, to: "CompleteAbort", tv: 2, label: "TV_2" },
  ])("$kafka ($label): the last epoch is recorded only under transaction.version 2", ({ from, to, tv }) => {
    const m = metadata({ producerEpoch: 1, state: from, txnStartTimestampMs: 1, clientTransactionVersion: tv });
    m.completeTransitionTo(m.prepareComplete(NOW - 1));
    expect(m.state).toBe(to);
    expect(epochs(m)).toEqual({ producerId: PRODUCER_ID, producerEpoch: 1, lastProducerEpoch: tv >= 2 ? 1 : NO_PRODUCER_EPOCH });
    expect([m.txnStartTimestampMs, m.txnLastUpdateTimestampMs]).toEqual([1, NOW - 1]);
  });

  it("testEpochBumpOnEndTxn: transaction.version 2 bumps the epoch at PrepareCommit and keeps it at CompleteCommit", () => {
    const m = metadata({ producerEpoch: 10, state: "Ongoing", txnStartTimestampMs: NOW });
    m.completeTransitionTo(m.prepareAbortOrCommit("PrepareCommit", 2, NOW - 1));
    expect([m.producerId, m.producerEpoch, m.clientTransactionVersion]).toEqual([PRODUCER_ID, 11, 2]);
    m.completeTransitionTo(m.prepareComplete(NOW));
    expect([m.producerId, m.producerEpoch, m.clientTransactionVersion]).toEqual([PRODUCER_ID, 11, 2]);
    expect(m.state).toBe("CompleteCommit");
    expect(m.partitions.size).toBe(0);
  });

  it("prepareComplete forgets the partitions and clears a failed fence (TransactionMetadata.prepareComplete)", () => {
    const m = metadata({ producerEpoch: 3, state: "PrepareAbort", txnStartTimestampMs: 5, partitions: ["t-0", "t-1"] });
    m.hasFailedEpochFence = true;
    const t = m.prepareComplete(NOW);
    expect(m.hasFailedEpochFence).toBe(false);
    expect(t.partitions).toEqual([]);
    m.completeTransitionTo(t);
    expect(m.partitions.size).toBe(0);
  });
});

describe("TransactionState.validPreviousStates (prepareTransitionTo)", () => {
  it.each([
    { from: "Empty" as const, call: (m: TransactionMetadata) => m.prepareAbortOrCommit("PrepareCommit", 0, NOW) },
    { from: "CompleteCommit" as const, call: (m: TransactionMetadata) => m.prepareComplete(NOW) },
    { from: "PrepareCommit" as const, call: (m: TransactionMetadata) => m.prepareAddPartitions(["t-0"], NOW, 0) },
    { from: "Ongoing" as const, call: (m: TransactionMetadata) => increment(m, null) },
  ])("from $from the transition is illegal", ({ from, call }) => {
    const m = metadata({ producerEpoch: 1, state: from, txnStartTimestampMs: 1 });
    expect(() => call(m)).toThrow();
    expect(m.pendingState).toBeNull();
  });

  it("a second prepare while one is pending throws (prepareTransitionTo: 'while it already a pending state')", () => {
    const m = metadata({ producerEpoch: 1, state: "Ongoing", txnStartTimestampMs: 1 });
    m.prepareAddPartitions(["t-0"], NOW, 0);
    expect(() => m.prepareAbortOrCommit("PrepareCommit", 0, NOW)).toThrow();
  });
});

describe("TransactionMetadata.fromTransit (TransactionLog.readTxnRecordValue)", () => {
  it("keeps the previous producer id of the value and starts with no last epoch", () => {
    const m = metadata({ producerEpoch: SHORT_MAX - 1 });
    const t = m.prepareProducerIdRotation(9893, 30000, NOW, true);
    const loaded = TransactionMetadata.fromTransit("txnlId", t);
    expect([loaded.producerId, loaded.previousProducerId, loaded.producerEpoch, loaded.lastProducerEpoch]).toEqual([9893, PRODUCER_ID, 0, NO_PRODUCER_EPOCH]);
    expect(loaded.state).toBe("Empty");
  });
});
