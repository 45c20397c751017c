// A scenario's lesson captions placed on one run: a caption with `on:` shows when its event
// first happens at or after its `at:` (lesson-happenings.ts reads the trace; `loss` is the
// loss moment), and one whose `when:` fails against the run's summary, or whose event never
// happens, is marked untrue rather than shown as true. Captions come out in time order.

import { evaluate } from "../../../sim/run/expectations.ts";
import type { Summary } from "../../../sim/run/summary.ts";
import { anchorKey } from "../../../sim/scenario/lesson-events.ts";
import type { LessonStep } from "../../../sim/scenario/types.ts";
import { formatDurationUs } from "../../../sim/scenario/units.ts";
import type { TraceStore } from "../trace-store.ts";
import { HappeningReader } from "./lesson-happenings.ts";

export interface Caption {
  readonly atUs: number;
  readonly text: string;
  readonly pause: boolean;
  /** The event it waited for, as written; null for a caption at a fixed time. */
  readonly on: string | null;
  /** Why the caption is not true of this run, "not in this run: ..."; null when it is. */
  readonly untrue: string | null;
}

export function placeCaptions(lessons: readonly LessonStep[], trace: TraceStore, summary: Summary, lossUs: number | null): Caption[] {
  const times = eventTimes(lessons, trace, lossUs);
  let previousUs = 0;
  const captions = lessons.map((l, i): Caption => {
    const eventUs = times[i];
    // An event that never came: the caption stays where the file put it, after the one before.
    const atUs = eventUs ?? (l.on === undefined ? l.atUs : Math.max(l.atUs, previousUs));
    previousUs = atUs;
    const on = l.on?.text ?? null;
    const missed = l.on !== undefined && eventUs === undefined ? `${on} did not happen${l.atUs > 0 ? ` after ${formatDurationUs(l.atUs)}` : ""}` : null;
    const failed = evaluate(summary, l.when ?? []).find((r) => !r.ok);
    const why = missed ?? (failed === undefined ? null : `${failed.name} is ${failed.actual === null ? "missing" : failed.actual.toLocaleString("en-US")}, not ${failed.expected}`);
    return { atUs, text: l.text, pause: l.pause, on, untrue: why === null ? null : `not in this run: ${why}` };
  });
  return captions.map((c, i) => ({ c, i })).sort((x, y) => x.c.atUs - y.c.atUs || x.i - y.i).map((x) => x.c);
}

/** Per lesson with `on:`, the time of its event's first happening at or after its `at:`; undefined when none. */
function eventTimes(lessons: readonly LessonStep[], trace: TraceStore, lossUs: number | null): (number | undefined)[] {
  const times: (number | undefined)[] = lessons.map((l) => (l.on?.event === "loss" && lossUs !== null && lossUs >= l.atUs ? lossUs : undefined));
  const waiting = new Map<string, number[]>();
  lessons.forEach((l, i) => {
    if (l.on === undefined || l.on.event === "loss") return;
    const key = anchorKey(l.on.event, l.on.arg);
    waiting.set(key, [...(waiting.get(key) ?? []), i]);
  });
  if (waiting.size === 0) return times;
  const reader = new HappeningReader();
  for (let r = 0; r < trace.size && waiting.size > 0; r++) {
    const keys = reader.read(trace.node(r), trace.event(r));
    if (keys.length === 0) continue;
    const t = trace.time(r);
    for (const key of keys) {
      const lessonsHere = waiting.get(key);
      if (lessonsHere === undefined) continue;
      const still: number[] = [];
      for (const i of lessonsHere) {
        if (lessons[i]!.atUs <= t) times[i] = t;
        else still.push(i);
      }
      if (still.length === 0) waiting.delete(key);
      else waiting.set(key, still);
    }
  }
  return times;
}
