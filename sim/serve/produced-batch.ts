// A real client's record batch (decoded from its Produce request) as the simulator's
// RecordBatch: the header fields as the client set them (producer id, epoch, base sequence:
// the broker's idempotence checks see exactly what it sent), one row per record with a fresh
// rid (the checker follows records by it), and the real key, value and header bytes in the
// batch's payload so Fetch returns them byte for byte. Keys are interned as latin1 strings, one
// char per byte, so equal byte strings are equal keys to the cleaner.
//
// A client's retry of a batch is the same batch again (same rids), as a modelled producer
// retries its own ProducerBatch: so a retry the broker deduplicates acknowledges the records
// already in the log, and a retry it appends again shows as duplicates. An idempotent batch is
// known again by its producer id, epoch, base sequence and count (what the broker's
// ProducerStateManager matches); a batch without a producer id by its records' bytes.

import { CompressionType, type CompressionCode } from "../../core/protocol/compression.ts";
import { KeyTable } from "../../core/protocol/key-table.ts";
import { RecordColumnsBuilder, RecordSlab } from "../../core/protocol/record-builder.ts";
import { NO_KEY, RecordBatch, TOMBSTONE } from "../../core/protocol/records.ts";
import { ByteWriter } from "../../core/wire/byte-writer.ts";
import { crc32c } from "../../core/wire/crc32c.ts";
import type { WireBatch } from "../../core/wire/wire-batch.ts";

export function latin1(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

export class ProducedBatches {
  private readonly builder = new RecordColumnsBuilder(new RecordSlab(1 << 14));
  private readonly keys = new KeyTable();

  private readonly seen = new Map<string, RecordBatch>();

  constructor(private readonly nextRid: () => number) {}

  /**
   * `sizeBytes`: the batch's bytes as they came, compressed or not. `retry`: the batch was sent
   * before (its records are already in the history).
   */
  toSim(topic: string, partition: number, b: WireBatch, sizeBytes: number): { batch: RecordBatch; retry: boolean } {
    const identity = `${topic}\u0000${partition}\u0000${identityOf(b)}`;
    const earlier = this.seen.get(identity);
    if (earlier !== undefined) return { batch: earlier, retry: true };
    const batch = this.build(b, sizeBytes);
    this.seen.set(identity, batch);
    return { batch, retry: false };
  }

  private build(b: WireBatch, sizeBytes: number): RecordBatch {
    for (const r of b.records) {
      const keyId = r.key === null ? NO_KEY : this.keys.intern(latin1(r.key));
      this.builder.add(this.nextRid(), r.offsetDelta, keyId, r.value === null ? TOMBSTONE : r.value.length, b.baseTimestamp + r.timestampDelta);
    }
    const payload = {
      keys: b.records.map((r) => r.key),
      values: b.records.map((r) => r.value),
      headers: b.records.map((r) => r.headers),
    };
    return new RecordBatch(
      {
        baseOffset: 0,
        lastOffsetDelta: b.lastOffsetDelta,
        partitionLeaderEpoch: -1,
        producerId: b.producerId,
        producerEpoch: b.producerEpoch,
        baseSequence: b.baseSequence,
        maxTimestampMs: b.maxTimestamp,
        sizeBytes,
        deleteHorizonMs: undefined,
        compression: (b.compression === CompressionType.GZIP ? CompressionType.GZIP : CompressionType.NONE) as CompressionCode,
        isTransactional: b.isTransactional,
        control: null,
      },
      this.builder.seal(this.keys, payload),
    );
  }
}

function identityOf(b: WireBatch): string {
  if (b.producerId >= 0) return `pid ${b.producerId} ${b.producerEpoch} ${b.baseSequence} ${b.records.length}`;
  const w = new ByteWriter();
  for (const r of b.records) {
    for (const bytes of [r.key, r.value, ...r.headers.flatMap((h) => [new TextEncoder().encode(h.key), h.value])]) {
      if (bytes === null) w.int32(-1);
      else w.int32(bytes.length).raw(bytes);
    }
  }
  return `crc ${b.records.length} ${w.pos} ${crc32c(w.finish())}`;
}
