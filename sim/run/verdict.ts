// The one-word verdict of a run, shared by the CLI and the visualizer.

import type { Summary } from "./summary.ts";

export type Verdict = "PASS" | "FAIL" | "RAN";

/** PASS: every expectation held; FAIL: one did not; RAN: the scenario has none. */
export function verdictOf(summary: Pick<Summary, "expectations">): Verdict {
  if (summary.expectations.length === 0) return "RAN";
  return summary.expectations.every((e) => e.ok) ? "PASS" : "FAIL";
}
