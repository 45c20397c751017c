// Kafka's LeaderEpochFileCache (storage/.../epoch/LeaderEpochFileCache.java): for each leader
// epoch, the first offset written in it. Followers use it to find where their log diverged
// from the leader's after a leader change (KIP-101, KIP-279) instead of trusting the high
// watermark, which is what made logs diverge before KIP-101.

export interface EpochEntry {
  readonly epoch: number;
  readonly startOffset: number;
}

export const UNDEFINED_EPOCH = -1;
export const UNDEFINED_EPOCH_OFFSET = -1;

export class LeaderEpochCache {
  private entries: EpochEntry[];

  constructor(entries: readonly EpochEntry[] = []) {
    this.entries = [...entries];
  }

  snapshot(): readonly EpochEntry[] {
    return this.entries;
  }

  latestEpoch(): number {
    return this.entries.at(-1)?.epoch ?? UNDEFINED_EPOCH;
  }

  /**
   * Records that `epoch` starts at `startOffset`, as LeaderEpochFileCache.assign: nothing
   * changes when the latest entry has this epoch and starts no later; otherwise entries
   * from the end whose epoch ≥ `epoch` or whose start ≥ `startOffset` are removed first
   * (maybeTruncateNonMonotonicEntries), so the cache stays monotonic in both.
   * Returns true when the cache changed (the caller persists it).
   */
  assign(epoch: number, startOffset: number): boolean {
    if (epoch < 0 || startOffset < 0) return false;
    const last = this.entries.at(-1);
    if (last !== undefined && epoch === last.epoch && startOffset >= last.startOffset) return false;
    while (this.entries.length > 0) {
      const e = this.entries.at(-1)!;
      if (e.epoch >= epoch || e.startOffset >= startOffset) this.entries.pop();
      else break;
    }
    this.entries.push({ epoch, startOffset });
    return true;
  }

  /**
   * LeaderEpochFileCache.endOffsetFor: the largest epoch ≤ `requested` and the offset where
   * the next epoch starts (or `logEndOffset` if `requested` is the latest).
   */
  endOffsetFor(requested: number, logEndOffset: number): { epoch: number; endOffset: number } {
    if (requested === UNDEFINED_EPOCH || this.entries.length === 0) {
      return { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    }
    const latest = this.entries.at(-1)!;
    if (requested === latest.epoch) return { epoch: requested, endOffset: logEndOffset };
    const first = this.entries[0]!;
    if (requested < first.epoch) return { epoch: requested, endOffset: first.startOffset };
    let floor: EpochEntry | undefined;
    let higher: EpochEntry | undefined;
    for (const e of this.entries) {
      if (e.epoch <= requested) floor = e;
      else {
        higher = e;
        break;
      }
    }
    if (higher === undefined) return { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    return { epoch: floor!.epoch, endOffset: higher.startOffset };
  }

  /**
   * Drops entries starting at or after `endOffset` (log truncated to endOffset). A negative
   * offset (UNDEFINED_EPOCH_OFFSET) changes nothing, as LeaderEpochFileCache.truncateFromEnd's
   * `endOffset >= 0` guard (LeaderEpochFileCacheTest.shouldNotResetEpochHistoryTailIfUndefinedPassed).
   */
  truncateFromEnd(endOffset: number): boolean {
    if (endOffset < 0) return false;
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.startOffset < endOffset);
    return this.entries.length !== before;
  }

  /** The log start moved to `startOffset`: entries before it collapse into one starting there. */
  truncateFromStart(startOffset: number): boolean {
    let lastBefore = -1;
    for (let i = 0; i < this.entries.length; i++) if (this.entries[i]!.startOffset <= startOffset) lastBefore = i;
    if (lastBefore < 0) return false;
    const kept = this.entries.slice(lastBefore);
    kept[0] = { epoch: kept[0]!.epoch, startOffset: Math.max(kept[0]!.startOffset, startOffset) };
    const changed = kept.length !== this.entries.length || kept[0].startOffset !== this.entries[lastBefore]!.startOffset;
    this.entries = kept;
    return changed;
  }
}
