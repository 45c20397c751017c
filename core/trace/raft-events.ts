// Trace events of the KRaft controller quorum (cluster.controllers > 1): each voter's state
// changes (an election is prospective → candidate → leader), follower truncations, and each
// voter's log end and high watermark.

export interface RaftStateChanged {
  readonly kind: "RaftStateChanged";
  /** unattached | prospective | candidate | leader | follower | resigned */
  readonly role: string;
  readonly epoch: number;
  /** The leader this voter knows, -1 when none. */
  readonly leader: number;
  readonly reason: string;
}

/** A follower dropped an uncommitted suffix that the leader's log does not have. */
export interface RaftTruncated {
  readonly kind: "RaftTruncated";
  readonly from: number;
  readonly to: number;
  readonly epoch: number;
}

/**
 * A voter's metadata log end offset or high watermark moved (after an append, a flush, a
 * fetch or a truncation; once per handler at most): the visualizer's per-voter log ends.
 */
export interface RaftLogProgress {
  readonly kind: "RaftLogProgress";
  readonly logEnd: number;
  /** -1 while unknown (a new leader before a record of its epoch commits). */
  readonly highWatermark: number;
}

export type RaftEvent = RaftStateChanged | RaftTruncated | RaftLogProgress;
