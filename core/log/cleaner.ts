// Compaction of one log: Kafka's Cleaner (core/src/main/scala/kafka/log/LogCleaner.scala) on
// batches without bytes. One cleaning round:
// 1. buildOffsetMap: key → latest offset over the dirty section [firstDirty, firstUncleanable);
//    `latestOffset` is the last offset seen there.
// 2. Every segment below latestOffset + 1 (the clean prefix too) is rewritten, in groups that
//    fit in segment.bytes (groupSegmentsBySize), keeping a record iff (shouldRetainRecord):
//    it lies past latestOffset; or it has a key, no later offset for that key is in the map,
//    and it has a value or is a tombstone whose batch's deleteHorizonMs has not passed.
//    Records without a key are dropped (counted invalid). Offsets are never renumbered.
// 3. KIP-534: a batch that keeps a tombstone and has no deleteHorizonMs yet gets
//    now + delete.retention.ms (MemoryRecords.filterTo), so a tombstone survives at least one
//    delete.retention.ms after the cleaning that first saw it.
// 4. A batch keeps its base and last offsets, hence its first and last sequence, whatever it
//    loses (MemoryRecords.buildRetainedRecordsInto: overrideLastOffset); a batch left without
//    a record is dropped unless it holds the last offset of a producer the log still knows
//    (LogCleaner's checkBatchRetention: RETAIN_EMPTY), whose header then stays so that producer
//    state rebuilt from the log still knows its last sequence; a producer whose last entry is
//    a marker keeps that marker's batch (it holds the epoch that fences).
// 5. Transactions (CleanedTransactionMetadata, cleaned-transactions.ts): aborted transactions'
//    batches add nothing to the offset map and lose their records; an ABORT marker stays while
//    its transaction's batches were still seen this pass, a COMMIT marker while its
//    transaction's were; a marker free to go first gets a delete horizon
//    (containsMarkerForEmptyTxn) and goes at a cleaning after it. The cleaner never reaches
//    the last stable offset (cleaner-manager.ts).
// Simplifications: the offset map has no size limit (log.cleaner.dedupe.buffer.size), and
// producers never expire (producer.id.expiration.ms).

import { RecordColumnsBuilder, type RecordSlab } from "../protocol/record-builder.ts";
import { CompressionType } from "../protocol/compression.ts";
import { BATCH_OVERHEAD_BYTES, lastOffsetOf, NO_PRODUCER_ID, RecordBatch, recordSizeBytes, uncompressedRecordsBytes } from "../protocol/records.ts";
import type { Segment } from "./partition-log.ts";
import { CleanedTransactions } from "./cleaned-transactions.ts";
import type { AbortedTxn } from "./transaction-index.ts";

/**
 * Kafka's OffsetMap (SkimpyOffsetMap) without the hashing: key → latest offset. Keyed by the
 * key itself, not a batch's key id: ids are each writer's own, keys are what Kafka compares.
 */
export interface OffsetMap {
  readonly offsets: Map<string, number>;
  /** Last offset of the dirty section seen while building the map; -1 if none. */
  latestOffset: number;
}

export interface CleanStats {
  recordsRead: number;
  recordsRetained: number;
  /** Records dropped because a later one has the same key. */
  superseded: number;
  /** Tombstones dropped after their deleteHorizonMs. */
  tombstonesRemoved: number;
  /** Records without a key (invalid on a compacted topic). */
  invalid: number;
  bytesRead: number;
  bytesWritten: number;
}

export function emptyStats(): CleanStats {
  return { recordsRead: 0, recordsRetained: 0, superseded: 0, tombstonesRemoved: 0, invalid: 0, bytesRead: 0, bytesWritten: 0 };
}

/**
 * Cleaner.buildOffsetMap over the segments overlapping [start, end); `aborted` are the aborted
 * transactions there (UnifiedLog.collectAbortedTransactions), whose batches are not mapped.
 */
export function buildOffsetMap(segments: readonly Segment[], start: number, end: number, aborted: readonly AbortedTxn[] = []): OffsetMap {
  const map: OffsetMap = { offsets: new Map(), latestOffset: -1 };
  const txns = new CleanedTransactions();
  txns.addAbortedTransactions(aborted);
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const next = segments[i + 1];
    if (seg.baseOffset >= end || (next !== undefined && next.baseOffset <= start)) continue;
    for (const b of seg.file.entries) {
      // Markers end aborted transactions; an aborted transaction's keys are not mapped.
      if (b.control !== null) txns.onControlBatchRead(b);
      const skip = b.control !== null || (b.isTransactional && lastOffsetOf(b) >= start && txns.onBatchRead(b));
      for (let i = 0; !skip && i < b.count; i++) {
        const offset = b.offsetAt(i);
        if (offset < start || offset >= end) continue;
        const key = b.keyAt(i);
        if (key !== null) map.offsets.set(key, offset);
      }
      const last = lastOffsetOf(b);
      if (last >= start && b.baseOffset < end && last > map.latestOffset) map.latestOffset = last;
    }
  }
  return map;
}

export interface CleanContext {
  readonly map: OffsetMap;
  readonly nowMs: number;
  readonly deleteRetentionMs: number;
  /** The last offset of a producer's last batch in this log (its producer state). */
  readonly lastDataOffset: (producerId: number) => number | undefined;
  /** The producer's epoch in this log's producer state; undefined when unknown. */
  readonly producerEpoch: (producerId: number) => number | undefined;
  /** The walk's transaction state, carried across the round's groups. */
  readonly txns: CleanedTransactions;
  readonly stats: CleanStats;
  /** Where rebuilt batches' columns go (the cleaner thread's own buffer). */
  readonly builder: RecordColumnsBuilder;
}

/** Cleaner.shouldRetainRecord for row `i` of `batch`. */
function shouldRetainRecord(ctx: CleanContext, batch: RecordBatch, i: number): boolean {
  const offset = batch.offsetAt(i);
  if (offset > ctx.map.latestOffset) return true;
  const key = batch.keyAt(i);
  if (key === null) {
    ctx.stats.invalid++;
    return false;
  }
  const found = ctx.map.offsets.get(key) ?? -1;
  if (offset < found) {
    ctx.stats.superseded++;
    return false;
  }
  if (!batch.isTombstoneAt(i)) return true;
  const horizon = batch.deleteHorizonMs;
  if (horizon === undefined || ctx.nowMs < horizon) return true;
  ctx.stats.tombstonesRemoved++;
  return false;
}

/** Cleaner.cleanInto for one batch (MemoryRecords.filterTo): the batch to write, or null to drop it. */
export function cleanBatch(ctx: CleanContext, batch: RecordBatch): RecordBatch | null {
  ctx.stats.recordsRead += batch.count;
  ctx.stats.bytesRead += batch.sizeBytes;
  // checkBatchRetention: markers wait for their delete horizon; an aborted batch loses every record.
  const control = batch.control !== null;
  const canDiscard = control ? ctx.txns.onControlBatchRead(batch) : ctx.txns.onBatchRead(batch);
  const discardRecords = control ? canDiscard && batch.deleteHorizonMs !== undefined && batch.deleteHorizonMs <= ctx.nowMs : canDiscard;
  const retained: number[] = [];
  let hasTombstone = false;
  for (let i = 0; !discardRecords && i < batch.count; i++) {
    if (!control && !shouldRetainRecord(ctx, batch, i)) continue;
    retained.push(i);
    if (!control && batch.isTombstoneAt(i)) hasTombstone = true;
  }
  if (retained.length === 0) return holdsLastSequence(ctx, batch) ? emptyHeader(ctx, batch) : null;
  if (control) return retainedMarker(ctx, batch, canDiscard);
  const needsHorizon = hasTombstone && batch.deleteHorizonMs === undefined;
  if (retained.length === batch.count && !needsHorizon) return keep(ctx, batch);
  let recordsBytes = 0;
  let maxTimestampMs = -1;
  const b = ctx.builder;
  for (const i of retained) {
    const key = batch.keyAt(i);
    recordsBytes += recordSizeBytes(key === null ? null : key.length, batch.valueSizeAt(i));
    const ts = batch.timestampAt(i);
    if (ts > maxTimestampMs) maxTimestampMs = ts;
    if (batch.coordinator !== null) b.addCoordinator(batch.coordinator[i]!, batch.offsetDeltaAt(i), batch.keyIdAt(i), batch.valueSizeAt(i), ts);
    else b.add(batch.ridAt(i), batch.offsetDeltaAt(i), batch.keyIdAt(i), batch.valueSizeAt(i), ts);
  }
  const payload = batch.payload === null ? null : {
    keys: retained.map((i) => batch.payload!.keys[i]!),
    values: retained.map((i) => batch.payload!.values[i]!),
    headers: retained.map((i) => batch.payload!.headers[i]!),
  };
  // filterTo rebuilds the batch from its retained records: same base and last offset (so the
  // same first and last sequence), same producer, same codec — compressing as well as before.
  const sizeBytes = BATCH_OVERHEAD_BYTES + (batch.compression === CompressionType.NONE ? recordsBytes : Math.ceil((recordsBytes * (batch.sizeBytes - BATCH_OVERHEAD_BYTES)) / Math.max(1, uncompressedRecordsBytes(batch))));
  const out = new RecordBatch(
    {
      ...batch.header(),
      maxTimestampMs: Math.max(maxTimestampMs, 0),
      sizeBytes,
      deleteHorizonMs: needsHorizon ? ctx.nowMs + ctx.deleteRetentionMs : batch.deleteHorizonMs,
    },
    b.seal(batch.keys, payload),
  );
  ctx.stats.recordsRetained += retained.length;
  ctx.stats.bytesWritten += out.sizeBytes;
  return out;
}

/**
 * LogCleaner's isBatchLastRecordOfProducer: the batch ends where its producer's state says it
 * last wrote or, when its last entry is a marker, is a marker of the producer's current epoch.
 */
function holdsLastSequence(ctx: CleanContext, batch: RecordBatch): boolean {
  if (batch.producerId === NO_PRODUCER_ID) return false;
  const last = ctx.lastDataOffset(batch.producerId);
  if (last !== undefined) return last === lastOffsetOf(batch);
  return batch.control !== null && ctx.producerEpoch(batch.producerId) === batch.producerEpoch;
}

/**
 * A marker kept with its record: as it was, or — free to go but for its delete horizon
 * (containsMarkerForEmptyTxn) — with the horizon set to now + delete.retention.ms.
 */
function retainedMarker(ctx: CleanContext, batch: RecordBatch, emptyTxn: boolean): RecordBatch {
  if (!emptyTxn || batch.deleteHorizonMs !== undefined) return keep(ctx, batch);
  ctx.stats.recordsRetained += batch.count;
  ctx.stats.bytesWritten += batch.sizeBytes;
  return batch.with({ deleteHorizonMs: ctx.nowMs + ctx.deleteRetentionMs });
}

/** RETAIN_EMPTY: the header alone, with the batch's offsets, producer, sequence and timestamp. */
function emptyHeader(ctx: CleanContext, batch: RecordBatch): RecordBatch {
  ctx.stats.bytesWritten += BATCH_OVERHEAD_BYTES;
  return new RecordBatch({ ...batch.header(), sizeBytes: BATCH_OVERHEAD_BYTES }, ctx.builder.seal(null));
}

function keep(ctx: CleanContext, batch: RecordBatch): RecordBatch {
  ctx.stats.recordsRetained += batch.count;
  ctx.stats.bytesWritten += batch.sizeBytes;
  return batch;
}

/** Cleaner.groupSegmentsBySize: consecutive segments whose sizes add up to at most `maxBytes`, as index ranges. */
export function groupSegmentsBySize(segments: readonly Segment[], count: number, maxBytes: number): [number, number][] {
  const groups: [number, number][] = [];
  let i = 0;
  while (i < count) {
    let size = segments[i]!.file.sizeBytes;
    let j = i;
    while (j + 1 < count && size + segments[j + 1]!.file.sizeBytes <= maxBytes) {
      j++;
      size += segments[j]!.file.sizeBytes;
    }
    groups.push([i, j]);
    i = j + 1;
  }
  return groups;
}
