// A scenario that loads but says something the run will not honour (a Kafka key accepted and
// not modelled). Plain data, so it crosses to the browser's worker as it is.

import { printable } from "./printable.ts";

export interface ScenarioWarning {
  /** The scenario file, or "--set" for an override. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Key path like "cluster.config.num.io.threads". */
  readonly path: string;
  readonly message: string;
}

/** `FILE:LINE:COL: at <key.path>: <message>`, the same shape as a ScenarioError. */
export function formatWarning(w: ScenarioWarning): string {
  return printable(`${w.file}:${w.line}:${w.column}: at ${w.path}: ${w.message}`);
}
