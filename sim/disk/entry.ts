// The entries of every file on one machine as the storage stack tracks them: size, append
// time, when each becomes durable and where it sits in the page cache. One slot of typed
// columns per entry (about 60 bytes, no object), recycled once the entry is dead and no queue
// holds it, so the append path allocates nothing once the table has grown to its working size.

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
} as const;

const INITIAL_SLOTS = 1024;

export class EntryTable<Owner> {
  sizeBytes = new Float64Array(INITIAL_SLOTS);
  appendedAtUs = new Float64Array(INITIAL_SLOTS);
  /**
   * When the entry is on stable storage. Infinity while nobody has scheduled the write:
   * write-back is charged lazily, so "unknown" and "not yet" are the same until then.
   */
  durableAtUs = new Float64Array(INITIAL_SLOTS);
  /**
   * Bytes assigned a durability time on this machine up to and including this entry: the
   * dirty-limit throttle finds by it how much write-back must complete before a writer resumes.
   */
  assignedUpToBytes = new Float64Array(INITIAL_SLOTS);
  /** When a device read that brought it into the cache completes (a hit waits for it). */
  readyAtUs = new Float64Array(INITIAL_SLOTS);
  /** Intrusive LRU links (toward least / most recently used), NO_ENTRY at the ends. */
  prev = new Int32Array(INITIAL_SLOTS);
  next = new Int32Array(INITIAL_SLOTS);
  cache = new Uint8Array(INITIAL_SLOTS);
  flags = new Uint8Array(INITIAL_SLOTS);
  /** The file each entry belongs to (null once its slot is free). */
  readonly owner: (Owner | null)[] = [];
  private freeSlots = new Int32Array(INITIAL_SLOTS);
  private freeCount = 0;
  /** Slots ever handed out: [0, used). */
  private used = 0;

  /** Slots holding an entry now (live, or dead but still queued). */
  get liveSlots(): number {
    return this.used - this.freeCount;
  }

  alloc(sizeBytes: number, appendedAtUs: Micros, owner: Owner): number {
    let slot: number;
    if (this.freeCount > 0) {
      slot = this.freeSlots[--this.freeCount]!;
    } else {
      if (this.used === this.sizeBytes.length) this.grow();
      slot = this.used++;
    }
    this.sizeBytes[slot] = sizeBytes;
    this.appendedAtUs[slot] = appendedAtUs;
    this.durableAtUs[slot] = Number.POSITIVE_INFINITY;
    this.assignedUpToBytes[slot] = 0;
    this.readyAtUs[slot] = 0;
    this.prev[slot] = NO_ENTRY;
    this.next[slot] = NO_ENTRY;
    this.cache[slot] = CacheState.absent;
    this.flags[slot] = 0;
    this.owner[slot] = owner;
    return slot;
  }

  isDead(slot: number): boolean {
    return (this.flags[slot]! & EntryFlag.dead) !== 0;
  }

  markDead(slot: number): void {
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

  private releaseIfUnused(slot: number): void {
    if (this.flags[slot] !== EntryFlag.dead) return;
    this.flags[slot] = 0;
    this.owner[slot] = null;
    if (this.freeCount === this.freeSlots.length) this.freeSlots = withCapacity(this.freeSlots, this.freeSlots.length * 2);
    this.freeSlots[this.freeCount++] = slot;
  }

  private grow(): void {
    const n = this.sizeBytes.length * 2;
    this.sizeBytes = withCapacity(this.sizeBytes, n);
    this.appendedAtUs = withCapacity(this.appendedAtUs, n);
    this.durableAtUs = withCapacity(this.durableAtUs, n);
    this.assignedUpToBytes = withCapacity(this.assignedUpToBytes, n);
    this.readyAtUs = withCapacity(this.readyAtUs, n);
    this.prev = withCapacity(this.prev, n);
    this.next = withCapacity(this.next, n);
    this.cache = withCapacity(this.cache, n);
    this.flags = withCapacity(this.flags, n);
  }
}
