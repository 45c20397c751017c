import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Scheduler } from "../../sim/kernel/scheduler.ts";

describe("Scheduler", () => {
  it("runs events in (time, insertion sequence) order", () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.after(10, () => seen.push("b"));
    s.after(5, () => seen.push("a"));
    s.after(10, () => seen.push("c"));
    s.after(0, () => seen.push("now"));
    s.runUntilIdle();
    expect(seen).toEqual(["now", "a", "b", "c"]);
    expect(s.now()).toBe(10);
  });

  it("never fires a cancelled timer", () => {
    const s = new Scheduler();
    let fired = 0;
    const t = s.after(100, () => fired++);
    s.after(50, () => s.cancel(t));
    s.runUntilIdle();
    expect(fired).toBe(0);
    expect(s.processed).toBe(1);
  });

  it("runUntil stops at the bound and advances the clock to it", () => {
    const s = new Scheduler();
    const seen: number[] = [];
    for (const t of [1, 5, 9, 12]) s.at(t, () => seen.push(t));
    s.runUntil(9);
    expect(seen).toEqual([1, 5, 9]);
    expect(s.now()).toBe(9);
    s.runUntil(11);
    expect(s.now()).toBe(11);
    expect(s.peekTime()).toBe(12);
  });

  it("step runs exactly one event", () => {
    const s = new Scheduler();
    const seen: number[] = [];
    s.at(3, () => seen.push(3));
    s.at(4, () => seen.push(4));
    expect(s.step()).toBe(true);
    expect(seen).toEqual([3]);
    expect(s.step()).toBe(true);
    expect(s.step()).toBe(false);
  });

  it("fails loudly past its event limit", () => {
    const s = new Scheduler();
    s.eventLimit = 100;
    const loop = (): void => {
      s.after(1, loop);
    };
    s.after(0, loop);
    expect(() => s.runUntilIdle()).toThrow(/event limit of 100/);
  });

  it("pops any schedule in sorted order (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 200 }), (items) => {
        const s = new Scheduler();
        const seen: [number, number][] = [];
        items.forEach(([t, cancel], i) => {
          const ev = s.at(t, () => seen.push([t, i]));
          if (cancel) s.cancel(ev);
        });
        s.runUntilIdle();
        const expected = items
          .map(([t, cancel], i) => ({ t, i, cancel }))
          .filter((x) => !x.cancel)
          .sort((x, y) => x.t - y.t || x.i - y.i)
          .map((x) => [x.t, x.i]);
        expect(seen).toEqual(expected);
      }),
    );
  });
});

describe("Scheduler.post (handle-less, recycled events)", () => {
  it("runs posted events in (time, seq) order among timers, reusing their objects, whatever the mix (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom("at", "post", "cancelled")), { maxLength: 150 }), fc.integer({ min: 0, max: 20 }), (items, chainLength) => {
        const s = new Scheduler();
        const seen: string[] = [];
        const objects = new Set<object>();
        items.forEach(([t, how], i) => {
          if (how === "post") s.post(t, (ev) => {
            objects.add(ev);
            seen.push(`${ev.timeUs}:${String(ev.a)}`);
          }, i);
          else {
            const ev = s.at(t, (e) => seen.push(`${e.timeUs}:${String(e.a)}`), i);
            if (how === "cancelled") s.cancel(ev);
          }
        });
        // A chain that posts its successor from inside a posted event (the slot is read before reuse).
        let left = chainLength;
        const step = (ev: { timeUs: number }): void => {
          seen.push(`${ev.timeUs}:chain`);
          if (--left > 0) s.post(ev.timeUs + 2, step);
        };
        if (chainLength > 0) s.post(1, step);
        s.runUntilIdle();
        const expected = items
          .map(([t, how], i) => ({ t, i, how }))
          .filter((x) => x.how !== "cancelled")
          .map((x) => ({ t: x.t, order: x.i, label: `${x.t}:${x.i}` }));
        for (let k = 0; k < chainLength; k++) expected.push({ t: 1 + 2 * k, order: k === 0 ? items.length : Infinity, label: `${1 + 2 * k}:chain` });
        // Chain links after the first are scheduled while running, so they sort after everything already queued at their time.
        expected.sort((x, y) => x.t - y.t || x.order - y.order);
        expect(seen).toEqual(expected.map((x) => x.label));
        expect(objects.size).toBeLessThanOrEqual(items.filter(([, how]) => how === "post").length + 1);
      }),
    );
  });
});

describe("Scheduler sweeping cancelled events", () => {
  it("keeps (time, seq) order when most of a large heap is cancelled", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (seed) => {
        const s = new Scheduler();
        const seen: number[] = [];
        const events = [];
        let x = seed;
        for (let i = 0; i < 5000; i++) {
          x = (x * 1103515245 + 12345) % 2147483648;
          events.push(s.at(x % 10_000, () => seen.push(i)));
        }
        const kept: { t: number; i: number }[] = [];
        events.forEach((ev, i) => {
          if (i % 5 !== 0) s.cancel(ev);
          else kept.push({ t: ev.timeUs, i });
        });
        s.runUntilIdle();
        kept.sort((a, b) => a.t - b.t || a.i - b.i);
        expect(seen).toEqual(kept.map((k) => k.i));
        expect(s.pending).toBe(0);
      }),
      { numRuns: 10 },
    );
  });
});

describe("Scheduler sweeping during runUntil", () => {
  it("fires each live event exactly once when a running event triggers a sweep", () => {
    const s = new Scheduler();
    const fired = new Map<number, number>();
    const timers = Array.from({ length: 3000 }, (_, i) => s.at(100 + i, () => fired.set(i, (fired.get(i) ?? 0) + 1)));
    s.at(1, () => timers.forEach((t, i) => i % 6 !== 0 && s.cancel(t)));
    s.eventLimit = 10_000;
    s.runUntil(10_000);
    expect([...fired.keys()]).toEqual(timers.map((_, i) => i).filter((i) => i % 6 === 0));
    expect([...fired.values()].every((n) => n === 1)).toBe(true);
  });
});

describe("Scheduler.runAheadTo", () => {
  it("moves the clock inside a running event only up to the next event and the run's end", () => {
    const s = new Scheduler();
    const seen: [string, number, boolean][] = [];
    s.at(100, () => {
      seen.push(["ahead to 150", s.now(), s.runAheadTo(150)]);
      seen.push(["ahead to 200 (an event is due then)", s.now(), s.runAheadTo(200)]);
      seen.push(["ahead to 250 (past that event)", s.now(), s.runAheadTo(250)]);
      seen.push(["back to 120", s.now(), s.runAheadTo(120)]);
    });
    const later = s.at(200, () => seen.push(["event at 200", s.now(), true]));
    s.at(300, () => seen.push(["ahead to 350 (past the run's end)", s.now(), s.runAheadTo(350)]));
    s.runUntil(320);
    expect(seen).toEqual([
      ["ahead to 150", 100, true],
      ["ahead to 200 (an event is due then)", 150, false],
      ["ahead to 250 (past that event)", 150, false],
      ["back to 120", 150, false],
      ["event at 200", 200, true],
      ["ahead to 350 (past the run's end)", 300, false],
    ]);
    expect(later.queued).toBe(false);
    expect(s.now()).toBe(320);
  });

  it("ignores cancelled events and never runs ahead outside a run or in a lone step", () => {
    const s = new Scheduler();
    const results: boolean[] = [];
    s.at(10, () => results.push(s.runAheadTo(40)));
    s.cancel(s.at(20, () => results.push(false)));
    expect(s.runAheadTo(5)).toBe(false);
    s.step();
    expect(results).toEqual([false]);
    s.at(50, () => results.push(s.runAheadTo(90)));
    s.cancel(s.at(60, () => results.push(false)));
    s.runUntilIdle();
    expect(results).toEqual([false, true]);
    expect(s.now()).toBe(90);
  });
});

describe("Scheduler.every", () => {
  /** Random one-shot events around a periodic series, some landing exactly on its ticks. */
  const history = (periodic: (s: Scheduler, log: string[]) => void, others: readonly [number, number][]): string[] => {
    const s = new Scheduler();
    const log: string[] = [];
    s.after(0, () => s.after(3, () => log.push(`early@${s.now()}`))); // scheduled before the series, lands on a tick
    s.at(6, () => log.push("before@6"));
    periodic(s, log);
    for (const [at, delay] of others) s.at(at, () => s.after(delay, () => log.push(`x@${s.now()}`)));
    s.runUntilIdle();
    return log;
  };

  it("orders against other events exactly as the whole series scheduled at once", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 9 })), { maxLength: 30 }), (others) => {
        const upFront = history((s, log) => {
          for (let t = 3; t <= 30; t += 3) s.at(t, () => log.push(`tick@${s.now()}`));
        }, others);
        const periodic = history((s, log) => void s.every(3, 3, 30, () => log.push(`tick@${s.now()}`)), others);
        expect(periodic).toEqual(upFront);
      }),
    );
  });

  it("holds one heap entry for the whole series, and stops when cancelled", () => {
    const s = new Scheduler();
    let ticks = 0;
    const ev = s.every(1_000_000, 1_000_000, 7 * 86_400_000_000, () => {
      ticks++;
      if (ticks === 5) s.cancel(ev!);
    });
    expect(s.pending).toBe(1);
    s.runUntilIdle();
    expect(ticks).toBe(5);
    expect(s.every(10, 5, 9, () => {})).toBeNull();
    expect(() => s.every(0, 0.5, 10, () => {})).toThrow(RangeError);
  });
});
