// WriteTxnMarkers on a partition leader (KafkaApis.handleWriteTxnMarkersRequest): for each
// marker — one producer's transaction result — a control batch per partition, appended as
// leader with origin COORDINATOR and acks=all within request.timeout.ms; the response holds,
// per producer and partition, NONE once the HW passed the marker, or Kafka's error: a
// partition this broker does not host is UNKNOWN_TOPIC_OR_PARTITION (getMagic finds no log),
// one it does not lead NOT_LEADER_OR_FOLLOWER, an ISR below min.insync.replicas
// NOT_ENOUGH_REPLICAS, a stale marker INVALID_PRODUCER_EPOCH or TRANSACTION_COORDINATOR_FENCED
// (ProducerAppendInfo.appendEndTxnMarker), REQUEST_TIMED_OUT. Kafka 4.x's new group
// coordinator writes __consumer_offsets markers itself; here they go through the same append.

import type { ControlBatchBuilder } from "../protocol/control-batch.ts";
import type { TopicPartitionRef } from "../protocol/messages.ts";
import { ControlType, type RecordBatch } from "../protocol/records.ts";
import type { WriteTxnMarkersRequest, WriteTxnMarkersResponse } from "../protocol/txn-messages.ts";
import type { ProducePartitionStatus } from "./purgatory.ts";

/**
 * The broker's request.timeout.ms (Kafka's default), which bounds the markers' acks=all wait;
 * the broker catalog has no such key yet.
 */
export const MARKER_APPEND_TIMEOUT_MS = 30_000;

/** One control batch to append: `marker` indexes the request's markers. */
export interface MarkerAppend extends TopicPartitionRef {
  readonly marker: number;
  readonly batch: RecordBatch;
}

/** MemoryRecords.withEndTransactionMarker for every marker and partition of the request, in order. */
export function markerAppends(req: WriteTxnMarkersRequest, builder: ControlBatchBuilder, nowMs: number): MarkerAppend[] {
  const out: MarkerAppend[] = [];
  req.markers.forEach((m, i) => {
    const control = { type: m.transactionResult ? ControlType.COMMIT : ControlType.ABORT, coordinatorEpoch: m.coordinatorEpoch };
    for (const tp of m.partitions) out.push({ topic: tp.topic, partition: tp.partition, marker: i, batch: builder.build(m.producerId, m.producerEpoch, control, nowMs) });
  });
  return out;
}

/** The response once every append settled; `statuses` are the appends' in `markerAppends` order. */
export function writeTxnMarkersResponse(req: WriteTxnMarkersRequest, appends: readonly MarkerAppend[], statuses: readonly ProducePartitionStatus[]): WriteTxnMarkersResponse {
  const markers = req.markers.map((m) => ({ producerId: m.producerId, partitions: [] as (TopicPartitionRef & { error: ProducePartitionStatus["error"] })[] }));
  appends.forEach((a, i) => markers[a.marker]!.partitions.push({ topic: a.topic, partition: a.partition, error: statuses[i]!.error }));
  return { kind: "WriteTxnMarkersResponse", correlationId: req.correlationId, markers };
}
