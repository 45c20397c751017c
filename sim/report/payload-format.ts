// The data a report page carries: one or two runs (a run, or the two sides of a comparison),
// each with its scenario, summary and trace. The trace is columnar — node names and event
// shapes once, then per record a time delta, a node index, a shape index and the field
// values — gzipped and base64-encoded into a <script type="application/json"> tag, so a
// 200,000-record run weighs about 2 MB and decodes back to the very events the engine emitted.

import type { Summary } from "../run/summary.ts";
import type { Scenario } from "../scenario/types.ts";

export const PAYLOAD_VERSION = 1;

/** Element ids of the tags the writer fills and the page reads. */
export const PAYLOAD_ID = "kafkasim-report-data";
export const SUMMARY_ID = "kafkasim-report-summary";

export interface CompactTrace {
  readonly count: number;
  readonly nodes: string[];
  /** The keys of each event shape, `kind` included, in the engine's order (a kind whose events carry different keys has several shapes). */
  readonly shapes: { readonly kind: string; readonly keys: string[] }[];
  /** Per record: µs since the previous record, node index, shape index. */
  readonly dt: number[];
  readonly node: number[];
  readonly shape: number[];
  /** Per shape, the field values of its records (every key but `kind`; undefined as null), flattened in record order. */
  readonly values: unknown[][];
  /** Kinds left out of the report to keep it small, with how many records each had. */
  readonly omitted: Record<string, number>;
}

export interface ReportRun {
  /** "" for a single run; "A · …" / "B · …" for a comparison. */
  readonly title: string;
  readonly scenario: Scenario;
  readonly summary: Summary;
  readonly trace: CompactTrace;
}

export interface ReportPayload {
  readonly version: typeof PAYLOAD_VERSION;
  /** `kafkasim run --report` or `kafkasim compare --report`, as typed. */
  readonly command: string;
  readonly runs: ReportRun[];
}
