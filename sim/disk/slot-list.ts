// A growable list of entry slots (Int32), for a file's entries in order: 4 bytes an entry.

import { withCapacity } from "../../core/typed-arrays.ts";

const INITIAL = 16;

export class SlotList {
  private slots = new Int32Array(INITIAL);
  length = 0;

  get(i: number): number {
    return this.slots[i]!;
  }

  push(slot: number): void {
    this.slots = withCapacity(this.slots, this.length + 1);
    this.slots[this.length++] = slot;
  }

  /** Keeps the first `length` slots. */
  truncate(length: number): void {
    if (length < this.length) this.length = length;
  }
}
