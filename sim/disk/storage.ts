// The storage stack under a machine's files: page cache, OS write-back and the device.
// Everything is computed lazily from the clock, with no scheduler events:
// - each entry gets `durableAtUs` once its write is scheduled; until then it is dirty;
// - background write-back of an entry is due `writebackDelayUs` after its append; due
//   work is charged onto the device cursor (in due order, which is append order because
//   the delay is constant) before any read or fsync queues, so write-back competes with
//   reads for throughput exactly as if it had been queued at its due time;
// - every assigned `durableAtUs` is the device cursor after that write, so assignments
//   come in non-decreasing time order: a file's durable entries are always a prefix, and
//   `durableLog` (entries in assignment order) tells when parked dirty entries turn clean;
// - dirty thresholds, as Linux's balance_dirty_pages: when bytes dirty and not yet under
//   write-back pass `dirtyBackgroundBytes`, the oldest are charged onto the device at once
//   (in append order) until they are back under it; when bytes not yet durable (under
//   write-back included) pass `dirtyLimitBytes`, the append returns how long its writer
//   blocks: until the first entries of `durableLog` still in flight, enough to bring them
//   back under the limit, are durable. Background write-back keeps the not-yet-queued part
//   under the limit, so that point is always among the queued writes: a binary search over
//   `assignedUpToBytes` finds it, and a read queued ahead of them delays it.

import type { Micros } from "../../core/env.ts";
import { Device } from "./device.ts";
import { CacheState, EntryFlag, EntryTable, NO_ENTRY } from "./entry.ts";
import { SlotFifo } from "./fifo.ts";
import { PageCache } from "./page-cache.ts";
import type { FileHost, SimFile } from "./sim-file.ts";
import type { DiskStats, ResolvedDiskOptions } from "./types.ts";

type AnyFile = SimFile<unknown>;

export class Storage implements FileHost {
  readonly device: Device;
  readonly cache: PageCache;
  /** Every entry of every file on this machine, by slot. */
  readonly entries = new EntryTable();
  /**
   * Files by the id their entries name (EntryTable.ownerId); a removed file's place is emptied
   * so that its batches can be collected (its entries are dead by then, and a dead entry is never
   * assigned a durability time).
   */
  private readonly fileById: (AnyFile | undefined)[] = [];
  readonly stats: DiskStats = {
    reads: 0, hits: 0, misses: 0, bytesReadFromCache: 0, bytesReadFromDevice: 0,
    appends: 0, bytesAppended: 0, fsyncs: 0, bytesWritten: 0, bytesWrittenBack: 0,
    bytesEvicted: 0, cachedBytes: 0, dirtyBytes: 0, throttledAppends: 0, throttledUs: 0,
  };
  /** Bytes appended and not yet durable as of the last settle (under write-back included). */
  dirtyBytes = 0;
  /** Bytes dirty and not yet under write-back: no durability time assigned. */
  private unscheduledBytes = 0;
  /** Bytes ever assigned a durability time, and those of them settled durable. */
  private assignedBytes = 0;
  private settledBytes = 0;
  /** Entries waiting for background write-back, in append (= due) order, with their append times. */
  private readonly writeback = new SlotFifo();
  /**
   * Entries in the order their `durableAtUs` was assigned (non-decreasing), each with the
   * bytes assigned a durability time on this machine up to and including it: the dirty-limit
   * throttle finds by it how much write-back must complete before a writer resumes.
   */
  private readonly durableLog = new SlotFifo();
  private lastNowUs: Micros = Number.NEGATIVE_INFINITY;

  constructor(private readonly opts: ResolvedDiskOptions) {
    this.device = new Device(opts.throughputBytesPerSec);
    this.cache = new PageCache(opts.pageCacheBytes, this.entries);
  }

  /** Reads the clock and brings write-back and cache state up to it. */
  now(): Micros {
    const nowUs = this.opts.now();
    if (nowUs < this.lastNowUs) throw new Error(`disk clock went backwards: ${nowUs} < ${this.lastNowUs}`);
    this.lastNowUs = nowUs;
    this.chargeWriteback(nowUs);
    this.settleDurable(nowUs);
    return nowUs;
  }

  /** Appends into the page cache; returns how long the writer blocks on the dirty limit. */
  append(f: AnyFile, entry: unknown, sizeBytes: number): Micros {
    checkSize(sizeBytes, f.name);
    const nowUs = this.now();
    if (f.storageId < 0) f.storageId = this.fileById.push(f) - 1;
    const e = this.entries.alloc(sizeBytes, f.storageId);
    f.values.push(entry);
    f.slots.push(e);
    f.sizeBytes += sizeBytes;
    f.unassignedBytes += sizeBytes;
    this.writeback.push(e, nowUs);
    this.entries.enqueued(e, EntryFlag.inWriteback);
    this.cache.add(e); // a produce is a write into the page cache: no device time
    this.dirtyBytes += sizeBytes;
    this.unscheduledBytes += sizeBytes;
    this.stats.appends++;
    this.stats.bytesAppended += sizeBytes;
    this.stats.bytesEvicted += this.cache.evict(nowUs);
    this.startBackgroundWriteback(nowUs);
    return this.throttle(nowUs);
  }

  fsync(f: AnyFile): Micros {
    const nowUs = this.now();
    this.stats.fsyncs++;
    const slots = f.slots;
    if (f.assignedCount === slots.length && f.existsDurableAtUs !== Number.POSITIVE_INFINITY) {
      // Nothing dirty left to write: wait only for writes already under way (the file's
      // own creation included: a second fsync of a new empty file waits for the first).
      let doneUs = f.existsDurableAtUs;
      const last = f.assignedCount > 0 ? this.entries.durableAtUs[slots.get(f.assignedCount - 1)]! : doneUs;
      if (last > doneUs) doneUs = last;
      return doneUs > nowUs ? Math.ceil(doneUs - nowUs) : 0;
    }
    const bytes = f.unassignedBytes;
    const doneUs = this.device.run(nowUs, this.opts.fsyncLatencyUs, bytes);
    this.stats.bytesWritten += bytes;
    while (f.assignedCount < slots.length) this.assign(slots.get(f.assignedCount), doneUs);
    if (f.existsDurableAtUs === Number.POSITIVE_INFINITY) f.existsDurableAtUs = doneUs;
    return Math.ceil(doneUs - nowUs);
  }

  read(f: AnyFile, fromEntry: number, bytes: number): Micros {
    if (!Number.isInteger(fromEntry) || fromEntry < 0) throw new RangeError(`read of "${f.name}" from entry ${fromEntry}`);
    const nowUs = this.now();
    const slots = f.slots;
    const t = this.entries;
    let covered = 0;
    let missBytes = 0;
    let missing = 0;
    let readyUs = nowUs;
    let end = fromEntry;
    // Whole entries from `fromEntry` until `bytes` are covered (at least one, as a Kafka
    // fetch returns at least one batch). Hits become most recently used.
    for (; end < slots.length && covered < bytes; end++) {
      const e = slots.get(end);
      const size = t.sizeBytes[e]!;
      covered += size;
      if (t.cache[e] === CacheState.absent) {
        missBytes += size;
        missing++;
      } else {
        this.cache.touch(e);
        const entryReadyUs = t.readyAtUs(e, nowUs); // another read may still be fetching it
        if (entryReadyUs > readyUs) readyUs = entryReadyUs;
      }
    }
    if (end === fromEntry) return 0;
    const s = this.stats;
    s.reads++;
    s.bytesReadFromCache += covered - missBytes;
    if (missing === 0) {
      s.hits++; // a hit costs no simulated time: sendfile from memory is far cheaper than the network
      return readyUs > nowUs ? Math.ceil(readyUs - nowUs) : 0;
    }
    s.misses++;
    s.bytesReadFromDevice += missBytes;
    const doneUs = this.device.run(nowUs, this.opts.readLatencyUs, missBytes);
    for (let i = fromEntry; i < end; i++) {
      const e = slots.get(i);
      if (t.cache[e] !== CacheState.absent) continue;
      t.setReadyAtUs(e, doneUs);
      this.cache.add(e);
    }
    s.bytesEvicted += this.cache.evict(nowUs);
    return Math.ceil((doneUs > readyUs ? doneUs : readyUs) - nowUs);
  }

  truncate(f: AnyFile, entryCount: number): void {
    if (!Number.isInteger(entryCount) || entryCount < 0) throw new RangeError(`truncate of "${f.name}" to ${entryCount} entries`);
    const slots = f.slots;
    if (entryCount >= slots.length) return;
    // Write-back that fell due before now happened, whether or not anyone looked: charge it
    // before these entries disappear, or the device's history would depend on observers.
    this.now();
    const t = this.entries;
    for (let i = entryCount; i < slots.length; i++) {
      const e = slots.get(i);
      const size = t.sizeBytes[e]!;
      this.cache.drop(e);
      f.sizeBytes -= size;
      if (i >= f.assignedCount) {
        // Never queued, so never written. Entries under write-back stay dirty until their
        // write completes, as a truncate waits for pages under write-back in Linux.
        f.unassignedBytes -= size;
        this.unscheduledBytes -= size;
        this.dirtyBytes -= size;
      }
      if (i < f.durableCount) f.durableBytes -= size;
      t.markDead(e); // queues holding it skip it when they reach it; then its slot is reused
    }
    slots.truncate(entryCount);
    f.values.length = entryCount;
    if (f.assignedCount > entryCount) f.assignedCount = entryCount;
    if (f.durableCount > entryCount) f.durableCount = entryCount;
  }

  replace(f: AnyFile, entries: readonly unknown[], sizeBytes: readonly number[]): void {
    if (entries.length !== sizeBytes.length) {
      throw new RangeError(`replace of "${f.name}" with ${entries.length} entries but ${sizeBytes.length} sizes`);
    }
    for (const size of sizeBytes) checkSize(size, f.name);
    this.truncate(f, 0);
    // replace() reports no block: its writers (checkpoints, the log cleaner) are background
    // threads that no request waits for here.
    for (let i = 0; i < entries.length; i++) this.append(f, entries[i], sizeBytes[i]!);
  }

  /** The file is gone: its entries leave the cache and the queues. */
  removeFile(f: AnyFile): void {
    this.truncate(f, 0);
    f.removed = true;
    if (f.storageId >= 0) this.fileById[f.storageId] = undefined;
  }

  /** Extends the file's known durable prefix up to `nowUs` (call after `now()`). */
  advanceDurable(f: AnyFile, nowUs: Micros): void {
    const slots = f.slots;
    const t = this.entries;
    while (f.durableCount < f.assignedCount) {
      const e = slots.get(f.durableCount);
      if (t.durableAtUs[e]! > nowUs) break;
      f.durableBytes += t.sizeBytes[e]!;
      f.durableCount++;
    }
  }

  /**
   * Power is cut at the current time: each file keeps its durable prefix; files whose
   * existence never became durable are removed. Returns the vanished files.
   */
  powerLoss(files: Iterable<AnyFile>): AnyFile[] {
    const nowUs = this.now();
    const vanished: AnyFile[] = [];
    for (const f of files) {
      if (f.existsDurableAtUs > nowUs) {
        this.removeFile(f);
        vanished.push(f);
        continue;
      }
      this.advanceDurable(f, nowUs);
      this.truncate(f, f.durableCount);
    }
    this.cache.clear();
    this.release(this.writeback, EntryFlag.inWriteback);
    this.release(this.durableLog, EntryFlag.inDurableLog);
    this.device.abort(nowUs);
    // Every survivor is durable, so nothing is dirty; the totals restart together.
    this.dirtyBytes = 0;
    this.unscheduledBytes = 0;
    this.assignedBytes = 0;
    this.settledBytes = 0;
    return vanished;
  }

  setSlowFactor(factor: number): void {
    this.now(); // write-back due before the change runs at the old speed
    this.device.slowFactor = factor;
  }

  /** Empties a queue, letting its slots go. */
  private release(queue: SlotFifo, flag: number): void {
    for (let e = queue.shift(); e !== NO_ENTRY; e = queue.shift()) this.entries.dequeued(e, flag);
  }

  private assign(e: number, durableAtUs: Micros): void {
    const t = this.entries;
    const f = this.fileById[t.ownerId[e]!]!;
    if (f.assignedCount >= f.slots.length || f.slots.get(f.assignedCount) !== e) throw new Error(`disk: durability out of order in "${f.name}"`);
    const size = t.sizeBytes[e]!;
    t.durableAtUs[e] = durableAtUs;
    f.assignedCount++;
    f.unassignedBytes -= size;
    this.unscheduledBytes -= size;
    this.assignedBytes += size;
    if (f.existsDurableAtUs === Number.POSITIVE_INFINITY) f.existsDurableAtUs = durableAtUs;
    this.durableLog.push(e, this.assignedBytes);
    t.enqueued(e, EntryFlag.inDurableLog);
  }

  private chargeWriteback(nowUs: Micros): void {
    const delayUs = this.opts.writebackDelayUs;
    const t = this.entries;
    for (let e = this.writeback.peek(); e !== NO_ENTRY; e = this.writeback.peek()) {
      const dueUs = this.writeback.peekValue() + delayUs;
      if (dueUs > nowUs) break;
      this.writeback.shift();
      // Gone, or fsync got there first. A dead slot is checked before it is let go (reused).
      if (!t.isDead(e) && t.durableAtUs[e] === Number.POSITIVE_INFINITY) this.writeBack(e, dueUs);
      t.dequeued(e, EntryFlag.inWriteback);
    }
  }

  /** The flusher above vm.dirty_background_ratio: the oldest dirty entries go to the device now. */
  private startBackgroundWriteback(nowUs: Micros): void {
    const t = this.entries;
    while (this.unscheduledBytes > this.opts.dirtyBackgroundBytes) {
      const e = this.writeback.shift();
      if (e === NO_ENTRY) throw new Error(`disk: ${this.unscheduledBytes} dirty bytes but nothing to write back`);
      if (!t.isDead(e) && t.durableAtUs[e] === Number.POSITIVE_INFINITY) this.writeBack(e, nowUs);
      t.dequeued(e, EntryFlag.inWriteback);
    }
  }

  private writeBack(e: number, arrivalUs: Micros): void {
    const size = this.entries.sizeBytes[e]!;
    this.assign(e, this.device.run(arrivalUs, 0, size));
    this.stats.bytesWritten += size;
    this.stats.bytesWrittenBack += size;
  }

  /**
   * balance_dirty_pages above vm.dirty_ratio: the writer waits until enough queued writes
   * complete to bring the bytes not yet durable back under the limit.
   */
  private throttle(nowUs: Micros): Micros {
    const excess = this.dirtyBytes - this.opts.dirtyLimitBytes;
    if (!(excess > 0)) return 0;
    const target = this.settledBytes + excess;
    const log = this.durableLog;
    const t = this.entries;
    let lo = 0;
    let hi = log.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (log.valueAt(mid) < target) lo = mid + 1;
      else hi = mid;
    }
    const e = log.at(lo);
    if (e === NO_ENTRY) throw new Error(`disk: ${excess} bytes over the dirty limit but only ${this.assignedBytes - this.settledBytes} under write-back`);
    const blockedUs = Math.ceil(t.durableAtUs[e]! - nowUs);
    if (blockedUs <= 0) return 0; // empty entries on an idle device
    this.stats.throttledAppends++;
    this.stats.throttledUs += blockedUs;
    return blockedUs;
  }

  /** Entries durable by now may be evicted: parked ones rejoin the LRU list. */
  private settleDurable(nowUs: Micros): void {
    const t = this.entries;
    let after = NO_ENTRY;
    for (let e = this.durableLog.peek(); e !== NO_ENTRY && t.durableAtUs[e]! <= nowUs; e = this.durableLog.peek()) {
      this.settledBytes = this.durableLog.peekValue();
      this.durableLog.shift();
      this.dirtyBytes -= t.sizeBytes[e]!; // dead ones too: their write had to complete
      if (!t.isDead(e) && this.cache.unpark(e, after)) after = e;
      t.dequeued(e, EntryFlag.inDurableLog);
    }
  }
}

function checkSize(sizeBytes: number, name: string): void {
  if (!(sizeBytes >= 0) || !Number.isFinite(sizeBytes)) throw new RangeError(`entry of "${name}" with size ${sizeBytes}`);
}
