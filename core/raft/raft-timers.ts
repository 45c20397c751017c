// What a voter's Raft asks to be woken for. Timers of one state carry the generation of the
// state that set them, so a timer outliving its state is ignored instead of cancelled.

/** Election timeout (unattached, prospective, candidate, resigned) or the end of an election backoff. */
export interface RaftStateTimer {
  readonly kind: "RaftStateTimer";
  readonly gen: number;
}

/** A follower's controller.quorum.fetch.timeout.ms check, re-armed lazily from the last good fetch. */
export interface RaftFetchTimeoutTimer {
  readonly kind: "RaftFetchTimeoutTimer";
  readonly gen: number;
}

/** The leader's check-quorum deadline, re-armed lazily. */
export interface RaftCheckQuorumTimer {
  readonly kind: "RaftCheckQuorumTimer";
  readonly gen: number;
}

/** The metadata log's fsync finished: entries below `upTo` are durable. */
export interface RaftFlushTimer {
  readonly kind: "RaftFlushTimer";
  readonly gen: number;
  readonly upTo: number;
}

/** The quorum-state file holding a vote is durable: the vote may be answered. */
export interface RaftVoteDurableTimer {
  readonly kind: "RaftVoteDurableTimer";
  readonly to: string;
  readonly voterEpoch: number;
  readonly granted: boolean;
}

/** Parked fetches (voters' and observers') may have reached their max wait. */
export interface RaftFetchExpiryTimer {
  readonly kind: "RaftFetchExpiryTimer";
}

/** controller.quorum.retry.backoff.ms after a failed fetch. */
export interface RaftFetchRetryTimer {
  readonly kind: "RaftFetchRetryTimer";
  readonly gen: number;
}

/** A resigned leader resends EndQuorumEpoch to the voters that have not answered. */
export interface RaftEndQuorumRetryTimer {
  readonly kind: "RaftEndQuorumRetryTimer";
  readonly gen: number;
}

/** A graceful shutdown's time is up (KafkaRaftClient.GracefulShutdown's timer). */
export interface RaftShutdownTimer {
  readonly kind: "RaftShutdownTimer";
}

export type RaftTimer = RaftEndQuorumRetryTimer | RaftShutdownTimer | RaftStateTimer | RaftFetchTimeoutTimer | RaftCheckQuorumTimer | RaftFlushTimer | RaftVoteDurableTimer | RaftFetchExpiryTimer | RaftFetchRetryTimer;

export const RAFT_FETCH_EXPIRY: RaftFetchExpiryTimer = Object.freeze({ kind: "RaftFetchExpiryTimer" });
