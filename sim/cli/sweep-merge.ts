// `kafkasim sweep --merge PART...`: joins the `--json` parts of a sharded sweep, seed by seed,
// into the report one sweep over all of them would give. A seed may appear in two parts (a shard run
// twice) only with the same outcome; anything that is not a part is named by file and line.

import { aggregate, type SweepReport } from "../sweep/aggregate.ts";
import { parseOutcome } from "../sweep/parse-outcome.ts";
import { isSeedError, type SeedOutcome } from "../sweep/seed-error.ts";
import { MAX_SEEDS_PER_SWEEP } from "../sweep/seeds.ts";
import { partLines } from "./part-lines.ts";
import { SweepUsageError } from "./sweep-usage-error.ts";

export async function mergeParts(files: readonly string[]): Promise<SweepReport> {
  if (files.length === 0) throw new SweepUsageError("sweep --merge needs the files written by `sweep --json`");
  const bySeed = new Map<number, SeedOutcome>();
  for (const f of files) {
    for await (const { line, number } of partLines(f)) {
      if (line.trim() === "") continue;
      const where = `${f}:${number}`;
      const parsed = parseOutcome(line);
      if ("reason" in parsed) throw new SweepUsageError(`${where}: not a sweep result line (${parsed.reason})`);
      const outcome = parsed.outcome;
      const conflict = conflictOf(bySeed.get(outcome.seed), outcome);
      if (conflict !== null) throw new SweepUsageError(`${where}: seed ${outcome.seed} ${conflict}`);
      bySeed.set(outcome.seed, outcome);
      if (bySeed.size > MAX_SEEDS_PER_SWEEP) throw new SweepUsageError(`${where}: more than ${MAX_SEEDS_PER_SWEEP.toLocaleString("en-US")} seeds; at most ${MAX_SEEDS_PER_SWEEP.toLocaleString("en-US")} seeds in one sweep`);
    }
  }
  // A CI matrix whose shards all failed must not pass on "0/0 held".
  if (bySeed.size === 0) throw new SweepUsageError(`sweep --merge: ${files.join(", ")} ${files.length === 1 ? "holds" : "hold"} no seed result (did every shard fail, or run empty?)`);
  return aggregate([...bySeed.values()]);
}

/** Why `next` cannot be the same seed's outcome as `seen`, or null when it can. */
function conflictOf(seen: SeedOutcome | undefined, next: SeedOutcome): string | null {
  if (seen === undefined) return null;
  if (isSeedError(seen) !== isSeedError(next)) return "failed to run in one part and ran in another (parts of different sweeps, or different --limit flags?)";
  if (!isSeedError(seen) && !isSeedError(next) && seen.traceHash !== next.traceHash) return "appears twice with different traceHash (different scenarios or --set?)";
  return null;
}
