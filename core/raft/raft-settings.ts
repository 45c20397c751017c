// A voter's quorum settings (QuorumConfig) and what the controller on top of it hears.

import type { NodeId } from "../env.ts";

export interface RaftSettings {
  readonly localId: number;
  readonly voters: readonly number[];
  /** controller.quorum.election.timeout.ms */
  readonly electionTimeoutMs: number;
  /** controller.quorum.fetch.timeout.ms */
  readonly fetchTimeoutMs: number;
  /** controller.quorum.election.backoff.max.ms */
  readonly electionBackoffMaxMs: number;
  /** controller.quorum.retry.backoff.ms */
  readonly retryBackoffMs: number;
  /** controller.quorum.request.timeout.ms: an unanswered EndQuorumEpoch is resent after it. */
  readonly requestTimeoutMs: number;
  readonly nodeOf: (voterId: number) => NodeId;
}

/** What the controller on top of the Raft client hears. */
export interface RaftListener {
  /** The high watermark moved (on the leader: records below it are committed). */
  onHighWatermark(highWatermark: number): void;
  /** This voter stopped being the leader. */
  onResigned(): void;
}
