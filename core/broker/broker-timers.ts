// What a broker asks to be woken for. Periodic tasks are constant frozen objects (one per
// kind, shared by every broker: nothing is allocated to arm them); timers for one operation
// carry the id their owner looks the operation up by.

import type { RequestTimeout } from "../client/request-timeout.ts";
import type { GroupCoordinatorTimer } from "../group/group-coordinator.ts";
import type { TransactionCoordinatorTimer } from "../txn/transaction-coordinator.ts";
import type { LogCleanerTimer } from "../log/log-cleaner.ts";

/** A response or send held back by busy network threads or TLS encryption. */
export interface NetworkWorkTimer {
  readonly kind: "NetworkWorkTimer";
  readonly workId: number;
}

/** The produce handler was blocked in the append (flush.messages fsync, dirty-page throttling). */
export interface AppendFlushedTimer {
  readonly kind: "AppendFlushedTimer";
  readonly opId: number;
}

/** A parked produce's timeout (DelayedProduce expiring after timeout.ms). */
export interface DelayedProduceExpiry {
  readonly kind: "DelayedProduceExpiry";
  readonly opId: number;
}

/** A parked fetch's max.wait.ms (DelayedFetch expiring). */
export interface DelayedFetchExpiry {
  readonly kind: "DelayedFetchExpiry";
  readonly opId: number;
}

export type ReplicaManagerTimer = AppendFlushedTimer | DelayedProduceExpiry | DelayedFetchExpiry;

/** A follower's fetcher waits replica.fetch.backoff.ms before fetching from `leaderId` again. */
export interface FetcherBackoffTimer {
  readonly kind: "FetcherBackoffTimer";
  readonly leaderId: number;
  /** Which of the num.replica.fetchers fetchers for that leader. */
  readonly fetcherId: number;
}

export interface BrokerRegistrationRetryTimer {
  readonly kind: "BrokerRegistrationRetryTimer";
}

export interface BrokerHeartbeatTimer {
  readonly kind: "BrokerHeartbeatTimer";
}

export type BrokerLifecycleTimer = BrokerRegistrationRetryTimer | BrokerHeartbeatTimer;

export interface MetadataFetchRetryTimer {
  readonly kind: "MetadataFetchRetryTimer";
}

/** ReplicaManager's isr-expiration task, every replica.lag.time.max.ms / 2. */
export interface IsrExpirationTimer {
  readonly kind: "IsrExpirationTimer";
}

/** ReplicaManager's highwatermark-checkpoint task. */
export interface HighWatermarkCheckpointTimer {
  readonly kind: "HighWatermarkCheckpointTimer";
}

/** LogManager's kafka-log-retention task. */
export interface LogRetentionTimer {
  readonly kind: "LogRetentionTimer";
}

/** LogManager's kafka-log-flusher task (log.flush.scheduler.interval.ms). */
export interface LogFlusherTimer {
  readonly kind: "LogFlusherTimer";
}

/** LogManager's kafka-recovery-point-checkpoint task (log.flush.offset.checkpoint.interval.ms). */
export interface RecoveryPointCheckpointTimer {
  readonly kind: "RecoveryPointCheckpointTimer";
}

/** LogManager.loadLogs has re-read what an unclean shutdown left unflushed. */
export interface LogRecoveryDoneTimer {
  readonly kind: "LogRecoveryDoneTimer";
}

export type BrokerTimer =
  | NetworkWorkTimer
  | ReplicaManagerTimer
  | GroupCoordinatorTimer
  | TransactionCoordinatorTimer
  | FetcherBackoffTimer
  | BrokerLifecycleTimer
  | MetadataFetchRetryTimer
  | IsrExpirationTimer
  | HighWatermarkCheckpointTimer
  | LogRetentionTimer
  | LogFlusherTimer
  | RecoveryPointCheckpointTimer
  | LogRecoveryDoneTimer
  | LogCleanerTimer
  | RequestTimeout;

export const BROKER_REGISTRATION_RETRY: BrokerRegistrationRetryTimer = Object.freeze({ kind: "BrokerRegistrationRetryTimer" });
export const BROKER_HEARTBEAT: BrokerHeartbeatTimer = Object.freeze({ kind: "BrokerHeartbeatTimer" });
export const METADATA_FETCH_RETRY: MetadataFetchRetryTimer = Object.freeze({ kind: "MetadataFetchRetryTimer" });
export const ISR_EXPIRATION: IsrExpirationTimer = Object.freeze({ kind: "IsrExpirationTimer" });
export const HIGH_WATERMARK_CHECKPOINT: HighWatermarkCheckpointTimer = Object.freeze({ kind: "HighWatermarkCheckpointTimer" });
export const LOG_RETENTION: LogRetentionTimer = Object.freeze({ kind: "LogRetentionTimer" });
export const LOG_FLUSHER: LogFlusherTimer = Object.freeze({ kind: "LogFlusherTimer" });
export const RECOVERY_POINT_CHECKPOINT: RecoveryPointCheckpointTimer = Object.freeze({ kind: "RecoveryPointCheckpointTimer" });
export const LOG_RECOVERY_DONE: LogRecoveryDoneTimer = Object.freeze({ kind: "LogRecoveryDoneTimer" });
