// A file handle: the entries as the process sees them plus the bookkeeping the storage
// stack needs per file. All behaviour lives in the storage stack (`FileHost`), which owns
// the shared device, page cache and write-back queue of the machine.

import type { DiskFile, Micros } from "../../core/env.ts";
import type { EntryMeta, EntryOwner } from "./entry.ts";
import { RemovedFileError } from "./removed-file-error.ts";

/** What a file asks of the machine's storage stack. */
export interface FileHost {
  append(f: SimFile<unknown>, entry: unknown, sizeBytes: number): Micros;
  truncate(f: SimFile<unknown>, entryCount: number): void;
  replace(f: SimFile<unknown>, entries: readonly unknown[], sizeBytes: readonly number[]): void;
  fsync(f: SimFile<unknown>): Micros;
  read(f: SimFile<unknown>, fromEntry: number, bytes: number): Micros;
}

export class SimFile<T> implements DiskFile<T>, EntryOwner {
  /** The entries' values, in order; `entries` exposes this array without copying. */
  readonly values: T[] = [];
  /** One record per entry, parallel to `values`. */
  readonly metas: EntryMeta[] = [];
  sizeBytes = 0;
  assignedCount = 0;
  unassignedBytes = 0;
  /** Entries [0, durableCount) were durable when last checked (a prefix only ever grows in time). */
  durableCount = 0;
  durableBytes = 0;
  existsDurableAtUs: Micros = Number.POSITIVE_INFINITY;
  removed = false;

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
