// One entry of a simulated file as the storage stack tracks it: its size, when it was
// appended, when it becomes durable and where it sits in the page cache. One small object
// per append is the only allocation on the append path; reads allocate nothing.

import type { Micros } from "../../core/env.ts";

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

/** What an entry needs to know about its file (kept structural to avoid an import cycle). */
export interface EntryOwner {
  readonly name: string;
  readonly metas: readonly EntryMeta[];
  /** Entries [0, assignedCount) have a known `durableAtUs`; the rest wait for write-back or fsync. */
  assignedCount: number;
  /** Bytes of the entries from `assignedCount` on. */
  unassignedBytes: number;
  /** When the file itself (its directory entry) first became durable; Infinity until then. */
  existsDurableAtUs: Micros;
}

export class EntryMeta {
  /**
   * When the entry is on stable storage. Infinity while nobody has scheduled the write:
   * write-back is charged lazily, so "unknown" and "not yet" are the same until then.
   */
  durableAtUs: Micros = Number.POSITIVE_INFINITY;
  /**
   * Bytes assigned a durability time on this machine up to and including this entry: the
   * dirty-limit throttle finds by it how much write-back must complete before a writer resumes.
   */
  assignedUpToBytes = 0;
  /** When a device read that brought it into the cache completes (a hit waits for it). */
  readyAtUs: Micros = 0;
  cache: CacheState = CacheState.listed;
  /** Truncated, replaced or removed: queues holding it skip it instead of searching. */
  dead = false;
  /** Intrusive LRU links (toward least / most recently used). */
  prev: EntryMeta | null = null;
  next: EntryMeta | null = null;

  constructor(
    readonly sizeBytes: number,
    readonly appendedAtUs: Micros,
    readonly owner: EntryOwner,
  ) {}
}
