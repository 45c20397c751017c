// The real Scheduler (sim/kernel/scheduler.ts) as a test's clock. Time moves only by running
// the scheduler, so timers fire in (time, insertion) order exactly as they do in a run, and a
// test can never move time backwards. Tests that drove a hand-made clock use this one instead.

import type { Micros, TimerHandle } from "../../core/env.ts";
import { Scheduler } from "../../sim/kernel/scheduler.ts";

export class TestClock {
  readonly scheduler = new Scheduler();

  /** Starts at `startUs`: Kafka's MockTime starts well above 0, so a time of 0 means "long ago". */
  constructor(startUs: Micros = 0) {
    this.scheduler.runUntil(startUs);
  }

  get nowUs(): Micros {
    return this.scheduler.now();
  }

  /** Whole milliseconds, as the broker reads its clock (Math.floor of µs / 1000). */
  get nowMs(): number {
    return Math.floor(this.scheduler.now() / 1000);
  }

  /** The clock as a function, for hosts that take `now: () => Micros`. */
  readonly now = (): Micros => this.scheduler.now();

  /** Runs `fn` after `delayUs` (a timer of the scheduler's, cancellable). */
  readonly schedule = (delayUs: Micros, fn: () => void): TimerHandle => this.scheduler.after(delayUs, () => fn());

  readonly cancel = (timer: TimerHandle): void => this.scheduler.cancel(timer);

  /** Runs every timer due within `us`, in order, then leaves the clock `us` later. */
  advanceUs(us: Micros): void {
    this.advanceToUs(this.nowUs + us);
  }

  advance(ms: number): void {
    this.advanceUs(ms * 1000);
  }

  advanceToUs(us: Micros): void {
    if (us < this.nowUs) throw new Error(`TestClock cannot go back from ${this.nowUs} µs to ${us} µs`);
    this.scheduler.runUntil(us);
  }

  advanceTo(ms: number): void {
    this.advanceToUs(ms * 1000);
  }
}
