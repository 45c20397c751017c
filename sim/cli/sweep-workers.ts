// How many worker threads `kafkasim sweep` starts: one per core unless told otherwise. Workers
// beyond the cores share them, so every seed runs slower and nothing finishes sooner; such a
// request is capped, with a note, unless --force-workers insists (to test the pool, say).

import { positiveCount } from "./positive-count.ts";
import { SweepUsageError } from "./sweep-usage-error.ts";

/** Each worker is a V8 isolate of tens of MiB: a hard bound, forced or not. */
export const MAX_WORKERS = 256;

export function sweepWorkers(requested: string | undefined, force: boolean, cores: number): { workers: number; note?: string } {
  const available = Math.max(1, Math.min(cores, MAX_WORKERS));
  if (requested === undefined) return { workers: available };
  const n = positiveCount("--workers", requested, "worker threads");
  if (force) {
    if (n > MAX_WORKERS) throw new SweepUsageError(`--workers ${requested}: at most ${MAX_WORKERS} worker threads, even with --force-workers`);
    return { workers: n };
  }
  if (n <= cores) return { workers: n };
  return { workers: available, note: `--workers ${requested} is more than the ${cores} core(s) here; using ${available} (--force-workers to insist)` };
}
