// What a Raft leader keeps about its voters (Kafka's LeaderState): the end offset each has
// fetched up to, its own flushed end, and the check-quorum clock that makes it resign when
// no majority has fetched from it within 1.5 × controller.quorum.fetch.timeout.ms.

import { CHECK_QUORUM_TIMEOUT_FACTOR, nextHighWatermark, preferredSuccessors } from "./raft-rules.ts";

export class LeaderProgress {
  private readonly voterEnd = new Map<number, number>();
  private readonly fetchedVoters = new Set<number>();
  /** The leader's own end offset, counted only once flushed. */
  private flushedEnd: number;
  private checkQuorumResetUs = 0;

  constructor(logEndOffset: number) {
    this.flushedEnd = logEndOffset;
  }

  /** A new epoch as leader: no voter has fetched yet, the check-quorum clock starts now. */
  begin(nowUs: number, logEndOffset: number): void {
    this.voterEnd.clear();
    this.fetchedVoters.clear();
    this.checkQuorumResetUs = nowUs;
    this.flushedEnd = Math.min(this.flushedEnd, logEndOffset);
  }

  /** The leader's fsync up to `upTo` finished. */
  flushed(upTo: number): void {
    this.flushedEnd = Math.max(this.flushedEnd, upTo);
  }

  /** A voter's Fetch at `fetchOffset` (LeaderState.updateReplicaState, updateCheckQuorumForFollowingVoter). */
  voterFetched(voterId: number, fetchOffset: number, nowUs: number, majority: number): void {
    this.voterEnd.set(voterId, Math.max(this.voterEnd.get(voterId) ?? -1, fetchOffset));
    // The leader counts itself.
    this.fetchedVoters.add(voterId);
    if (this.fetchedVoters.size >= majority - 1) {
      this.fetchedVoters.clear();
      this.checkQuorumResetUs = nowUs;
    }
  }

  /** LeaderState.maybeUpdateHighWatermark over the voters' offsets, or null when it does not move. */
  nextHighWatermark(voters: readonly number[], localId: number, epochStartOffset: number, currentHw: number): number | null {
    const offsets = voters.map((id) => (id === localId ? this.flushedEnd : (this.voterEnd.get(id) ?? -1)));
    return nextHighWatermark(offsets, epochStartOffset, currentHw);
  }

  /** When the check-quorum time runs out unless a majority fetches first. */
  checkQuorumDueUs(fetchTimeoutMs: number): number {
    return this.checkQuorumResetUs + fetchTimeoutMs * CHECK_QUORUM_TIMEOUT_FACTOR * 1000;
  }

  /** No majority has fetched within the check-quorum time (LeaderState.timeUntilCheckQuorumExpires is 0). */
  checkQuorumExpired(nowUs: number, fetchTimeoutMs: number): boolean {
    return nowUs - this.checkQuorumResetUs >= fetchTimeoutMs * CHECK_QUORUM_TIMEOUT_FACTOR * 1000;
  }

  /** LeaderState.nonLeaderVotersByDescendingFetchOffset. */
  successors(voters: readonly number[], localId: number): number[] {
    return preferredSuccessors(voters, localId, (id) => this.voterEnd.get(id));
  }
}
