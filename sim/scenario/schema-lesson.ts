// `lesson:`: captions for the visualizer's guided mode. A caption shows at a time (`at:`),
// when a trace event happens (`on:`, lesson-events.ts; `at:` then says from when it counts),
// or both; `when:` states what the caption claims about the run's outcome, as `expect:`
// conditions, so a run where an override or an intervention makes it false can say so.

import type { Field } from "./node-reader.ts";
import { parseAnchor } from "./lesson-events.ts";
import { duration, type Known } from "./schema-common.ts";
import { readExpect } from "./schema-expect.ts";
import type { LessonStep } from "./types.ts";
import { formatDurationUs } from "./units.ts";

export const LESSON_KEYS = ["at", "on", "when", "text", "pause"];

export function readLesson(f: Field, known: Known): LessonStep[] {
  if (f.missing) return [];
  return f.list().map((item) => {
    const m = item.map(LESSON_KEYS);
    if (!m.has("at") && !m.has("on")) item.fail("a caption needs at: (a time), on: (an event, like election(orders-0)) or both");
    const atUs = m.has("at") ? lessonTime(m.get("at"), known) : 0;
    const step: LessonStep = { atUs, text: m.req("text").string(), pause: m.opt("pause", false, (x) => x.bool()) };
    const on = m.get("on");
    const when = m.get("when");
    return {
      ...step,
      ...(on.missing ? {} : { on: anchor(on, known) }),
      ...(when.missing ? {} : { when: readExpect(when, known) }),
    };
  });
}

function lessonTime(f: Field, known: Known): number {
  const atUs = duration(f);
  if (atUs > known.durationUs) f.fail(`lesson at ${formatDurationUs(atUs)} is after the end of the run (duration ${formatDurationUs(known.durationUs)})`);
  return atUs;
}

function anchor(f: Field, known: Known): NonNullable<LessonStep["on"]> {
  const v = f.scalar;
  if (typeof v !== "string") return f.fail(`expected an event like election(orders-0), fenced(1) or loss, got ${f.describe()}`);
  const parsed = parseAnchor(v, known);
  return typeof parsed === "string" ? f.fail(parsed) : parsed;
}
