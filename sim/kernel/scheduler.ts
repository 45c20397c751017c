// The event queue and the simulated clock.
// Models: a single-threaded discrete-event loop over integer-microsecond time. Events are
// ordered by (time, insertion sequence), so ties break in the order they were scheduled
// and one seed gives one order. Cancellation is lazy: a cancelled event stays in the heap
// and is skipped when it surfaces (cheaper than a heap delete, and as deterministic).
// Leaves out: wall-clock pacing; that belongs to the visualizer, never to this loop.

import type { Micros, TimerHandle } from "../../core/env.ts";

export interface ScheduledEvent extends TimerHandle {
  timeUs: Micros;
  seq: number;
  cancelled: boolean;
  /** In the heap (not yet fired or dropped). */
  queued: boolean;
  run: (ev: ScheduledEvent) => void;
  /** Free slots for the caller, so hot paths need no closure per event. */
  a: unknown;
  b: unknown;
  c: unknown;
}

export class EventLimitExceeded extends Error {
  constructor(readonly limit: number, readonly atUs: Micros) {
    super(`event limit of ${limit} reached at ${atUs / 1000} ms simulated; the scenario is too dense (lower rates or duration) or a node loops without progress`);
  }
}

export class Scheduler {
  private readonly heap: ScheduledEvent[] = [];
  /** Cancelled events still in the heap; past half the heap they are swept out at once. */
  private cancelledQueued = 0;
  private seqCounter = 0;
  private clockUs: Micros = 0;
  /** Events run so far (cancelled ones are not counted). */
  processed = 0;
  /** Hard bound on events per run: a runaway model fails loudly instead of hanging. */
  eventLimit = Number.MAX_SAFE_INTEGER;
  /** How far a running event may move the clock (runAheadTo): the current run's end, or never outside a run. */
  private aheadLimitUs: Micros = Number.NEGATIVE_INFINITY;

  now(): Micros {
    return this.clockUs;
  }

  get pending(): number {
    return this.heap.length;
  }

  /** Schedules `run` at now + delay (delay is clamped to ≥ 0 and rounded to whole µs). */
  after(delayUs: Micros, run: (ev: ScheduledEvent) => void, a?: unknown, b?: unknown, c?: unknown): ScheduledEvent {
    const d = delayUs > 0 ? Math.round(delayUs) : 0;
    return this.at(this.clockUs + d, run, a, b, c);
  }

  at(timeUs: Micros, run: (ev: ScheduledEvent) => void, a?: unknown, b?: unknown, c?: unknown): ScheduledEvent {
    const ev: ScheduledEvent = {
      __timer: true,
      timeUs: timeUs < this.clockUs ? this.clockUs : timeUs,
      seq: this.seqCounter++,
      cancelled: false,
      queued: true,
      run,
      a,
      b,
      c,
    };
    this.push(ev);
    return ev;
  }

  cancel(handle: TimerHandle): void {
    const ev = handle as ScheduledEvent;
    if (ev.cancelled) return;
    ev.cancelled = true;
    if (!ev.queued) return;
    this.cancelledQueued++;
    if (this.cancelledQueued > 1024 && this.cancelledQueued * 2 > this.heap.length) this.sweep();
  }

  /** Drops every cancelled event and rebuilds the heap (Floyd's heapify, O(n)). */
  private sweep(): void {
    // In place: loops hold a reference to this array.
    const heap = this.heap;
    let n = 0;
    for (const ev of heap) {
      if (ev.cancelled) ev.queued = false;
      else heap[n++] = ev;
    }
    heap.length = n;
    this.cancelledQueued = 0;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i, heap[i]!);
  }

  /** Time of the next live event, or undefined when idle. */
  peekTime(): Micros | undefined {
    this.dropCancelledHead();
    return this.heap[0]?.timeUs;
  }

  /** Runs exactly one event; returns false when there is none. */
  step(): boolean {
    this.dropCancelledHead();
    const ev = this.pop();
    if (ev === undefined) return false;
    this.fire(ev);
    return true;
  }

  /** Runs every event with time ≤ untilUs, then sets the clock to untilUs. */
  runUntil(untilUs: Micros): void {
    const heap = this.heap;
    const outerLimitUs = this.aheadLimitUs;
    this.aheadLimitUs = untilUs;
    try {
      while (heap.length > 0) {
        const head = heap[0]!;
        if (head.timeUs > untilUs) break;
        this.pop();
        if (!head.cancelled) this.fire(head);
      }
    } finally {
      this.aheadLimitUs = outerLimitUs;
    }
    if (untilUs > this.clockUs) this.clockUs = untilUs;
  }

  /** Runs until no event is left (or the limit trips). */
  runUntilIdle(): void {
    const outerLimitUs = this.aheadLimitUs;
    this.aheadLimitUs = Number.POSITIVE_INFINITY;
    try {
      while (this.step()) {
        /* keep stepping */
      }
    } finally {
      this.aheadLimitUs = outerLimitUs;
    }
  }

  /**
   * Called from inside a running event: moves the clock forward to `timeUs` if no other
   * event comes at or before it and the current run reaches it. Nothing else in the world can
   * then tell this from a separate event at `timeUs` (lookahead in conservative simulation),
   * so an event may take a private series of due work, such as a producer's record arrivals,
   * at its own times without an event each. A lone step() never runs ahead.
   */
  runAheadTo(timeUs: Micros): boolean {
    if (timeUs <= this.clockUs) return timeUs === this.clockUs;
    if (timeUs > this.aheadLimitUs) return false;
    this.dropCancelledHead();
    const head = this.heap[0];
    if (head !== undefined && head.timeUs <= timeUs) return false;
    this.clockUs = timeUs;
    return true;
  }

  private fire(ev: ScheduledEvent): void {
    this.clockUs = ev.timeUs;
    if (++this.processed > this.eventLimit) throw new EventLimitExceeded(this.eventLimit, this.clockUs);
    ev.run(ev);
  }

  private dropCancelledHead(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
  }

  private push(ev: ScheduledEvent): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(ev);
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (parent.timeUs < ev.timeUs || (parent.timeUs === ev.timeUs && parent.seq < ev.seq)) break;
      heap[i] = parent;
      i = parentIndex;
    }
    heap[i] = ev;
  }

  private pop(): ScheduledEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top !== undefined) {
      top.queued = false;
      if (top.cancelled) this.cancelledQueued--;
    }
    if (top === undefined || last === undefined || heap.length === 0) return top;
    this.siftDown(0, last);
    return top;
  }

  /** Places `last` at index `i` and sifts it down to where it belongs. */
  private siftDown(start: number, last: ScheduledEvent): void {
    const heap = this.heap;
    const n = heap.length;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let child = l;
      let c = heap[l]!;
      if (r < n) {
        const rc = heap[r]!;
        if (rc.timeUs < c.timeUs || (rc.timeUs === c.timeUs && rc.seq < c.seq)) {
          child = r;
          c = rc;
        }
      }
      if (last.timeUs < c.timeUs || (last.timeUs === c.timeUs && last.seq < c.seq)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
  }
}
