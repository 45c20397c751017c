// A piecewise-constant value over simulated time: the value at t is the last one set at or
// before t. Appends come in time order (the trace's), so a lookup is one binary search.

export class StepSeries<T> {
  readonly times: number[] = [];
  readonly values: T[] = [];

  constructor(readonly initial: T) {}

  /** Sets the value from `timeUs` on; a second set at the same time replaces the first. */
  set(timeUs: number, value: T): void {
    const last = this.times.length - 1;
    if (last >= 0 && this.times[last] === timeUs) {
      this.values[last] = value;
      return;
    }
    this.times.push(timeUs);
    this.values.push(value);
  }

  /** The latest value (what `set` last stored), or the initial one. */
  get last(): T {
    return this.values.length === 0 ? this.initial : this.values[this.values.length - 1]!;
  }

  /** Index of the last change at or before t, or -1. */
  indexAt(timeUs: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= timeUs) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  at(timeUs: number): T {
    const i = this.indexAt(timeUs);
    return i < 0 ? this.initial : this.values[i]!;
  }

  /** The constant segments overlapping [fromUs, toUs], for drawing bands. */
  segments(fromUs: number, toUs: number): { fromUs: number; toUs: number; value: T }[] {
    const out: { fromUs: number; toUs: number; value: T }[] = [];
    const i = this.indexAt(fromUs);
    let start = fromUs;
    let value = i < 0 ? this.initial : this.values[i]!;
    for (let j = i + 1; j < this.times.length && this.times[j]! <= toUs; j++) {
      out.push({ fromUs: start, toUs: this.times[j]!, value });
      start = this.times[j]!;
      value = this.values[j]!;
    }
    out.push({ fromUs: start, toUs, value });
    return out;
  }
}

/** Two numbers over time in flat arrays (a replica's LEO and HW change tens of thousands of times). */
export class PairSeries {
  private times: number[] = [];
  private a: number[] = [];
  private b: number[] = [];

  constructor(
    readonly initialA: number,
    readonly initialB: number,
  ) {}

  get lastA(): number {
    return this.a.length === 0 ? this.initialA : this.a[this.a.length - 1]!;
  }

  get lastB(): number {
    return this.b.length === 0 ? this.initialB : this.b[this.b.length - 1]!;
  }

  set(timeUs: number, a: number, b: number): void {
    const last = this.times.length - 1;
    if (last >= 0 && this.times[last] === timeUs) {
      this.a[last] = a;
      this.b[last] = b;
      return;
    }
    this.times.push(timeUs);
    this.a.push(a);
    this.b.push(b);
  }

  at(timeUs: number): [number, number] {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= timeUs) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    return i < 0 ? [this.initialA, this.initialB] : [this.a[i]!, this.b[i]!];
  }
}
