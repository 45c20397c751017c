// Runs a scenario run that should break an invariant; returns the InvariantFailure it threw.

import { InvariantFailure } from "../../sim/run/invariant-failure.ts";

export function failureOf(run: () => unknown): InvariantFailure {
  try {
    run();
  } catch (e) {
    if (e instanceof InvariantFailure) return e;
    throw e;
  }
  throw new Error("the run finished without an invariant failure");
}
