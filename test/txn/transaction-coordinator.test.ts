// TransactionCoordinator's request handling, row by row from Kafka's
// core/src/test/scala/unit/kafka/coordinator/transaction/TransactionCoordinatorTest.scala (each row
// names its test method). Kafka mocks the TransactionStateManager; here the state is a
// TransactionLogValue loaded on election and each write goes to a fake __transaction_state-0.
// The Kafka tests' constants: producerId 10, producerEpoch 1, partitions {topic1-0}.
import { describe, expect, it } from "vitest";
import { Errors } from "../../core/protocol/errors.ts";
import { NO_PRODUCER_EPOCH, NO_PRODUCER_ID } from "../../core/protocol/records.ts";
import type { TransactionState } from "../../core/txn/transaction-metadata.ts";
import { TxnHarness } from "./txn-coordinator-harness.ts";

const SHORT_MAX = 32767;
const TV0 = { "transaction.version": 0 };
const TV2 = { "transaction.version": 2 };

/** A coordinator on TV `tv` that loaded `state` (clientTransactionVersion `tv` in the value). */
function loaded(state: TransactionState, v: Parameters<TxnHarness["seed"]>[1] = {}, tv = 0): TxnHarness {
  return new TxnHarness({ "transaction.version": tv }).seed(state, { clientTransactionVersion: tv, ...v }).elect();
}

describe("InitProducerId", () => {
  it("shouldInitPidWithEpochZeroForNewTransactionalId: a new id, epoch 0, an Empty value written", () => {
    const h = new TxnHarness().elect();
    expect(h.initProducerId()).toMatchObject({ error: Errors.NONE, producerId: 1000, producerEpoch: 0 });
    expect(h.log.values()).toMatchObject([{ state: "Empty", producerId: 1000, producerEpoch: 0, partitions: [] }]);
  });

  it.each([
    { kafka: "shouldReturnInvalidRequestWhenTransactionalIdIsEmpty", o: { transactionalId: "" }, error: Errors.INVALID_REQUEST },
    { kafka: "TransactionStateManager.validateTransactionTimeoutMs (> transaction.max.timeout.ms)", o: { timeoutMs: 900_001 }, error: Errors.INVALID_TRANSACTION_TIMEOUT },
    { kafka: "TransactionStateManager.validateTransactionTimeoutMs (<= 0)", o: { timeoutMs: 0 }, error: Errors.INVALID_TRANSACTION_TIMEOUT },
  ])("$kafka → $error, nothing written", ({ o, error }) => {
    const h = new TxnHarness().elect();
    expect(h.initProducerId(o)).toMatchObject({ error, producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH });
    expect(h.appendCount).toBe(0);
  });

  it("shouldRespondWithNotCoordinatorOnInitPidWhenNotCoordinator", () => {
    expect(new TxnHarness().initProducerId()?.error).toBe(Errors.NOT_COORDINATOR);
  });

  it("handleInitProducerId checks the timeout before asking the state manager: INVALID_TRANSACTION_TIMEOUT even when not coordinator", () => {
    expect(new TxnHarness().initProducerId({ timeoutMs: 900_001 })?.error).toBe(Errors.INVALID_TRANSACTION_TIMEOUT);
  });

  it("shouldRespondWithCoordinatorLoadInProgressOnInitPidWhenCoordinatorLoading", () => {
    const h = new TxnHarness().seed("Empty").elect(5, false);
    expect(h.initProducerId()?.error).toBe(Errors.COORDINATOR_LOAD_IN_PROGRESS);
    h.env.advance(1);
    expect(h.initProducerId()?.error).toBe(Errors.NONE);
  });

  it.each([
    { kafka: "shouldIncrementEpochAndUpdateMetadataOnHandleInitPidWhenExistingEmptyTransaction", state: "Empty" as const, tv: 0 },
    { kafka: "shouldIncrementEpochAndUpdateMetadataOnHandleInitPidWhenExistingCompleteTransaction", state: "CompleteAbort" as const, tv: 0 },
    { kafka: "shouldIncrementEpochAndUpdateMetadataOnHandleInitPidWhenExistingCompleteTransaction", state: "CompleteAbort" as const, tv: 2 },
    { kafka: "shouldIncrementEpochAndUpdateMetadataOnHandleInitPidWhenExistingCompleteCommitTransaction", state: "CompleteCommit" as const, tv: 0 },
    { kafka: "shouldIncrementEpochAndUpdateMetadataOnHandleInitPidWhenExistingCompleteCommitTransaction", state: "CompleteCommit" as const, tv: 2 },
  ])("$kafka ($state, TV $tv): same producer id, epoch + 1, Empty", ({ state, tv }) => {
    const h = loaded(state, {}, tv);
    expect(h.initProducerId()).toMatchObject({ error: Errors.NONE, producerId: 10, producerEpoch: 2 });
    expect(h.log.values().at(-1)).toMatchObject({ state: "Empty", producerId: 10, producerEpoch: 2, lastProducerEpoch: NO_PRODUCER_EPOCH, partitions: [] });
  });

  it.each([
    { kafka: "shouldWaitForCommitToCompleteOnHandleInitPidAndExistingTransactionInPrepareCommitState", state: "PrepareCommit" as const },
    { kafka: "shouldWaitForCommitToCompleteOnHandleInitPidAndExistingTransactionInPrepareAbortState", state: "PrepareAbort" as const },
  ])("$kafka → CONCURRENT_TRANSACTIONS", ({ state }) => {
    const h = loaded(state);
    const writes = h.appendCount;
    expect(h.initProducerId()?.error).toBe(Errors.CONCURRENT_TRANSACTIONS);
    expect(h.appendCount).toBe(writes);
  });

  it("shouldNotBumpEpochWithPendingTransaction: a write in flight → CONCURRENT_TRANSACTIONS", () => {
    const h = loaded("Ongoing");
    h.appendMode = "hold";
    h.addPartitions(10, 1, ["topic2-0"]);
    expect(h.state()?.pending).toBe("Ongoing");
    expect(h.initProducerId({ producerId: 10, producerEpoch: 10 })?.error).toBe(Errors.CONCURRENT_TRANSACTIONS);
  });

  it.each([
    { tv: 0, abortEpoch: 2, lastEpoch: NO_PRODUCER_EPOCH },
    { tv: 2, abortEpoch: 3, lastEpoch: 2 },
  ])("shouldAbortTransactionOnHandleInitPidWhenExistingTransactionInOngoingState (transaction.version $tv): fence, abort, CONCURRENT_TRANSACTIONS; the retry gets the next epoch", ({ tv, abortEpoch, lastEpoch }) => {
    const h = loaded("Ongoing", {}, tv);
    expect(h.initProducerId()).toMatchObject({ error: Errors.CONCURRENT_TRANSACTIONS, producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH });
    expect(h.log.values().at(-1)).toMatchObject({ state: "PrepareAbort", producerId: 10, producerEpoch: abortEpoch, lastProducerEpoch: lastEpoch, partitions: ["topic1-0"] });
    const [m] = h.markers();
    expect(m?.to).toBe("broker-1");
    expect(m?.req.markers).toMatchObject([{ producerId: 10, producerEpoch: abortEpoch, transactionResult: false, coordinatorEpoch: 5 }]);
    expect(h.initProducerId()?.error).toBe(Errors.CONCURRENT_TRANSACTIONS); // PrepareAbort until the markers are written
    h.ackMarkers(m!.req);
    expect(h.log.values().at(-1)).toMatchObject({ state: "CompleteAbort", producerEpoch: abortEpoch, partitions: [] });
    expect(h.initProducerId()).toMatchObject({ error: Errors.NONE, producerId: 10, producerEpoch: abortEpoch + 1 });
  });

  it("shouldNotRepeatedlyBumpEpochDueToInitPidDuringOngoingTxnIfAppendToLogFails: a failed fence is not bumped again", () => {
    const h = loaded("Ongoing");
    h.appendMode = Errors.NOT_ENOUGH_REPLICAS;
    // The TransactionStateManager turns NOT_ENOUGH_REPLICAS into COORDINATOR_NOT_AVAILABLE (Kafka's test mocks it away).
    expect(h.initProducerId()?.error).toBe(Errors.COORDINATOR_NOT_AVAILABLE);
    expect(h.state()).toMatchObject({ state: "Ongoing", producerEpoch: 2, pending: null });
    expect(h.coordinator.transaction("someTransactionalId")?.hasFailedEpochFence).toBe(true);
    expect(h.initProducerId()?.error).toBe(Errors.COORDINATOR_NOT_AVAILABLE);
    expect(h.state()?.producerEpoch).toBe(2);
    h.appendMode = "commit";
    expect(h.initProducerId()?.error).toBe(Errors.CONCURRENT_TRANSACTIONS);
    expect(h.log.values().at(-1)).toMatchObject({ state: "PrepareAbort", producerEpoch: 2 });
  });

  it("shouldUseLastEpochToFenceWhenEpochsAreExhausted: the fence takes Short.MaxValue", () => {
    const h = loaded("Ongoing", { producerEpoch: SHORT_MAX - 1 });
    expect(h.initProducerId()?.error).toBe(Errors.CONCURRENT_TRANSACTIONS);
    expect(h.log.values().at(-1)).toMatchObject({ state: "PrepareAbort", producerId: 10, producerEpoch: SHORT_MAX, lastProducerEpoch: NO_PRODUCER_EPOCH });
  });

  it("shouldGenerateNewProducerIdIfEpochsExhausted", () => {
    const h = loaded("Empty", { producerEpoch: SHORT_MAX - 1 });
    expect(h.initProducerId()).toMatchObject({ error: Errors.NONE, producerId: 1000, producerEpoch: 0 });
  });

  it("shouldGenerateNewProducerIdIfNoStateAndProducerIdAndEpochProvided", () => {
    const h = new TxnHarness().elect();
    expect(h.initProducerId({ producerId: 10, producerEpoch: 1 })).toMatchObject({ error: Errors.NONE, producerId: 1000, producerEpoch: 0 });
  });

  it("testFenceProducerWhenMappingExistsWithDifferentProducerId", () => {
    const h = loaded("Empty", { producerId: 11, previousProducerId: 10 });
    expect(h.initProducerId({ producerId: 10, producerEpoch: 1 })).toMatchObject({ error: Errors.PRODUCER_FENCED, producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH });
  });

  it("testInitProducerIdWithNoLastProducerData: a loaded value has no last epoch, so an old epoch is fenced", () => {
    const h = loaded("Empty", { producerEpoch: 2 });
    expect(h.initProducerId({ producerId: 10, producerEpoch: 1 })?.error).toBe(Errors.PRODUCER_FENCED);
  });

  it("testInitProducerIdWithCurrentEpochProvided: bump, then a retry of it gets the same epoch", () => {
    const h = loaded("Empty", { producerEpoch: 10 });
    expect(h.initProducerId({ producerId: 10, producerEpoch: 10 })).toMatchObject({ error: Errors.NONE, producerId: 10, producerEpoch: 11 });
    expect(h.initProducerId({ producerId: 10, producerEpoch: 10 })).toMatchObject({ error: Errors.NONE, producerId: 10, producerEpoch: 11 });
  });

  it("testInitProducerIdStaleCurrentEpochProvided: after a new producer's bump the old epoch is fenced", () => {
    const h = loaded("Empty", { producerEpoch: 10 });
    expect(h.initProducerId()).toMatchObject({ error: Errors.NONE, producerEpoch: 11 });
    expect(h.initProducerId({ producerId: 10, producerEpoch: 10 })).toMatchObject({ error: Errors.PRODUCER_FENCED, producerId: NO_PRODUCER_ID });
  });

  it("testRetryInitProducerIdAfterProducerIdRotation / testInitProducerIdWithInvalidEpochAfterProducerIdRotation", () => {
    const h = loaded("Empty", { producerEpoch: SHORT_MAX - 1 });
    expect(h.initProducerId({ producerId: 10, producerEpoch: SHORT_MAX - 1 })).toMatchObject({ error: Errors.NONE, producerId: 1000, producerEpoch: 0 });
    expect(h.initProducerId({ producerId: 10, producerEpoch: SHORT_MAX - 1 })).toMatchObject({ error: Errors.NONE, producerId: 1000, producerEpoch: 0 });
    expect(h.initProducerId({ producerId: 10, producerEpoch: SHORT_MAX - 2 })?.error).toBe(Errors.PRODUCER_FENCED);
  });

  it("testRetryInitProducerIdAfterProducerIdRotation across a failover is fenced: a loaded value has no last epoch (prepareIncrementProducerEpoch: 'a retry that spans a coordinator change will fail')", () => {
    const h = loaded("Empty", { producerEpoch: SHORT_MAX - 1 });
    h.initProducerId({ producerId: 10, producerEpoch: SHORT_MAX - 1 });
    const next = new TxnHarness({}, h.log).elect(6);
    expect(next.coordinator.transaction("someTransactionalId")).toMatchObject({ producerId: 1000, previousProducerId: 10, producerEpoch: 0, lastProducerEpoch: NO_PRODUCER_EPOCH });
    expect(next.initProducerId({ producerId: 10, producerEpoch: SHORT_MAX - 1 })?.error).toBe(Errors.PRODUCER_FENCED);
  });
});

describe("AddPartitionsToTxn", () => {
  it.each([
    { kafka: "shouldRespondWithInvalidPidMappingOnAddPartitionsToTransactionWhenTransactionalIdNotPresent", h: () => new TxnHarness().elect(), pid: 0, epoch: 0, id: undefined, error: Errors.INVALID_PRODUCER_ID_MAPPING },
    { kafka: "shouldRespondWithInvalidRequestAddPartitionsToTransactionWhenTransactionalIdIsEmpty", h: () => new TxnHarness().elect(), pid: 0, epoch: 1, id: "", error: Errors.INVALID_REQUEST },
    { kafka: "shouldRespondWithNotCoordinatorOnAddPartitionsWhenNotCoordinator", h: () => new TxnHarness(), pid: 0, epoch: 1, id: undefined, error: Errors.NOT_COORDINATOR },
    { kafka: "shouldRespondWithCoordinatorLoadInProgressOnAddPartitionsWhenCoordinatorLoading", h: () => new TxnHarness().elect(5, false), pid: 0, epoch: 1, id: undefined, error: Errors.COORDINATOR_LOAD_IN_PROGRESS },
    { kafka: "shouldRespondWithConcurrentTransactionsOnAddPartitionsWhenStateIsPrepareCommit", h: () => loaded("PrepareCommit"), pid: 10, epoch: 1, id: undefined, error: Errors.CONCURRENT_TRANSACTIONS },
    { kafka: "shouldRespondWithConcurrentTransactionOnAddPartitionsWhenStateIsPrepareAbort", h: () => loaded("PrepareAbort"), pid: 10, epoch: 1, id: undefined, error: Errors.CONCURRENT_TRANSACTIONS },
    { kafka: "shouldRespondWithProducerFencedOnAddPartitionsWhenEpochsAreDifferent", h: () => loaded("Empty", { producerEpoch: 10 }), pid: 10, epoch: 1, id: undefined, error: Errors.PRODUCER_FENCED },
    { kafka: "handleAddPartitionsToTransaction (producerId != metadata's)", h: () => loaded("Empty"), pid: 11, epoch: 1, id: undefined, error: Errors.INVALID_PRODUCER_ID_MAPPING },
  ])("$kafka → $error, nothing written", ({ h: make, pid, epoch, id, error }) => {
    const h = make();
    const writes = h.appendCount;
    expect(h.addPartitionsError(pid, epoch, ["topic1-0"], id)).toBe(error);
    expect(h.appendCount).toBe(writes);
  });

  it("shouldAppendNewMetadataToLogOnAddPartitionsWhenPartitionsAdded: Ongoing gains the partition, the start time stays", () => {
    const h = loaded("Ongoing");
    h.env.advance(7);
    expect(h.addPartitionsError(10, 1, ["topic2-0"])).toBe(Errors.NONE);
    const v = h.log.values().at(-1)!;
    expect(v).toMatchObject({ state: "Ongoing", producerEpoch: 1, txnStartTimestampMs: 1_000_000 });
    expect([...v.partitions].sort()).toEqual(["topic1-0", "topic2-0"]);
  });

  it.each([
    { kafka: "shouldRespondWithSuccessOnAddPartitionsWhenStateIsOngoing", state: "Ongoing" as const, tv: 0 },
    { kafka: "shouldRespondWithSuccessOnAddPartitionsWhenStateIsCompleteCommit", state: "CompleteCommit" as const, tv: 0 },
    { kafka: "shouldRespondWithSuccessOnAddPartitionsWhenStateIsCompleteCommit", state: "CompleteCommit" as const, tv: 2 },
    { kafka: "shouldRespondWithSuccessOnAddPartitionsWhenStateIsCompleteAbort", state: "CompleteAbort" as const, tv: 0 },
    { kafka: "shouldRespondWithSuccessOnAddPartitionsWhenStateIsCompleteAbort", state: "CompleteAbort" as const, tv: 2 },
  ])("$kafka (TV $tv): Ongoing written", ({ state, tv }) => {
    const h = loaded(state, {}, tv);
    h.env.advance(3);
    expect(h.addPartitionsError(10, 1, ["topic1-1"])).toBe(Errors.NONE);
    const expectedStart = state === "Ongoing" ? 1_000_000 : h.clock.nowMs;
    expect(h.log.values().at(-1)).toMatchObject({ state: "Ongoing", producerId: 10, producerEpoch: 1, txnStartTimestampMs: expectedStart });
    expect(h.state()).toMatchObject({ state: "Ongoing", pending: null });
  });

  it("shouldRespondWithErrorsNoneOnAddPartitionWhenNoErrorsAndPartitionsTheSame: NONE without a write", () => {
    const h = loaded("Ongoing");
    const writes = h.appendCount;
    expect(h.addPartitionsError(10, 1, ["topic1-0"])).toBe(Errors.NONE);
    expect(h.appendCount).toBe(writes);
  });

  it("a pending write → CONCURRENT_TRANSACTIONS (handleAddPartitionsToTransaction: pendingTransitionInProgress)", () => {
    const h = loaded("Ongoing");
    h.appendMode = "hold";
    h.addPartitions(10, 1, ["topic2-0"]);
    expect(h.addPartitionsError(10, 1, ["topic1-1"])).toBe(Errors.CONCURRENT_TRANSACTIONS);
  });
});

describe("EndTxn", () => {
  /** requestEpoch in Kafka's test: under transaction.version 2 a retry names the epoch before the bump. */
  const requestEpoch = (tv: number): number => (tv >= 2 ? 0 : 1);
  const both = [0, 2];

  it.each(both)("shouldReplyWithInvalidPidMappingOnEndTxnWhenTxnIdDoesntExist (TV %i)", (tv) => {
    expect(new TxnHarness({ "transaction.version": tv }).elect().endTxn(0, 0, true)?.error).toBe(Errors.INVALID_PRODUCER_ID_MAPPING);
  });

  it.each(both)("shouldReplyWithInvalidPidMappingOnEndTxnWhenPidDosentMatchMapped (TV %i)", (tv) => {
    expect(loaded("Ongoing", { producerId: 10, producerEpoch: 0 }, tv).endTxn(0, 0, true)?.error).toBe(Errors.INVALID_PRODUCER_ID_MAPPING);
  });

  it.each(both)("shouldReplyWithProducerFencedOnEndTxnWhenEpochIsNotSameAsTransaction (TV %i)", (tv) => {
    expect(loaded("Ongoing", { producerEpoch: 1 }, tv).endTxn(10, 0, true)).toMatchObject({ error: Errors.PRODUCER_FENCED, producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH });
  });

  const retries: { kafka: string; state: TransactionState; commit: boolean; error: string }[] = [
    { kafka: "shouldReturnOkOnEndTxnWhenStatusIsCompleteCommitAndResultIsCommit", state: "CompleteCommit", commit: true, error: Errors.NONE },
    { kafka: "shouldReturnOkOnEndTxnWhenStatusIsCompleteAbortAndResultIsAbort", state: "CompleteAbort", commit: false, error: Errors.NONE },
    { kafka: "shouldReturnInvalidTxnRequestOnEndTxnRequestWhenStatusIsCompleteAbortAndResultIsNotAbort", state: "CompleteAbort", commit: true, error: Errors.INVALID_TXN_STATE },
    { kafka: "shouldReturnInvalidTxnRequestOnEndTxnRequestWhenStatusIsCompleteCommitAndResultIsNotCommit", state: "CompleteCommit", commit: false, error: Errors.INVALID_TXN_STATE },
    { kafka: "shouldReturnConcurrentTransactionsOnEndTxnRequestWhenStatusIsPrepareCommit", state: "PrepareCommit", commit: true, error: Errors.CONCURRENT_TRANSACTIONS },
    // Kafka's test puts a bare PrepareAbort in the cache (INVALID_TXN_STATE); loaded from the log, as
    // here, the state has the Complete transit pending while its markers go (TransactionStateManager
    // .scala:549-556), and endTransaction answers CONCURRENT_TRANSACTIONS first (:563).
    { kafka: "shouldReturnInvalidTxnRequestOnEndTxnRequestWhenStatusIsPrepareAbort (loaded)", state: "PrepareAbort", commit: true, error: Errors.CONCURRENT_TRANSACTIONS },
  ];
  it.each(both.flatMap((tv) => retries.map((r) => ({ ...r, tv }))))("$kafka (TV $tv) → $error", ({ state, commit, error, tv }) => {
    const h = loaded(state, { producerEpoch: 1 }, tv);
    const writes = h.appendCount;
    const r = h.endTxn(10, requestEpoch(tv), commit);
    expect(r?.error).toBe(error);
    // A retry answered NONE carries the current id and epoch; errors carry none.
    expect([r?.producerId, r?.producerEpoch]).toEqual(error === Errors.NONE ? [10, 1] : [NO_PRODUCER_ID, NO_PRODUCER_EPOCH]);
    expect(h.appendCount).toBe(writes);
  });

  it("shouldReturnInvalidTxnRequestOnEndTxnV2IfNotEndTxnV2Retry: under TV 2 the same epoch after the end is the next EndTxn, fenced", () => {
    expect(loaded("PrepareCommit", { producerEpoch: 1 }, 2).endTxn(10, 1, true)?.error).toBe(Errors.PRODUCER_FENCED);
    expect(loaded("CompleteCommit", { producerEpoch: 1 }, 2).endTxn(10, 1, true)?.error).toBe(Errors.PRODUCER_FENCED);
  });

  it.each(both)("shouldReturnInvalidEpochOnEndTxnWhenEpochIsLarger (TV %i)", (tv) => {
    expect(loaded("CompleteCommit", { producerEpoch: 1 }, tv).endTxn(10, 2, true)?.error).toBe(Errors.PRODUCER_FENCED);
  });

  it.each(both)("shouldReturnInvalidEpochOnEndTxnWhenEpochIsSmaller (TV %i)", (tv) => {
    expect(loaded("CompleteCommit", { producerEpoch: 2 }, tv).endTxn(10, requestEpoch(tv), true)?.error).toBe(Errors.PRODUCER_FENCED);
  });

  it("shouldReturnWhenTransactionVersionDowngraded: the value's TV 2 decides the retry, the epoch stays bumped", () => {
    expect(loaded("PrepareCommit", { producerEpoch: 2, clientTransactionVersion: 2 }, 0).endTxn(10, 1, true)).toMatchObject({ error: Errors.CONCURRENT_TRANSACTIONS, producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH });
    expect(loaded("CompleteCommit", { producerEpoch: 2, clientTransactionVersion: 2 }, 0).endTxn(10, 1, true)).toMatchObject({ error: Errors.NONE, producerId: 10, producerEpoch: 2 });
  });

  it("shouldReturnCorrectlyWhenTransactionVersionUpgraded: a TV 0 value is retried with its own epoch", () => {
    expect(loaded("PrepareCommit", { producerEpoch: 1, clientTransactionVersion: 0 }, 2).endTxn(10, 1, true)?.error).toBe(Errors.CONCURRENT_TRANSACTIONS);
    expect(loaded("CompleteCommit", { producerEpoch: 1, clientTransactionVersion: 0 }, 2).endTxn(10, 1, true)).toMatchObject({ error: Errors.NONE, producerId: 10, producerEpoch: 1 });
  });

  it.each([
    { kafka: "shouldAppendPrepareCommitToLogOnEndTxnWhenStatusIsOngoingAndResultIsCommit", commit: true, tv: 0, state: "PrepareCommit", epoch: 1, last: NO_PRODUCER_EPOCH },
    { kafka: "shouldAppendPrepareCommitToLogOnEndTxnWhenStatusIsOngoingAndResultIsCommit", commit: true, tv: 2, state: "PrepareCommit", epoch: 2, last: 1 },
    { kafka: "shouldAppendPrepareAbortToLogOnEndTxnWhenStatusIsOngoingAndResultIsAbort", commit: false, tv: 0, state: "PrepareAbort", epoch: 1, last: NO_PRODUCER_EPOCH },
    { kafka: "shouldAppendPrepareAbortToLogOnEndTxnWhenStatusIsOngoingAndResultIsAbort", commit: false, tv: 2, state: "PrepareAbort", epoch: 2, last: 1 },
  ])("$kafka (TV $tv): $state written, then the answer with the epoch from now on", ({ commit, tv, state, epoch, last }) => {
    const h = loaded("Ongoing", { producerEpoch: 1 }, tv);
    const from = h.log.logEndOffset;
    expect(h.endTxn(10, 1, commit)).toMatchObject({ error: Errors.NONE, producerId: 10, producerEpoch: epoch });
    expect(h.log.values(from)).toMatchObject([{ state, producerId: 10, producerEpoch: epoch, lastProducerEpoch: last, partitions: ["topic1-0"], clientTransactionVersion: tv }]);
  });

  it("the TV 2 retry rule after a real end: the old epoch gets NONE with the bumped one, the bumped epoch is fenced (endTxnEpochBumped)", () => {
    const h = loaded("Ongoing", { producerEpoch: 1 }, 2);
    h.endTxn(10, 1, true);
    expect(h.endTxn(10, 1, true)?.error).toBe(Errors.CONCURRENT_TRANSACTIONS); // PrepareCommit: markers not written yet
    h.ackMarkers(h.markers()[0]!.req);
    expect(h.state()).toMatchObject({ state: "CompleteCommit", producerEpoch: 2 });
    expect(h.endTxn(10, 1, true)).toMatchObject({ error: Errors.NONE, producerId: 10, producerEpoch: 2 });
    expect(h.endTxn(10, 2, true)?.error).toBe(Errors.PRODUCER_FENCED);
  });

  it("endTransaction on Empty → INVALID_TXN_STATE", () => {
    expect(loaded("Empty").endTxn(10, 1, true)?.error).toBe(Errors.INVALID_TXN_STATE);
  });

  it.each([
    { kafka: "shouldRespondWithInvalidRequestOnEndTxnWhenTransactionalIdIsEmpty", h: () => new TxnHarness().elect(), id: "", error: Errors.INVALID_REQUEST },
    { kafka: "shouldRespondWithNotCoordinatorOnEndTxnWhenIsNotCoordinatorForId", h: () => new TxnHarness(), id: undefined, error: Errors.NOT_COORDINATOR },
    { kafka: "shouldRespondWithCoordinatorLoadInProgressOnEndTxnWhenCoordinatorIsLoading", h: () => new TxnHarness().elect(5, false), id: undefined, error: Errors.COORDINATOR_LOAD_IN_PROGRESS },
  ])("$kafka", ({ h, id, error }) => {
    expect(h().endTxn(0, 0, true, id)?.error).toBe(error);
  });

  it.each([
    { raw: Errors.NOT_ENOUGH_REPLICAS, error: Errors.COORDINATOR_NOT_AVAILABLE },
    { raw: Errors.REQUEST_TIMED_OUT, error: Errors.COORDINATOR_NOT_AVAILABLE },
    { raw: Errors.NOT_LEADER_OR_FOLLOWER, error: Errors.NOT_COORDINATOR },
  ])("TransactionStateManager.appendTransactionToLog maps a failed $raw write to $error and drops the pending state", ({ raw, error }) => {
    const h = loaded("Ongoing");
    h.appendMode = raw;
    expect(h.endTxn(10, 1, true)?.error).toBe(error);
    expect(h.state()).toMatchObject({ state: "Ongoing", pending: null });
    expect(h.markers()).toEqual([]);
  });
});

describe("TransactionStateManager.appendTransactionToLog", () => {
  it("waits for the ISR as long as the transaction's timeout (appendRecords(timeout = newMetadata.txnTimeoutMs)), the new one for InitProducerId", () => {
    const h = loaded("Ongoing", { txnTimeoutMs: 1000 });
    h.addPartitions(10, 1, ["topic2-0"]);
    h.endTxn(10, 1, true);
    for (const m of h.markers()) h.ackMarkers(m.req);
    h.initProducerId({ timeoutMs: 45_000 });
    expect(h.appendTimeoutsMs).toEqual([1000, 1000, 1000, 45_000]);
  });
});
