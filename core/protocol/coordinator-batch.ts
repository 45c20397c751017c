// The record batches a coordinator appends to its internal topic (__consumer_offsets,
// __transaction_state): the records of one change, keyed by the group or transactional id
// (what the cleaner compacts on), uncompressed and outside any producer's sequence. A
// TxnOffsetCommit's batch is transactional under the committing producer's id and epoch
// (CoordinatorRuntime's transactional writes), so that producer's marker ends it.

import { CompressionType } from "./compression.ts";
import { coordinatorRecordBytes, type CoordinatorRecord } from "./coordinator-records.ts";
import { KeyTable } from "./key-table.ts";
import { RecordColumnsBuilder, RecordSlab } from "./record-builder.ts";
import { BATCH_OVERHEAD_BYTES, NO_PRODUCER_EPOCH, NO_PRODUCER_ID, NO_SEQUENCE, RecordBatch } from "./records.ts";

/** A record's framing in a v2 batch, beside its value (roughly its key and varints). */
const RECORD_FRAMING_BYTES = 40;

export class CoordinatorBatchWriter {
  /** This coordinator's ids for the keys (the cleaner compares them). */
  private readonly keys = new KeyTable();
  private readonly builder = new RecordColumnsBuilder(new RecordSlab(4096));

  /** One batch of `records`, all under `key`; in `txn`'s transaction when given. */
  batch(key: string, records: readonly CoordinatorRecord[], nowMs: number, txn: { readonly producerId: number; readonly producerEpoch: number } | null = null): RecordBatch {
    const keyId = this.keys.intern(key);
    let size = BATCH_OVERHEAD_BYTES;
    records.forEach((r, i) => {
      const valueSize = coordinatorRecordBytes(r);
      this.builder.addCoordinator(r, i, keyId, valueSize, nowMs);
      size += RECORD_FRAMING_BYTES + valueSize;
    });
    const header = {
      baseOffset: 0,
      lastOffsetDelta: records.length - 1,
      partitionLeaderEpoch: -1,
      producerId: txn?.producerId ?? NO_PRODUCER_ID,
      producerEpoch: txn?.producerEpoch ?? NO_PRODUCER_EPOCH,
      baseSequence: NO_SEQUENCE,
      maxTimestampMs: nowMs,
      sizeBytes: size,
      deleteHorizonMs: undefined,
      compression: CompressionType.NONE,
      isTransactional: txn !== null,
      control: null,
    };
    return new RecordBatch(header, this.builder.seal(this.keys));
  }
}
