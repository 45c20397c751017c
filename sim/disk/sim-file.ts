// A file handle: the entries as the process sees them plus the bookkeeping the storage
// stack needs per file. All behaviour lives in the storage stack (`FileHost`), which owns
// the shared device, page cache and write-back queue of the machine.

import type { DiskFile, Micros } from "../../core/env.ts";
import { RemovedFileError } from "./removed-file-error.ts";
import { SlotList } from "./slot-list.ts";

/** What a file asks of the machine's storage stack. */
export interface FileHost {
  append(f: SimFile<unknown>, entry: unknown, sizeBytes: number): Micros;
  truncate(f: SimFile<unknown>, entryCount: number): void;
  replace(f: SimFile<unknown>, entries: readonly unknown[], sizeBytes: readonly number[]): void;
  fsync(f: SimFile<unknown>): Micros;
  read(f: SimFile<unknown>, fromEntry: number, bytes: number): Micros;
}

export class SimFile<T> implements DiskFile<T> {
  /** The entries' values, in order; `entries` exposes this array without copying. */
  readonly values: T[] = [];
  /** The entries' slots in the machine's entry table, parallel to `values`. */
  readonly slots = new SlotList();
  sizeBytes = 0;
  /** Entries [0, assignedCount) have a known durability time; the rest wait for write-back or fsync. */
  assignedCount = 0;
  /** Bytes of the entries from `assignedCount` on. */
  unassignedBytes = 0;
  /** Entries [0, durableCount) were durable when last checked (a prefix only ever grows in time). */
  durableCount = 0;
  durableBytes = 0;
  /** When the file itself (its directory entry) first became durable; Infinity until then. */
  existsDurableAtUs: Micros = Number.POSITIVE_INFINITY;
  removed = false;
  /** Its id in the storage stack's entry table, given at its first append (-1 before). */
  storageId = -1;

  constructor(
    readonly name: string,
    private readonly host: FileHost,
  ) {}

  get entries(): readonly T[] {
    return this.values;
  }

  append(entry: T, sizeBytes: number): Micros {
    return this.live().append(this, entry, sizeBytes);
  }

  truncate(entryCount: number): void {
    this.live().truncate(this, entryCount);
  }

  replace(entries: readonly T[], sizeBytes: readonly number[]): void {
    this.live().replace(this, entries, sizeBytes);
  }

  fsync(): Micros {
    return this.live().fsync(this);
  }

  read(fromEntry: number, bytes: number): Micros {
    return this.live().read(this, fromEntry, bytes);
  }

  private live(): FileHost {
    if (this.removed) throw new RemovedFileError(this.name);
    return this.host;
  }
}
