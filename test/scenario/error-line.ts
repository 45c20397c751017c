// The one line a scenario error prints, or "accepted": for table tests of what the loader refuses.

import { ScenarioError } from "../../sim/scenario/errors.ts";

export function errorLineOf(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    if (error instanceof ScenarioError) return error.format();
    throw error;
  }
  return "accepted";
}
