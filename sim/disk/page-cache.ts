// The OS page cache of one machine, at entry granularity, with LRU eviction.
// Dirty entries (not yet durable) are never evicted, as in Linux. To keep eviction O(1)
// amortized even when the cache is full of dirty data, a dirty entry found at the LRU end
// is "parked": unlinked but still resident. The storage stack hands it back with `unpark`
// once it is durable, and it rejoins at the LRU end, where it was when it was parked
// (near-LRU: entries unparked later go in front of ones unparked earlier).
// A read of a parked entry makes it most recently used again.
// Leaves out: Linux's active/inactive lists and readahead. Dirty data is bounded by the
// storage stack's dirty limit (storage.ts), not here, so it may push the cache past its
// capacity when that limit is set above it.

import type { Micros } from "../../core/env.ts";
import { CacheState, NO_ENTRY, type EntryTable } from "./entry.ts";

export class PageCache {
  /** Least recently used end. */
  private head = NO_ENTRY;
  /** Most recently used end. */
  private tail = NO_ENTRY;
  private parkedCount = 0;
  /** Bytes resident, parked entries included. */
  residentBytes = 0;

  constructor(
    readonly capacityBytes: number,
    private readonly t: EntryTable,
  ) {}

  /** Makes an absent entry resident as the most recently used. */
  add(e: number): void {
    this.t.cache[e] = CacheState.listed;
    this.residentBytes += this.t.sizeBytes[e]!;
    this.linkTail(e);
  }

  /** Marks a resident entry most recently used. */
  touch(e: number): void {
    const cache = this.t.cache;
    if (cache[e] === CacheState.listed) {
      if (this.tail === e) return;
      this.unlink(e);
    } else if (cache[e] === CacheState.parked) {
      this.parkedCount--;
      cache[e] = CacheState.listed;
    } else {
      return;
    }
    this.linkTail(e);
  }

  /** Forgets an entry (truncated, replaced or removed), whatever its state. */
  drop(e: number): void {
    const cache = this.t.cache;
    if (cache[e] === CacheState.absent) return;
    if (cache[e] === CacheState.listed) this.unlink(e);
    else this.parkedCount--;
    cache[e] = CacheState.absent;
    this.residentBytes -= this.t.sizeBytes[e]!;
  }

  /**
   * A parked entry became durable: it rejoins at the LRU end, where it was parked, just
   * after `after` (the previous entry unparked in the same batch, or NO_ENTRY for the very
   * end) so a batch keeps its order. Returns whether it was parked.
   */
  unpark(e: number, after: number): boolean {
    const t = this.t;
    if (t.cache[e] !== CacheState.parked) return false;
    this.parkedCount--;
    t.cache[e] = CacheState.listed;
    const next = after === NO_ENTRY ? this.head : t.next[after]!;
    t.prev[e] = after;
    t.next[e] = next;
    if (after !== NO_ENTRY) t.next[after] = e;
    else this.head = e;
    if (next !== NO_ENTRY) t.prev[next] = e;
    else this.tail = e;
    return true;
  }

  /** Evicts clean entries from the LRU end until within capacity; returns bytes evicted. */
  evict(nowUs: Micros): number {
    const t = this.t;
    let evicted = 0;
    while (this.residentBytes > this.capacityBytes) {
      const e = this.head;
      if (e === NO_ENTRY) break; // only parked (dirty) entries left
      this.unlink(e);
      if (t.durableAtUs[e]! <= nowUs) {
        t.cache[e] = CacheState.absent;
        this.residentBytes -= t.sizeBytes[e]!;
        evicted += t.sizeBytes[e]!;
      } else {
        t.cache[e] = CacheState.parked;
        this.parkedCount++;
      }
    }
    return evicted;
  }

  /** Power loss: memory is gone. Callers drop every dirty entry first. */
  clear(): void {
    if (this.parkedCount !== 0) throw new Error(`page cache cleared with ${this.parkedCount} dirty entries parked`);
    const t = this.t;
    for (let e = this.head; e !== NO_ENTRY; ) {
      const next = t.next[e]!;
      t.cache[e] = CacheState.absent;
      t.prev[e] = NO_ENTRY;
      t.next[e] = NO_ENTRY;
      e = next;
    }
    this.head = NO_ENTRY;
    this.tail = NO_ENTRY;
    this.residentBytes = 0;
  }

  private linkTail(e: number): void {
    const t = this.t;
    t.next[e] = NO_ENTRY;
    t.prev[e] = this.tail;
    if (this.tail !== NO_ENTRY) t.next[this.tail] = e;
    else this.head = e;
    this.tail = e;
  }

  private unlink(e: number): void {
    const t = this.t;
    const prev = t.prev[e]!;
    const next = t.next[e]!;
    if (prev !== NO_ENTRY) t.next[prev] = next;
    else this.head = next;
    if (next !== NO_ENTRY) t.prev[next] = prev;
    else this.tail = prev;
    t.prev[e] = NO_ENTRY;
    t.next[e] = NO_ENTRY;
  }
}
