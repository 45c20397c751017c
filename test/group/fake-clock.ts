// A clock and timer queue for coordinator tests: what the group coordinator's host gives the
// group handlers (now, schedule, cancel), advanced by hand, firing due timers in time order.

import type { TimerHandle } from "../../core/env.ts";

export class FakeClock {
  nowUs = 0;
  private timers: { at: number; fn: () => void; dead: boolean }[] = [];

  readonly now = (): number => this.nowUs;

  readonly schedule = (delayUs: number, fn: () => void): TimerHandle => {
    const t = { at: this.nowUs + delayUs, fn, dead: false };
    this.timers.push(t);
    return t as unknown as TimerHandle;
  };

  readonly cancel = (t: TimerHandle): void => {
    (t as unknown as { dead: boolean }).dead = true;
  };

  /** Advances the clock to `ms`, firing due timers in time order. */
  advanceTo(ms: number): void {
    const until = ms * 1000;
    for (;;) {
      const due = this.timers.filter((t) => !t.dead && t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      due.dead = true;
      this.nowUs = due.at;
      due.fn();
    }
    this.nowUs = until;
  }
}
