// KIP-890 on the partition leader: Kafka's AddPartitionsToTxnManagerTest (the broker's channel to
// the coordinator), ReplicaManagerTest's verification cases (the produce held for the
// coordinator's answer, errors translated, the guard) and ProducerStateManagerTest's
// verification-entry cases, against kafkasim's AddPartitionsToTxnManager, TxnProduceVerification
// and ProducerStateManager.

import { describe, expect, it } from "vitest";
import { AddPartitionsToTxnManager, type AddPartitionsToTxnTimer, type TransactionSupportedOperation } from "../../core/broker/add-partitions-to-txn-manager.ts";
import type { Partition } from "../../core/broker/partition.ts";
import { producePartitionError, TxnProduceVerification } from "../../core/broker/txn-produce-verification.ts";
import { BROKER_CATALOG, brokerSettings, resolveConfig } from "../../core/config/index.ts";
import { ProducerStateManager } from "../../core/log/producer-state.ts";
import { VerificationGuard } from "../../core/log/verification-state.ts";
import { Errors, type ErrorCode } from "../../core/protocol/errors.ts";
import type { KafkaMessage, ProduceRequest } from "../../core/protocol/messages.ts";
import { NO_LEADER } from "../../core/protocol/metadata-records.ts";
import type { AddPartitionsToTxnBatchRequest } from "../../core/protocol/txn-messages.ts";
import { NodeEnv, TestClock } from "../harness/index.ts";
import { batch } from "../rules/batches.ts";

const TP0 = { topic: "foo", partition: 0 };
const TP1 = { topic: "foo", partition: 1 };
const TP2 = { topic: "bar", partition: 0 };

/** A broker's manager whose coordinators are brokers 1 (ids starting "txn1") and 2 (the rest); "none" has no coordinator. */
function manager(): { env: NodeEnv<KafkaMessage, AddPartitionsToTxnTimer>; m: AddPartitionsToTxnManager } {
  const env = new NodeEnv<KafkaMessage, AddPartitionsToTxnTimer>("broker-0", { clock: new TestClock(1_000_000_000) });
  const m = new AddPartitionsToTxnManager({ env, requestTimeoutMs: 30_000, coordinatorOf: (id) => (id === "none" ? NO_LEADER : id.startsWith("txn1") ? 1 : 2) });
  env.onTimers(m);
  return { env, m };
}

/** Collects what each callback got. */
function results(): { got: Map<string, ReadonlyMap<string, ErrorCode>>; cb: (id: string) => (errors: ReadonlyMap<string, ErrorCode>) => void } {
  const got = new Map<string, ReadonlyMap<string, ErrorCode>>();
  return { got, cb: (id) => (errors) => got.set(id, errors) };
}

describe("AddPartitionsToTxnManager (AddPartitionsToTxnManagerTest)", () => {
  it("testAddTxnData: one request per coordinator; what comes while one is in flight goes in the next, together", () => {
    const { env, m } = manager();
    const { got, cb } = results();
    m.addOrVerifyTransaction("txn1-a", 1, 0, [TP0], cb("a"), "GENERIC_ERROR_SUPPORTED");
    m.addOrVerifyTransaction("txn2-b", 2, 0, [TP1], cb("b"), "GENERIC_ERROR_SUPPORTED");
    m.addOrVerifyTransaction("txn1-c", 3, 0, [TP2], cb("c"), "GENERIC_ERROR_SUPPORTED");
    m.addOrVerifyTransaction("txn1-d", 4, 0, [TP0, TP1], cb("d"), "GENERIC_ERROR_SUPPORTED");
    const sent = env.sent.filter((s) => s.msg.kind === "AddPartitionsToTxnBatch");
    expect(sent.map((s) => [s.to, (s.msg as AddPartitionsToTxnBatchRequest).transactions.map((t) => t.transactionalId)])).toEqual([
      ["broker-1", ["txn1-a"]],
      ["broker-2", ["txn2-b"]],
    ]);
    const first = sent[0]!.msg as AddPartitionsToTxnBatchRequest;
    m.onResponse({ kind: "AddPartitionsToTxnBatchResponse", correlationId: first.correlationId, error: Errors.NONE, results: [{ transactionalId: "txn1-a", partitions: [{ ...TP0, error: Errors.NONE }] }] });
    expect(got.get("a")).toEqual(new Map());
    const next = env.sentOf("AddPartitionsToTxnBatch").at(-1)!;
    expect(next.transactions.map((t) => [t.transactionalId, t.verifyOnly, t.partitions])).toEqual([
      ["txn1-c", true, [TP2]],
      ["txn1-d", true, [TP0, TP1]],
    ]);
  });

  it.each([
    { kafka: "testAddTxnData (a higher epoch fences the waiting one)", epoch: 1, old: Errors.INVALID_PRODUCER_EPOCH, incoming: undefined },
    { kafka: "testAddTxnData (the same epoch: the client retried)", epoch: 0, old: Errors.NETWORK_EXCEPTION, incoming: undefined },
    { kafka: "testAddTxnData (a lower epoch is itself fenced)", epoch: -1, old: undefined, incoming: Errors.INVALID_PRODUCER_EPOCH },
  ])("$kafka", ({ epoch, old, incoming }) => {
    const { m } = manager();
    const { got, cb } = results();
    m.addOrVerifyTransaction("txn1-busy", 9, 0, [TP2], cb("busy"), "GENERIC_ERROR_SUPPORTED"); // in flight: the next ones wait
    m.addOrVerifyTransaction("txn1-a", 1, 0, [TP0], cb("old"), "GENERIC_ERROR_SUPPORTED");
    m.addOrVerifyTransaction("txn1-a", 1, epoch, [TP0], cb("new"), "GENERIC_ERROR_SUPPORTED");
    expect(got.get("old")?.get("foo-0")).toBe(old);
    expect(got.get("new")?.get("foo-0")).toBe(incoming);
  });

  it("testTransactionCoordinatorResolution: no live leader of the state partition → COORDINATOR_NOT_AVAILABLE, nothing sent", () => {
    const { env, m } = manager();
    const { got, cb } = results();
    m.addOrVerifyTransaction("none", 1, 0, [TP0, TP1], cb("a"), "ADD_PARTITION");
    expect(got.get("a")).toEqual(new Map([["foo-0", Errors.COORDINATOR_NOT_AVAILABLE], ["foo-1", Errors.COORDINATOR_NOT_AVAILABLE]]));
    expect(env.sentOf("AddPartitionsToTxnBatch")).toEqual([]);
  });

  it.each<{ op: TransactionSupportedOperation; verifyOnly: boolean }>([
    { op: "DEFAULT_ERROR", verifyOnly: true },
    { op: "GENERIC_ERROR_SUPPORTED", verifyOnly: true },
    { op: "ADD_PARTITION", verifyOnly: false },
  ])("addOrVerifyTransaction: $op sends verifyOnly=$verifyOnly (!supportsEpochBump)", ({ op, verifyOnly }) => {
    const { env, m } = manager();
    m.addOrVerifyTransaction("txn1-a", 1, 0, [TP0], () => {}, op);
    expect(env.sentOf("AddPartitionsToTxnBatch")[0]!.transactions[0]!.verifyOnly).toBe(verifyOnly);
  });

  const answer = (m: AddPartitionsToTxnManager, env: NodeEnv<KafkaMessage, AddPartitionsToTxnTimer>, error: ErrorCode, topLevel: ErrorCode = Errors.NONE): void => {
    const req = env.sentOf("AddPartitionsToTxnBatch").at(-1)!;
    m.onResponse({ kind: "AddPartitionsToTxnBatchResponse", correlationId: req.correlationId, error: topLevel, results: req.transactions.map((t) => ({ transactionalId: t.transactionalId, partitions: t.partitions.map((p) => ({ ...p, error })) })) });
  };

  it.each<{ case: string; op: TransactionSupportedOperation; error: ErrorCode; topLevel?: ErrorCode; expected: ErrorCode | undefined }>([
    { case: "a verified partition", op: "GENERIC_ERROR_SUPPORTED", error: Errors.NONE, expected: undefined },
    { case: "PRODUCER_FENCED → INVALID_PRODUCER_EPOCH (producers expect it)", op: "GENERIC_ERROR_SUPPORTED", error: Errors.PRODUCER_FENCED, expected: Errors.INVALID_PRODUCER_EPOCH },
    { case: "TRANSACTION_ABORTABLE → INVALID_TXN_STATE for old clients", op: "DEFAULT_ERROR", error: Errors.TRANSACTION_ABORTABLE, expected: Errors.INVALID_TXN_STATE },
    { case: "TRANSACTION_ABORTABLE kept for Produce v11+", op: "GENERIC_ERROR_SUPPORTED", error: Errors.TRANSACTION_ABORTABLE, expected: Errors.TRANSACTION_ABORTABLE },
    { case: "CONCURRENT_TRANSACTIONS passed on", op: "ADD_PARTITION", error: Errors.CONCURRENT_TRANSACTIONS, expected: Errors.CONCURRENT_TRANSACTIONS },
    { case: "a top-level error goes to every partition", op: "GENERIC_ERROR_SUPPORTED", error: Errors.NONE, topLevel: Errors.NOT_COORDINATOR, expected: Errors.NOT_COORDINATOR },
  ])("testAddPartitionsToTxnHandlerErrorHandling: $case", ({ op, error, topLevel, expected }) => {
    const { env, m } = manager();
    const { got, cb } = results();
    m.addOrVerifyTransaction("txn1-a", 1, 0, [TP0], cb("a"), op);
    answer(m, env, error, topLevel);
    expect(got.get("a")?.get("foo-0")).toBe(expected);
  });

  it("testAddPartitionsToTxnHandlerErrorHandling: a disconnect or a timeout fails everything in flight with NETWORK_EXCEPTION, and the next request goes", () => {
    const { env, m } = manager();
    const { got, cb } = results();
    m.addOrVerifyTransaction("txn1-a", 1, 0, [TP0], cb("a"), "GENERIC_ERROR_SUPPORTED");
    m.addOrVerifyTransaction("txn1-b", 2, 0, [TP1], cb("b"), "GENERIC_ERROR_SUPPORTED");
    m.onDisconnect("broker-1");
    expect(got.get("a")).toEqual(new Map([["foo-0", Errors.NETWORK_EXCEPTION]]));
    expect(env.sentOf("AddPartitionsToTxnBatch").at(-1)!.transactions.map((t) => t.transactionalId)).toEqual(["txn1-b"]);
    env.advance(30_000);
    expect(got.get("b")).toEqual(new Map([["foo-1", Errors.NETWORK_EXCEPTION]]));
  });
});

/** A leader of foo-0 and foo-1 whose producer state the tests look at, and the coordinator's channel. */
function leader(config: Record<string, unknown> = {}): {
  env: NodeEnv<KafkaMessage, AddPartitionsToTxnTimer>;
  states: ProducerStateManager[];
  v: TxnProduceVerification;
} {
  const { env, m } = manager();
  const settings = brokerSettings(resolveConfig(BROKER_CATALOG, config).values);
  const states = [new ProducerStateManager(), new ProducerStateManager()];
  const partition = (topic: string, p: number): Partition | undefined => (topic === "foo" && p < 2 ? ({ role: "leader", log: { producerState: states[p]! } } as unknown as Partition) : undefined);
  const v = new TxnProduceVerification({ settings, manager: m, requestTimeoutMs: 30_000, partition, nowUs: () => env.now() });
  return { env, states, v };
}

function produce(transactionVersion: number, parts: { p: number; transactional: boolean }[], transactionalId: string | null = "txn1-a"): ProduceRequest {
  return {
    kind: "Produce",
    correlationId: 1,
    acks: -1,
    timeoutMs: 30_000,
    transactionalId,
    transactionVersion,
    partitions: parts.map(({ p, transactional }) => ({ topic: "foo", partition: p, batch: batch({ producerId: 24, producerEpoch: 0, baseSequence: 0 }).with({ isTransactional: transactional }) })),
  };
}

describe("TxnProduceVerification (ReplicaManagerTest)", () => {
  it("testVerificationForTransactionalPartitionsOnly: no transactional id or no transactional batch → no verification; else only the transactional partition", () => {
    const { env, states, v } = leader();
    let done = 0;
    v.verify(produce(0, [{ p: 0, transactional: false }], null), () => done++);
    expect(done).toBe(1);
    expect(env.sentOf("AddPartitionsToTxnBatch")).toEqual([]);
    v.verify(produce(0, [{ p: 0, transactional: true }, { p: 1, transactional: false }]), () => done++);
    expect(env.sentOf("AddPartitionsToTxnBatch")[0]!.transactions[0]!.partitions).toEqual([TP0]);
    expect(states[0]!.verificationGuard(24)).not.toBe(VerificationGuard.SENTINEL);
    expect(states[1]!.verificationGuard(24)).toBe(VerificationGuard.SENTINEL);
    expect(done).toBe(1); // held for the answer
  });

  it("testTransactionVerificationFlow: an error answer refuses the produce and keeps the guard; a verified one hands the guard to the append", () => {
    const { env, states, v } = leader();
    const seen: [ReadonlyMap<string, ErrorCode>, ReadonlyMap<string, VerificationGuard>][] = [];
    v.verify(produce(0, [{ p: 0, transactional: true }]), (e, g) => seen.push([e, g]));
    const guard = states[0]!.verificationGuard(24);
    let req = env.sentOf("AddPartitionsToTxnBatch").at(-1)!;
    const m = (v as unknown as { host: { manager: AddPartitionsToTxnManager } }).host.manager;
    m.onResponse({ kind: "AddPartitionsToTxnBatchResponse", correlationId: req.correlationId, error: Errors.NONE, results: [{ transactionalId: "txn1-a", partitions: [{ ...TP0, error: Errors.INVALID_TXN_STATE }] }] });
    expect(seen[0]![0]).toEqual(new Map([["foo-0", Errors.INVALID_TXN_STATE]]));
    expect(states[0]!.verificationGuard(24)).toBe(guard);
    v.verify(produce(0, [{ p: 0, transactional: true }]), (e, g) => seen.push([e, g]));
    req = env.sentOf("AddPartitionsToTxnBatch").at(-1)!;
    m.onResponse({ kind: "AddPartitionsToTxnBatchResponse", correlationId: req.correlationId, error: Errors.NONE, results: [{ transactionalId: "txn1-a", partitions: [{ ...TP0, error: Errors.NONE }] }] });
    expect(seen[1]).toEqual([new Map(), new Map([["foo-0", guard]])]);
    // The append with that guard starts the transaction and clears the entry.
    states[0]!.update(batch({ producerId: 24, producerEpoch: 0, baseSequence: 0, baseOffset: 0 }).with({ isTransactional: true }));
    expect(states[0]!.verificationGuard(24)).toBe(VerificationGuard.SENTINEL);
    expect(states[0]!.hasOngoingTransaction(24, 0)).toBe(true);
    // A transaction already open here needs no verification.
    v.verify(produce(0, [{ p: 0, transactional: true }]), (e, g) => seen.push([e, g]));
    expect(seen[2]).toEqual([new Map(), new Map()]);
  });

  it("testTransactionVerificationWhenNotLeader: NOT_LEADER_OR_FOLLOWER / UNKNOWN_TOPIC_OR_PARTITION before any request", () => {
    const { env, v } = leader();
    let errors: ReadonlyMap<string, ErrorCode> | undefined;
    const req = produce(0, [{ p: 0, transactional: true }]);
    v.verify({ ...req, partitions: [{ topic: "nope", partition: 0, batch: req.partitions[0]!.batch }] }, (e) => (errors = e));
    expect(errors).toEqual(new Map([["nope-0", Errors.UNKNOWN_TOPIC_OR_PARTITION]]));
    expect(env.sentOf("AddPartitionsToTxnBatch")).toEqual([]);
  });

  it("testDisabledTransactionVerification: with transaction.partition.verification.enable=false transaction.version 0/1 produces are not verified — but transaction.version 2 ones are still added", () => {
    const { env, states, v } = leader({ "transaction.partition.verification.enable": false });
    let done = 0;
    v.verify(produce(0, [{ p: 0, transactional: true }]), () => done++);
    expect(done).toBe(1);
    expect(states[0]!.verificationGuard(24)).toBe(VerificationGuard.SENTINEL);
    v.verify(produce(2, [{ p: 0, transactional: true }]), () => done++);
    expect(env.sentOf("AddPartitionsToTxnBatch")[0]!.transactions[0]!.verifyOnly).toBe(false);
  });

  it("testPreVerificationError: an epoch older than the partition's is INVALID_PRODUCER_EPOCH without asking", () => {
    const { env, states, v } = leader();
    states[0]!.update(batch({ producerId: 24, producerEpoch: 3, baseSequence: 0, baseOffset: 0 }));
    let errors: ReadonlyMap<string, ErrorCode> | undefined;
    v.verify(produce(0, [{ p: 0, transactional: true }]), (e) => (errors = e));
    expect(errors).toEqual(new Map([["foo-0", Errors.INVALID_PRODUCER_EPOCH]]));
    expect(env.sentOf("AddPartitionsToTxnBatch")).toEqual([]);
  });

  it.each([
    { error: Errors.NETWORK_EXCEPTION, tv1: Errors.NOT_ENOUGH_REPLICAS, tv2: Errors.NOT_ENOUGH_REPLICAS },
    { error: Errors.COORDINATOR_LOAD_IN_PROGRESS, tv1: Errors.NOT_ENOUGH_REPLICAS, tv2: Errors.NOT_ENOUGH_REPLICAS },
    { error: Errors.COORDINATOR_NOT_AVAILABLE, tv1: Errors.NOT_ENOUGH_REPLICAS, tv2: Errors.NOT_ENOUGH_REPLICAS },
    { error: Errors.NOT_COORDINATOR, tv1: Errors.NOT_ENOUGH_REPLICAS, tv2: Errors.NOT_ENOUGH_REPLICAS },
    { error: Errors.CONCURRENT_TRANSACTIONS, tv1: Errors.NOT_ENOUGH_REPLICAS, tv2: Errors.CONCURRENT_TRANSACTIONS },
    { error: Errors.INVALID_TXN_STATE, tv1: Errors.INVALID_TXN_STATE, tv2: Errors.INVALID_TXN_STATE },
    { error: Errors.INVALID_PRODUCER_EPOCH, tv1: Errors.INVALID_PRODUCER_EPOCH, tv2: Errors.INVALID_PRODUCER_EPOCH },
  ])("testVerificationErrorConversions ($error): $tv1 under TV 1, $tv2 under TV 2", ({ error, tv1, tv2 }) => {
    expect(producePartitionError(error, "GENERIC_ERROR_SUPPORTED")).toBe(tv1);
    expect(producePartitionError(error, "ADD_PARTITION")).toBe(tv2);
  });

  it("transaction.version 2 retries CONCURRENT_TRANSACTIONS on the broker every 20 ms up to 100 ms (KAFKA-18654), then answers it", () => {
    const { env, v } = leader();
    const m = (v as unknown as { host: { manager: AddPartitionsToTxnManager } }).host.manager;
    let errors: ReadonlyMap<string, ErrorCode> | undefined;
    v.verify(produce(2, [{ p: 0, transactional: true }]), (e) => (errors = e));
    const concurrent = (): void => {
      const req = env.sentOf("AddPartitionsToTxnBatch").at(-1)!;
      m.onResponse({ kind: "AddPartitionsToTxnBatchResponse", correlationId: req.correlationId, error: Errors.NONE, results: [{ transactionalId: "txn1-a", partitions: [{ ...TP0, error: Errors.CONCURRENT_TRANSACTIONS }] }] });
    };
    for (let i = 0; i < 5; i++) {
      concurrent();
      expect(errors).toBeUndefined();
      env.advance(20);
    }
    expect(env.sentOf("AddPartitionsToTxnBatch")).toHaveLength(6);
    concurrent(); // 100 ms after the first: given up
    expect(errors).toEqual(new Map([["foo-0", Errors.CONCURRENT_TRANSACTIONS]]));
  });

  it("a verification under transaction.version 1 is not retried: CONCURRENT_TRANSACTIONS comes back as NOT_ENOUGH_REPLICAS at once", () => {
    const { env, v } = leader();
    const m = (v as unknown as { host: { manager: AddPartitionsToTxnManager } }).host.manager;
    let errors: ReadonlyMap<string, ErrorCode> | undefined;
    v.verify(produce(0, [{ p: 0, transactional: true }]), (e) => (errors = e));
    const req = env.sentOf("AddPartitionsToTxnBatch").at(-1)!;
    m.onResponse({ kind: "AddPartitionsToTxnBatchResponse", correlationId: req.correlationId, error: Errors.NONE, results: [{ transactionalId: "txn1-a", partitions: [{ ...TP0, error: Errors.CONCURRENT_TRANSACTIONS }] }] });
    expect(errors).toEqual(new Map([["foo-0", Errors.NOT_ENOUGH_REPLICAS]]));
  });
});

describe("verification state (ProducerStateManagerTest)", () => {
  it("testEntryForVerification: an existing entry is reused; a transactional append clears it", () => {
    const s = new ProducerStateManager();
    const g = s.maybeStartTransactionVerification(24, 0, 0, false);
    expect(s.maybeStartTransactionVerification(24, 0, 0, false)).toBe(g);
    s.update(batch({ producerId: 24, producerEpoch: 0, baseSequence: 0, baseOffset: 0 }).with({ isTransactional: true }));
    expect(s.verificationGuard(24)).toBe(VerificationGuard.SENTINEL);
  });

  it("a marker written while a verification is pending clears it: the late append's guard no longer verifies", () => {
    const s = new ProducerStateManager();
    const g = s.maybeStartTransactionVerification(24, 0, 0, false) as VerificationGuard;
    s.update(batch({ producerId: 24, producerEpoch: 0, baseOffset: 0 }).with({ isTransactional: true, control: { type: 0, coordinatorEpoch: 0 } }));
    expect(s.verificationGuard(24).verify(g)).toBe(false);
  });

  it("transaction.version 2: a marker at the entry's (bumped) epoch keeps it — the next transaction was verified first", () => {
    const s = new ProducerStateManager();
    const g = s.maybeStartTransactionVerification(24, 0, 1, true) as VerificationGuard;
    s.update(batch({ producerId: 24, producerEpoch: 1, baseOffset: 0 }).with({ isTransactional: true, control: { type: 1, coordinatorEpoch: 0 } }));
    expect(s.verificationGuard(24).verify(g)).toBe(true);
    expect(VerificationGuard.SENTINEL.verify(VerificationGuard.SENTINEL)).toBe(false);
  });
});
