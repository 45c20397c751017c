// A count given on the command line (--workers): plain digits only, so "1e9",
// "0x10" and " 4" are refused instead of becoming whatever Number() makes of them.

import { SweepUsageError } from "./sweep-usage-error.ts";

export function positiveCount(flag: string, text: string, what: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new SweepUsageError(`${flag} ${text}: expected a whole number of ${what}, at least 1`);
  return n;
}
