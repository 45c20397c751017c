// Builds the columns of record batches (Kafka's MemoryRecordsBuilder): rows are added one by
// one into reusable scratch arrays, then `seal` packs only the columns the rows need into a
// slab and returns the immutable columns. A slab is one large Int32Array shared by the
// batches a writer seals, so a batch costs its rows and one header object, not an array of
// its own. A slab stays alive while any batch in it does (retention frees it with its last).

import { NO_KEY, PACKED_KEY_BITS, PACKED_MAX_DELTA_MS, RecordLayout, type KeyNames, type RecordColumns, type RecordPayload } from "./records.ts";
import { withCapacity } from "../typed-arrays.ts";
import type { CoordinatorRecord } from "./coordinator-records.ts";

/** A producer's chunk: 256 KiB, a few thousand records. */
const SLAB_INTS = 1 << 16;

/** Hands out runs of Int32 slots, chunk by chunk. */
export class RecordSlab {
  private chunk = new Int32Array(0);
  private used = 0;

  constructor(private readonly chunkInts = SLAB_INTS) {}

  /** `n` free slots: returns the array, with the first slot at `slab.lastAt`. */
  take(n: number): Int32Array {
    if (this.used + n > this.chunk.length) {
      this.chunk = new Int32Array(Math.max(this.chunkInts, n));
      this.used = 0;
    }
    this.lastAt = this.used;
    this.used += n;
    return this.chunk;
  }

  lastAt = 0;
}

export class RecordColumnsBuilder {
  private rids = new Int32Array(16);
  private offsetDeltas = new Int32Array(16);
  private keyIds = new Int32Array(16);
  private valueSizes = new Int32Array(16);
  private timestamps = new Float64Array(16);
  count = 0;
  private layout = 0;
  private coordinator: CoordinatorRecord[] | null = null;
  maxTimestampMs = 0;

  constructor(private readonly slab: RecordSlab) {}

  add(rid: number, offsetDelta: number, keyId: number, valueSize: number, timestampMs: number): void {
    const n = this.count;
    if (n === this.rids.length) {
      this.rids = withCapacity(this.rids, n + 1);
      this.offsetDeltas = withCapacity(this.offsetDeltas, n + 1);
      this.keyIds = withCapacity(this.keyIds, n + 1);
      this.valueSizes = withCapacity(this.valueSizes, n + 1);
      this.timestamps = withCapacity(this.timestamps, n + 1);
    }
    this.rids[n] = rid;
    this.offsetDeltas[n] = offsetDelta;
    this.keyIds[n] = keyId;
    this.valueSizes[n] = valueSize;
    this.timestamps[n] = timestampMs;
    if (offsetDelta !== n) this.layout |= RecordLayout.SPARSE_OFFSETS;
    if (keyId !== NO_KEY) this.layout |= RecordLayout.KEYED;
    if (n > 0 && valueSize !== this.valueSizes[0]) this.layout |= RecordLayout.VALUE_SIZES;
    if (n > 0 && timestampMs !== this.timestamps[0]) this.layout |= RecordLayout.TIMESTAMPS;
    if (timestampMs > this.maxTimestampMs) this.maxTimestampMs = timestampMs;
    this.count = n + 1;
  }

  /** A row of __consumer_offsets: its coordinator record rides along. */
  addCoordinator(record: CoordinatorRecord, offsetDelta: number, keyId: number, valueSize: number, timestampMs: number): void {
    (this.coordinator ??= []).push(record);
    this.add(-1, offsetDelta, keyId, valueSize, timestampMs);
  }

  /** Offset delta of the last row added (-1 if none). */
  get lastOffsetDelta(): number {
    return this.count === 0 ? -1 : this.offsetDeltas[this.count - 1]!;
  }

  /** Whether keys and timestamps fit one column together (see RecordLayout.KEY_TIME_PACKED). */
  private packable(base: number): boolean {
    const both = RecordLayout.KEYED | RecordLayout.TIMESTAMPS;
    if ((this.layout & both) !== both) return false;
    for (let i = 0; i < this.count; i++) {
      const delta = this.timestamps[i]! - base;
      if (this.keyIds[i]! + 1 >= 1 << PACKED_KEY_BITS || delta < 0 || delta > PACKED_MAX_DELTA_MS) return false;
    }
    return true;
  }

  /** Packs the rows added since the last seal; the builder is empty again afterwards. */
  seal(keys: KeyNames | null, payload: RecordPayload | null = null): RecordColumns {
    const n = this.count;
    const base = n > 0 ? this.timestamps[0]! : 0;
    const l = this.layout | (this.packable(base) ? RecordLayout.KEY_TIME_PACKED : 0);
    const packed = (l & RecordLayout.KEY_TIME_PACKED) !== 0;
    let columns = 1;
    for (let b = 1; b <= RecordLayout.TIMESTAMPS; b <<= 1) if ((l & b) !== 0) columns++;
    if (packed) columns--;
    const data = this.slab.take(n * columns);
    const at = this.slab.lastAt;
    data.set(this.rids.subarray(0, n), at);
    let c = at + n;
    if ((l & RecordLayout.SPARSE_OFFSETS) !== 0) {
      data.set(this.offsetDeltas.subarray(0, n), c);
      c += n;
    }
    if (packed) {
      for (let i = 0; i < n; i++) data[c + i] = (this.keyIds[i]! + 1) | ((this.timestamps[i]! - base) << PACKED_KEY_BITS);
      c += n;
    } else if ((l & RecordLayout.KEYED) !== 0) {
      data.set(this.keyIds.subarray(0, n), c);
      c += n;
    }
    if ((l & RecordLayout.VALUE_SIZES) !== 0) {
      data.set(this.valueSizes.subarray(0, n), c);
      c += n;
    }
    if ((l & RecordLayout.TIMESTAMPS) !== 0 && !packed) {
      for (let i = 0; i < n; i++) data[c + i] = this.timestamps[i]! - base;
      c += n;
    }
    const out: RecordColumns = {
      count: n,
      layout: l,
      data,
      at,
      valueSize: n > 0 ? this.valueSizes[0]! : 0,
      baseTimestampMs: smallIntegerOr(base),
      maxTimestampMs: this.maxTimestampMs,
      keys: (l & RecordLayout.KEYED) !== 0 ? keys : null,
      coordinator: this.coordinator,
      payload,
    };
    this.count = 0;
    this.layout = 0;
    this.coordinator = null;
    this.maxTimestampMs = 0;
    return out;
  }
}

/** A row given by value, for writers that build a whole batch at once (the coordinator, tests). */
export interface RecordRow {
  readonly rid?: number;
  readonly offsetDelta?: number;
  readonly keyId?: number;
  /** TOMBSTONE for a null value. */
  readonly valueSize: number;
  readonly timestampMs?: number;
}

/** Columns of `rows` in one go (offset deltas default to the row index). */
export function columnsOf(slab: RecordSlab, rows: readonly RecordRow[], keys: KeyNames | null): RecordColumns {
  const b = new RecordColumnsBuilder(slab);
  rows.forEach((r, i) => b.add(r.rid ?? -1, r.offsetDelta ?? i, r.keyId ?? NO_KEY, r.valueSize, r.timestampMs ?? 0));
  return b.seal(keys);
}

/**
 * `v` as a small integer when it is one (columns read back from a Float64Array come as heap
 * numbers, and one stored in a batch field makes every batch box that field), else as is.
 */
function smallIntegerOr(v: number): number {
  const i = v | 0;
  return i === v ? i : v;
}
