// A run stopped by a broken invariant, with what replays it: scenario, seed and the
// simulated time of the event after which the invariant failed (VOPR prints the same).

import { InvariantViolation } from "../../core/invariant-violation.ts";

export class InvariantFailure extends Error {
  override readonly name = "InvariantFailure";

  constructor(
    readonly scenario: string,
    readonly seed: number,
    readonly timeUs: number,
    readonly violation: InvariantViolation,
  ) {
    super(`invariant ${violation.invariant} violated in ${scenario} seed ${seed} at ${(timeUs / 1000).toLocaleString("en-US", { maximumFractionDigits: 3 })} ms simulated: ${violation.detail}`);
  }
}

/** Runs `body`; an InvariantViolation out of it becomes an InvariantFailure naming the run. */
export function reportingViolations<T>(scenario: string, seed: number, nowUs: () => number, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof InvariantViolation) throw new InvariantFailure(scenario, seed, nowUs(), e);
    throw e;
  }
}
