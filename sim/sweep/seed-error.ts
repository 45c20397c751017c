// A seed whose run threw (the event limit, say) instead of ending with a summary. The sweep
// goes on without it and reports it; an invariant failure is not one of these: it stops the
// sweep (pool.ts's SeedInvariantFailure).

import type { SeedResult } from "./seed-result.ts";

export interface SeedError {
  seed: number;
  /** One line, as it prints among the results. */
  error: string;
}

/** What a seed's run came to; `sweep --json` prints either as one line. */
export type SeedOutcome = SeedResult | SeedError;

export const isSeedError = (outcome: SeedOutcome): outcome is SeedError => "error" in outcome;

/** Longer messages are cut: a message is a reason, not a dump of state. */
const MAX_MESSAGE_CHARS = 500;

export function seedError(seed: number, error: unknown): SeedError {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, " ").trim();
  return { seed, error: text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text };
}
