// One broker's real TransactionCoordinator on a fake host: what Kafka's TransactionCoordinatorTest
// gets from its mocked TransactionStateManager, here through the coordinator's own host. Appends
// to __transaction_state-0 go to an in-memory log and commit at once, fail with a chosen error,
// or wait for the test; partition leaders come from a map the test edits; producer ids from a
// counter. A transactional id's starting state is seeded as a TransactionLogValue in the log and
// loaded by electing the broker, as a coordinator would find it after a failover.

import { BROKER_CATALOG, brokerSettings, resolveConfig } from "../../core/config/index.ts";
import type { PartitionLog } from "../../core/log/partition-log.ts";
import type { CoordinatorRecord } from "../../core/protocol/coordinator-records.ts";
import { Errors, type ErrorCode } from "../../core/protocol/errors.ts";
import type { InitProducerIdResponse, KafkaMessage } from "../../core/protocol/messages.ts";
import { NO_LEADER } from "../../core/protocol/metadata-records.ts";
import type { RecordBatch } from "../../core/protocol/records.ts";
import type { AddPartitionsToTxnResponse, EndTxnResponse, WriteTxnMarkersRequest } from "../../core/protocol/txn-messages.ts";
import { TransactionCoordinator, type TransactionCoordinatorTimer } from "../../core/txn/transaction-coordinator.ts";
import type { TransactionState, TxnTransit } from "../../core/txn/transaction-metadata.ts";
import { NodeEnv, TestClock } from "../harness/index.ts";

export const TXN_ID = "someTransactionalId";
export const CLIENT = "producer-1";
/** Kafka's MockTime starts far from 0; so does this clock. */
export const START_MS = 1_000_000;

/** A stored batch of __transaction_state-0: its offset and the TransactionLog record. */
interface StoredBatch {
  readonly baseOffset: number;
  readonly coordinator: readonly CoordinatorRecord[];
}

export class TxnLog {
  readonly batches: StoredBatch[] = [];
  highWatermark = 0;

  get logEndOffset(): number {
    return this.batches.length;
  }

  /** Appends one value (committed unless `aboveHighWatermark`). */
  put(transactionalId: string, value: TxnTransit, aboveHighWatermark = false): void {
    this.batches.push({ baseOffset: this.batches.length, coordinator: [{ type: "TransactionLog", transactionalId, value }] });
    if (!aboveHighWatermark) this.highWatermark = this.batches.length;
  }

  /** Every TransactionLog value written, oldest first. */
  values(from = 0): TxnTransit[] {
    return this.batches.slice(from).flatMap((b) => b.coordinator.flatMap((r) => (r.type === "TransactionLog" && r.value !== null ? [r.value] : [])));
  }

  asPartitionLog(): PartitionLog {
    const log = this;
    return {
      allBatches: () => log.batches as unknown as RecordBatch[],
      read: () => ({ delayUs: 0 }),
      logStartOffset: 0,
      sizeBytes: 0,
      get logEndOffset() {
        return log.logEndOffset;
      },
      get highWatermark() {
        return log.highWatermark;
      },
    } as unknown as PartitionLog;
  }
}

/** A TransactionLogValue with Kafka's test defaults (producerId 10, epoch 1, txnTimeoutMs 1000). */
export function value(state: TransactionState, v: Partial<TxnTransit> = {}): TxnTransit {
  return {
    producerId: 10,
    previousProducerId: 10,
    producerEpoch: 1,
    lastProducerEpoch: -1,
    txnTimeoutMs: 1000,
    state,
    partitions: state === "Empty" || state === "CompleteCommit" || state === "CompleteAbort" ? [] : ["topic1-0"],
    txnStartTimestampMs: state === "Empty" ? -1 : START_MS,
    txnLastUpdateTimestampMs: START_MS,
    clientTransactionVersion: 0,
    ...v,
  };
}

export type AppendMode = "commit" | "hold" | ErrorCode;

export class TxnHarness {
  readonly clock = new TestClock(START_MS * 1000);
  readonly env = new NodeEnv<KafkaMessage, TransactionCoordinatorTimer>("broker-0", { clock: this.clock });
  readonly log: TxnLog;
  readonly coordinator: TransactionCoordinator;
  /** Partition leaders as `topic-partition` → broker id; a partition not listed has none. */
  readonly leaders = new Map<string, number>([
    ["topic1-0", 1],
    ["topic1-1", 2],
    ["topic2-0", 1],
  ]);
  appendMode: AppendMode = "commit";
  /** Appends waiting for the test (appendMode "hold"): call one to commit it, or pass an error. */
  readonly held: ((error?: ErrorCode) => void)[] = [];
  appendCount = 0;
  /** The acks=all timeout of each append. */
  readonly appendTimeoutsMs: number[] = [];
  private nextProducerId = 1000;

  constructor(config: Record<string, unknown> = {}, log = new TxnLog()) {
    this.log = log;
    const settings = brokerSettings(resolveConfig(BROKER_CATALOG, { "transaction.state.log.num.partitions": 1, ...config }).values);
    this.coordinator = new TransactionCoordinator({
      env: this.env,
      settings,
      stateLog: (p) => (p === 0 ? this.log.asPartitionLog() : undefined),
      append: (_p, batch, timeoutMs, done) => {
        this.appendTimeoutsMs.push(timeoutMs);
        this.append(batch, done);
      },
      leaderOf: (topic, partition) => this.leaders.get(`${topic}-${partition}`) ?? NO_LEADER,
      generateProducerId: () => this.nextProducerId++,
    });
    this.env.onTimers(this.coordinator);
  }

  private append(batch: RecordBatch, done: (error: ErrorCode) => void): void {
    this.appendCount++;
    const commit = (error: ErrorCode = Errors.NONE): void => {
      if (error === Errors.NONE) for (const r of batch.coordinator ?? []) if (r.type === "TransactionLog" && r.value !== null) this.log.put(r.transactionalId, r.value);
      done(error);
    };
    if (this.appendMode === "commit") commit();
    else if (this.appendMode === "hold") this.held.push(commit);
    else commit(this.appendMode);
  }

  /** Seeds `transactionalId`'s last TransactionLogValue, for the next election to load. */
  seed(state: TransactionState, v: Partial<TxnTransit> = {}, transactionalId = TXN_ID): this {
    this.log.put(transactionalId, value(state, v));
    return this;
  }

  /** Elected leader of __transaction_state-0 at `coordinatorEpoch`; `load` lets the load finish. */
  elect(coordinatorEpoch = 5, load = true): this {
    this.coordinator.onElected(0, coordinatorEpoch);
    if (load) this.env.advance(1);
    return this;
  }

  initProducerId(o: { transactionalId?: string; timeoutMs?: number; producerId?: number; producerEpoch?: number } = {}): InitProducerIdResponse | undefined {
    const from = this.env.sent.length;
    this.coordinator.handle(CLIENT, { kind: "InitProducerId", correlationId: 1, transactionalId: o.transactionalId ?? TXN_ID, transactionTimeoutMs: o.timeoutMs ?? 1000, producerId: o.producerId ?? -1, producerEpoch: o.producerEpoch ?? -1 });
    return this.env.sentOf("InitProducerIdResponse", from)[0];
  }

  addPartitions(producerId: number, producerEpoch: number, partitions: readonly string[], transactionalId = TXN_ID): AddPartitionsToTxnResponse | undefined {
    const from = this.env.sent.length;
    const refs = partitions.map((k) => ({ topic: k.slice(0, k.lastIndexOf("-")), partition: Number(k.slice(k.lastIndexOf("-") + 1)) }));
    this.coordinator.handle(CLIENT, { kind: "AddPartitionsToTxn", correlationId: 2, transactionalId, producerId, producerEpoch, verifyOnly: false, partitions: refs });
    return this.env.sentOf("AddPartitionsToTxnResponse", from)[0];
  }

  /** The one error of an AddPartitionsToTxn answer (every partition gets the same). */
  addPartitionsError(producerId: number, producerEpoch: number, partitions: readonly string[] = ["topic1-0"], transactionalId = TXN_ID): ErrorCode | undefined {
    const r = this.addPartitions(producerId, producerEpoch, partitions, transactionalId);
    const errors = new Set(r?.partitions.map((p) => p.error));
    if (errors.size !== 1) throw new Error(`AddPartitionsToTxn answered ${JSON.stringify(r)}`);
    return [...errors][0];
  }

  endTxn(producerId: number, producerEpoch: number, committed: boolean, transactionalId = TXN_ID): EndTxnResponse | undefined {
    const from = this.env.sent.length;
    this.coordinator.handle(CLIENT, { kind: "EndTxn", correlationId: 3, transactionalId, producerId, producerEpoch, committed });
    return this.env.sentOf("EndTxnResponse", from)[0];
  }

  /** WriteTxnMarkers sent since `from`, with where they went. */
  markers(from = 0): { to: string; req: WriteTxnMarkersRequest }[] {
    return this.env.sent.slice(from).flatMap((s) => (s.msg.kind === "WriteTxnMarkers" ? [{ to: s.to, req: s.msg }] : []));
  }

  /** Answers a WriteTxnMarkers, every partition with `error` (or per partition). */
  ackMarkers(req: WriteTxnMarkersRequest, error: ErrorCode | ((key: string) => ErrorCode) = Errors.NONE): void {
    const errorOf = typeof error === "function" ? error : () => error;
    this.coordinator.onWriteTxnMarkersResponse({
      kind: "WriteTxnMarkersResponse",
      correlationId: req.correlationId,
      markers: req.markers.map((m) => ({ producerId: m.producerId, partitions: m.partitions.map((p) => ({ ...p, error: errorOf(`${p.topic}-${p.partition}`) })) })),
    });
  }

  state(transactionalId = TXN_ID): { state: TransactionState; producerId: number; producerEpoch: number; pending: TransactionState | null } | undefined {
    const m = this.coordinator.transaction(transactionalId);
    return m === undefined ? undefined : { state: m.state, producerId: m.producerId, producerEpoch: m.producerEpoch, pending: m.pendingState };
  }
}

/** The partitions of a marker request as `topic-partition`, sorted. */
export function markerPartitions(req: WriteTxnMarkersRequest): string[] {
  return req.markers.flatMap((m) => m.partitions.map((p) => `${p.topic}-${p.partition}`)).sort();
}
