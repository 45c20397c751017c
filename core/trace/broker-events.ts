// Trace events of a broker's own lifecycle and of its replicas (ReplicaManager, the follower's
// fetcher, MetadataPublisher). Field order is the order the emit sites write them: the trace
// hash folds values in that order, so it is part of the contract.

export interface LogRecovered {
  readonly kind: "LogRecovered";
  readonly topic: string;
  readonly partition: number;
  readonly leo: number;
  readonly hw: number;
}

/**
 * LogManager.loadLogs after an unclean shutdown (no clean-shutdown marker): the segments from
 * each log's recovery point on were re-read before the broker could be unfenced.
 */
export interface LogRecoveryFinished {
  readonly kind: "LogRecoveryFinished";
  readonly segments: number;
  readonly bytes: number;
  /** Disk time of the re-reads (0 when the page cache still held them, after a kill -9). */
  readonly ms: number;
}

export interface MetadataCaughtUp {
  readonly kind: "MetadataCaughtUp";
  readonly offset: number;
}

export interface BrokerRegistered {
  readonly kind: "BrokerRegistered";
  readonly brokerEpoch: number;
}

export interface ControlledShutdownRequested {
  readonly kind: "ControlledShutdownRequested";
}

export interface ControlledShutdownComplete {
  readonly kind: "ControlledShutdownComplete";
}

export interface BecameLeader {
  readonly kind: "BecameLeader";
  readonly topic: string;
  readonly partition: number;
  readonly leaderEpoch: number;
  readonly isr: readonly number[];
  readonly leo: number;
  readonly hw: number;
}

export interface BecameFollower {
  readonly kind: "BecameFollower";
  readonly topic: string;
  readonly partition: number;
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly leo: number;
  readonly hw: number;
}

/** A replica cut its log back: to the high watermark (pre-KIP-101) or to a diverging epoch. */
export interface Truncated {
  readonly kind: "Truncated";
  readonly topic: string;
  readonly partition: number;
  readonly from: number;
  readonly to: number;
  readonly reason: "high-watermark" | "diverging-epoch";
  readonly epoch: number;
}

export type BrokerLifecycleEvent = LogRecovered | LogRecoveryFinished | MetadataCaughtUp | BrokerRegistered | ControlledShutdownRequested | ControlledShutdownComplete | BecameLeader | BecameFollower | Truncated;
