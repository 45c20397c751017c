// How the application commits: commitSync (ConsumerCoordinator.commitOffsetsSync: retry
// retriable errors with backoff until default.api.timeout.ms, then give up; a
// CommitFailedException is caught by the application, which carries on) and commitAsync
// (one attempt, failures only logged, as OffsetCommitCallback users usually do).

import type { ExponentialBackoff } from "../client/exponential-backoff.ts";
import type { ConsumerSettings } from "../config/index.ts";
import type { Env } from "../env.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { KafkaMessage } from "../protocol/messages.ts";
import type { ConsumerCoordinator } from "./coordinator-client.ts";
import { isRetriableCommitError } from "./offset-committer.ts";
import { COMMIT_RETRY, type CommitRetryTimer } from "./consumer-timers.ts";

type Offsets = readonly { topic: string; partition: number; offset: number }[];

export class CommitDriver {
  private retry: { offsets: Offsets; reason: string; deadlineUs: number; attempts: number; then: () => void } | null = null;

  constructor(
    private readonly env: Env<KafkaMessage, CommitRetryTimer>,
    private readonly settings: ConsumerSettings,
    private readonly retryBackoff: ExponentialBackoff,
    private readonly coordinator: ConsumerCoordinator,
    _consumed: () => Offsets,
  ) {}

  commitAsync(offsets: Offsets): void {
    this.coordinator.commit(offsets, () => {});
  }

  commitSync(offsets: Offsets, reason: string, then: () => void): void {
    this.attempt(offsets, reason, this.env.now() + this.settings.defaultApiTimeoutMs * 1000, 0, then);
  }

  private attempt(offsets: Offsets, reason: string, deadlineUs: number, attempts: number, then: () => void): void {
    this.coordinator.commit(offsets, (error: ErrorCode) => {
      if (error === Errors.NONE || !isRetriableCommitError(error) || this.env.now() >= deadlineUs) {
        if (error !== Errors.NONE) this.env.emit({ kind: "CommitSyncFailed", reason, error });
        then();
        return;
      }
      this.retry = { offsets, reason, deadlineUs, attempts: attempts + 1, then };
      this.env.setTimer(this.retryBackoff.backoffUs(attempts), COMMIT_RETRY);
    });
  }

  /** The CommitRetryTimer fired: the commitSync waiting on it tries again. */
  onRetryDue(): void {
    const r = this.retry;
    this.retry = null;
    if (r !== null) this.attempt(r.offsets, r.reason, r.deadlineUs, r.attempts, r.then);
  }

  onLeaveAnswered(): void {}
}
