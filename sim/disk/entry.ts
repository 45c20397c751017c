// The entries of every file on one machine as the storage stack tracks them: size, when each
// becomes durable and where it sits in the page cache. One slot of typed columns per entry
// (30 bytes, no object), recycled once the entry is dead and no queue
// holds it, so the append path allocates nothing once the table has grown to its working size.
// A slot lives as long as its entry (a segment keeps its batches for days), so what only
// matters for a while lives elsewhere: the append time in the write-back queue, the bytes
// assigned so far in the durable log (fifo.ts), and the time an in-flight device read
// completes in a small map, flagged in the slot, until the read is done.

import type { Micros } from "../../core/env.ts";
import { withCapacity } from "../../core/typed-arrays.ts";

/** "No entry" in links and queues. */
export const NO_ENTRY = -1;

/** Where an entry is in the page cache (`as const` object, not an enum, per STYLE.md). */
export const CacheState = {
  /** Not in memory: reading it costs a device read. */
  absent: 0,
  /** Resident and linked in the LRU list. */
  listed: 1,
  /** Resident but dirty when it reached the LRU end: held aside until it is durable. */
  parked: 2,
} as const;
export type CacheState = (typeof CacheState)[keyof typeof CacheState];

/** Flags of a slot: dead (truncated, replaced or removed) and the queues still holding it. */
export const EntryFlag = {
  dead: 1,
  inWriteback: 2,
  inDurableLog: 4,
  /** A device read bringing it into the cache was in flight when last looked at (`readyAtUs`). */
  reading: 8,
} as const;

const INITIAL_SLOTS = 1024;

export class EntryTable {
  sizeBytes = new Float64Array(INITIAL_SLOTS);
  /**
   * When the entry is on stable storage. Infinity while nobody has scheduled the write:
   * write-back is charged lazily, so "unknown" and "not yet" are the same until then.
   */
  durableAtUs = new Float64Array(INITIAL_SLOTS);
  /** Intrusive LRU links (toward least / most recently used), NO_ENTRY at the ends. */
  prev = new Int32Array(INITIAL_SLOTS);
  next = new Int32Array(INITIAL_SLOTS);
  cache = new Uint8Array(INITIAL_SLOTS);
  flags = new Uint8Array(INITIAL_SLOTS);
  /** The file each entry belongs to, by the storage stack's file id (-1 once its slot is free). */
  ownerId = new Int32Array(INITIAL_SLOTS);
  /** When a device read that brought a `reading` entry into the cache completes (a hit waits for it). */
  private readonly readyAt = new Map<number, number>();
  private freeSlots = new Int32Array(INITIAL_SLOTS);
  private freeCount = 0;
  /** Slots ever handed out: [0, used). */
  private used = 0;

  /** Slots holding an entry now (live, or dead but still queued). */
  get liveSlots(): number {
    return this.used - this.freeCount;
  }

  alloc(sizeBytes: number, ownerId: number): number {
    let slot: number;
    if (this.freeCount > 0) {
      slot = this.freeSlots[--this.freeCount]!;
    } else {
      if (this.used === this.sizeBytes.length) this.grow();
      slot = this.used++;
    }
    this.sizeBytes[slot] = sizeBytes;
    this.durableAtUs[slot] = Number.POSITIVE_INFINITY;
    this.prev[slot] = NO_ENTRY;
    this.next[slot] = NO_ENTRY;
    this.cache[slot] = CacheState.absent;
    this.flags[slot] = 0;
    this.ownerId[slot] = ownerId;
    return slot;
  }

  isDead(slot: number): boolean {
    return (this.flags[slot]! & EntryFlag.dead) !== 0;
  }

  /** When a read in flight at `nowUs` brings the entry in, or `nowUs` if none is. */
  readyAtUs(slot: number, nowUs: Micros): Micros {
    if ((this.flags[slot]! & EntryFlag.reading) === 0) return nowUs;
    const readyUs = this.readyAt.get(slot)!;
    if (readyUs > nowUs) return readyUs;
    this.clearReading(slot); // done: the clock only moves forward
    return nowUs;
  }

  setReadyAtUs(slot: number, readyUs: Micros): void {
    this.flags[slot]! |= EntryFlag.reading;
    this.readyAt.set(slot, readyUs);
  }

  markDead(slot: number): void {
    if ((this.flags[slot]! & EntryFlag.reading) !== 0) this.clearReading(slot);
    this.flags[slot]! |= EntryFlag.dead;
    this.releaseIfUnused(slot);
  }

  /** A queue took the slot (`flag` is inWriteback or inDurableLog). */
  enqueued(slot: number, flag: number): void {
    this.flags[slot]! |= flag;
  }

  /** A queue let the slot go: a dead slot no queue holds any more is free again. */
  dequeued(slot: number, flag: number): void {
    this.flags[slot]! &= ~flag;
    this.releaseIfUnused(slot);
  }

  private clearReading(slot: number): void {
    this.flags[slot]! &= ~EntryFlag.reading;
    this.readyAt.delete(slot);
  }

  private releaseIfUnused(slot: number): void {
    if (this.flags[slot] !== EntryFlag.dead) return;
    this.flags[slot] = 0;
    this.ownerId[slot] = -1;
    if (this.freeCount === this.freeSlots.length) this.freeSlots = withCapacity(this.freeSlots, this.freeSlots.length * 2);
    this.freeSlots[this.freeCount++] = slot;
  }

  private grow(): void {
    const n = this.sizeBytes.length * 2;
    this.sizeBytes = withCapacity(this.sizeBytes, n);
    this.durableAtUs = withCapacity(this.durableAtUs, n);
    this.prev = withCapacity(this.prev, n);
    this.next = withCapacity(this.next, n);
    this.cache = withCapacity(this.cache, n);
    this.flags = withCapacity(this.flags, n);
    this.ownerId = withCapacity(this.ownerId, n);
  }
}
