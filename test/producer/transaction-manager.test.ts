// The transactional producer's TransactionManager on a fake producer, cases from Kafka's
// clients/src/test/java/org/apache/kafka/clients/producer/internals/TransactionManagerTest.java
// where they map (each names its test method). The host records what the manager asks for; the
// test answers as the coordinator would. transactional.id "foobar", coordinator broker 1.
import { describe, expect, it } from "vitest";
import { Errors } from "../../core/protocol/errors.ts";
import { FakeProducer } from "./fake-transactional-producer.ts";

describe("initTransactions", () => {
  it("testBasicTransaction (init): FindCoordinator(TRANSACTION) first, then InitProducerId to the coordinator", () => {
    const p = new FakeProducer({ "transaction.timeout.ms": 1999 });
    p.tm.initTransactions();
    expect(p.requests).toMatchObject([{ to: "broker-0", type: "find-txn-coordinator", msg: { kind: "FindCoordinator", key: "foobar", keyType: "transaction" } }]);
    p.findCoordinator();
    expect(p.sent("init-txn-pid")).toMatchObject([{ to: "broker-1", msg: { kind: "InitProducerId", transactionalId: "foobar", transactionTimeoutMs: 1999 } }]);
    p.tm.onInitProducerIdResponse(Errors.NONE, 13131, 1);
    expect([p.tm.state, p.assigned, p.initialized]).toEqual(["READY", [[13131, 1]], true]);
  });

  it.each([Errors.CONCURRENT_TRANSACTIONS, Errors.COORDINATOR_LOAD_IN_PROGRESS])("testRetriableErrors (InitProducerId %s): resent to the same coordinator after retry.backoff.ms", (error) => {
    const p = new FakeProducer();
    p.tm.initTransactions();
    p.findCoordinator();
    const from = p.requests.length;
    p.tm.onInitProducerIdResponse(error, -1, -1);
    p.env.advance(99);
    expect(p.types(from)).toEqual([]);
    p.env.advance(1);
    expect(p.sent("init-txn-pid", from)).toMatchObject([{ to: "broker-1" }]);
    expect(p.tm.state).toBe("INITIALIZING");
  });

  it.each([Errors.NOT_COORDINATOR, Errors.COORDINATOR_NOT_AVAILABLE])("testLookupCoordinatorOnNotCoordinatorError (%s): find the coordinator again, then resend", (error) => {
    const p = new FakeProducer();
    p.tm.initTransactions();
    p.findCoordinator();
    const from = p.requests.length;
    p.tm.onInitProducerIdResponse(error, -1, -1);
    expect(p.types(from)).toEqual(["find-txn-coordinator"]);
    p.findCoordinator(Errors.NONE, 2);
    expect(p.sent("init-txn-pid", from)).toMatchObject([{ to: "broker-2" }]);
  });

  it("testLookupCoordinatorOnDisconnectAfterSend: a broken InitProducerId request re-finds the coordinator", () => {
    const p = new FakeProducer();
    p.tm.initTransactions();
    p.findCoordinator();
    const from = p.requests.length;
    p.tm.requestFailed("init-txn-pid");
    expect(p.types(from)).toEqual(["find-txn-coordinator"]);
    p.findCoordinator();
    expect(p.types(from)).toEqual(["find-txn-coordinator", "init-txn-pid"]);
  });

  it.each([
    { kafka: "testProducerFencedExceptionInInitProducerId", error: Errors.PRODUCER_FENCED },
    { kafka: "testInvalidProducerEpochConvertToProducerFencedInInitProducerId", error: Errors.INVALID_PRODUCER_EPOCH },
  ])("$kafka: fatal", ({ error }) => {
    const p = new FakeProducer();
    p.tm.initTransactions();
    p.findCoordinator();
    p.tm.onInitProducerIdResponse(error, -1, -1);
    expect(p.tm.state).toBe("FATAL_ERROR");
    expect(p.ended).toEqual([{ outcome: "fatal", error }]);
  });
});

describe("AddPartitionsToTxn", () => {
  it("testMaybeAddPartitionToTransaction / testNoDrainWhenPartitionsPending: a partition is sent only once the coordinator added it", () => {
    const p = new FakeProducer().ready();
    p.tm.beginTransaction();
    const from = p.requests.length;
    p.tm.maybeAddPartition("topic", 0);
    p.tm.maybeAddPartition("topic", 0);
    expect(p.sent("add-partitions", from)).toMatchObject([{ to: "broker-1", msg: { kind: "AddPartitionsToTxn", transactionalId: "foobar", producerId: 13131, producerEpoch: 1, partitions: [{ topic: "topic", partition: 0 }] } }]);
    expect(p.tm.isSendToPartitionAllowed("topic", 0)).toBe(false);
    p.addPartitionsResponse(Errors.NONE, ["topic-0"]);
    expect(p.tm.isSendToPartitionAllowed("topic", 0)).toBe(true);
    expect(p.tm.isSendToPartitionAllowed("topic", 1)).toBe(false); // testIsSendToPartitionAllowedWithPartitionNotAdded
  });

  it("testMultipleAddPartitionsPerForOneProduce: partitions asked for while one request is in flight go in the next", () => {
    const p = new FakeProducer().ready();
    p.tm.beginTransaction();
    const from = p.requests.length;
    p.tm.maybeAddPartition("topic", 0);
    p.tm.maybeAddPartition("topic", 1);
    p.addPartitionsResponse(Errors.NONE, ["topic-0"]);
    expect(p.sent("add-partitions", from).map((r) => (r.msg.kind === "AddPartitionsToTxn" ? r.msg.partitions.map((x) => x.partition) : []))).toEqual([[0], [1]]);
  });

  it("testAddPartitionToTransactionOverridesRetryBackoffForConcurrentTransactions: the first add of a transaction retries after 20 ms", () => {
    const p = new FakeProducer().ready();
    p.tm.beginTransaction();
    p.tm.maybeAddPartition("topic", 0);
    const from = p.requests.length;
    p.addPartitionsResponse(Errors.CONCURRENT_TRANSACTIONS, ["topic-0"]);
    p.env.advance(19);
    expect(p.types(from)).toEqual([]);
    p.env.advance(1);
    expect(p.types(from)).toEqual(["add-partitions"]);
  });

  it("testAddPartitionToTransactionRetainsRetryBackoffWhenPartitionsAlreadyAdded: later adds keep retry.backoff.ms", () => {
    const p = new FakeProducer().ready().inTransaction(["topic-0"]);
    p.tm.maybeAddPartition("topic", 1);
    const from = p.requests.length;
    p.addPartitionsResponse(Errors.CONCURRENT_TRANSACTIONS, ["topic-1"]);
    p.env.advance(99);
    expect(p.types(from)).toEqual([]);
    p.env.advance(1);
    expect(p.types(from)).toEqual(["add-partitions"]);
  });

  it("AddPartitionsToTxnHandler: another retriable error (COORDINATOR_LOAD_IN_PROGRESS) keeps retry.backoff.ms, as testAddPartitionToTransactionRetainsRetryBackoffForRegularRetriableError", () => {
    const p = new FakeProducer().ready();
    p.tm.beginTransaction();
    p.tm.maybeAddPartition("topic", 0);
    const from = p.requests.length;
    p.addPartitionsResponse(Errors.COORDINATOR_LOAD_IN_PROGRESS, ["topic-0"]);
    p.env.advance(99);
    expect(p.types(from)).toEqual([]);
    p.env.advance(1);
    expect(p.types(from)).toEqual(["add-partitions"]);
  });

  it("NOT_COORDINATOR on AddPartitionsToTxn re-finds the coordinator and resends (AddPartitionsToTxnHandler.handleResponse)", () => {
    const p = new FakeProducer().ready();
    p.tm.beginTransaction();
    p.tm.maybeAddPartition("topic", 0);
    const from = p.requests.length;
    p.addPartitionsResponse(Errors.NOT_COORDINATOR, ["topic-0"]);
    expect(p.types(from)).toEqual(["find-txn-coordinator"]);
    p.findCoordinator(Errors.NONE, 3);
    expect(p.sent("add-partitions", from)).toMatchObject([{ to: "broker-3" }]);
  });

  it.each([
    { kafka: "testProducerFencedInAddPartitionToTxn", error: Errors.PRODUCER_FENCED },
    { kafka: "testInvalidProducerEpochConvertToProducerFencedInAddPartitionToTxn", error: Errors.INVALID_PRODUCER_EPOCH },
    { kafka: "testInvalidTxnStateInAddPartitions", error: Errors.INVALID_TXN_STATE },
  ])("$kafka: fatal, the unsent batches fail", ({ error }) => {
    const p = new FakeProducer().ready();
    p.tm.beginTransaction();
    p.tm.maybeAddPartition("topic", 0);
    p.addPartitionsResponse(error, ["topic-0"]);
    expect(p.tm.state).toBe("FATAL_ERROR");
    expect(p.aborted).toEqual([error]);
    expect(p.tm.isSendToPartitionAllowed("topic", 0)).toBe(false);
  });
});

describe("commit and abort", () => {
  it("testEndTxnNotSentIfIncompleteBatches / testCommitTransactionWithInFlightProduceRequest: EndTxn waits for every batch", () => {
    const p = new FakeProducer().ready().inTransaction();
    p.pendingBatches = 1;
    const from = p.requests.length;
    p.tm.commitTransaction();
    expect([p.tm.state, p.flushes, p.types(from)]).toEqual(["COMMITTING_TRANSACTION", 1, []]);
    p.pendingBatches = 0;
    p.tm.batchDone();
    expect(p.sent("end-txn", from)).toMatchObject([{ to: "broker-1", msg: { kind: "EndTxn", producerId: 13131, producerEpoch: 1, committed: true } }]);
    p.endTxnResponse(Errors.NONE);
    expect([p.tm.state, p.ended]).toEqual(["READY", [{ outcome: "committed", error: Errors.NONE }]]);
  });

  it("testTransactionManagerEnablesV2: the epoch from EndTxn v5 is the next transaction's", () => {
    const p = new FakeProducer().ready().inTransaction();
    p.tm.commitTransaction();
    p.endTxnResponse(Errors.NONE, 13131, 2);
    expect(p.assigned).toEqual([
      [13131, 1],
      [13131, 2],
    ]);
  });

  it("testRetryCommitTransaction (CONCURRENT_TRANSACTIONS): the same EndTxn after retry.backoff.ms", () => {
    const p = new FakeProducer().ready().inTransaction();
    p.tm.commitTransaction();
    const from = p.requests.length;
    p.endTxnResponse(Errors.CONCURRENT_TRANSACTIONS);
    p.env.advance(100);
    expect(p.sent("end-txn", from)).toMatchObject([{ msg: { committed: true } }]);
    expect(p.tm.state).toBe("COMMITTING_TRANSACTION");
  });

  it("testLookupCoordinatorOnNotCoordinatorError (EndTxn)", () => {
    const p = new FakeProducer().ready().inTransaction();
    p.tm.commitTransaction();
    const from = p.requests.length;
    p.endTxnResponse(Errors.NOT_COORDINATOR);
    p.findCoordinator(Errors.NONE, 2);
    expect(p.types(from)).toEqual(["find-txn-coordinator", "end-txn"]);
    expect(p.sent("end-txn", from)[0]?.to).toBe("broker-2");
  });

  it.each([
    { kafka: "testInvalidProducerEpochConvertToProducerFencedInEndTxn", error: Errors.INVALID_PRODUCER_EPOCH },
    { kafka: "EndTxnHandler: PRODUCER_FENCED", error: Errors.PRODUCER_FENCED },
  ])("$kafka: fatal", ({ error }) => {
    const p = new FakeProducer().ready().inTransaction();
    p.tm.commitTransaction();
    p.endTxnResponse(error);
    expect([p.tm.state, p.ended]).toEqual(["FATAL_ERROR", [{ outcome: "fatal", error }]]);
  });

  it("testDisallowCommitOnProduceFailure: a batch failing during the commit turns it into an abort", () => {
    const p = new FakeProducer().ready().inTransaction();
    p.pendingBatches = 1;
    p.tm.commitTransaction();
    p.pendingBatches = 0;
    const from = p.requests.length;
    p.tm.batchFailed(Errors.NOT_ENOUGH_REPLICAS);
    p.tm.batchDone();
    expect(p.sent("end-txn", from)).toMatchObject([{ msg: { committed: false } }]);
    p.endTxnResponse(Errors.NONE);
    expect(p.ended).toEqual([{ outcome: "aborted", error: Errors.NOT_ENOUGH_REPLICAS }]);
  });

  it("testAllowAbortOnProduceFailure / testRecoveryFromAbortableErrorTransactionStarted: an abortable error, then abort, then the next transaction", () => {
    const p = new FakeProducer().ready().inTransaction();
    p.tm.batchFailed(Errors.NOT_ENOUGH_REPLICAS);
    expect(p.tm.state).toBe("ABORTABLE_ERROR");
    expect(p.tm.isSendToPartitionAllowed("topic", 0)).toBe(true); // testIsSendToPartitionAllowedWithAddedPartitionAfterAbortableError
    p.tm.abortTransaction();
    expect(p.aborted).toEqual([Errors.TRANSACTION_ABORTED]);
    p.endTxnResponse(Errors.NONE);
    expect(p.tm.state).toBe("READY");
    p.tm.beginTransaction();
    expect(p.tm.state).toBe("IN_TRANSACTION");
  });

  it("testInvalidProducerEpochFromProduce: a fenced batch is fatal", () => {
    const p = new FakeProducer().ready().inTransaction();
    p.tm.batchFailed(Errors.INVALID_PRODUCER_EPOCH);
    expect(p.tm.state).toBe("FATAL_ERROR");
  });

  it("testRecoveryFromAbortableErrorTransactionNotStarted: no partition was added, so no EndTxn is sent (TransactionManager.nextRequest)", () => {
    const p = new FakeProducer().ready();
    p.tm.beginTransaction();
    p.tm.maybeAddPartition("topic", 0);
    p.addPartitionsResponse(Errors.UNKNOWN_TOPIC_OR_PARTITION, ["topic-0"]);
    expect(p.tm.state).toBe("ABORTABLE_ERROR");
    const from = p.requests.length;
    p.tm.abortTransaction();
    expect(p.tm.state).toBe("ABORTING_TRANSACTION"); // completed by the Sender, on the next event
    p.env.advance(0);
    expect(p.types(from)).toEqual([]);
    expect([p.tm.state, p.ended]).toEqual(["READY", [{ outcome: "aborted", error: Errors.UNKNOWN_TOPIC_OR_PARTITION }]]);
    p.tm.beginTransaction();
    p.tm.maybeAddPartition("topic", 1);
    p.addPartitionsResponse(Errors.NONE, ["topic-1"]);
    p.tm.commitTransaction();
    expect(p.sent("end-txn", from)).toMatchObject([{ msg: { committed: true } }]);
  });

  it("testCancelUnsentAddPartitionsAndProduceOnAbort: pending partitions are dropped and unsent batches fail", () => {
    const p = new FakeProducer().ready().inTransaction(["topic-0"]);
    p.tm.maybeAddPartition("topic", 1);
    p.tm.abortTransaction();
    expect(p.aborted).toEqual([Errors.TRANSACTION_ABORTED]);
    p.addPartitionsResponse(Errors.NONE, ["topic-1"]);
    expect(p.tm.isSendToPartitionAllowed("topic", 1)).toBe(false);
  });
});

describe("one transactional request at a time (Sender.maybeSendAndPollTransactionalRequest)", () => {
  it("an abort waits for the AddPartitionsToTxn in flight; its success means the coordinator has the transaction, so EndTxn goes", () => {
    const p = new FakeProducer().ready();
    p.tm.beginTransaction();
    p.tm.maybeAddPartition("topic", 0);
    const from = p.requests.length;
    p.tm.abortTransaction();
    p.env.advance(0);
    expect(p.types(from)).toEqual([]);
    p.addPartitionsResponse(Errors.NONE, ["topic-0"]);
    expect(p.sent("end-txn", from)).toMatchObject([{ msg: { committed: false } }]);
  });

  it("an abort whose in-flight AddPartitionsToTxn failed ends without EndTxn", () => {
    const p = new FakeProducer().ready();
    p.tm.beginTransaction();
    p.tm.maybeAddPartition("topic", 0);
    const from = p.requests.length;
    p.tm.abortTransaction();
    p.addPartitionsResponse(Errors.UNKNOWN_TOPIC_OR_PARTITION, ["topic-0"]);
    p.env.advance(0);
    expect(p.types(from)).toEqual([]);
    expect(p.tm.state).toBe("READY");
  });
});

// Where kafkasim knowingly differs from Kafka (reported, not changed).
describe("differences from Kafka", () => {
  // AddPartitionsToTxnHandler/EndTxnHandler (TransactionManager.java:1420-1421, 1585-1586) treat
  // UNKNOWN_PRODUCER_ID and INVALID_PRODUCER_ID_MAPPING with abortableErrorIfPossible (:1214): an
  // abortable error plus an epoch bump (KIP-360 InitProducerId with the current id and epoch)
  // when the coordinator can bump, which every Kafka 4 coordinator can. kafkasim makes them fatal.
  it.fails("INVALID_PRODUCER_ID_MAPPING on AddPartitionsToTxn is abortable, not fatal", () => {
    const p = new FakeProducer().ready();
    p.tm.beginTransaction();
    p.tm.maybeAddPartition("topic", 0);
    p.addPartitionsResponse(Errors.INVALID_PRODUCER_ID_MAPPING, ["topic-0"]);
    expect(p.tm.state).toBe("ABORTABLE_ERROR");
  });
});
