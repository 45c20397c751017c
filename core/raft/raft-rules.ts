// The decisions of KRaft's Raft (KIP-595, KIP-996) as pure functions, so the table tests can
// check each against the Kafka class it follows: who may grant a vote, when the leader's
// high watermark moves, whether a follower's fetch diverges and where it truncates.

import type { OffsetAndEpoch, RaftLog } from "./raft-log.ts";

export type RaftRole = "unattached" | "prospective" | "candidate" | "leader" | "follower" | "resigned";

/** KafkaRaftClient.MAX_FETCH_WAIT_MS: a Fetch's long poll. */
export const FETCH_MAX_WAIT_MS = 500;
/** KafkaRaftClient: RETRY_BACKOFF_BASE_MS, the election backoff's unit. */
export const RETRY_BACKOFF_BASE_MS = 100;
/** LeaderState.CHECK_QUORUM_TIMEOUT_FACTOR: check-quorum time = 1.5 × controller.quorum.fetch.timeout.ms. */
export const CHECK_QUORUM_TIMEOUT_FACTOR = 1.5;

/** OffsetAndEpoch.compareTo ≥ 0: a later last epoch wins, then a longer log. */
export function isLogUpToDate(candidate: OffsetAndEpoch, local: OffsetAndEpoch): boolean {
  return candidate.epoch !== local.epoch ? candidate.epoch > local.epoch : candidate.offset >= local.offset;
}

export interface VoterView {
  readonly localId: number;
  readonly role: RaftRole;
  /** The candidate this voter voted for in its epoch, or null. */
  readonly votedFor: number | null;
  /** The leader it knows in its epoch, or null. */
  readonly leaderId: number | null;
  /** FollowerState.hasFetchedFromLeader: a fetch in this epoch succeeded. */
  readonly hasFetchedFromLeader: boolean;
}

/**
 * EpochState.canGrantVote for a request of this voter's epoch (the caller first rejects an
 * older epoch and, for a real vote, moves to a newer one as unattached):
 * - LeaderState: never (KafkaRaftClientPreVoteTest.testLeaderRejectPreVoteRequestOnSameEpoch).
 * - ResignedState: only a PreVote, for an up-to-date log; never a vote in its epoch. A resigning
 *   leader wants a successor, so the first preferred successor after EndQuorumEpoch wins its
 *   pre-vote with the resigned leader's grant (Kafka 4.1,
 *   KafkaRaftClientPreVoteTest.testHandlePreVoteRequestAsResigned).
 * - FollowerState: only a PreVote, only before any fetch from the leader succeeded, only for
 *   an up-to-date log (KIP-996: a follower that hears from its leader keeps the quorum stable).
 * - CandidateState: it voted for itself; a PreVote gets an up-to-dateness check.
 * - UnattachedState, ProspectiveState (QuorumState.unattachedOrProspectiveCanGrantVote): a
 *   PreVote needs an up-to-date log; a vote goes to the one already voted for, never while
 *   a leader is known, else to an up-to-date log.
 */
export function canGrantVote(v: VoterView, candidateId: number, logUpToDate: boolean, preVote: boolean): boolean {
  switch (v.role) {
    case "leader":
      return false;
    case "resigned":
      return preVote && logUpToDate;
    case "follower":
      return preVote && !v.hasFetchedFromLeader && logUpToDate;
    case "candidate":
      return preVote ? logUpToDate : candidateId === v.localId;
    case "unattached":
    case "prospective":
      if (preVote) return logUpToDate;
      if (v.votedFor !== null) return v.votedFor === candidateId;
      if (v.leaderId !== null) return false;
      return logUpToDate;
  }
}

/**
 * LeaderState.maybeUpdateHighWatermark: the offset a majority of voters has (the leader counts
 * with its flushed end offset) becomes the high watermark, only past the epoch's start offset
 * (a record of the leader's own epoch must commit first) and only forward. Returns the new
 * high watermark, or null when it does not move. `currentHw` is -1 while unknown.
 */
export function nextHighWatermark(voterEndOffsets: readonly number[], epochStartOffset: number, currentHw: number): number | null {
  const sorted = [...voterEndOffsets].sort((a, b) => b - a);
  const candidate = sorted[Math.floor(sorted.length / 2)]!;
  if (candidate <= epochStartOffset) return null;
  return candidate > currentHw ? candidate : null;
}

/**
 * ReplicatedLog.validateOffsetAndEpoch as the leader runs it on a Fetch: the follower's
 * (fetchOffset, lastFetchedEpoch) must be in the leader's log, or the leader answers with the
 * end of the largest epoch it has at or below lastFetchedEpoch (the diverging epoch).
 */
export function divergingEpoch(log: RaftLog, fetchOffset: number, lastFetchedEpoch: number): OffsetAndEpoch | null {
  if (fetchOffset === 0 && lastFetchedEpoch === 0) return null;
  const end = log.endOffsetForEpoch(lastFetchedEpoch);
  if (end.epoch !== lastFetchedEpoch || end.offset < fetchOffset) return end;
  return null;
}

/** ReplicatedLog.truncateToEndOffset: where a follower truncates on a diverging epoch. */
export function truncationOffset(log: RaftLog, diverging: OffsetAndEpoch): number {
  if (diverging.epoch === 0) return Math.min(diverging.offset, log.endOffset);
  const local = log.endOffsetForEpoch(diverging.epoch);
  return local.epoch === diverging.epoch ? Math.min(local.offset, diverging.offset) : local.offset;
}

/** QuorumState.randomElectionTimeoutMs: election.timeout.ms plus up to as much again. */
export function randomElectionTimeoutMs(electionTimeoutMs: number, draw: (n: number) => number): number {
  return electionTimeoutMs === 0 ? 0 : electionTimeoutMs + draw(electionTimeoutMs);
}

/** KafkaRaftClient.binaryExponentialElectionBackoffMs, capped at controller.quorum.election.backoff.max.ms. */
export function electionBackoffMs(retries: number, electionBackoffMaxMs: number, draw: (n: number) => number): number {
  return Math.min(RETRY_BACKOFF_BASE_MS * draw(2 << Math.min(20, Math.max(0, retries - 1))), electionBackoffMaxMs);
}

/**
 * LeaderState.nonLeaderVotersByDescendingFetchOffset: the voters a resigning leader names as
 * its preferred successors, the most caught up first (ReplicaState.compareTo: a larger fetched
 * end offset first, ties by id, voters that never fetched last).
 */
export function preferredSuccessors(voters: readonly number[], localId: number, endOffsetOf: (voterId: number) => number | undefined): number[] {
  const rank = (id: number): number => endOffsetOf(id) ?? -1;
  return voters.filter((id) => id !== localId).sort((a, b) => (rank(a) !== rank(b) ? rank(b) - rank(a) : a - b));
}

/**
 * KafkaRaftClient.strictExponentialElectionBackoffMs: the first successor starts at once, the
 * one at `position` waits backoffMax >> (total - 1) << (position - 1); a voter not in the list
 * waits controller.quorum.election.backoff.max.ms.
 */
export function strictExponentialElectionBackoffMs(position: number, totalSuccessors: number, electionBackoffMaxMs: number): number {
  if (position === 0) return 0;
  if (position < 0 || position >= totalSuccessors) return electionBackoffMaxMs;
  const baseMs = electionBackoffMaxMs >> (totalSuccessors - 1);
  return Math.min(electionBackoffMaxMs, baseMs << (position - 1));
}

/**
 * KafkaRaftClient.endEpochElectionBackoff: how long a follower that received EndQuorumEpoch
 * waits before its election (FollowerState.overrideFetchTimeout), by its place among the
 * leader's preferred successors (the list's length when it is not in it).
 */
export function endEpochElectionBackoffMs(successors: readonly number[], localId: number, electionBackoffMaxMs: number): number {
  const i = successors.indexOf(localId);
  return strictExponentialElectionBackoffMs(i < 0 ? successors.length : i, successors.length, electionBackoffMaxMs);
}
