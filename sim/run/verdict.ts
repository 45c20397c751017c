// The one-word verdict of a run, shared by the CLI and the visualizer.

import type { Summary } from "./summary.ts";

export type Verdict = "PASS" | "FAIL" | "RAN" | "STOPPED";

/** PASS: every expectation held; FAIL: one did not; RAN: the scenario has none; STOPPED: the run hit a run limit. */
export function verdictOf(summary: Pick<Summary, "expectations" | "incomplete">): Verdict {
  if (summary.incomplete !== undefined) return "STOPPED";
  if (summary.expectations.length === 0) return "RAN";
  return summary.expectations.every((e) => e.ok) ? "PASS" : "FAIL";
}
