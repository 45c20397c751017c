// Faults that did nothing in a run (summary.faultWarnings): one line each on stderr, after
// the run, `kafkasim: warning: at 12.000 s: faults.3 (restart broker 2) does nothing: ...`.

import type { Summary } from "../run/summary.ts";

/** `side` prefixes each line in a comparison ("A: ", "B: "). */
export function reportFaultWarnings(summary: Summary, side = ""): void {
  for (const w of summary.faultWarnings ?? []) process.stderr.write(`kafkasim: warning: ${side}${w.message.replace(/[\r\n]+/g, " ")}\n`);
}
