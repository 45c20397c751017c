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
import { CacheState, type EntryMeta } from "./entry.ts";

export class PageCache {
  /** Least recently used end. */
  private head: EntryMeta | null = null;
  /** Most recently used end. */
  private tail: EntryMeta | null = null;
  private parkedCount = 0;
  /** Bytes resident, parked entries included. */
  residentBytes = 0;

  constructor(readonly capacityBytes: number) {}

  /** Makes an absent entry resident as the most recently used. */
  add(e: EntryMeta): void {
    e.cache = CacheState.listed;
    this.residentBytes += e.sizeBytes;
    this.linkTail(e);
  }

  /** Marks a resident entry most recently used. */
  touch(e: EntryMeta): void {
    if (e.cache === CacheState.listed) {
      if (this.tail === e) return;
      this.unlink(e);
    } else if (e.cache === CacheState.parked) {
      this.parkedCount--;
      e.cache = CacheState.listed;
    } else {
      return;
    }
    this.linkTail(e);
  }

  /** Forgets an entry (truncated, replaced or removed), whatever its state. */
  drop(e: EntryMeta): void {
    if (e.cache === CacheState.absent) return;
    if (e.cache === CacheState.listed) this.unlink(e);
    else this.parkedCount--;
    e.cache = CacheState.absent;
    this.residentBytes -= e.sizeBytes;
  }

  /**
   * A parked entry became durable: it rejoins at the LRU end, where it was parked, just
   * after `after` (the previous entry unparked in the same batch, or null for the very
   * end) so a batch keeps its order. Returns whether it was parked.
   */
  unpark(e: EntryMeta, after: EntryMeta | null): boolean {
    if (e.cache !== CacheState.parked) return false;
    this.parkedCount--;
    e.cache = CacheState.listed;
    const next = after === null ? this.head : after.next;
    e.prev = after;
    e.next = next;
    if (after !== null) after.next = e;
    else this.head = e;
    if (next !== null) next.prev = e;
    else this.tail = e;
    return true;
  }

  /** Evicts clean entries from the LRU end until within capacity; returns bytes evicted. */
  evict(nowUs: Micros): number {
    let evicted = 0;
    while (this.residentBytes > this.capacityBytes) {
      const e = this.head;
      if (e === null) break; // only parked (dirty) entries left
      this.unlink(e);
      if (e.durableAtUs <= nowUs) {
        e.cache = CacheState.absent;
        this.residentBytes -= e.sizeBytes;
        evicted += e.sizeBytes;
      } else {
        e.cache = CacheState.parked;
        this.parkedCount++;
      }
    }
    return evicted;
  }

  /** Power loss: memory is gone. Callers drop every dirty entry first. */
  clear(): void {
    if (this.parkedCount !== 0) throw new Error(`page cache cleared with ${this.parkedCount} dirty entries parked`);
    for (let e = this.head; e !== null; ) {
      const next = e.next;
      e.cache = CacheState.absent;
      e.prev = null;
      e.next = null;
      e = next;
    }
    this.head = null;
    this.tail = null;
    this.residentBytes = 0;
  }

  private linkTail(e: EntryMeta): void {
    e.next = null;
    e.prev = this.tail;
    if (this.tail !== null) this.tail.next = e;
    else this.head = e;
    this.tail = e;
  }

  private unlink(e: EntryMeta): void {
    if (e.prev !== null) e.prev.next = e.next;
    else this.head = e.next;
    if (e.next !== null) e.next.prev = e.prev;
    else this.tail = e.prev;
    e.prev = null;
    e.next = null;
  }
}
