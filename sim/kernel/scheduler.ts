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
  /** Scheduled by post(): nobody holds it, so it is reused once it has run. */
  recycle: boolean;
}

/** Events between two onCheckpoint calls: tens of milliseconds of wall time. */
export const CHECKPOINT_EVENTS = 65_536;
/** The last events before the event limit, described and counted to say what made the run dense. */
export const LIMIT_SAMPLE_EVENTS = 4096;

/** Events ran at one simulated instant past `instantLimit`: something loops without time moving. */
export class NoProgress extends Error {
  constructor(
    readonly events: number,
    readonly atUs: Micros,
    /** What is waiting at that instant, most frequent first: "broker-1 receives Fetch from broker-2 ×2". */
    readonly pending: readonly string[],
  ) {
    super(`no progress: ${events} events at ${atUs} µs`);
  }
}

export class EventLimitExceeded extends Error {
  constructor(
    readonly limit: number,
    readonly atUs: Micros,
    /** The most frequent of the last LIMIT_SAMPLE_EVENTS events: what makes the run dense. */
    readonly busiest: readonly string[] = [],
  ) {
    super(`event limit of ${limit} reached at ${atUs / 1000} ms simulated; the scenario is too dense (lower rates or duration) or a node loops without progress`);
  }
}

export class Scheduler {
  /**
   * A binary heap ordered by (time, seq) over flat arrays, index for index: the keys, and the
   * event's slot in `slab`. Sifting moves numbers only — no event object is loaded per
   * comparison nor stored per move — which is what keeps a heap of 100k pending events fast.
   */
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private slots = new Int32Array(1024);
  private size = 0;
  /** Queued events by slot; a slot is free again once its event leaves the heap. */
  private readonly slab: (ScheduledEvent | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  /** Cancelled events still in the heap; past half the heap they are swept out at once. */
  private cancelledQueued = 0;
  /** Posted events that have run, ready for reuse. */
  private readonly pool: ScheduledEvent[] = [];
  private seqCounter = 0;
  private clockUs: Micros = 0;
  /** Events run so far (cancelled ones are not counted). */
  processed = 0;
  private limit = Number.MAX_SAFE_INTEGER;
  /**
   * Runs every CHECKPOINT_EVENTS events, between two events (a memory budget may throw from it).
   * It shares the event limit's one comparison per event: the next checkpoint is whichever comes first.
   */
  onCheckpoint: (() => void) | null = null;
  /** checkpoint() runs when `processed` passes this: the next regular checkpoint, or each event near the limit. */
  private nextCheckpoint = 0;
  private nextRegular = 0;
  private sampleFrom = Number.MAX_SAFE_INTEGER;
  private readonly sample = new Map<string, number>();
  /**
   * Events that may run at one simulated instant before the run is declared stuck (checked at
   * checkpoints, so found within CHECKPOINT_EVENTS of it). Nothing in Kafka takes no time, so a
   * model that spins in zero time (zero latency and a zero fetch wait, say) is a loop, not load.
   */
  instantLimit = Number.MAX_SAFE_INTEGER;
  /** Names an event for a NoProgress report (the world knows messages and timers). */
  describeEvent: ((ev: ScheduledEvent) => string | null) | null = null;
  private instantUs = -1;
  private instantSince = 0;

  /** Hard bound on events per run: a runaway model fails loudly instead of hanging. */
  get eventLimit(): number {
    return this.limit;
  }

  set eventLimit(limit: number) {
    this.limit = limit;
    this.sampleFrom = limit - LIMIT_SAMPLE_EVENTS;
    this.nextCheckpoint = Math.min(this.nextCheckpoint, this.sampleFrom);
  }
  /** Runs after every event (invariant checks); null costs one comparison per event. */
  afterEvent: (() => void) | null = null;
  /** How far a running event may move the clock (runAheadTo): the current run's end, or never outside a run. */
  private aheadLimitUs: Micros = Number.NEGATIVE_INFINITY;

  now(): Micros {
    return this.clockUs;
  }

  get pending(): number {
    return this.size;
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
      recycle: false,
    };
    this.push(ev);
    return ev;
  }

  /**
   * Runs `run` at firstUs, firstUs + periodUs, ... up to lastUs, as one event that re-enters the
   * heap after each run with its first sequence number. It therefore orders against every other
   * event exactly as the whole series scheduled at once would, while the heap holds one entry
   * instead of one per period (a sampler over a 7-day run would otherwise hold 600,000).
   */
  every(firstUs: Micros, periodUs: Micros, lastUs: Micros, run: (ev: ScheduledEvent) => void): ScheduledEvent | null {
    if (!(periodUs >= 1) || !Number.isInteger(periodUs)) throw new RangeError(`every(): the period must be a whole number of µs ≥ 1, got ${periodUs}`);
    if (firstUs > lastUs) return null;
    // The re-entry lives in the event's own run, so fire() (every event) pays nothing for it.
    const again = (ev: ScheduledEvent): void => {
      run(ev);
      if (ev.cancelled || ev.timeUs + periodUs > lastUs) return;
      ev.timeUs += periodUs;
      ev.queued = true;
      this.push(ev);
    };
    return this.at(firstUs, again);
  }

  /**
   * Schedules `run` at `timeUs` without a handle: it cannot be cancelled, and its event object
   * is reused once `run` returns, so `run` must not keep it. For the world's own bookkeeping
   * (message deliveries), where an object per event is most of what a large heap costs the GC.
   */
  post(timeUs: Micros, run: (ev: ScheduledEvent) => void, a?: unknown, b?: unknown, c?: unknown): void {
    const ev = this.pool.pop();
    if (ev === undefined) {
      this.at(timeUs, run, a, b, c).recycle = true;
      return;
    }
    ev.timeUs = timeUs < this.clockUs ? this.clockUs : timeUs;
    ev.seq = this.seqCounter++;
    ev.cancelled = false;
    ev.queued = true;
    ev.run = run;
    ev.a = a;
    ev.b = b;
    ev.c = c;
    this.push(ev);
  }

  cancel(handle: TimerHandle): void {
    const ev = handle as ScheduledEvent;
    if (ev.cancelled) return;
    ev.cancelled = true;
    if (!ev.queued) return;
    this.cancelledQueued++;
    if (this.cancelledQueued > 1024 && this.cancelledQueued * 2 > this.size) this.sweep();
  }

  /** Drops every cancelled event and rebuilds the heap (Floyd's heapify, O(n)). */
  private sweep(): void {
    const { times, seqs, slots, slab } = this;
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      const slot = slots[i]!;
      const ev = slab[slot]!;
      if (ev.cancelled) {
        ev.queued = false;
        this.release(slot);
        continue;
      }
      slots[n] = slot;
      times[n] = times[i]!;
      seqs[n] = seqs[i]!;
      n++;
    }
    this.size = n;
    this.cancelledQueued = 0;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i, slots[i]!, times[i]!, seqs[i]!);
  }

  /** Time of the next live event, or undefined when idle. */
  peekTime(): Micros | undefined {
    this.dropCancelledHead();
    return this.size > 0 ? this.times[0] : undefined;
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
    const outerLimitUs = this.aheadLimitUs;
    this.aheadLimitUs = untilUs;
    try {
      while (this.size > 0) {
        if (this.times[0]! > untilUs) break;
        const head = this.pop()!;
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
    if (this.size > 0 && this.times[0]! <= timeUs) return false;
    this.clockUs = timeUs;
    return true;
  }

  private fire(ev: ScheduledEvent): void {
    this.clockUs = ev.timeUs;
    if (++this.processed > this.nextCheckpoint) this.checkpoint(ev);
    ev.run(ev);
    if (this.afterEvent !== null) this.afterEvent();
    if (ev.recycle) {
      ev.a = ev.b = ev.c = undefined; // let the payload go
      this.pool.push(ev);
    }
  }

  private checkpoint(next: ScheduledEvent): void {
    if (this.processed > this.limit) throw new EventLimitExceeded(this.limit, this.clockUs, mostFrequent(this.sample));
    const sampling = this.processed > this.sampleFrom;
    if (sampling) this.count(this.sample, next);
    if (this.processed > this.nextRegular) {
      this.nextRegular = this.processed + CHECKPOINT_EVENTS;
      if (this.clockUs !== this.instantUs) {
        this.instantUs = this.clockUs;
        this.instantSince = this.processed;
      } else if (this.processed - this.instantSince > this.instantLimit) {
        throw new NoProgress(this.processed - this.instantSince, this.clockUs, this.queuedNow(next));
      }
      this.onCheckpoint?.();
    }
    // Near the limit every event comes here (the hot path still pays one comparison).
    this.nextCheckpoint = sampling ? this.processed : Math.min(this.nextRegular, this.sampleFrom);
  }

  private count(counts: Map<string, number>, ev: ScheduledEvent): void {
    const what = this.describeEvent?.(ev) ?? (ev.run.name || "an event");
    counts.set(what, (counts.get(what) ?? 0) + 1);
  }

  /** `next` and the live events queued at its instant, described and counted. */
  private queuedNow(next: ScheduledEvent): string[] {
    const counts = new Map<string, number>();
    this.count(counts, next);
    for (let i = 0; i < this.size; i++) {
      const ev = this.slab[this.slots[i]!]!;
      if (this.times[i] === this.clockUs && !ev.cancelled) this.count(counts, ev);
    }
    return mostFrequent(counts);
  }

  private dropCancelledHead(): void {
    while (this.size > 0 && this.slab[this.slots[0]!]!.cancelled) this.pop();
  }

  private push(ev: ScheduledEvent): void {
    let i = this.size;
    if (i === this.times.length) this.grow();
    const slot = this.freeSlots.pop() ?? this.slab.length;
    this.slab[slot] = ev;
    const { times, seqs, slots } = this;
    const t = ev.timeUs;
    const q = ev.seq;
    this.size = i + 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < t || (pt === t && seqs[parent]! < q)) break;
      slots[i] = slots[parent]!;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      i = parent;
    }
    slots[i] = slot;
    times[i] = t;
    seqs[i] = q;
  }

  private pop(): ScheduledEvent | undefined {
    if (this.size === 0) return undefined;
    const topSlot = this.slots[0]!;
    const top = this.slab[topSlot]!;
    this.release(topSlot);
    top.queued = false;
    if (top.cancelled) this.cancelledQueued--;
    const n = --this.size;
    if (n > 0) this.siftDown(0, this.slots[n]!, this.times[n]!, this.seqs[n]!);
    return top;
  }

  private release(slot: number): void {
    this.slab[slot] = undefined;
    this.freeSlots.push(slot);
  }

  /** Places the event in `slot` (keys t, q) at index `start` and sifts it down to where it belongs. */
  private siftDown(start: number, slot: number, t: number, q: number): void {
    const { times, seqs, slots } = this;
    const n = this.size;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let child = l;
      let ct = times[l]!;
      if (r < n) {
        const rt = times[r]!;
        if (rt < ct || (rt === ct && seqs[r]! < seqs[l]!)) {
          child = r;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && q < seqs[child]!)) break;
      slots[i] = slots[child]!;
      times[i] = ct;
      seqs[i] = seqs[child]!;
      i = child;
    }
    slots[i] = slot;
    times[i] = t;
    seqs[i] = q;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const seqs = new Float64Array(this.seqs.length * 2);
    const slots = new Int32Array(this.slots.length * 2);
    times.set(this.times);
    seqs.set(this.seqs);
    slots.set(this.slots);
    this.times = times;
    this.seqs = seqs;
    this.slots = slots;
  }
}

/** The few most frequent descriptions, "what ×n", most frequent first (ties by name, for one order). */
function mostFrequent(counts: ReadonlyMap<string, number>): string[] {
  return [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, 4).map(([what, n]) => (n > 1 ? `${what} ×${n.toLocaleString("en-US")}` : what));
}
