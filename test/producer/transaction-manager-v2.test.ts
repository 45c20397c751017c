// The TransactionManager with transaction.version 2 (KIP-890 part 2): KafkaProducerTest's
// testTransactionV2Produce (InitProducerId, the produce, EndTxn — no AddPartitionsToTxn) and
// TransactionManager.maybeAddPartition's isTransactionV2Enabled branch, on the fake producer.
import { describe, expect, it } from "vitest";
import { Errors } from "../../core/protocol/errors.ts";
import { FakeProducer } from "./fake-transactional-producer.ts";

function v2(): FakeProducer {
  const p = new FakeProducer({}, 2);
  p.ready();
  return p;
}

describe("transaction.version 2 (isTransactionV2Enabled)", () => {
  it("maybeUpdateTransactionV2Enabled: on from the finalized transaction.version once InitProducerId succeeds, off below 2", () => {
    expect(v2().tm.isTransactionV2Enabled).toBe(true);
    expect(new FakeProducer({}, 1).ready().tm.isTransactionV2Enabled).toBe(false);
  });

  it("testTransactionV2Produce: send() puts the partition in the transaction at once — no AddPartitionsToTxn — and the commit is EndTxn v5", () => {
    const p = v2();
    const from = p.requests.length;
    p.tm.beginTransaction();
    p.tm.maybeAddPartition("foo", 0);
    p.tm.maybeAddPartition("foo", 1);
    expect(p.tm.isSendToPartitionAllowed("foo", 0)).toBe(true);
    expect(p.tm.isSendToPartitionAllowed("foo", 1)).toBe(true);
    expect(p.tm.isSendToPartitionAllowed("foo", 2)).toBe(false);
    p.tm.commitTransaction();
    expect(p.types(from)).toEqual(["end-txn"]);
    expect(p.sent("end-txn", from)[0]!.msg).toMatchObject({ kind: "EndTxn", committed: true, transactionVersion: 2, producerId: 13131, producerEpoch: 1 });
    p.endTxnResponse(Errors.NONE, 13131, 2);
    expect([p.tm.state, p.ended.at(-1)?.outcome, p.assigned.at(-1)]).toEqual(["READY", "committed", [13131, 2]]);
  });

  it("transactionStarted is set by the send: an abort whose batches never left still sends EndTxn (the coordinator may have added a partition)", () => {
    const p = v2();
    const from = p.requests.length;
    p.tm.beginTransaction();
    p.tm.maybeAddPartition("foo", 0);
    p.tm.abortTransaction();
    expect(p.sent("end-txn", from)[0]!.msg).toMatchObject({ committed: false, transactionVersion: 2 });
  });

  it("an empty transaction (nothing sent) ends locally, as under transaction.version 1", () => {
    const p = v2();
    const from = p.requests.length;
    p.tm.beginTransaction();
    p.tm.commitTransaction();
    p.env.advance(0);
    expect(p.types(from)).toEqual([]);
    expect(p.ended.at(-1)?.outcome).toBe("committed");
  });

  it("transaction.version 1: the partition waits for AddPartitionsToTxn and EndTxn says v4 (transactionVersion 0)", () => {
    const p = new FakeProducer({}, 1).ready();
    const from = p.requests.length;
    p.tm.beginTransaction();
    p.tm.maybeAddPartition("foo", 0);
    expect(p.tm.isSendToPartitionAllowed("foo", 0)).toBe(false);
    expect(p.types(from)).toEqual(["add-partitions"]);
    p.addPartitionsResponse(Errors.NONE, ["foo-0"]);
    p.tm.commitTransaction();
    expect(p.sent("end-txn", from)[0]!.msg).toMatchObject({ transactionVersion: 0 });
  });

  it("a produce answered TRANSACTION_ABORTABLE (the leader's verification, Produce v11+) makes the transaction abortable, not fatal", () => {
    const p = v2();
    p.tm.beginTransaction();
    p.tm.maybeAddPartition("foo", 0);
    p.tm.batchFailed(Errors.TRANSACTION_ABORTABLE);
    expect(p.tm.state).toBe("ABORTABLE_ERROR");
  });
});
