// LogManager.loadLogs after an unclean shutdown: one thread pool per data directory with
// num.recovery.threads.per.data.dir threads (Kafka 4.x default 2), one job per log, each taken
// by the first thread to come free. A job waits for its segments' re-read (the device queue,
// issued at start) and then validates them batch by batch and rebuilds their indexes
// (LogSegment.recover: the CRC of every batch, offset and time index entries), which costs
// CPU in proportion to the bytes past the recovery point. kafkasim has one data directory.

/**
 * CPU time of LogSegment.recover per byte on one thread: an assumption of about 1 GB/s
 * (CRC32C and index rebuilding over page-cached data), not a measured Kafka figure.
 */
export const RECOVERY_CPU_US_PER_BYTE = 0.001;

export interface RecoveryJob {
  /** When the log's re-read completes, µs from the start of recovery (0 when cached). */
  readonly readUs: number;
  /** Bytes past the recovery point that LogSegment.recover walks. */
  readonly bytes: number;
}

/** When the last job is done, µs from the start: list scheduling of the jobs, in order, over `threads`. */
export function recoveryMakespanUs(jobs: readonly RecoveryJob[], threads: number): number {
  const free = new Array<number>(Math.max(1, threads)).fill(0);
  for (const job of jobs) {
    if (job.bytes === 0) continue;
    let k = 0;
    for (let i = 1; i < free.length; i++) if (free[i]! < free[k]!) k = i;
    free[k] = Math.max(free[k]!, job.readUs) + Math.ceil(job.bytes * RECOVERY_CPU_US_PER_BYTE);
  }
  return Math.max(...free);
}
