// What a pipeline instance asks to be woken for: its clients' own timers, wrapped with the
// client they belong to, and the stream thread's commit interval and commit steps.

import type { ConsumerTimer } from "../consumer/consumer-timers.ts";
import type { ProducerTimer } from "../producer/producer-timers.ts";

/** A timer of the instance's consumer (slot 0) or of one incarnation of its producer. */
export interface PipelineClientTimer {
  readonly kind: "PipelineClientTimer";
  readonly slot: number;
  readonly timer: ConsumerTimer | ProducerTimer;
}

/** commit.interval.ms passed: the thread commits at its next chance. */
export interface PipelineCommitTimer {
  readonly kind: "PipelineCommitTimer";
}

/** A commit waits for its producer (outputs handed over, acknowledged, the transaction ended): look again. */
export interface PipelineStepTimer {
  readonly kind: "PipelineStepTimer";
}

export type PipelineTimer = PipelineClientTimer | PipelineCommitTimer | PipelineStepTimer;

export const PIPELINE_COMMIT: PipelineCommitTimer = Object.freeze({ kind: "PipelineCommitTimer" });
export const PIPELINE_STEP: PipelineStepTimer = Object.freeze({ kind: "PipelineStepTimer" });
