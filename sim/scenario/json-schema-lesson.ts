// `lesson:` as JSON Schema: a caption's time, the event it waits for (the names of
// lesson-events.ts; whether the argument exists stays with the loader) and the conditions it
// claims, which are `expect:`'s.

import { expectSchema } from "./json-schema-expect.ts";
import type { JsonSchema } from "./json-schema-type.ts";
import { anyWord, closedMap, duration, flag, text, whole, withDefault } from "./json-schema-values.ts";
import { LESSON_EVENT_NAMES, LESSON_EVENTS } from "./lesson-events.ts";
import { LESSON_KEYS } from "./schema-lesson.ts";

function onSchema(): JsonSchema {
  const names = LESSON_EVENT_NAMES.map((n) => `${n}${LESSON_EVENTS[n].arg === "none" ? "" : `(${LESSON_EVENTS[n].arg})`}: ${LESSON_EVENTS[n].doc}.`).join(" ");
  return {
    description: `The trace event the caption shows at: name or name(argument); without an argument any node, partition, group or error counts. With at:, the first such event at or after it. ${names}`,
    type: "string",
    pattern: whole(String.raw`${anyWord(LESSON_EVENT_NAMES)}\s*(?:\(\s*[^()\s][^()]*\))?`),
    examples: ["fenced(1)", "election(orders-0)", "isrShrink(events-0)", "rebalance(billing)", "loss"],
  };
}

export function lessonSchema(): JsonSchema {
  const step = closedMap(
    "One caption: at a time, at an event (on:), or at the first such event from a time on (both).",
    LESSON_KEYS,
    {
      at: duration("When the caption shows, from the start of the run (at most duration); with on:, the earliest time its event counts from."),
      on: onSchema(),
      when: { ...expectSchema(), description: "What the caption claims about the run's outcome, as expect: conditions on the summary. When one fails (an override or an intervention changed the outcome), the visualizer strikes the caption through: not in this run." },
      text: text("The caption."),
      pause: withDefault(flag("Pause the visualizer here until the reader continues."), false),
    },
    ["text"],
  );
  return {
    description: "Captions for the visualizer's guided mode, shown at their times or at the trace events they name.",
    type: "array",
    // At a time, at an event, or both (ajv's strict mode wants each required key declared beside it).
    items: { ...step, anyOf: [{ properties: { at: true }, required: ["at"] }, { properties: { on: true }, required: ["on"] }] },
  };
}
