// A transaction marker as a batch (MemoryRecords.withEndTransactionMarker): the isControl and
// isTransactional attributes set, the producer's id and epoch, no sequence, and one record
// whose 4-byte key is the ControlRecordType and 6-byte value the EndTransactionMarker (its
// version and the coordinator epoch). The record has no rid: it is nobody's data, as the
// group coordinator's rows are not.

import { CompressionType } from "./compression.ts";
import { RecordColumnsBuilder, RecordSlab } from "./record-builder.ts";
import { CONTROL_BATCH_BYTES, NO_KEY, NO_SEQUENCE, RecordBatch, type ControlMarker } from "./records.ts";

/** The marker's row: the value size of an EndTransactionMarker (version + coordinator epoch). */
const MARKER_VALUE_BYTES = 6;

/** Builds control batches; one per broker (or test), sharing a small slab. */
export class ControlBatchBuilder {
  private readonly builder = new RecordColumnsBuilder(new RecordSlab(1024));

  build(producerId: number, producerEpoch: number, marker: ControlMarker, timestampMs: number): RecordBatch {
    this.builder.add(-1, 0, NO_KEY, MARKER_VALUE_BYTES, timestampMs);
    return new RecordBatch(
      {
        baseOffset: 0,
        lastOffsetDelta: 0,
        partitionLeaderEpoch: -1,
        producerId,
        producerEpoch,
        baseSequence: NO_SEQUENCE,
        maxTimestampMs: timestampMs,
        sizeBytes: CONTROL_BATCH_BYTES,
        deleteHorizonMs: undefined,
        compression: CompressionType.NONE,
        isTransactional: true,
        control: marker,
      },
      this.builder.seal(null),
    );
  }
}
