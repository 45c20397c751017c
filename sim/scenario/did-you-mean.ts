// "; did you mean "x"?" suffixes for messages about unknown names (keys, topics,
// targets). The matching itself is core/config/closest-key.ts, shared with the catalogs.

import { closestKey } from "../../core/config/closest-key.ts";

export { closestKey, editDistance } from "../../core/config/closest-key.ts";

/** `; did you mean "x"?` or "" when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const near = closestKey(word, candidates);
  return near === null ? "" : `; did you mean "${near}"?`;
}
