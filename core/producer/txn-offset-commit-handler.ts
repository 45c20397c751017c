// The group half of sendOffsetsToTransaction (TransactionManager's TxnOffsetCommitHandler):
// once AddOffsetsToTxn has put the group's offsets partition in the transaction, the offsets
// go to the group's coordinator (found with FindCoordinator, key type GROUP) in a
// TxnOffsetCommit carrying the consumer's group metadata (KIP-447). Partitions answered with a
// retriable error are sent again; a consumer no longer in the group's generation makes the
// transaction abortable (CommitFailedException), a fenced producer is fatal.

import type { NodeId } from "../env.ts";
import { Errors, isRetriable, type ErrorCode } from "../protocol/errors.ts";
import type { KafkaMessage, TopicPartitionRef } from "../protocol/messages.ts";
import type { TxnOffsetCommitResponse } from "../protocol/txn-messages.ts";

/** ConsumerGroupMetadata: what KafkaConsumer.groupMetadata() hands the producer. */
export interface ConsumerGroupMetadata {
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
}

export type OffsetToCommit = TopicPartitionRef & { readonly offset: number };

export type TxnOffsetRequest = "find-group-coordinator" | "txn-offset-commit";

export interface TxnOffsetCommitHost {
  readonly transactionalId: string;
  readonly retryBackoffMs: number;
  request(to: NodeId, type: TxnOffsetRequest, build: (correlationId: number) => KafkaMessage): void;
  anyBroker(): NodeId;
  producerId(): number;
  producerEpoch(): number;
  retryLater(type: TxnOffsetRequest, backoffMs: number): void;
  /** The offsets are in the transaction (TransactionalRequestResult.done). */
  committed(): void;
  abortable(error: ErrorCode): void;
  fatal(error: ErrorCode): void;
}

/** TxnOffsetCommitHandler.handleResponse's outcome for one partition's error. */
export type TxnOffsetCommitOutcome = "done" | "find-coordinator" | "retry" | "abortable" | "fatal";

/** TxnOffsetCommitHandler.handleResponse, error by error. */
export function txnOffsetCommitOutcome(error: ErrorCode): TxnOffsetCommitOutcome {
  switch (error) {
    case Errors.NONE:
      return "done";
    case Errors.COORDINATOR_NOT_AVAILABLE:
    case Errors.NOT_COORDINATOR:
    case Errors.REQUEST_TIMED_OUT:
      return "find-coordinator";
    case Errors.FENCED_INSTANCE_ID:
    case Errors.TRANSACTION_ABORTABLE:
    case Errors.UNKNOWN_MEMBER_ID:
    case Errors.ILLEGAL_GENERATION:
      return "abortable";
    case Errors.INVALID_PRODUCER_EPOCH:
    case Errors.PRODUCER_FENCED:
      return "fatal";
    default:
      // Retriable errors (the coordinator loading, an unknown partition) retry with the same coordinator.
      return isRetriable(error) || error === Errors.COORDINATOR_LOAD_IN_PROGRESS || error === Errors.CONCURRENT_TRANSACTIONS ? "retry" : "fatal";
  }
}

export class TxnOffsetCommitHandler {
  /** The group coordinator, kept between transactions as Kafka keeps its node. */
  private coordinator: NodeId | null = null;
  private pending = new Map<string, OffsetToCommit>();
  private group: ConsumerGroupMetadata | null = null;
  private inFlight = false;

  constructor(private readonly host: TxnOffsetCommitHost) {}

  get active(): boolean {
    return this.group !== null;
  }

  /** The offsets partition is in the transaction: commit `offsets` for `group`. */
  start(offsets: readonly OffsetToCommit[], group: ConsumerGroupMetadata): void {
    this.group = group;
    this.pending = new Map(offsets.map((o) => [`${o.topic}-${o.partition}`, o]));
    this.send("txn-offset-commit");
  }

  /** The transaction ended or the producer died: nothing more is sent. */
  clear(): void {
    this.group = null;
    this.pending.clear();
  }

  send(type: TxnOffsetRequest): void {
    const group = this.group;
    if (group === null || this.inFlight) return;
    if (type === "find-group-coordinator" || this.coordinator === null) {
      this.inFlight = true;
      this.host.request(this.host.anyBroker(), "find-group-coordinator", (correlationId) => ({ kind: "FindCoordinator", correlationId, key: group.groupId, keyType: "group" }));
      return;
    }
    if (this.pending.size === 0) return this.finish();
    this.inFlight = true;
    const offsets = [...this.pending.values()];
    this.host.request(this.coordinator, "txn-offset-commit", (correlationId) => ({
      kind: "TxnOffsetCommit",
      correlationId,
      transactionalId: this.host.transactionalId,
      groupId: group.groupId,
      producerId: this.host.producerId(),
      producerEpoch: this.host.producerEpoch(),
      generationId: group.generationId,
      memberId: group.memberId,
      groupInstanceId: group.groupInstanceId,
      offsets,
    }));
  }

  onFindCoordinatorResponse(error: ErrorCode, nodeId: number, brokerNode: (id: number) => NodeId): void {
    this.inFlight = false;
    if (error !== Errors.NONE || nodeId < 0) return this.host.retryLater("find-group-coordinator", this.host.retryBackoffMs);
    this.coordinator = brokerNode(nodeId);
    this.send("txn-offset-commit");
  }

  onResponse(msg: TxnOffsetCommitResponse): void {
    this.inFlight = false;
    if (this.group === null) return;
    let lookup = false;
    for (const p of msg.partitions) {
      const outcome = txnOffsetCommitOutcome(p.error);
      if (outcome === "done") this.pending.delete(`${p.topic}-${p.partition}`);
      else if (outcome === "find-coordinator") lookup = true;
      else if (outcome === "abortable") return this.fail(() => this.host.abortable(p.error));
      else if (outcome === "fatal") return this.fail(() => this.host.fatal(p.error === Errors.INVALID_PRODUCER_EPOCH ? Errors.PRODUCER_FENCED : p.error));
    }
    if (this.pending.size === 0) return this.finish();
    if (lookup) this.coordinator = null;
    this.host.retryLater(lookup ? "find-group-coordinator" : "txn-offset-commit", this.host.retryBackoffMs);
  }

  /** The request timed out or its connection broke: find the coordinator again (lookupCoordinator). */
  requestFailed(type: TxnOffsetRequest): void {
    this.inFlight = false;
    if (type === "txn-offset-commit") this.coordinator = null;
    this.host.retryLater("find-group-coordinator", this.host.retryBackoffMs);
  }

  private finish(): void {
    this.clear();
    this.host.committed();
  }

  private fail(report: () => void): void {
    this.clear();
    report();
  }
}
