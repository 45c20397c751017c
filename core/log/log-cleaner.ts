// The broker's log cleaner thread (LogCleaner.CleanerThread, log.cleaner.threads=1) on
// simulated time. Each round it cleans the filthiest compacted log among this broker's
// replicas (leaders and followers alike: every replica compacts its own copy, as in Kafka),
// then applies retention to "compact,delete" logs (LogCleanerManager.deletableLogs). A round
// that cleaned something is followed by the next at once — once the disk has served the
// cleaner's reads and the fsync of what it wrote; a round with nothing to clean sleeps
// log.cleaner.backoff.ms. The cleaned segments are swapped in when the round starts and the
// I/O is charged to the broker's disk then (reads of segments no longer in the page cache,
// the flush of the rewritten ones), competing with appends and fetches for the device.
// Where each log's dirty part starts is kept in cleaner-offset-checkpoint on the broker's disk
// (LogCleanerManager.updateCheckpoints, fsynced after every cleaning), so a restarted broker
// goes on where it stopped; a checkpoint the log no longer covers (truncated, or lost with
// the page cache in a power loss) makes the whole log dirty again, as in Kafka.

import type { TopicSettings } from "../config/topic-config.ts";
import type { DiskFile, Env, Micros } from "../env.ts";
import { buildOffsetMap, cleanBatch, emptyStats, groupSegmentsBySize, type CleanContext, type CleanStats } from "./cleaner.ts";
import { grabFilthiestLog, logToClean, type LogToClean } from "./cleaner-manager.ts";
import type { PartitionLog } from "./partition-log.ts";
import { deleteOldSegments, type RetentionResult } from "./retention.ts";
import type { RecordBatch } from "../protocol/records.ts";
import { RecordColumnsBuilder, RecordSlab } from "../protocol/record-builder.ts";
import { CleanedTransactions } from "./cleaned-transactions.ts";

/** Slab chunks of the cleaner's rewritten batches: small, as cleanings are rare next to produces. */
const CLEANER_SLAB_INTS = 4096;

export interface CleanableLog {
  readonly topic: string;
  readonly partition: number;
  readonly log: PartitionLog;
}

export interface CleanResult {
  readonly firstDirtyOffset: number;
  /** The new checkpoint: the first offset not yet cleaned. */
  readonly endOffset: number;
  readonly segmentsBefore: number;
  readonly segmentsAfter: number;
  readonly stats: CleanStats;
  /** Disk time of the round's reads and flushes. */
  readonly ioUs: Micros;
}

/**
 * Cleaner.doClean: builds the offset map over the dirty range, then rewrites every segment
 * below its end (clean prefix included), group by group, through the disk.
 */
export function cleanLog(log: PartitionLog, firstDirtyOffset: number, firstUncleanableOffset: number, settings: TopicSettings, nowMs: number, slab = new RecordSlab(CLEANER_SLAB_INTS)): CleanResult {
  const segmentsBefore = log.segmentList.length;
  let ioUs = 0;
  const readAll = (from: number, to: number): void => {
    for (let i = from; i <= to; i++) {
      const f = log.segmentList[i]!.file;
      if (f.sizeBytes > 0) ioUs = Math.max(ioUs, f.read(0, f.sizeBytes));
    }
  };
  const map = buildOffsetMap(log.segmentList, firstDirtyOffset, firstUncleanableOffset, log.collectAbortedTransactions(firstDirtyOffset, firstUncleanableOffset));
  const endOffset = map.latestOffset + 1;
  const ctx: CleanContext = {
    map,
    nowMs,
    deleteRetentionMs: settings.deleteRetentionMs,
    lastDataOffset: (producerId) => log.producerState.lastDataOffset(producerId),
    producerEpoch: (producerId) => log.producerState.entry(producerId)?.epoch,
    txns: new CleanedTransactions(),
    stats: emptyStats(),
    builder: new RecordColumnsBuilder(slab),
  };
  let count = 0;
  while (count < log.segmentList.length - 1 && log.segmentList[count]!.baseOffset < endOffset) count++;
  const groups = groupSegmentsBySize(log.segmentList, count, settings.segmentBytes);
  // Each group becomes one segment, so later groups move down by what earlier ones merged.
  let shift = 0;
  for (const [first, last] of groups) {
    const from = first - shift;
    const to = last - shift;
    readAll(from, to);
    const cleaned: RecordBatch[] = [];
    ctx.txns.cleanedIndex = [];
    for (let i = from; i <= to; i++) {
      const segments = log.segmentList;
      // Cleaner.cleanSegments: the aborted transactions over the whole segment, to rebuild its index.
      const upper = segments[i + 1]?.baseOffset ?? log.logEndOffset;
      ctx.txns.addAbortedTransactions(log.collectAbortedTransactions(segments[i]!.baseOffset, upper));
      for (const b of segments[i]!.file.entries) {
        const out = cleanBatch(ctx, b);
        if (out !== null) cleaned.push(out);
      }
    }
    ioUs = Math.max(ioUs, log.replaceSegments(from, to, cleaned, ctx.txns.cleanedIndex));
    shift += to - from;
  }
  return { firstDirtyOffset, endOffset, segmentsBefore, segmentsAfter: log.segmentList.length, stats: ctx.stats, ioUs };
}

/** One round of the CleanerThread is due. */
export interface LogCleanerTimer {
  readonly kind: "LogCleanerTimer";
}

const LOG_CLEANER: LogCleanerTimer = Object.freeze({ kind: "LogCleanerTimer" });

/** Kafka's file name (LogCleanerManager.offsetCheckpointFile), one per log directory. */
const CHECKPOINT_FILE = "cleaner-offset-checkpoint";

/** Entries of the checkpoint file: [topic-partition, first dirty offset]. */
type CheckpointEntries = readonly (readonly [string, number])[];

export class LogCleaner {
  private readonly slab = new RecordSlab(CLEANER_SLAB_INTS);
  /** First dirty offset per log, by topic-partition (logs are new objects after a restart). */
  private readonly checkpoints: Map<string, number>;
  private readonly checkpointFile: DiskFile<CheckpointEntries>;

  constructor(
    private readonly env: Env<unknown, LogCleanerTimer>,
    private readonly backoffMs: number,
    private readonly settingsOf: (topic: string) => TopicSettings,
    private readonly logs: () => Iterable<CleanableLog>,
  ) {
    this.checkpointFile = env.disk.open<CheckpointEntries>(CHECKPOINT_FILE);
    this.checkpoints = new Map(this.checkpointFile.entries.at(-1) ?? []);
  }

  start(): void {
    this.env.setTimer(this.backoffMs * 1000, LOG_CLEANER);
  }

  /** CleanerThread.doWork: one round; schedules the next. */
  onTimer(): void {
    const nowMs = Math.floor(this.env.now() / 1000);
    const candidates: LogToClean<CleanableLog>[] = [];
    const compactDelete: CleanableLog[] = [];
    for (const l of this.logs()) {
      const s = this.settingsOf(l.topic);
      if (!s.cleanupPolicy.compact) continue;
      candidates.push(logToClean(l, l.log, this.checkpoints.get(topicPartition(l)), s, nowMs));
      if (s.cleanupPolicy.delete) compactDelete.push(l);
    }
    const filthiest = grabFilthiestLog(candidates, (c) => this.settingsOf(c.key.topic));
    let delayUs = this.backoffMs * 1000;
    if (filthiest !== null) delayUs = Math.max(1, this.clean(filthiest, nowMs));
    for (const l of compactDelete) this.emitRetention(l, deleteOldSegments(l.log, this.settingsOf(l.topic), nowMs));
    this.env.setTimer(delayUs, LOG_CLEANER);
  }

  private clean(c: LogToClean<CleanableLog>, nowMs: number): Micros {
    const { topic, partition, log } = c.key;
    const r = cleanLog(log, c.firstDirtyOffset, c.firstUncleanableOffset, this.settingsOf(topic), nowMs, this.slab);
    this.updateCheckpoint(c.key, r.endOffset);
    const s = r.stats;
    this.env.emit({
      kind: "LogCleaned",
      topic,
      partition,
      firstDirtyOffset: r.firstDirtyOffset,
      endOffset: r.endOffset,
      dirtyRatio: Math.round(c.cleanableRatio * 1000) / 1000,
      segmentsBefore: r.segmentsBefore,
      segmentsAfter: r.segmentsAfter,
      recordsRead: s.recordsRead,
      recordsRetained: s.recordsRetained,
      superseded: s.superseded,
      tombstonesRemoved: s.tombstonesRemoved,
      invalid: s.invalid,
      bytesRead: s.bytesRead,
      bytesWritten: s.bytesWritten,
      ioUs: Math.round(r.ioUs),
    });
    return r.ioUs;
  }

  /** CheckpointFile.write: the whole map, rewritten and fsynced (the round waits for neither). */
  private updateCheckpoint(l: CleanableLog, endOffset: number): void {
    this.checkpoints.set(topicPartition(l), endOffset);
    const entries: CheckpointEntries = [...this.checkpoints];
    this.checkpointFile.replace([entries], [16 + entries.length * 24]);
    this.checkpointFile.fsync();
  }

  private emitRetention(l: CleanableLog, results: readonly RetentionResult[]): void {
    for (const r of results) this.env.emit({ kind: "SegmentsDeleted", topic: l.topic, partition: l.partition, ...r });
  }
}

function topicPartition(l: CleanableLog): string {
  return `${l.topic}-${l.partition}`;
}
