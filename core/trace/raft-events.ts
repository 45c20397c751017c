// Trace events of the KRaft controller quorum (cluster.controllers > 1): each voter's state
// changes (an election is prospective → candidate → leader), and follower truncations.

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

export type RaftEvent = RaftStateChanged | RaftTruncated;
