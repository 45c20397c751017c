// The disk of one broker machine: files of entries over a page cache, the OS's background
// write-back and a single-queue device (see storage.ts for how time is computed).
//
// Models: appends land in the page cache at once and cost no time (a produce is a write
// into the page cache) unless the machine is over its dirty limit; an entry becomes durable
// when an fsync covering it completes or when the OS writes it back (plus device time); read
// misses, fsyncs and write-back share the device's throughput in arrival order; LRU
// eviction of clean entries only; slow disks; process crash (the OS and its page cache
// survive a kill -9) versus power loss (only the durable prefix of each file survives).
//
// Simplifies:
// - Entries are atomic: no torn writes inside an entry, no sector-level reordering; a
//   file's durable part is always a prefix.
// - Write-back happens exactly `writebackDelayUs` after the append (not on the flusher
//   thread's 5 s wake-ups, dirty_writeback_centisecs), or at once, oldest first, while the
//   dirty bytes not yet under write-back exceed `dirtyBackgroundBytes`
//   (vm.dirty_background_ratio). Both thresholds are shares of `pageCacheBytes`, not of
//   Linux's free plus reclaimable memory.
// - Over `dirtyLimitBytes` (vm.dirty_ratio) a writer blocks until write-back brings the
//   machine back under it: a hard stop, where Linux's balance_dirty_pages pauses writers
//   gradually from halfway between the two thresholds (at most 200 ms at a time). The
//   append itself lands at once and its block is returned to the writer, so concurrent
//   writers may push dirty data past the limit, and the page cache past its capacity.
// - A file's existence becomes durable with its first durable entry or its first fsync;
//   a file that never got either is gone after a power loss. Truncate and remove are
//   durable at once (metadata journaled immediately); replace() is not atomic: until the
//   new content is durable, a power loss leaves only its durable prefix (possibly
//   nothing), which is why Kafka writes checkpoints to a temp file and fsyncs them.
// - A page-cache hit costs no simulated time (sendfile from memory is far cheaper than
//   the network); a hit on an entry a device read is still fetching waits for that read.
// - fsync of a file with nothing dirty waits only for its write-back already under way.
// - Write-back is charged at the device speed of the moment it is due; operations already
//   queued keep the speed they were queued at when slowDown changes it.

import type { Disk, DiskFile, Micros } from "../../core/env.ts";
import { SimFile } from "./sim-file.ts";
import { Storage } from "./storage.ts";
import { DIRTY_BACKGROUND_RATIO, DIRTY_RATIO, DISK_DEFAULTS, type DiskFileState, type DiskStats, type ResolvedDiskOptions, type SimDiskOptions } from "./types.ts";

export class SimDisk implements Disk {
  private readonly files = new Map<string, SimFile<unknown>>();
  private readonly storage: Storage;
  readonly options: Readonly<ResolvedDiskOptions>;

  constructor(options: SimDiskOptions) {
    const cacheBytes = options.pageCacheBytes ?? DISK_DEFAULTS.pageCacheBytes;
    const limit = options.dirtyLimitBytes ?? cacheBytes * DIRTY_RATIO;
    const background = options.dirtyBackgroundBytes ?? cacheBytes * DIRTY_BACKGROUND_RATIO;
    const o: ResolvedDiskOptions = {
      ...DISK_DEFAULTS,
      ...options,
      dirtyLimitBytes: limit,
      // As Linux's domain_dirty_limits: a background threshold at or over the limit is
      // halved to it, so the flusher always starts before writers block.
      dirtyBackgroundBytes: background >= limit ? limit / 2 : background,
    };
    requirePositive("throughputBytesPerSec", o.throughputBytesPerSec);
    requireNonNegative("fsyncLatencyUs", o.fsyncLatencyUs);
    requireNonNegative("readLatencyUs", o.readLatencyUs);
    requireNonNegative("pageCacheBytes", o.pageCacheBytes);
    requireNonNegative("writebackDelayUs", o.writebackDelayUs);
    requireNonNegative("dirtyBackgroundBytes", background);
    requireNonNegative("dirtyLimitBytes", limit);
    this.options = o;
    this.storage = new Storage(o);
  }

  /** Opens `name`, creating it empty if missing; the same handle while the file exists. */
  open<T>(name: string): DiskFile<T> {
    let f = this.files.get(name);
    if (f === undefined) {
      f = new SimFile<unknown>(name, this.storage);
      this.files.set(name, f); // Map order is creation order, which list() promises
    }
    return f as DiskFile<T>;
  }

  exists(name: string): boolean {
    return this.files.has(name);
  }

  list(prefix: string): string[] {
    const names: string[] = [];
    for (const name of this.files.keys()) if (name.startsWith(prefix)) names.push(name);
    return names;
  }

  /** Removes the file; its old handle throws RemovedFileError from then on. */
  remove(name: string): void {
    const f = this.files.get(name);
    if (f === undefined) return;
    this.storage.removeFile(f);
    this.files.delete(name);
  }

  /**
   * fsyncs every file, one after another on the device (a clean shutdown flushes every
   * log); returns the delay until the last completes.
   */
  flushAll(): Micros {
    let delayUs = 0;
    for (const f of this.files.values()) {
      const d = this.storage.fsync(f);
      if (d > delayUs) delayUs = d;
    }
    return delayUs;
  }

  /** The machine's disk is this object; lets a SimDisk serve as the world's `Machine`. */
  get disk(): Disk {
    return this;
  }

  /** The factor of the last slowDown (1: normal speed). */
  get slowFactor(): number {
    return this.storage.device.slowFactor;
  }

  /** Multiplies latencies and divides throughput by `factor` until slowDown(1). */
  slowDown(factor: number): void {
    requirePositive("slowDown factor", factor);
    this.storage.setSlowFactor(factor);
  }

  /**
   * kill -9 of the broker process: nothing on disk changes. The OS keeps the page cache,
   * and fsyncs and write-back already under way still complete. Kept as a method so the
   * world states the fault explicitly and the contrast with powerLoss stays visible.
   */
  processCrash(): void {
    /* intentionally nothing */
  }

  /**
   * The machine loses power now: every file keeps only its durable prefix, files never
   * made durable vanish, the page cache is emptied and in-flight device work is lost.
   */
  powerLoss(): void {
    for (const f of this.storage.powerLoss(this.files.values())) this.files.delete(f.name);
  }

  /** Per-file sizes and durable bytes at the current time, in creation order. */
  describe(): DiskFileState[] {
    const nowUs = this.storage.now();
    const out: DiskFileState[] = [];
    for (const f of this.files.values()) {
      this.storage.advanceDurable(f, nowUs);
      out.push({ name: f.name, entries: f.slots.length, sizeBytes: f.sizeBytes, durableBytes: f.durableBytes });
    }
    return out;
  }

  /** Counters up to the current time (write-back that is due is counted first). */
  get stats(): Readonly<DiskStats> {
    this.storage.now();
    const s = this.storage.stats;
    s.cachedBytes = this.storage.cache.residentBytes;
    s.dirtyBytes = this.storage.dirtyBytes;
    return s;
  }
}

function requirePositive(name: string, v: number): void {
  if (!(v > 0)) throw new RangeError(`disk ${name} must be > 0, got ${v}`);
}

function requireNonNegative(name: string, v: number): void {
  if (!(v >= 0)) throw new RangeError(`disk ${name} must be >= 0, got ${v}`);
}
