// The transaction coordinator's marker writer: Kafka's TransactionMarkerChannelManager. Once a
// transaction's PrepareCommit/PrepareAbort is committed in __transaction_state, a COMMIT or
// ABORT marker goes to the leader of every partition of the transaction (WriteTxnMarkers, one
// request per leader broker); a partition whose leader is unknown, has moved or could not
// append waits and is retried against fresh metadata, until every partition has its marker.
// Only then is the transaction complete (the coordinator writes CompleteCommit/CompleteAbort).

import { brokerNode } from "../cluster-names.ts";
import type { Env, NodeId, TimerHandle } from "../env.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { KafkaMessage, TopicPartitionRef } from "../protocol/messages.ts";
import { NO_LEADER } from "../protocol/metadata-records.ts";
import type { WriteTxnMarkersResponse } from "../protocol/txn-messages.ts";

/** A transaction whose markers are being written. */
export interface PendingMarkers {
  readonly transactionalId: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly commit: boolean;
  readonly coordinatorEpoch: number;
  /** The __transaction_state partition whose coordinator writes them. */
  readonly statePartition: number;
  /** Partitions still without their marker. */
  readonly remaining: Map<string, TopicPartitionRef>;
  /** Every marker is written: the coordinator completes the transaction. */
  readonly done: () => void;
}

export interface MarkerChannelHost {
  readonly env: Env<KafkaMessage, never>;
  /** The partition's leader in this broker's metadata, NO_LEADER when none. */
  leaderOf(topic: string, partition: number): number;
  schedule(delayUs: number, fn: () => void): TimerHandle;
  cancel(timer: TimerHandle): void;
  readonly requestTimeoutMs: number;
  /** Wait before retrying partitions whose leader is unknown or refused the marker. */
  readonly retryBackoffMs: number;
}

interface InFlightMarkers {
  readonly pending: PendingMarkers;
  readonly to: NodeId;
  readonly partitions: readonly TopicPartitionRef[];
  readonly timer: TimerHandle;
}

/**
 * TransactionMarkerRequestCompletionHandler: a producer or coordinator epoch that changed means
 * a newer producer or coordinator owns the transaction, which is then left alone (abortSending);
 * every other error kafkasim can produce retries the partition (Kafka throws on the rest).
 */
function abandons(error: ErrorCode): boolean {
  return error === Errors.INVALID_PRODUCER_EPOCH || error === Errors.TRANSACTION_COORDINATOR_FENCED;
}

export class TransactionMarkerChannel {
  private readonly inFlight = new Map<number, InFlightMarkers>();
  /** Transactions a newer coordinator or producer took over, or whose partition this broker resigned. */  private nextCorrelationId = 1;

  constructor(private readonly host: MarkerChannelHost) {}

  /** addTxnMarkersToSend: sends each partition's marker to its leader now. */
  send(pending: PendingMarkers): void {
    if (this.abandoned.has(pending)) return;
    if (pending.remaining.size === 0) return pending.done();
    const byLeader = new Map<number, TopicPartitionRef[]>();
    let waiting = false;
    for (const tp of pending.remaining.values()) {
      if (this.isInFlight(pending, tp)) continue;
      const leader = this.host.leaderOf(tp.topic, tp.partition);
      if (leader === NO_LEADER) {
        waiting = true;
        continue;
      }
      let list = byLeader.get(leader);
      if (list === undefined) byLeader.set(leader, (list = []));
      list.push(tp);
    }
    for (const [leader, partitions] of byLeader) this.sendTo(pending, leader, partitions);
    if (waiting) this.retryLater(pending);
  }

  private isInFlight(pending: PendingMarkers, tp: TopicPartitionRef): boolean {
    for (const r of this.inFlight.values()) if (r.pending === pending && r.partitions.some((p) => p.topic === tp.topic && p.partition === tp.partition)) return true;
    return false;
  }

  private sendTo(pending: PendingMarkers, leader: number, partitions: TopicPartitionRef[]): void {
    const env = this.host.env;
    const correlationId = this.nextCorrelationId++;
    const to = brokerNode(leader);
    const timer = this.host.schedule(this.host.requestTimeoutMs * 1000, () => this.failed(correlationId));
    this.inFlight.set(correlationId, { pending, to, partitions, timer });
    env.send(to, {
      kind: "WriteTxnMarkers",
      correlationId,
      markers: [{ producerId: pending.producerId, producerEpoch: pending.producerEpoch, transactionResult: pending.commit, coordinatorEpoch: pending.coordinatorEpoch, partitions }],
    });
    env.emit({ kind: "TransactionMarkersSent", transactionalId: pending.transactionalId, result: pending.commit ? "COMMIT" : "ABORT", broker: leader, partitions: partitions.length });
  }

  onResponse(msg: WriteTxnMarkersResponse): void {
    const r = this.inFlight.get(msg.correlationId);
    if (r === undefined) return;
    this.inFlight.delete(msg.correlationId);
    this.host.cancel(r.timer);
    const pending = r.pending;
    let retry = false;
    for (const m of msg.markers) {
      if (m.producerId !== pending.producerId) continue;
      for (const p of m.partitions) {
        if (p.error === Errors.NONE) pending.remaining.delete(`${p.topic}-${p.partition}`);
        else if (abandons(p.error)) {
          this.abandoned.add(pending);
          return;
        } else retry = true;
      }
    }
    if (pending.remaining.size === 0) return pending.done();
    if (retry) this.retryLater(pending);
  }

  private failed(correlationId: number): void {
    const r = this.inFlight.get(correlationId);
    if (r === undefined) return;
    this.inFlight.delete(correlationId);
    this.retryLater(r.pending);
  }

  /** The connection to `peer` broke: what was in flight to it is sent again. */
  onDisconnect(peer: NodeId): void {
    for (const [id, r] of this.inFlight) {
      if (r.to !== peer) continue;
      this.inFlight.delete(id);
      this.host.cancel(r.timer);
      this.retryLater(r.pending);
    }
  }

  private retryLater(pending: PendingMarkers): void {
    this.host.schedule(this.host.retryBackoffMs * 1000, () => this.send(pending));
  }

  private readonly abandoned = new WeakSet<PendingMarkers>();

  /** removeMarkersForTxnTopicPartition: this broker no longer coordinates the partition. */
  removeMarkersFor(statePartition: number, all: Iterable<PendingMarkers>): void {
    for (const p of all) if (p.statePartition === statePartition) this.abandoned.add(p);
    for (const [id, r] of this.inFlight) {
      if (r.pending.statePartition !== statePartition) continue;
      this.inFlight.delete(id);
      this.host.cancel(r.timer);
    }
  }
}
