// The smallest Disk (core/env.ts) that a PartitionLog can live on: files are arrays in memory,
// everything is durable at once and every read or fsync takes no time. The rule tests need a
// log's offsets, not its I/O, so the page cache and device of sim/disk are left out.

import type { Disk, DiskFile, Micros } from "../../core/env.ts";

class MemFile<T> implements DiskFile<T> {
  entries: T[] = [];
  private sizes: number[] = [];
  sizeBytes = 0;

  constructor(readonly name: string) {}

  append(entry: T, sizeBytes: number): Micros {
    this.entries.push(entry);
    this.sizes.push(sizeBytes);
    this.sizeBytes += sizeBytes;
    return 0;
  }

  truncate(entryCount: number): void {
    this.entries = this.entries.slice(0, entryCount);
    this.sizes = this.sizes.slice(0, entryCount);
    this.sizeBytes = this.sizes.reduce((a, b) => a + b, 0);
  }

  replace(entries: readonly T[], sizeBytes: readonly number[]): void {
    this.entries = [...entries];
    this.sizes = [...sizeBytes];
    this.sizeBytes = this.sizes.reduce((a, b) => a + b, 0);
  }

  fsync(): Micros {
    return 0;
  }

  read(): Micros {
    return 0;
  }
}

export class MemDisk implements Disk {
  private readonly files = new Map<string, MemFile<unknown>>();

  open<T>(name: string): DiskFile<T> {
    let f = this.files.get(name);
    if (f === undefined) {
      f = new MemFile<unknown>(name);
      this.files.set(name, f);
    }
    return f as DiskFile<T>;
  }

  exists(name: string): boolean {
    return this.files.has(name);
  }

  list(prefix: string): string[] {
    return [...this.files.keys()].filter((n) => n.startsWith(prefix));
  }

  remove(name: string): void {
    this.files.delete(name);
  }
}
