// The general sticky assignment's `TreeSet<String>(SubscriptionComparator)`: members ordered by
// how many partitions they currently hold, then by member id. Kafka always removes a member
// before changing its count and re-adds it after, so a sorted array with the same discipline
// walks in the same order as the TreeSet.
// Source: AbstractStickyAssignor.SubscriptionComparator.

import { javaCompare } from "./topic-partition.ts";

export class SortedConsumers {
  private readonly items: string[] = [];

  constructor(private readonly sizeOf: (consumer: string) => number) {}

  private compare(a: string, b: string): number {
    return this.sizeOf(a) - this.sizeOf(b) || javaCompare(a, b);
  }

  add(consumer: string): void {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compare(this.items[mid]!, consumer);
      if (c === 0) return; // already present, as TreeSet.add
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, consumer);
  }

  remove(consumer: string): void {
    const i = this.items.indexOf(consumer);
    if (i >= 0) this.items.splice(i, 1);
  }

  first(): string {
    const c = this.items[0];
    if (c === undefined) throw new Error("no consumers");
    return c;
  }

  last(): string {
    const c = this.items[this.items.length - 1];
    if (c === undefined) throw new Error("no consumers");
    return c;
  }

  /** Ascending by (count, id). Callers must not add or remove while iterating. */
  [Symbol.iterator](): Iterator<string> {
    return this.items[Symbol.iterator]();
  }
}
