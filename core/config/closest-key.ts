// "Did you mean ...?" for unknown keys: the nearest known key by Damerau–Levenshtein
// distance (optimal string alignment: insert, delete, substitute, swap two neighbours).
// Keys are compared after folding case and separators, so `linger_ms`, `LINGER.MS` and
// `lingerMs` all find `linger.ms`, and `replication_factor` finds `replicationFactor`.

/** Optimal-string-alignment distance between a and b. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

/** camelCase, snake_case, kebab-case and dotted.case all become dotted lower case. */
export function foldKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1.$2")
    .toLowerCase()
    .replace(/[_\-\s]+/g, ".");
}

/**
 * The candidate closest to `word`, or null when none is close enough to be a plausible
 * typo. A candidate's leading dotted segments count too (`lingr` → `linger.ms`), since
 * people often drop or forget the unit suffix; such matches rank after full ones.
 */
export function closestKey(word: string, candidates: Iterable<string>): string | null {
  const folded = foldKey(word);
  // Numbers are values, not typos: "2" is one edit from "0" but never meant it.
  if (/^[\d.+-]*$/.test(folded)) return null;
  let best: string | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const score = matchScore(folded, foldKey(candidate));
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Distance to the candidate or to one of its dotted prefixes (+0.5), or Infinity if too far. */
function matchScore(word: string, target: string): number {
  let score = Number.POSITIVE_INFINITY;
  const segments = target.split(".");
  for (let n = segments.length; n >= 1; n--) {
    const form = segments.slice(0, n).join(".");
    if (n < segments.length && form.length < 3) break;
    const distance = editDistance(word, form);
    const limit = Math.max(1, Math.round(Math.max(word.length, form.length) / 3));
    if (distance <= limit) score = Math.min(score, distance + (n < segments.length ? 0.5 : 0));
  }
  return score;
}
