// What the controller asks to be woken for: all periodic or one-shot tasks without data, so
// each is one constant frozen object.

export interface MetadataCommitTimer {
  /** The metadata log's fsync finished: what was appended is committed. */
  readonly kind: "MetadataCommitTimer";
}

/** A parked MetadataFetch (a broker long-polling the log) may have reached its max wait. */
export interface MetadataFetchExpiryTimer {
  readonly kind: "MetadataFetchExpiryTimer";
}

/** BrokerHeartbeatManager's check for brokers silent past broker.session.timeout.ms. */
export interface FenceCheckTimer {
  readonly kind: "FenceCheckTimer";
}

/** auto.leader.rebalance.enable's leader.imbalance.check.interval.seconds. */
export interface LeaderImbalanceTimer {
  readonly kind: "LeaderImbalanceTimer";
}

/** Elections for leaderless partitions, every unclean.leader.election.interval.ms. */
export interface UncleanElectionTimer {
  readonly kind: "UncleanElectionTimer";
}

export type ControllerTimer = MetadataCommitTimer | MetadataFetchExpiryTimer | FenceCheckTimer | LeaderImbalanceTimer | UncleanElectionTimer;

export const METADATA_COMMIT: MetadataCommitTimer = Object.freeze({ kind: "MetadataCommitTimer" });
export const METADATA_FETCH_EXPIRY: MetadataFetchExpiryTimer = Object.freeze({ kind: "MetadataFetchExpiryTimer" });
export const FENCE_CHECK: FenceCheckTimer = Object.freeze({ kind: "FenceCheckTimer" });
export const LEADER_IMBALANCE: LeaderImbalanceTimer = Object.freeze({ kind: "LeaderImbalanceTimer" });
export const UNCLEAN_ELECTION: UncleanElectionTimer = Object.freeze({ kind: "UncleanElectionTimer" });
