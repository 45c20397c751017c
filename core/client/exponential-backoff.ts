// Kafka's ExponentialBackoff (common.utils, KIP-580): initial · 2^attempts with ±20% jitter,
// never above the max. Clients use it between retries with retry.backoff.ms and
// retry.backoff.max.ms (AbstractCoordinator.ensureCoordinatorReady, ConsumerCoordinator's
// commitOffsetsSync, Metadata's refresh backoff). Kafka truncates to whole milliseconds; the
// simulator keeps microseconds.

import type { Rng } from "../env.ts";

const MULTIPLIER = 2; // CommonClientConfigs.RETRY_BACKOFF_EXP_BASE
const CLIENT_JITTER = 0.2; // CommonClientConfigs.RETRY_BACKOFF_JITTER

export class ExponentialBackoff {
  private readonly initialMs: number;
  private readonly expMax: number;

  constructor(
    initialMs: number,
    private readonly maxMs: number,
    private readonly rng: Rng,
    /** ± this share of each wait: the clients' 0.2, the broker lifecycle's 0.02. */
    private readonly jitter = CLIENT_JITTER,
  ) {
    this.initialMs = Math.min(maxMs, initialMs);
    this.expMax = maxMs > this.initialMs ? Math.log(maxMs / Math.max(this.initialMs, 1)) / Math.log(MULTIPLIER) : 0;
  }

  /** The wait before retry number `attempts` + 1 (attempts = failures so far, from 0), in µs. */
  backoffUs(attempts: number): number {
    if (this.expMax === 0) return this.initialMs * 1000;
    const term = this.initialMs * MULTIPLIER ** Math.min(attempts, this.expMax);
    const jittered = term * (1 - this.jitter + 2 * this.jitter * this.rng.next());
    return Math.round(Math.min(jittered, this.maxMs) * 1000);
  }
}
