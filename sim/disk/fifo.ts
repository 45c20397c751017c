// A first-in first-out queue of entry slots (Int32) with a moving head, so shifting is O(1);
// the live part is moved to the front in place once the consumed part dominates.

import { NO_ENTRY } from "./entry.ts";

export class SlotFifo {
  private items = new Int32Array(1024);
  private head = 0;
  private tail = 0;

  get size(): number {
    return this.tail - this.head;
  }

  push(slot: number): void {
    if (this.tail === this.items.length) this.makeRoom();
    this.items[this.tail++] = slot;
  }

  /** The head slot, or NO_ENTRY when empty. */
  peek(): number {
    return this.head < this.tail ? this.items[this.head]! : NO_ENTRY;
  }

  /** The slot `i` places behind the head (0 is the head), or NO_ENTRY past the end. */
  at(i: number): number {
    const j = this.head + i;
    return i >= 0 && j < this.tail ? this.items[j]! : NO_ENTRY;
  }

  /** Removes and returns the head slot, or NO_ENTRY when empty. */
  shift(): number {
    if (this.head >= this.tail) return NO_ENTRY;
    return this.items[this.head++]!;
  }

  clear(): void {
    this.head = 0;
    this.tail = 0;
  }

  private makeRoom(): void {
    const live = this.tail - this.head;
    if (this.head * 2 >= this.items.length) {
      this.items.copyWithin(0, this.head, this.tail);
    } else {
      const bigger = new Int32Array(this.items.length * 2);
      bigger.set(this.items.subarray(this.head, this.tail));
      this.items = bigger;
    }
    this.head = 0;
    this.tail = live;
  }
}
