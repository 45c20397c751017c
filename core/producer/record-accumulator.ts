// The producer's RecordAccumulator (clients/.../producer/internals/RecordAccumulator.java):
// one deque of batches per partition. Records join the last open batch until batch.size;
// a partition is ready to send when its head batch is full, has lingered linger.ms, or (a
// retry) has backed off long enough. Drained batches leave the deque; retried ones come back
// at the front in sequence order. Only a partition's last batch takes records, so one
// columns builder per partition holds its rows until the batch closes and is sealed.

import { RecordColumnsBuilder, RecordSlab } from "../protocol/record-builder.ts";
import { CODECS, compressedRecordsBytes, CompressionType, type CompressionCode } from "../protocol/compression.ts";
import { BATCH_OVERHEAD_BYTES, NO_PRODUCER_EPOCH, NO_PRODUCER_ID, NO_SEQUENCE, RecordBatch, recordSizeBytes, TOMBSTONE, type KeyNames, type RecordColumns } from "../protocol/records.ts";
import type { ProducerBatch } from "./producer-batch.ts";

/** The header a split reads the big batch's rows under (only its columns matter). */
const SPLIT_VIEW_HEADER = { baseOffset: 0, lastOffsetDelta: 0, partitionLeaderEpoch: -1, producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH, baseSequence: NO_SEQUENCE, maxTimestampMs: 0, sizeBytes: 0, deleteHorizonMs: undefined, compression: CompressionType.NONE, isTransactional: false, control: null };

/** MemoryRecordsBuilder.COMPRESSION_RATE_ESTIMATION_FACTOR: the estimate's safety margin. */
const ESTIMATION_FACTOR = 1.05;
/** CompressionRatioEstimator's steps towards the observed ratio. */
const IMPROVING_STEP = 0.005;
const DETERIORATE_STEP = 0.05;

export class RecordAccumulator {
  private readonly deques: ProducerBatch[][];
  private readonly builders: RecordColumnsBuilder[] = [];
  private readonly slab = new RecordSlab();
  /**
   * Per partition, from its head batch: when it is ready (-Infinity: now, closed or followed by
   * another batch; Infinity: no batch) and when it was created, kept as the deque changes so the
   * sender's scans over every partition read two numbers instead of the deque.
   */
  private readyAtUs: Float64Array;
  private headCreatedUs: Float64Array;
  /** Bytes held by batches not yet completed (buffer.memory). */
  usedBytes = 0;
  /**
   * CompressionRatioEstimator for this topic and codec: compressed over uncompressed, 1.0 at first,
   * moving towards what closed batches show (down by 0.005, up by at least 0.05). A batch is full
   * when its estimated compressed size reaches batch.size, so compressed batches hold more records.
   */
  private estimatedRatio = 1;

  constructor(
    readonly topic: string,
    partitions: number,
    private readonly batchSizeBytes: number,
    private readonly lingerUs: number,
    private readonly bufferMemoryBytes: number,
    private readonly keys: KeyNames,
    private readonly onSealed: (partition: number, records: RecordColumns) => void,
    readonly compression: CompressionCode = CompressionType.NONE,
    /** The data's ratio with this codec. */
    private readonly compressionRatio = CODECS[compression]!.ratio,
  ) {
    this.deques = Array.from({ length: partitions }, () => []);
    for (let p = 0; p < partitions; p++) this.builders.push(new RecordColumnsBuilder(this.slab));
    this.readyAtUs = new Float64Array(partitions).fill(Number.POSITIVE_INFINITY);
    this.headCreatedUs = new Float64Array(partitions).fill(Number.POSITIVE_INFINITY);
  }

  /** Recomputes `partition`'s head readiness after its deque or head batch changed. */
  private refresh(partition: number): void {
    const deque = this.deques[partition]!;
    const head = deque[0];
    if (head === undefined) {
      this.readyAtUs[partition] = Number.POSITIVE_INFINITY;
      this.headCreatedUs[partition] = Number.POSITIVE_INFINITY;
      return;
    }
    this.headCreatedUs[partition] = head.createdUs;
    this.readyAtUs[partition] = head.attempts > 0 ? head.retryAtUs : head.closed || deque.length > 1 ? Number.NEGATIVE_INFINITY : head.createdUs + this.lingerUs;
  }

  get partitionCount(): number {
    return this.deques.length;
  }

  /** Grows to a larger partition count (metadata can reveal more partitions). */
  ensurePartitions(n: number): void {
    const before = this.deques.length;
    while (this.deques.length < n) {
      this.deques.push([]);
      this.builders.push(new RecordColumnsBuilder(this.slab));
    }
    if (n > before) {
      const ready = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
      const created = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
      ready.set(this.readyAtUs);
      created.set(this.headCreatedUs);
      this.readyAtUs = ready;
      this.headCreatedUs = created;
    }
  }

  hasRoomFor(bytes: number): boolean {
    return this.usedBytes + bytes <= this.bufferMemoryBytes || this.usedBytes === 0;
  }

  /** Whether the last append filled its batch (every batch of the partition is then full). */
  lastAppendFilledBatch = false;

  /** Appends a record; returns the bytes it took (see lastAppendFilledBatch). */
  append(partition: number, rid: number, key: string | null, keyId: number, valueBytes: number | null, timestampMs: number, nowUs: number): number {
    const deque = this.deques[partition]!;
    const valueSize = valueBytes ?? TOMBSTONE;
    const size = recordSizeBytes(key === null ? null : key.length, valueSize);
    let batch = deque.at(-1);
    if (batch === undefined || batch.closed || batch.attempts > 0 || (batch.recordCount > 0 && this.estimatedBytes(batch) + size > this.batchSizeBytes)) {
      if (batch !== undefined) this.close(batch);
      batch = this.newBatch(partition, nowUs);
      deque.push(batch);
      this.usedBytes += BATCH_OVERHEAD_BYTES;
    }
    this.builders[partition]!.add(rid, batch.recordCount, keyId, valueSize, timestampMs);
    batch.recordCount++;
    batch.sizeBytes += size;
    this.usedBytes += size;
    if (this.estimatedBytes(batch) >= this.batchSizeBytes) this.close(batch);
    this.lastAppendFilledBatch = batch.closed;
    if (deque.length <= 2) this.refresh(partition); // only the head and whether one follows it matter
    return size;
  }

  private newBatch(partition: number, createdUs: number): ProducerBatch {
    return {
      topic: this.topic,
      partition,
      recordCount: 0,
      records: null,
      sizeBytes: BATCH_OVERHEAD_BYTES,
      wireBytes: BATCH_OVERHEAD_BYTES,
      createdUs,
      attempts: 0,
      retryAtUs: 0,
      baseSequence: NO_SEQUENCE,
      sequenceHasBeenReset: false,
      producerId: NO_PRODUCER_ID,
      producerEpoch: NO_PRODUCER_EPOCH,
      inFlight: false,
      closed: false,
      done: false,
    };
  }

  /**
   * RecordAccumulator.splitAndReenqueue (ProducerBatch.split): a batch the broker refused as too
   * large is cut, in record order, into batches of at most batch.size (a record larger than that
   * goes alone), which keep its creation time and count as never sent. A sequenced batch's parts
   * take consecutive sequences from its own and go back in sequence order; otherwise they go to
   * the front. The big batch's memory returns to the pool and the parts take theirs.
   */
  splitAndReenqueue(big: ProducerBatch): ProducerBatch[] {
    const rows = new RecordBatch(SPLIT_VIEW_HEADER, big.records!);
    const builder = new RecordColumnsBuilder(this.slab); // the partition's own builder may hold an open batch
    const parts: ProducerBatch[] = [];
    let part: ProducerBatch | null = null;
    const closePart = (): void => {
      part!.records = builder.seal(this.keys);
      part!.closed = true;
      part!.wireBytes = BATCH_OVERHEAD_BYTES + compressedRecordsBytes(this.compression, part!.sizeBytes - BATCH_OVERHEAD_BYTES, this.compressionRatio);
      parts.push(part!);
    };
    for (let i = 0; i < rows.count; i++) {
      const key = rows.keyAt(i);
      const size = recordSizeBytes(key === null ? null : key.length, rows.valueSizeAt(i));
      if (part !== null && part.sizeBytes + size > this.batchSizeBytes) {
        closePart();
        part = null;
      }
      part ??= this.newBatch(big.partition, big.createdUs);
      builder.add(rows.ridAt(i), part.recordCount, rows.keyIdAt(i), rows.valueSizeAt(i), rows.timestampAt(i));
      part.recordCount++;
      part.sizeBytes += size;
    }
    if (part !== null) closePart();
    let sequence = big.baseSequence;
    for (const p of parts) {
      this.usedBytes += p.sizeBytes;
      this.onSealed(p.partition, p.records!);
      if (sequence === NO_SEQUENCE) continue;
      p.producerId = big.producerId;
      p.producerEpoch = big.producerEpoch;
      p.baseSequence = sequence;
      sequence = ((sequence + p.recordCount) % 2147483648) | 0;
    }
    this.release(big);
    const deque = this.deques[big.partition]!;
    if (big.baseSequence === NO_SEQUENCE) deque.unshift(...parts);
    else for (const p of parts) this.insertInSequenceOrder(deque, p);
    this.refresh(big.partition);
    return parts;
  }

  /** RecordAccumulator.partitionReady for the head batch of `partition`. */
  isReady(partition: number, nowUs: number): boolean {
    return nowUs >= this.readyAtUs[partition]!;
  }

  head(partition: number): ProducerBatch | undefined {
    return this.deques[partition]![0];
  }

  /** Takes the head batch out of the deque to send it. */
  drain(partition: number): ProducerBatch {
    const batch = this.deques[partition]!.shift()!;
    this.close(batch);
    this.refresh(partition);
    return batch;
  }

  /** MemoryRecordsBuilder.estimatedBytesWritten: the header, and the records at the estimated ratio. */
  private estimatedBytes(batch: ProducerBatch): number {
    if (this.compression === CompressionType.NONE) return batch.sizeBytes;
    return BATCH_OVERHEAD_BYTES + Math.floor((batch.sizeBytes - BATCH_OVERHEAD_BYTES) * this.estimatedRatio * ESTIMATION_FACTOR);
  }

  /** What the batch will take on the wire: its compressed size once closed, the estimate before. */
  wireBytesOf(batch: ProducerBatch): number {
    return batch.closed ? batch.wireBytes : this.estimatedBytes(batch);
  }

  /** No more appends: the rows are packed and compressed (ProducerBatch.close → MemoryRecordsBuilder.build). */
  private close(batch: ProducerBatch): void {
    batch.closed = true;
    if (batch.records !== null) return;
    batch.records = this.builders[batch.partition]!.seal(this.keys);
    this.compress(batch);
    this.onSealed(batch.partition, batch.records);
  }

  private compress(batch: ProducerBatch): void {
    const recordsBytes = batch.sizeBytes - BATCH_OVERHEAD_BYTES;
    batch.wireBytes = BATCH_OVERHEAD_BYTES + compressedRecordsBytes(this.compression, recordsBytes, this.compressionRatio);
    if (this.compression === CompressionType.NONE || recordsBytes === 0) return;
    const observed = (batch.wireBytes - BATCH_OVERHEAD_BYTES) / recordsBytes;
    if (observed > this.estimatedRatio) this.estimatedRatio = Math.max(this.estimatedRatio + DETERIORATE_STEP, observed);
    else if (observed < this.estimatedRatio) this.estimatedRatio = Math.max(this.estimatedRatio - IMPROVING_STEP, observed);
  }

  /** RecordAccumulator.reenqueue / insertInSequenceOrder: a retried batch goes back in front. */
  reenqueue(batch: ProducerBatch): void {
    const deque = this.deques[batch.partition]!;
    if (batch.baseSequence !== NO_SEQUENCE) this.insertInSequenceOrder(deque, batch);
    else deque.unshift(batch);
    this.refresh(batch.partition);
  }

  /** Behind the queued batches that carry lower sequences (retries and split parts sit in front). */
  private insertInSequenceOrder(deque: ProducerBatch[], batch: ProducerBatch): void {
    let i = 0;
    while (i < deque.length && deque[i]!.baseSequence !== NO_SEQUENCE && deque[i]!.baseSequence < batch.baseSequence) i++;
    deque.splice(i, 0, batch);
  }

  /** RecordAccumulator.beginFlush: every open batch closes, so each partition is ready now. */
  closeAll(): void {
    for (let p = 0; p < this.deques.length; p++) {
      const last = this.deques[p]!.at(-1);
      if (last === undefined || last.closed) continue;
      this.close(last);
      this.refresh(p);
    }
  }

  /** Whether any batch waits in a deque (RecordAccumulator.hasUndrained). */
  hasUndrained(): boolean {
    for (let p = 0; p < this.deques.length; p++) if (this.deques[p]!.length > 0) return true;
    return false;
  }

  /** RecordAccumulator.abortUndrainedBatches: takes every queued batch out (closed), for the caller to fail. */
  takeUndrained(): ProducerBatch[] {
    const out: ProducerBatch[] = [];
    for (let p = 0; p < this.deques.length; p++) {
      const deque = this.deques[p]!;
      if (deque.length === 0) continue;
      for (const batch of deque) {
        this.close(batch);
        out.push(batch);
      }
      deque.length = 0;
      this.refresh(p);
    }
    return out;
  }

  /** The batch is done (acknowledged or failed): its memory returns to the pool. */
  release(batch: ProducerBatch): void {
    this.usedBytes -= batch.sizeBytes;
  }

  /** Batches waiting in deques past delivery.timeout.ms (RecordAccumulator.expiredBatches). */
  expired(nowUs: number, deliveryTimeoutUs: number): ProducerBatch[] {
    const out: ProducerBatch[] = [];
    for (let p = 0; p < this.deques.length; p++) {
      if (!(nowUs - this.headCreatedUs[p]! >= deliveryTimeoutUs)) continue;
      const deque = this.deques[p]!;
      while (deque.length > 0 && nowUs - deque[0]!.createdUs >= deliveryTimeoutUs) {
        const batch = deque.shift()!;
        this.close(batch);
        out.push(batch);
      }
      this.refresh(p);
    }
    return out;
  }

  /**
   * Earliest future time a partition becomes ready or a batch expires, for the sender's
   * wakeup. Partitions that are ready but cannot be sent now (`blocked`: no leader, or its
   * connection at max.in.flight) wait for a response or metadata instead, as Sender does.
   */
  nextWakeUs(nowUs: number, deliveryTimeoutUs: number, blocked: (partition: number) => boolean): number {
    let t = Infinity;
    const readyAt = this.readyAtUs;
    const created = this.headCreatedUs;
    for (let p = 0; p < readyAt.length; p++) {
      const createdUs = created[p]!;
      if (createdUs === Number.POSITIVE_INFINITY) continue; // no batch
      t = Math.min(t, createdUs + deliveryTimeoutUs);
      const ready = readyAt[p]!;
      if (ready > nowUs || !blocked(p)) t = Math.min(t, Math.max(ready, nowUs + 1));
    }
    return t;
  }

  /** Unsent batches per partition (the load stats of adaptive partitioning). */
  queueSizes(): number[] {
    return this.deques.map((d) => d.length);
  }

  /** Queued retries of `partition` that already carry sequences (they sit at the deque's front). */
  sequencedQueued(partition: number): ProducerBatch[] {
    const out: ProducerBatch[] = [];
    for (const batch of this.deques[partition] ?? []) {
      if (batch.baseSequence === NO_SEQUENCE) break;
      out.push(batch);
    }
    return out;
  }
}
