// A fake producer around a TransactionManager for table tests from Kafka's TransactionManagerTest:
// the host records what the manager asks for; the test answers as the coordinators would.
// transactional.id "foobar", transaction coordinator broker 1.
import type { NodeId } from "../../core/env.ts";
import { PRODUCER_CATALOG, producerSettings, resolveConfig } from "../../core/config/index.ts";
import { Errors, type ErrorCode } from "../../core/protocol/errors.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import type { ProducerTimer } from "../../core/producer/producer-timers.ts";
import { TransactionManager, type TransactionRequest } from "../../core/producer/transaction-manager.ts";
import { NodeEnv } from "../harness/index.ts";

export const COORDINATOR = 1;
export const brokerNode = (id: number): NodeId => `broker-${id}`;

export class FakeProducer {
  readonly env = new NodeEnv<KafkaMessage, ProducerTimer>("producer-1");
  readonly requests: { to: NodeId; type: TransactionRequest; msg: KafkaMessage }[] = [];
  readonly assigned: [number, number][] = [];
  readonly ended: { outcome: string; error: ErrorCode }[] = [];
  readonly aborted: ErrorCode[] = [];
  pendingBatches = 0;
  flushes = 0;
  initialized = false;
  private pid = -1;
  private epoch = -1;
  private nextCorrelationId = 1;
  readonly tm: TransactionManager;

  constructor(config: Record<string, unknown> = {}) {
    const settings = producerSettings(resolveConfig(PRODUCER_CATALOG, { "transactional.id": "foobar", ...config }).values);
    this.tm = new TransactionManager({
      env: this.env,
      settings,
      transactionalId: "foobar",
      request: (to, type, build) => this.requests.push({ to, type, msg: build(this.nextCorrelationId++) }),
      anyBroker: () => "broker-0",
      assignProducerId: (pid, epoch) => {
        this.pid = pid;
        this.epoch = epoch;
        this.assigned.push([pid, epoch]);
      },
      initialized: () => (this.initialized = true),
      producerId: () => this.pid,
      producerEpoch: () => this.epoch,
      hasPendingBatches: () => this.pendingBatches > 0,
      flush: () => this.flushes++,
      abortUndrainedBatches: (error) => {
        this.aborted.push(error);
        return 0; // none of the dropped batches had been sent
      },
      wakeSender: () => {},
      transactionEnded: (outcome, error) => this.ended.push({ outcome, error }),
    });
    this.env.onTimers({ onTimer: (t) => (t.kind === "TransactionRetryTimer" ? this.tm.onRetryTimer(t.request) : undefined) });
  }

  /** Requests of `type` asked for since index `from`. */
  sent(type: TransactionRequest, from = 0): { to: NodeId; msg: KafkaMessage }[] {
    return this.requests.slice(from).filter((r) => r.type === type);
  }

  types(from = 0): TransactionRequest[] {
    return this.requests.slice(from).map((r) => r.type);
  }

  findCoordinator(error: ErrorCode = Errors.NONE, nodeId = COORDINATOR): void {
    this.tm.onFindCoordinatorResponse(error, nodeId, brokerNode);
  }

  addPartitionsResponse(error: ErrorCode, partitions: string[]): void {
    const refs = partitions.map((k) => ({ topic: k.slice(0, k.lastIndexOf("-")), partition: Number(k.slice(k.lastIndexOf("-") + 1)), error }));
    this.tm.onAddPartitionsResponse({ kind: "AddPartitionsToTxnResponse", correlationId: 0, error: Errors.NONE, partitions: refs });
  }

  endTxnResponse(error: ErrorCode, producerId = -1, producerEpoch = -1): void {
    this.tm.onEndTxnResponse({ kind: "EndTxnResponse", correlationId: 0, error, producerId, producerEpoch });
  }

  /** initTransactions() answered: producer id 13131, epoch 1. */
  ready(): this {
    this.tm.initTransactions();
    this.findCoordinator();
    this.tm.onInitProducerIdResponse(Errors.NONE, 13131, 1);
    return this;
  }

  /** beginTransaction() and a send to `partitions`, each added. */
  inTransaction(partitions = ["topic-0"]): this {
    this.tm.beginTransaction();
    for (const p of partitions) this.tm.maybeAddPartition(p.slice(0, p.lastIndexOf("-")), Number(p.slice(p.lastIndexOf("-") + 1)));
    this.addPartitionsResponse(Errors.NONE, partitions);
    return this;
  }
}

