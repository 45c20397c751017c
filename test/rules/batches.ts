// RecordBatch builders for the rule tests: what Kafka's tests get from TestUtils.records and
// MemoryRecords.withIdempotentRecords, without the bytes.

import { ControlBatchBuilder } from "../../core/protocol/control-batch.ts";
import { NO_PRODUCER_EPOCH, NO_PRODUCER_ID, NO_SEQUENCE, type ControlTypeCode, type RecordBatch } from "../../core/protocol/records.ts";
import { recordBatch } from "../harness/index.ts";

export interface BatchSpec {
  readonly baseOffset?: number;
  /** Number of records (lastOffsetDelta = count - 1). */
  readonly count?: number;
  readonly producerId?: number;
  readonly producerEpoch?: number;
  readonly baseSequence?: number;
  readonly leaderEpoch?: number;
}

export function batch(spec: BatchSpec = {}): RecordBatch {
  const count = spec.count ?? 1;
  const header = {
    baseOffset: spec.baseOffset ?? 0,
    partitionLeaderEpoch: spec.leaderEpoch ?? 0,
    producerId: spec.producerId ?? NO_PRODUCER_ID,
    producerEpoch: spec.producerEpoch ?? NO_PRODUCER_EPOCH,
    baseSequence: spec.baseSequence ?? NO_SEQUENCE,
  };
  return recordBatch(header, Array.from({ length: count }, () => ({ valueBytes: 10 })));
}

/** An idempotent producer's batch: `count` records from sequence `seq`. */
export function idempotent(producerId: number, producerEpoch: number, seq: number, baseOffset: number, count = 1): RecordBatch {
  return batch({ producerId, producerEpoch, baseSequence: seq, baseOffset, count });
}

/** A transactional producer's batch: `count` records from sequence `seq` at `baseOffset`. */
export function transactional(producerId: number, producerEpoch: number, seq: number, baseOffset: number, count = 1): RecordBatch {
  return batch({ producerId, producerEpoch, baseSequence: seq, baseOffset, count }).with({ isTransactional: true });
}

const markers = new ControlBatchBuilder();

/** A COMMIT or ABORT marker of the producer's transaction at `baseOffset` (MemoryRecords.withEndTransactionMarker). */
export function marker(producerId: number, producerEpoch: number, type: ControlTypeCode, baseOffset: number, coordinatorEpoch = 0): RecordBatch {
  return markers.build(producerId, producerEpoch, { type, coordinatorEpoch }, 0).with({ baseOffset });
}
