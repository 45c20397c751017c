// What a trace event's field may hold: values the trace hash folds and NDJSON writes as they
// are, with no object nesting (the hash walks one level of fields, in insertion order).

import type { TraceEvent } from "./index.ts";

export type TraceValue = string | number | boolean | null | readonly (string | number)[];

/** The names of fields, over all kinds, that hold something other than a TraceValue. */
type FieldsNotTraceValues<E> = E extends unknown ? { [K in keyof E]-?: E[K] extends TraceValue | undefined ? never : K }[keyof E] : never;

/** Compiles only while every field of every event is a TraceValue. */
export const EVERY_FIELD_IS_A_TRACE_VALUE: [FieldsNotTraceValues<TraceEvent>] extends [never] ? true : never = true;

/**
 * An event as a plain record of its fields, for code that treats every field alike (the trace
 * hash, the report's columnar encoder) and so walks them in insertion order by name.
 */
export function fieldsOf(event: TraceEvent): Readonly<Record<string, TraceValue | undefined>> {
  return event as unknown as Readonly<Record<string, TraceValue | undefined>>;
}
