// sendOffsetsToTransaction on a fake producer (AddOffsetsToTxn, FindCoordinator(GROUP),
// TxnOffsetCommit), cases from Kafka's TransactionManagerTest (each names its test method).
import { describe, expect, it } from "vitest";
import { Errors, type ErrorCode } from "../../core/protocol/errors.ts";
import { txnOffsetCommitOutcome } from "../../core/producer/txn-offset-commit-handler.ts";
import { brokerNode, FakeProducer } from "./fake-transactional-producer.ts";

const GROUP = { groupId: "consumer-group", generationId: 5, memberId: "member-1", groupInstanceId: "instance-1" };
const OFFSETS = [{ topic: "topic", partition: 0, offset: 15 }];
const GROUP_COORDINATOR = 2;

/** In a transaction, with sendOffsetsToTransaction called; `results` collects what it returned. */
function sending(results: ErrorCode[]): FakeProducer {
  const p = new FakeProducer().ready().inTransaction();
  p.tm.sendOffsetsToTransaction(OFFSETS, GROUP, (e) => results.push(e));
  return p;
}

function addOffsetsAnswered(p: FakeProducer, error: ErrorCode = Errors.NONE): void {
  p.tm.onAddOffsetsResponse(error);
}

function txnOffsetCommitAnswered(p: FakeProducer, error: ErrorCode): void {
  p.tm.onTxnOffsetCommitResponse({ kind: "TxnOffsetCommitResponse", correlationId: 0, partitions: [{ topic: "topic", partition: 0, error }] });
}

/** AddOffsetsToTxn answered NONE and the group coordinator found. */
function atGroupCoordinator(results: ErrorCode[]): FakeProducer {
  const p = sending(results);
  addOffsetsAnswered(p);
  p.tm.onFindGroupCoordinatorResponse(Errors.NONE, GROUP_COORDINATOR, brokerNode);
  return p;
}

describe("sendOffsetsToTransaction", () => {
  it("testSendOffsetsWithGroupMetadata: AddOffsetsToTxn to the transaction coordinator, FindCoordinator(GROUP), then TxnOffsetCommit with the group metadata", () => {
    const results: ErrorCode[] = [];
    const p = sending(results);
    expect(p.sent("add-offsets")).toMatchObject([{ to: "broker-1", msg: { kind: "AddOffsetsToTxn", transactionalId: "foobar", producerId: 13131, producerEpoch: 1, groupId: "consumer-group" } }]);
    addOffsetsAnswered(p);
    expect(p.sent("find-group-coordinator")).toMatchObject([{ to: "broker-0", msg: { kind: "FindCoordinator", key: "consumer-group", keyType: "group" } }]);
    p.tm.onFindGroupCoordinatorResponse(Errors.NONE, GROUP_COORDINATOR, brokerNode);
    expect(p.sent("txn-offset-commit")).toMatchObject([
      { to: "broker-2", msg: { kind: "TxnOffsetCommit", groupId: "consumer-group", producerId: 13131, producerEpoch: 1, generationId: 5, memberId: "member-1", groupInstanceId: "instance-1", offsets: OFFSETS } },
    ]);
    expect(results).toEqual([]);
    txnOffsetCommitAnswered(p, Errors.NONE);
    expect([results, p.tm.state]).toEqual([[Errors.NONE], "IN_TRANSACTION"]);
  });

  it("testBasicTransaction: a transaction with only offsets still ends with EndTxn (the coordinator has it)", () => {
    const p = new FakeProducer().ready();
    p.tm.beginTransaction();
    p.tm.sendOffsetsToTransaction(OFFSETS, GROUP, () => {});
    addOffsetsAnswered(p);
    p.tm.onFindGroupCoordinatorResponse(Errors.NONE, GROUP_COORDINATOR, brokerNode);
    txnOffsetCommitAnswered(p, Errors.NONE);
    const from = p.requests.length;
    p.tm.commitTransaction();
    expect(p.sent("end-txn", from)).toMatchObject([{ to: "broker-1", msg: { kind: "EndTxn", committed: true } }]);
  });

  it("commitTransaction waits for a TxnOffsetCommit in flight before EndTxn", () => {
    const results: ErrorCode[] = [];
    const p = atGroupCoordinator(results);
    const from = p.requests.length;
    p.tm.commitTransaction();
    expect(p.sent("end-txn", from)).toEqual([]);
    txnOffsetCommitAnswered(p, Errors.NONE);
    expect(p.sent("end-txn", from)).toHaveLength(1);
  });

  it.each([Errors.NOT_COORDINATOR, Errors.COORDINATOR_NOT_AVAILABLE])("AddOffsetsToTxnHandler: %s looks the transaction coordinator up again and resends", (error) => {
    const p = sending([]);
    const from = p.requests.length;
    addOffsetsAnswered(p, error);
    expect(p.types(from)).toEqual(["find-txn-coordinator"]);
    p.findCoordinator();
    expect(p.types(from)).toEqual(["find-txn-coordinator", "add-offsets"]);
  });

  it.each([Errors.CONCURRENT_TRANSACTIONS, Errors.COORDINATOR_LOAD_IN_PROGRESS])("AddOffsetsToTxnHandler: retriable %s is resent after retry.backoff.ms", (error) => {
    const p = sending([]);
    const from = p.requests.length;
    addOffsetsAnswered(p, error);
    p.env.advance(99);
    expect(p.types(from)).toEqual([]);
    p.env.advance(1);
    expect(p.types(from)).toEqual(["add-offsets"]);
  });

  it.each([Errors.UNKNOWN_PRODUCER_ID, Errors.INVALID_PRODUCER_ID_MAPPING, Errors.TRANSACTION_ABORTABLE])("testTransactionAbortableExceptionInAddOffsetsToTxn (%s): the transaction becomes abortable", (error) => {
    const results: ErrorCode[] = [];
    const p = sending(results);
    addOffsetsAnswered(p, error);
    expect([results, p.tm.state]).toEqual([[error], "ABORTABLE_ERROR"]);
  });

  it.each([Errors.PRODUCER_FENCED, Errors.INVALID_PRODUCER_EPOCH])("AddOffsetsToTxnHandler: %s is fatal, as PRODUCER_FENCED", (error) => {
    const results: ErrorCode[] = [];
    const p = sending(results);
    addOffsetsAnswered(p, error);
    expect([results, p.tm.state, p.ended]).toEqual([[Errors.PRODUCER_FENCED], "FATAL_ERROR", [{ outcome: "fatal", error: Errors.PRODUCER_FENCED }]]);
  });

  it("testInvalidTxnStateFailureInAddOffsetsToTxn: INVALID_TXN_STATE is fatal", () => {
    const p = sending([]);
    addOffsetsAnswered(p, Errors.INVALID_TXN_STATE);
    expect(p.tm.state).toBe("FATAL_ERROR");
  });

  it.each([
    ["testFencedInstanceIdInTxnOffsetCommitByGroupMetadata", Errors.FENCED_INSTANCE_ID],
    ["testUnknownMemberIdInTxnOffsetCommitByGroupMetadata", Errors.UNKNOWN_MEMBER_ID],
    ["testIllegalGenerationInTxnOffsetCommitByGroupMetadata", Errors.ILLEGAL_GENERATION],
    ["testTransactionAbortableExceptionInTxnOffsetCommit", Errors.TRANSACTION_ABORTABLE],
  ])("%s: %s makes the transaction abortable (KIP-447 fencing)", (_name, error) => {
    const results: ErrorCode[] = [];
    const p = atGroupCoordinator(results);
    txnOffsetCommitAnswered(p, error);
    expect([results, p.tm.state]).toEqual([[error], "ABORTABLE_ERROR"]);
    const from = p.requests.length;
    p.tm.abortTransaction();
    expect(p.sent("end-txn", from)).toMatchObject([{ msg: { kind: "EndTxn", committed: false } }]);
  });

  it.each([
    ["testHandlingOfProducerFencedErrorOnTxnOffsetCommit", Errors.PRODUCER_FENCED],
    ["testHandlingOfInvalidProducerEpochErrorOnTxnOffsetCommit", Errors.INVALID_PRODUCER_EPOCH],
  ])("%s: fatal, as PRODUCER_FENCED", (_name, error) => {
    const results: ErrorCode[] = [];
    const p = atGroupCoordinator(results);
    txnOffsetCommitAnswered(p, error);
    expect([results, p.tm.state]).toEqual([[Errors.PRODUCER_FENCED], "FATAL_ERROR"]);
  });

  it.each([
    ["testHandlingOfUnknownTopicPartitionErrorOnTxnOffsetCommit", Errors.UNKNOWN_TOPIC_OR_PARTITION],
    ["testHandlingOfCoordinatorLoadingErrorOnTxnOffsetCommit", Errors.COORDINATOR_LOAD_IN_PROGRESS],
  ])("%s: retried at the same group coordinator", (_name, error) => {
    const results: ErrorCode[] = [];
    const p = atGroupCoordinator(results);
    const from = p.requests.length;
    txnOffsetCommitAnswered(p, error);
    p.env.advance(100);
    expect(p.sent("txn-offset-commit", from)).toMatchObject([{ to: "broker-2" }]);
    txnOffsetCommitAnswered(p, Errors.NONE);
    expect(results).toEqual([Errors.NONE]);
  });

  it.each([Errors.NOT_COORDINATOR, Errors.COORDINATOR_NOT_AVAILABLE, Errors.REQUEST_TIMED_OUT])("TxnOffsetCommitHandler: %s looks the group coordinator up again", (error) => {
    const p = atGroupCoordinator([]);
    const from = p.requests.length;
    txnOffsetCommitAnswered(p, error);
    p.env.advance(100);
    expect(p.types(from)).toEqual(["find-group-coordinator"]);
    p.tm.onFindGroupCoordinatorResponse(Errors.NONE, 3, brokerNode);
    expect(p.sent("txn-offset-commit", from)).toMatchObject([{ to: "broker-3" }]);
  });

  it("testHandlingOfNetworkExceptionOnTxnOffsetCommit: a failed request finds the group coordinator again", () => {
    const p = atGroupCoordinator([]);
    const from = p.requests.length;
    p.tm.requestFailed("txn-offset-commit");
    p.env.advance(100);
    expect(p.types(from)).toEqual(["find-group-coordinator"]);
  });

  it("in ABORTABLE_ERROR sendOffsetsToTransaction fails at once with the first error (maybeFailWithError)", () => {
    const results: ErrorCode[] = [];
    const p = atGroupCoordinator(results);
    txnOffsetCommitAnswered(p, Errors.ILLEGAL_GENERATION);
    const from = p.requests.length;
    p.tm.sendOffsetsToTransaction(OFFSETS, GROUP, (e) => results.push(e));
    expect([results, p.types(from)]).toEqual([[Errors.ILLEGAL_GENERATION, Errors.ILLEGAL_GENERATION], []]);
  });
});

describe("txnOffsetCommitOutcome (TxnOffsetCommitHandler.handleResponse)", () => {
  it.each([
    [Errors.NONE, "done"],
    [Errors.COORDINATOR_NOT_AVAILABLE, "find-coordinator"],
    [Errors.NOT_COORDINATOR, "find-coordinator"],
    [Errors.REQUEST_TIMED_OUT, "find-coordinator"],
    [Errors.COORDINATOR_LOAD_IN_PROGRESS, "retry"],
    [Errors.UNKNOWN_TOPIC_OR_PARTITION, "retry"],
    [Errors.FENCED_INSTANCE_ID, "abortable"],
    [Errors.UNKNOWN_MEMBER_ID, "abortable"],
    [Errors.ILLEGAL_GENERATION, "abortable"],
    [Errors.PRODUCER_FENCED, "fatal"],
    [Errors.INVALID_PRODUCER_EPOCH, "fatal"],
    [Errors.FENCED_MEMBER_EPOCH, "fatal"],
  ] as const)("%s → %s", (error, outcome) => {
    expect(txnOffsetCommitOutcome(error)).toBe(outcome);
  });
});
