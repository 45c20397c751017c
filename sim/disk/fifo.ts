// A first-in first-out queue of entry slots (Int32), each with a number beside it (Float64:
// what the queue needs to know of the entry only while it holds it), with a moving head, so
// shifting is O(1); the live part is moved to the front in place once the consumed part dominates.

import { NO_ENTRY } from "./entry.ts";

export class SlotFifo {
  private items = new Int32Array(1024);
  private values = new Float64Array(1024);
  private head = 0;
  private tail = 0;

  get size(): number {
    return this.tail - this.head;
  }

  push(slot: number, value: number): void {
    if (this.tail === this.items.length) this.makeRoom();
    this.values[this.tail] = value;
    this.items[this.tail++] = slot;
  }

  /** The head slot, or NO_ENTRY when empty. */
  peek(): number {
    return this.head < this.tail ? this.items[this.head]! : NO_ENTRY;
  }

  /** The head slot's value (call only when not empty). */
  peekValue(): number {
    return this.values[this.head]!;
  }

  /** The slot `i` places behind the head (0 is the head), or NO_ENTRY past the end. */
  at(i: number): number {
    const j = this.head + i;
    return i >= 0 && j < this.tail ? this.items[j]! : NO_ENTRY;
  }

  /** The value of the slot `i` places behind the head (0 ≤ i < size). */
  valueAt(i: number): number {
    return this.values[this.head + i]!;
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
      this.values.copyWithin(0, this.head, this.tail);
    } else {
      const items = new Int32Array(this.items.length * 2);
      const values = new Float64Array(this.items.length * 2);
      items.set(this.items.subarray(this.head, this.tail));
      values.set(this.values.subarray(this.head, this.tail));
      this.items = items;
      this.values = values;
    }
    this.head = 0;
    this.tail = live;
  }
}
