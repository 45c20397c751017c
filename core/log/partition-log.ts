// One replica's log of one partition: Kafka's UnifiedLog and LogSegment, on the simulated disk.
// Segments are files of record batches named by base offset; the log end offset (LEO),
// high watermark (HW), log start offset, the leader-epoch cache and the producer state are
// derived from them. Everything appended lands in the page cache first; what survives a
// crash is whatever the disk kept, and `load` recovers from exactly that (UnifiedLog's
// recovery: LEO from the last batch, epoch cache truncated to it, producer state and the
// aborted-transaction index rebuilt). The last stable offset (LSO) is what READ_COMMITTED
// consumers may read to: the high watermark, or below it the first unstable offset.

import type { Disk, DiskFile, Micros } from "../env.ts";
import { lastOffsetOf, type RecordBatch } from "../protocol/records.ts";
import { LeaderEpochCache, type EpochEntry } from "./leader-epoch-cache.ts";
import { ProducerStateManager } from "./producer-state.ts";
import { collectAbortedTxns, type AbortedTxn, type CompletedTxn } from "./transaction-index.ts";
import { invariant } from "../invariant-violation.ts";

export interface LogConfig {
  segmentBytes: number;
  segmentMs: number;
  /** flush.messages: fsync after this many appended messages (Infinity: never, Kafka's default). */
  flushMessages: number;
}

/** One segment file; retention and the cleaner read them through `segmentList`. */
export interface Segment {
  readonly baseOffset: number;
  readonly file: DiskFile<RecordBatch>;
  /** Simulated ms when the segment got its first batch (segment.ms rolls on it). */
  createdMs: number;
  /** Appended to since its last fsync (or not known to be flushed, after a restart). */
  unflushed: boolean;
  /** Its .txnindex: the aborted transactions whose ABORT marker it holds, in marker order. */
  abortedTxns: AbortedTxn[];
}

/** What UnifiedLog.deleteSegments / replaceSegments did, for the trace. */
export interface SegmentChange {
  readonly segments: number;
  readonly records: number;
  readonly bytes: number;
}

export interface ReadResult {
  readonly batches: RecordBatch[];
  readonly bytes: number;
  /** Disk time to serve the read (0 when it all came from the page cache). */
  readonly delayUs: Micros;
}

const EMPTY_READ: ReadResult = { batches: [], bytes: 0, delayUs: 0 };

function segmentName(dir: string, baseOffset: number): string {
  return `${dir}/${String(baseOffset).padStart(20, "0")}.log`;
}

export class PartitionLog {
  private segments: Segment[] = [];
  logStartOffset = 0;
  logEndOffset = 0;
  private hw = 0;
  /**
   * UnifiedLog.recoveryPoint: offsets below it are known flushed, so a restart after an
   * unclean shutdown need not re-read them. It moves on every flush and back on truncation.
   */
  recoveryPoint = 0;
  readonly epochCache: LeaderEpochCache;
  readonly producerState = new ProducerStateManager();
  private unflushedMessages = 0;
  /** UnifiedLog.lastFlushTime: when this log was last fsynced, or loaded. */
  private lastFlushTimeMs = 0;
  /** How long the appending thread is blocked (dirty-page throttling, flush.messages), until taken. */
  private appendDelayUs = 0;
  private readonly epochFile: DiskFile<readonly EpochEntry[]>;
  private readonly hwFile: DiskFile<number>;

  private constructor(
    private readonly disk: Disk,
    readonly dir: string,
    private readonly config: LogConfig,
  ) {
    this.epochFile = disk.open<readonly EpochEntry[]>(`${dir}/leader-epoch-checkpoint`);
    this.hwFile = disk.open<number>(`${dir}/hw.checkpoint`);
    this.epochCache = new LeaderEpochCache(this.epochFile.entries.at(-1) ?? []);
  }

  /** Opens (or creates) the log in `dir`, recovering what the disk kept. */
  static load(disk: Disk, dir: string, config: LogConfig, nowMs: number): PartitionLog {
    const log = new PartitionLog(disk, dir, config);
    const names = disk.list(`${dir}/`).filter((n) => n.endsWith(".log")).sort();
    for (const name of names) {
      const file = disk.open<RecordBatch>(name);
      const base = Number(name.slice(dir.length + 1, -4));
      log.segments.push({ baseOffset: base, file, createdMs: file.entries[0]?.maxTimestampMs ?? nowMs, unflushed: true, abortedTxns: [] });
    }
    if (log.segments.length === 0) log.roll(0, nowMs);
    log.lastFlushTimeMs = nowMs;
    log.logStartOffset = log.segments[0]!.baseOffset;
    const lastBatch = log.lastBatch();
    // The active segment is named by the offset it starts at: the LEO is at least that, even
    // when retention left it empty or compaction emptied the tail of the segment before it.
    log.logEndOffset = Math.max(log.segments.at(-1)!.baseOffset, lastBatch === undefined ? 0 : lastOffsetOf(lastBatch) + 1);
    if (log.epochCache.truncateFromEnd(log.logEndOffset)) log.persistEpochs();
    log.rebuildProducerState();
    const checkpointed = log.hwFile.entries.at(-1) ?? 0;
    log.setHighWatermark(Math.min(Math.max(checkpointed, log.logStartOffset), log.logEndOffset));
    return log;
  }

  get highWatermark(): number {
    return this.hw;
  }

  /** UnifiedLog.updateHighWatermarkMetadata: transactions whose marker is now below it become stable. */
  private setHighWatermark(hw: number): void {
    this.hw = hw;
    this.producerState.removeUnreplicatedTransactions(hw);
  }

  /**
   * UnifiedLog.firstUnstableOffset (maybeIncrementFirstUnstableOffset): the producer state's,
   * never below the log start offset (retention may have deleted where the transaction began);
   * -1 when every transaction is decided and replicated.
   */
  get firstUnstableOffset(): number {
    const first = this.producerState.firstUnstableOffset();
    return first < 0 ? -1 : Math.max(first, this.logStartOffset);
  }

  /**
   * UnifiedLog.lastStableOffset: the first unstable offset when it is below the high watermark,
   * else the high watermark. Equal to the HW in a log without transactions.
   */
  get lastStableOffset(): number {
    const first = this.firstUnstableOffset;
    return first >= 0 && first < this.hw ? first : this.hw;
  }

  /**
   * The producer state and every segment's aborted-transaction index, replayed from the log
   * (LogLoader's recovery and UnifiedLog.truncateTo's rebuild). Transactions whose start
   * retention deleted are picked up at their first surviving batch.
   */
  private rebuildProducerState(): void {
    this.producerState.clear();
    for (const seg of this.segments) {
      seg.abortedTxns = [];
      for (const b of seg.file.entries) this.updateProducerState(b, seg);
    }
  }

  /** UnifiedLog.append's producer-state step: a completed aborted transaction goes in the marker's segment's index. */
  private updateProducerState(batch: RecordBatch, segment: Segment): void {
    const completed = this.producerState.update(batch);
    if (completed !== null) this.completeTxn(completed, segment);
  }

  /** LogSegment.updateTxnIndex then ProducerStateManager.completeTxn. */
  private completeTxn(txn: CompletedTxn, segment: Segment): void {
    if (txn.isAborted) {
      const lastStableOffset = this.producerState.lastStableOffset(txn);
      segment.abortedTxns.push({ producerId: txn.producerId, firstOffset: txn.firstOffset, lastOffset: txn.lastOffset, lastStableOffset });
    }
    this.producerState.completeTxn(txn);
  }

  /**
   * UnifiedLog.collectAbortedTransactions (LocalLog.collectAbortedTransactions): the aborted
   * transactions overlapping [startOffset, upperBoundOffset), from the segment holding
   * startOffset onward, until an entry's LSO shows no later segment can add any.
   */
  collectAbortedTransactions(startOffset: number, upperBoundOffset: number): AbortedTxn[] {
    const out: AbortedTxn[] = [];
    for (let s = Math.max(0, this.segmentIndexFor(startOffset)); s < this.segments.length; s++) {
      if (collectAbortedTxns(this.segments[s]!.abortedTxns, startOffset, upperBoundOffset, out)) break;
    }
    return out;
  }

  private lastBatch(): RecordBatch | undefined {
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const e = this.segments[i]!.file.entries;
      if (e.length > 0) return e[e.length - 1];
    }
    return undefined;
  }

  /** Epoch of the last batch in the log (a follower's lastFetchedEpoch); -1 if empty. */
  lastBatchEpoch(): number {
    return this.lastBatch()?.partitionLeaderEpoch ?? -1;
  }

  get sizeBytes(): number {
    let s = 0;
    for (const seg of this.segments) s += seg.file.sizeBytes;
    return s;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  /** The segments, oldest first; the last is the active one. Read-only for retention and the cleaner. */
  get segmentList(): readonly Segment[] {
    return this.segments;
  }

  /**
   * UnifiedLog.deleteSegments: removes the oldest `count` segments. When that is every
   * segment, a new empty active segment is rolled at the LEO first (a log always has one),
   * and fsynced so that its name — the LEO — survives a power loss. The log start offset
   * moves to the first remaining segment and the leader-epoch cache forgets what lies before
   * it (LeaderEpochFileCache.truncateFromStart).
   */
  deleteOldestSegments(count: number, nowMs: number): SegmentChange {
    const n = Math.min(count, this.segments.length);
    if (n <= 0) return { segments: 0, records: 0, bytes: 0 };
    if (n === this.segments.length) this.roll(this.logEndOffset, nowMs).file.fsync();
    let records = 0;
    let bytes = 0;
    for (const seg of this.segments.splice(0, n)) {
      for (const b of seg.file.entries) records += b.count;
      bytes += seg.file.sizeBytes;
      this.disk.remove(seg.file.name);
    }
    this.logStartOffset = this.segments[0]!.baseOffset;
    // ProducerStateManager.onLogStartOffsetIncremented.
    this.producerState.removeUnreplicatedTransactions(this.logStartOffset);
    if (this.highWatermark < this.logStartOffset) this.setHighWatermark(this.logStartOffset);
    if (this.epochCache.truncateFromStart(this.logStartOffset)) this.persistEpochs();
    return { segments: n, records, bytes };
  }

  /**
   * UnifiedLog.replaceSegments for the cleaner: the segments from index `first` through
   * `last` (never the active one) become one segment, named by the first one's base offset,
   * holding `batches`, with `abortedTxns` as its transaction index. Offsets are kept (gaps stay). Returns the fsync delay: the cleaner
   * flushes the cleaned segment before swapping it in (Cleaner.cleanSegments).
   */
  replaceSegments(first: number, last: number, batches: readonly RecordBatch[], abortedTxns: AbortedTxn[]): number {
    if (first < 0 || last < first || last >= this.segments.length - 1) throw new RangeError(`replaceSegments(${first}, ${last}) of ${this.segments.length}`);
    const target = this.segments[first]!;
    target.file.replace(batches, batches.map((b) => b.sizeBytes));
    // The cleaned segment's .txnindex: the aborted transactions whose markers the cleaner kept.
    target.abortedTxns = abortedTxns;
    for (const seg of this.segments.splice(first + 1, last - first)) this.disk.remove(seg.file.name);
    return target.file.fsync();
  }

  /**
   * UnifiedLog.truncateFullyAndStartAt: a follower whose LEO fell below the leader's log
   * start offset (retention deleted what it still needed) drops its log and restarts empty there
   * (ReplicaFetcherThread on OFFSET_OUT_OF_RANGE).
   */
  truncateFullyAndStartAt(offset: number, nowMs: number): void {
    for (const seg of this.segments) this.disk.remove(seg.file.name);
    this.segments = [];
    this.roll(offset, nowMs).file.fsync();
    this.logStartOffset = offset;
    this.logEndOffset = offset;
    this.recoveryPoint = offset;
    this.setHighWatermark(offset);
    if (this.epochCache.truncateFromEnd(0)) this.persistEpochs();
    this.producerState.clear();
  }

  /** UnifiedLog.roll(): a new empty active segment at the LEO (a no-op when the active one is empty), as Kafka's tests roll. */
  rollActiveSegment(nowMs: number): void {
    if (this.segments.at(-1)!.file.entries.length === 0) return;
    this.roll(this.logEndOffset, nowMs);
    this.flushRolledSegments(nowMs);
  }

  private roll(baseOffset: number, nowMs: number): Segment {
    const seg: Segment = { baseOffset, file: this.disk.open<RecordBatch>(segmentName(this.dir, baseOffset)), createdMs: nowMs, unflushed: false, abortedTxns: [] };
    this.segments.push(seg);
    return seg;
  }

  /** LogSegment.shouldRoll: full for this batch, or older than segment.ms. */
  private activeSegmentFor(batch: RecordBatch, nowMs: number): Segment {
    const active = this.segments.at(-1)!;
    const size = active.file.sizeBytes;
    const full = size > this.config.segmentBytes - batch.sizeBytes;
    const old = size > 0 && nowMs - active.createdMs > this.config.segmentMs;
    if ((full || old) && active.file.entries.length > 0) {
      const rolled = this.roll(batch.baseOffset, nowMs);
      this.flushRolledSegments(nowMs);
      return rolled;
    }
    if (active.file.entries.length === 0) active.createdMs = nowMs;
    return active;
  }

  /**
   * UnifiedLog.roll schedules an asynchronous flush of the segments before the new one
   * (flushUptoOffsetExclusive on the kafka-scheduler thread): the device does the work, nobody
   * waits, and the recovery point moves to the new segment's base offset.
   */
  private flushRolledSegments(nowMs: number): void {
    for (let i = 0; i < this.segments.length - 1; i++) {
      const seg = this.segments[i]!;
      if (!seg.unflushed) continue;
      seg.file.fsync();
      seg.unflushed = false;
    }
    this.recoveryPoint = Math.max(this.recoveryPoint, this.segments.at(-1)!.baseOffset);
    this.lastFlushTimeMs = nowMs;
  }

  private appendBatch(batch: RecordBatch, nowMs: number): void {
    const segment = this.activeSegmentFor(batch, nowMs);
    // The write into the page cache blocks when the machine has too much dirty data.
    this.appendDelayUs = Math.max(this.appendDelayUs, segment.file.append(batch, batch.sizeBytes));
    segment.unflushed = true;
    // UnifiedLog.append: leaders and followers alike fsync every flush.messages messages.
    this.unflushedMessages += batch.count;
    if (this.unflushedMessages >= this.config.flushMessages) {
      this.appendDelayUs = Math.max(this.appendDelayUs, segment.file.fsync());
      segment.unflushed = false;
      this.unflushedMessages = 0;
      this.lastFlushTimeMs = nowMs;
      this.recoveryPoint = lastOffsetOf(batch) + 1;
    }
    this.logEndOffset = lastOffsetOf(batch) + 1;
    if (this.epochCache.assign(batch.partitionLeaderEpoch, batch.baseOffset)) this.persistEpochs();
    this.updateProducerState(batch, segment);
  }

  /** UnifiedLog.appendAsLeader: assigns offsets and the leader epoch. Validation is the caller's. */
  appendAsLeader(batch: RecordBatch, leaderEpoch: number, nowMs: number): RecordBatch {
    const stamped = batch.with({ baseOffset: this.logEndOffset, partitionLeaderEpoch: leaderEpoch });
    this.appendBatch(stamped, nowMs);
    return stamped;
  }

  /**
   * UnifiedLog.appendAsFollower: batches keep the leader's offsets and must not start below
   * the LEO. A batch that straddles it means the two logs have different batch boundaries —
   * they diverged — and Kafka refuses it (UnexpectedAppendOffsetException); returns false then.
   * A batch starting past the LEO is a gap the leader's cleaner left, and is appended.
   */
  appendAsFollower(batches: readonly RecordBatch[], nowMs: number): boolean {
    for (const b of batches) {
      if (lastOffsetOf(b) < this.logEndOffset) continue; // already have it (a resent fetch)
      if (b.baseOffset < this.logEndOffset) return false;
      this.appendBatch(b, nowMs);
    }
    return true;
  }

  /**
   * Reads whole batches from `fetchOffset`, below `upperBound` (HW for consumers, LEO for
   * followers), up to `maxBytes` — but always at least one batch when any is readable
   * (KIP-74's minOneMessage), so a large batch never blocks a fetcher.
   */
  read(fetchOffset: number, maxBytes: number, upperBound: number): ReadResult {
    if (fetchOffset >= upperBound) return EMPTY_READ;
    let segIndex = this.segmentIndexFor(fetchOffset);
    if (segIndex < 0) return EMPTY_READ;
    const batches: RecordBatch[] = [];
    let bytes = 0;
    let delayUs = 0;
    for (; segIndex < this.segments.length; segIndex++) {
      const entries = this.segments[segIndex]!.file.entries;
      const first = batches.length === 0 ? firstBatchEnding(entries, fetchOffset) : 0;
      let i = first;
      let segBytes = 0;
      for (; i < entries.length; i++) {
        const b = entries[i]!;
        if (lastOffsetOf(b) >= upperBound) break;
        if (batches.length > 0 && bytes + b.sizeBytes > maxBytes) break;
        batches.push(b);
        bytes += b.sizeBytes;
        segBytes += b.sizeBytes;
      }
      if (segBytes > 0) delayUs += this.segments[segIndex]!.file.read(first, segBytes);
      if (i < entries.length) break;
    }
    return batches.length === 0 ? EMPTY_READ : { batches, bytes, delayUs };
  }

  private segmentIndexFor(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.segments[mid]!.baseOffset <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** UnifiedLog.truncateTo: drops every batch at or after `offset`. */
  truncateTo(offset: number): boolean {
    if (offset >= this.logEndOffset) return false;
    const target = Math.max(offset, this.logStartOffset);
    while (this.segments.length > 1 && this.segments.at(-1)!.baseOffset >= target) {
      const seg = this.segments.pop()!;
      this.disk.remove(seg.file.name);
    }
    const active = this.segments.at(-1)!;
    const entries = active.file.entries;
    let keep = entries.length;
    while (keep > 0 && entries[keep - 1]!.baseOffset >= target) keep--;
    active.file.truncate(keep);
    const last = this.lastBatch();
    // A straddling batch keeps its tail; compaction's gaps never pull the LEO below the target.
    this.logEndOffset = Math.max(target, last === undefined ? 0 : lastOffsetOf(last) + 1);
    if (this.recoveryPoint > this.logEndOffset) this.recoveryPoint = this.logEndOffset;
    if (this.epochCache.truncateFromEnd(this.logEndOffset)) this.persistEpochs();
    this.rebuildProducerState();
    this.setHighWatermark(Math.min(this.highWatermark, this.logEndOffset));
    return true;
  }

  /** UnifiedLog.updateHighWatermark: set (not max'ed), clamped to [logStartOffset, LEO]. */
  updateHighWatermark(hw: number): number {
    this.setHighWatermark(Math.min(Math.max(hw, this.logStartOffset), this.logEndOffset));
    return this.highWatermark;
  }

  /**
   * Only forward (UnifiedLog.maybeIncrementHighWatermark); returns true if it moved. A HW past
   * the LEO is a caller's bug: Kafka throws IllegalArgumentException, and so do we.
   */
  maybeIncrementHighWatermark(hw: number): boolean {
    invariant(hw <= this.logEndOffset, "hw-within-log", () => `high watermark ${hw} update exceeds the log end offset ${this.logEndOffset} of ${this.dir}`);
    if (hw <= this.highWatermark) return false;
    this.setHighWatermark(hw);
    return true;
  }

  /**
   * How long the thread that appended must wait: for the fsync its appends triggered (Kafka
   * flushes inside UnifiedLog.append) and for the OS when it throttles writers over the
   * dirty limit. The request handler (or replica fetcher) blocks on both. Reading it resets it.
   */
  takeAppendDelay(): Micros {
    const d = this.appendDelayUs;
    this.appendDelayUs = 0;
    return d;
  }

  /**
   * LogManager.flushDirtyLogs for this log: when `flushMs` (flush.ms) has passed since its last
   * flush, UnifiedLog.flush(false) fsyncs every segment written since, up to the LEO. Nobody
   * waits for it (the kafka-log-flusher thread); the device does the work. Returns whether it flushed.
   */
  flushIfDue(nowMs: number, flushMs: number): boolean {
    if (nowMs - this.lastFlushTimeMs < flushMs) return false;
    for (const seg of this.segments) {
      if (!seg.unflushed) continue;
      seg.file.fsync();
      seg.unflushed = false;
    }
    this.unflushedMessages = 0;
    this.lastFlushTimeMs = nowMs;
    this.recoveryPoint = this.logEndOffset;
    return true;
  }

  /** UnifiedLog.flush at LogManager.shutdown: fsyncs what is unflushed (the world's exit makes it durable). */
  flushForShutdown(): void {
    for (const seg of this.segments) {
      if (!seg.unflushed) continue;
      seg.file.fsync();
      seg.unflushed = false;
    }
    this.unflushedMessages = 0;
    this.recoveryPoint = this.logEndOffset;
  }

  /** LogLoader.recoverLog: the checkpointed recovery point (0 when none), never past the log end. */
  restoreRecoveryPoint(checkpointed: number): void {
    this.recoveryPoint = Math.min(checkpointed, this.logEndOffset);
  }

  /**
   * What LogLoader.recoverLog re-reads after an unclean shutdown: every segment holding
   * offsets at or past the recovery point (logSegments(recoveryPoint, Long.MaxValue)), whole.
   * Returns the disk time and the bytes; reads served by the page cache cost nothing.
   */
  recoverUnflushed(): { delayUs: Micros; bytes: number; segments: number } {
    let delayUs = 0;
    let bytes = 0;
    let segments = 0;
    for (let i = 0; i < this.segments.length; i++) {
      const seg = this.segments[i]!;
      const next = this.segments[i + 1];
      if (next !== undefined && next.baseOffset <= this.recoveryPoint) continue;
      if (seg.file.sizeBytes === 0) continue;
      delayUs = Math.max(delayUs, seg.file.read(0, seg.file.sizeBytes));
      bytes += seg.file.sizeBytes;
      segments++;
    }
    return { delayUs, bytes, segments };
  }

  /** Writes the HW checkpoint (replica.high.watermark.checkpoint.interval.ms); fsynced, as Kafka's CheckpointFile. */
  checkpointHighWatermark(): void {
    if (this.hwFile.entries.at(-1) === this.highWatermark) return;
    this.hwFile.replace([this.highWatermark], [8]);
    this.hwFile.fsync();
  }

  /** Persists the epoch cache after a caller changed it directly (a new leader's epoch). */
  flushEpochs(): void {
    this.persistEpochs();
  }

  private persistEpochs(): void {
    this.epochFile.replace([this.epochCache.snapshot()], [8 + 12 * this.epochCache.snapshot().length]);
    this.epochFile.fsync();
  }

  /** Calls `visit` on each batch with an offset in [from, to), oldest first (invariant checks: no array built). */
  forEachBatchBetween(from: number, to: number, visit: (batch: RecordBatch) => void): void {
    if (to <= from) return;
    for (let s = Math.max(0, this.segmentIndexFor(from)); s < this.segments.length; s++) {
      const entries = this.segments[s]!.file.entries;
      for (let i = firstBatchEnding(entries, from); i < entries.length; i++) {
        const b = entries[i]!;
        if (b.baseOffset >= to) return;
        visit(b);
      }
    }
  }

  /** The first batch whose last offset is at or past `offset` (metadata only: no disk read). */
  batchEndingAtOrAfter(offset: number): RecordBatch | undefined {
    for (let s = Math.max(0, this.segmentIndexFor(offset)); s < this.segments.length; s++) {
      const entries = this.segments[s]!.file.entries;
      const i = firstBatchEnding(entries, offset);
      if (i < entries.length) return entries[i];
    }
    return undefined;
  }

  /** Every batch, oldest first (checker and views; not a hot path). */
  allBatches(): RecordBatch[] {
    const out: RecordBatch[] = [];
    for (const seg of this.segments) for (const b of seg.file.entries) out.push(b);
    return out;
  }

  /** Records between logStartOffset and `upTo` (exclusive), counted by batch metadata. */
  recordCount(upTo = this.logEndOffset): number {
    let n = 0;
    for (const seg of this.segments) {
      for (const b of seg.file.entries) {
        if (b.baseOffset >= upTo) return n;
        n += b.count;
      }
    }
    return n;
  }
}

/** Index of the first batch whose last offset is ≥ offset (binary search). */
function firstBatchEnding(entries: readonly RecordBatch[], offset: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lastOffsetOf(entries[mid]!) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
