// What a consumer asks to be woken for: constant frozen objects (no data), plus the
// deadlines of its in-flight requests. The coordinator's timers are apart: the group
// membership (classic or KIP-848) handles them.

import type { RequestTimeout } from "../client/request-timeout.ts";

/** The classic protocol's HeartbeatThread, every heartbeat.interval.ms. */
export interface HeartbeatThreadTimer {
  readonly kind: "HeartbeatThreadTimer";
}

/** The KIP-848 member's next ConsumerGroupHeartbeat (or a retry after an error). */
export interface ConsumerGroupHeartbeatTimer {
  readonly kind: "ConsumerGroupHeartbeatTimer";
}

export interface FindCoordinatorRetryTimer {
  readonly kind: "FindCoordinatorRetryTimer";
}

/** retry.backoff.ms after a failed JoinGroup or SyncGroup. */
export interface RejoinBackoffTimer {
  readonly kind: "RejoinBackoffTimer";
}

export type CoordinatorTimer = HeartbeatThreadTimer | ConsumerGroupHeartbeatTimer | FindCoordinatorRetryTimer | RejoinBackoffTimer;

/** A commitSync retries a retriable error after retry.backoff.ms. */
export interface CommitRetryTimer {
  readonly kind: "CommitRetryTimer";
}

/** The application finished processing the records of the last poll. */
export interface ProcessingDoneTimer {
  readonly kind: "ProcessingDoneTimer";
}

/** The poll loop's next wakeup (fetch.max.wait.ms, a backoff). */
export interface PollWakeTimer {
  readonly kind: "PollWakeTimer";
}

export interface ConsumerMetadataRetryTimer {
  readonly kind: "ConsumerMetadataRetryTimer";
}

export type ConsumerTimer = CoordinatorTimer | CommitRetryTimer | ProcessingDoneTimer | PollWakeTimer | ConsumerMetadataRetryTimer | RequestTimeout;

export const HEARTBEAT_THREAD: HeartbeatThreadTimer = Object.freeze({ kind: "HeartbeatThreadTimer" });
export const CONSUMER_GROUP_HEARTBEAT: ConsumerGroupHeartbeatTimer = Object.freeze({ kind: "ConsumerGroupHeartbeatTimer" });
export const FIND_COORDINATOR_RETRY: FindCoordinatorRetryTimer = Object.freeze({ kind: "FindCoordinatorRetryTimer" });
export const REJOIN_BACKOFF: RejoinBackoffTimer = Object.freeze({ kind: "RejoinBackoffTimer" });
export const COMMIT_RETRY: CommitRetryTimer = Object.freeze({ kind: "CommitRetryTimer" });
export const PROCESSING_DONE: ProcessingDoneTimer = Object.freeze({ kind: "ProcessingDoneTimer" });
export const POLL_WAKE: PollWakeTimer = Object.freeze({ kind: "PollWakeTimer" });
export const CONSUMER_METADATA_RETRY: ConsumerMetadataRetryTimer = Object.freeze({ kind: "ConsumerMetadataRetryTimer" });
