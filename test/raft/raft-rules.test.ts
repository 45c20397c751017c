// Table tests of KRaft's Raft rules (core/raft/raft-rules.ts), each row after the Kafka case
// it follows: KafkaRaftClientTest, KafkaRaftClientPreVoteTest, LeaderStateTest,
// FollowerStateTest, QuorumStateTest and ReplicatedLog's endOffsetForEpoch /
// truncateToEndOffset (raft/src/test/java/org/apache/kafka/raft/).

import { describe, expect, it } from "vitest";
import { MemDisk } from "../harness/index.ts";
import { RaftLog, type RaftEntry } from "../../core/raft/raft-log.ts";
import { canGrantVote, divergingEpoch, electionBackoffMs, endEpochElectionBackoffMs, isLogUpToDate, nextHighWatermark, preferredSuccessors, randomElectionTimeoutMs, strictExponentialElectionBackoffMs, truncationOffset, type VoterView } from "../../core/raft/raft-rules.ts";

/** A log whose entry i has epoch epochs[i]. */
function logOf(epochs: readonly number[]): RaftLog {
  const file = new MemDisk().open<RaftEntry>("log");
  const log = new RaftLog(file);
  epochs.forEach((epoch, offset) => log.append({ epoch, record: { type: "LeaderChange", offset, leaderId: 1, epoch } }));
  return log;
}

const voter = (over: Partial<VoterView>): VoterView => ({ localId: 1, role: "unattached", votedFor: null, leaderId: null, hasFetchedFromLeader: false, ...over });

describe("isLogUpToDate (OffsetAndEpoch.compareTo, KafkaRaftClientTest.testHandleVoteRequestAsFollowerWithHigherEpochAndLogNotUpToDate)", () => {
  it.each([
    { candidate: { epoch: 3, offset: 5 }, local: { epoch: 3, offset: 5 }, upToDate: true, why: "same end" },
    { candidate: { epoch: 3, offset: 6 }, local: { epoch: 3, offset: 5 }, upToDate: true, why: "longer log, same epoch" },
    { candidate: { epoch: 3, offset: 4 }, local: { epoch: 3, offset: 5 }, upToDate: false, why: "shorter log, same epoch" },
    { candidate: { epoch: 4, offset: 1 }, local: { epoch: 3, offset: 9 }, upToDate: true, why: "later last epoch wins over length" },
    { candidate: { epoch: 2, offset: 9 }, local: { epoch: 3, offset: 1 }, upToDate: false, why: "stale last epoch loses even when longer" },
  ])("$why", ({ candidate, local, upToDate }) => {
    expect(isLogUpToDate(candidate, local)).toBe(upToDate);
  });
});

describe("canGrantVote (EpochState.canGrantVote)", () => {
  it.each([
    { v: voter({}), preVote: false, upToDate: true, granted: true, case: "UnattachedState grants an up-to-date candidate (testGrantVotesFromHigherEpoch)" },
    { v: voter({}), preVote: false, upToDate: false, granted: false, case: "UnattachedState rejects a stale log (testHandleVoteRequestAsFollowerWithHigherEpochAndLogNotUpToDate)" },
    { v: voter({ votedFor: 2 }), preVote: false, upToDate: true, granted: true, case: "voted state grants its candidate again (testRetryElection)" },
    { v: voter({ votedFor: 3 }), preVote: false, upToDate: true, granted: false, case: "voted state rejects another candidate (QuorumStateTest.testVotedCannotGrantVoteToOther)" },
    { v: voter({ votedFor: 3 }), preVote: true, upToDate: true, granted: true, case: "a pre-vote binds nothing: voted state still grants it (KafkaRaftClientPreVoteTest.testHandlePreVoteRequestAsUnattachedVoted)" },
    { v: voter({ leaderId: 3 }), preVote: false, upToDate: true, granted: false, case: "unattached with a known leader rejects a vote" },
    { v: voter({ leaderId: 3 }), preVote: true, upToDate: true, granted: true, case: "... but grants an up-to-date pre-vote (KafkaRaftClientPreVoteTest.testHandlePreVoteRequestAsUnattachedWithLeader)" },
    { v: voter({ role: "follower", leaderId: 3 }), preVote: false, upToDate: true, granted: false, case: "FollowerState never grants a vote" },
    { v: voter({ role: "follower", leaderId: 3, hasFetchedFromLeader: true }), preVote: true, upToDate: true, granted: false, case: "a follower that fetched from its leader rejects a pre-vote (KIP-996, KafkaRaftClientPreVoteTest.testHandlePreVoteRequestAsFollower)" },
    { v: voter({ role: "follower", leaderId: 3 }), preVote: true, upToDate: true, granted: true, case: "a follower that never fetched grants an up-to-date pre-vote (KafkaRaftClientPreVoteTest.testFollowerGrantsPreVoteIfHasNotFetchedYet)" },
    { v: voter({ role: "follower", leaderId: 3 }), preVote: true, upToDate: false, granted: false, case: "... but not a stale one" },
    { v: voter({ role: "candidate", votedFor: 1 }), preVote: false, upToDate: true, granted: false, case: "CandidateState voted for itself" },
    { v: voter({ role: "candidate", votedFor: 1 }), preVote: true, upToDate: true, granted: true, case: "CandidateState grants an up-to-date pre-vote (KafkaRaftClientPreVoteTest.testHandlePreVoteRequestAsCandidate)" },
    { v: voter({ role: "prospective" }), preVote: true, upToDate: false, granted: false, case: "ProspectiveState rejects a stale pre-vote (KafkaRaftClientPreVoteTest.testRejectPreVoteIfRemoteLogIsNotUpToDate)" },
    { v: voter({ role: "leader", leaderId: 1 }), preVote: true, upToDate: true, granted: false, case: "LeaderState rejects everything (KafkaRaftClientPreVoteTest.testLeaderRejectPreVoteRequestOnSameEpoch)" },
    { v: voter({ role: "resigned", leaderId: 1 }), preVote: false, upToDate: true, granted: false, case: "ResignedState rejects a vote in its epoch (ResignedState.canGrantVote)" },
    { v: voter({ role: "resigned", leaderId: 1 }), preVote: true, upToDate: true, granted: true, case: "ResignedState grants an up-to-date pre-vote (Kafka 4.1, KafkaRaftClientPreVoteTest.testHandlePreVoteRequestAsResigned)" },
    { v: voter({ role: "resigned", leaderId: 1 }), preVote: true, upToDate: false, granted: false, case: "... but not a stale one" },
  ])("$case", ({ v, preVote, upToDate, granted }) => {
    expect(canGrantVote(v, 2, upToDate, preVote)).toBe(granted);
  });
});

describe("nextHighWatermark (LeaderState.maybeUpdateHighWatermark, LeaderStateTest)", () => {
  it.each([
    { offsets: [15, 10, 10], start: 10, hw: -1, next: null, case: "testUpdateHighWatermarkQuorumSizeThree: followers at the epoch start, no HW yet (a record of the epoch must commit first)" },
    { offsets: [15, 10, 15], start: 10, hw: -1, next: 15, case: "testUpdateHighWatermarkQuorumSizeThree: one follower at 15, HW 15" },
    { offsets: [20, 20, 15], start: 10, hw: 15, next: 20, case: "testUpdateHighWatermarkQuorumSizeThree: the other at 20, HW 20 (the leader counts)" },
    { offsets: [20, 0, 0], start: 10, hw: -1, next: null, case: "only the leader has it: no HW" },
    { offsets: [20, 12, 11], start: 10, hw: 15, next: null, case: "testNonMonotonicHighWatermarkUpdate: never backwards" },
    { offsets: [20, 20, 3, 3, 20], start: 10, hw: 11, next: 20, case: "five voters: the third-highest (indexOfHw = voters / 2)" },
    { offsets: [20, 20, 3, 3, 4], start: 10, hw: -1, next: null, case: "five voters, two with it: no HW" },
  ])("$case", ({ offsets, start, hw, next }) => {
    expect(nextHighWatermark(offsets, start, hw)).toBe(next);
  });
});

describe("divergingEpoch and truncationOffset (KafkaRaftClientTest.testFetchResponseWithDivergingEpoch...)", () => {
  // Leader: epochs 1 1 1 3 3 (offsets 0..4). Follower variants below.
  const leader = logOf([1, 1, 1, 3, 3]);
  it.each([
    { fetchOffset: 0, lastEpoch: 0, diverging: null, case: "an empty follower starts at 0 without a check" },
    { fetchOffset: 3, lastEpoch: 1, diverging: null, case: "a follower at the end of epoch 1 is in line" },
    { fetchOffset: 5, lastEpoch: 3, diverging: null, case: "a caught-up follower is in line" },
    { fetchOffset: 5, lastEpoch: 2, diverging: { epoch: 1, offset: 3 }, case: "epoch 2 the leader never had: the end of epoch 1" },
    { fetchOffset: 4, lastEpoch: 1, diverging: { epoch: 1, offset: 3 }, case: "epoch 1 ran longer on the follower: the leader's end of epoch 1" },
    { fetchOffset: 7, lastEpoch: 3, diverging: { epoch: 3, offset: 5 }, case: "ahead of the leader in the same epoch" },
  ])("$case", ({ fetchOffset, lastEpoch, diverging }) => {
    expect(divergingEpoch(leader, fetchOffset, lastEpoch)).toEqual(diverging);
  });

  it.each([
    { follower: [1, 1, 1, 2, 2], diverging: { epoch: 1, offset: 3 }, to: 3, case: "an uncommitted epoch-2 suffix goes (ReplicatedLog.truncateToEndOffset)" },
    { follower: [1, 1, 1, 1, 1], diverging: { epoch: 1, offset: 3 }, to: 3, case: "a longer epoch 1 is cut at the leader's end of it" },
    { follower: [1, 1], diverging: { epoch: 1, offset: 3 }, to: 2, case: "never past the local end" },
    { follower: [1, 2, 2], diverging: { epoch: 3, offset: 4 }, to: 3, case: "an epoch the follower lacks: its own end of the epoch below" },
    { follower: [2, 2], diverging: { epoch: 0, offset: 0 }, to: 0, case: "nothing in common: everything goes" },
  ])("$case", ({ follower, diverging, to }) => {
    const log = logOf(follower);
    const offset = truncationOffset(log, diverging);
    log.truncateTo(offset);
    expect(offset).toBe(to);
    expect(log.endOffset).toBe(Math.min(to, follower.length));
  });

  it("the epoch index follows a truncation (endOffsetForEpoch after truncateTo)", () => {
    const log = logOf([1, 1, 2, 2, 3]);
    expect(log.endOffsetForEpoch(2)).toEqual({ epoch: 2, offset: 4 });
    log.truncateTo(2);
    expect(log.lastEpoch).toBe(1);
    expect(log.endOffsetForEpoch(2)).toEqual({ epoch: 1, offset: 2 });
  });
});

describe("timeouts (QuorumState.randomElectionTimeoutMs, KafkaRaftClient.binaryExponentialElectionBackoffMs)", () => {
  it("the election timeout is election.timeout.ms plus up to as much again", () => {
    expect(randomElectionTimeoutMs(1000, () => 0)).toBe(1000);
    expect(randomElectionTimeoutMs(1000, (n) => n - 1)).toBe(1999);
  });

  it.each([
    { retries: 1, draw: 1, ms: 100, case: "first retry: 0 or 100 ms" },
    { retries: 3, draw: 7, ms: 700, case: "third retry: up to 700 ms" },
    { retries: 5, draw: 31, ms: 1000, case: "capped at controller.quorum.election.backoff.max.ms" },
  ])("$case", ({ retries, draw, ms }) => {
    let bound = 0;
    expect(electionBackoffMs(retries, 1000, (n) => ((bound = n), draw))).toBe(ms);
    expect(bound).toBe(2 << (retries - 1));
  });
});

describe("preferredSuccessors (LeaderState.nonLeaderVotersByDescendingFetchOffset)", () => {
  it.each([
    { ends: { 2: 1, 3: 3 }, successors: [3, 2], case: "testEndQuorumEpochSentBasedOnFetchOffset: the close follower (fetched to 3) before the lagging one (1)" },
    { ends: { 2: 5, 3: 5 }, successors: [2, 3], case: "equal end offsets: by id (ReplicaState.compareTo)" },
    { ends: { 3: 0 }, successors: [3, 2], case: "a voter that never fetched comes last" },
    { ends: {}, successors: [2, 3], case: "nobody fetched: by id" },
  ])("$case", ({ ends, successors }) => {
    const byId = ends as Record<number, number>;
    expect(preferredSuccessors([1, 2, 3], 1, (id) => byId[id])).toEqual(successors);
  });
});

describe("endEpochElectionBackoffMs (KafkaRaftClient.endEpochElectionBackoff, strictExponentialElectionBackoffMs)", () => {
  it.each([
    { successors: [1], ms: 0, case: "testHandleEndQuorumRequest: the only successor starts its election at once" },
    { successors: [1, 3], ms: 0, case: "first of two: at once" },
    { successors: [3, 1], ms: 500, case: "testHandleEndQuorumRequestWithLowerPriorityToBecomeLeader: second of two waits backoff.max >> 1" },
    { successors: [2, 3, 4, 1], ms: 500, case: "fourth of four (five voters): backoff.max >> 3 << 2" },
    { successors: [2, 1, 3, 4], ms: 125, case: "second of four: backoff.max >> 3" },
    { successors: [2, 3], ms: 1000, case: "not named: controller.quorum.election.backoff.max.ms" },
    { successors: [], ms: 0, case: "an empty list (a leader that restarted resigned, QuorumState.initialize): at once" },
  ])("$case", ({ successors, ms }) => {
    expect(endEpochElectionBackoffMs(successors, 1, 1000)).toBe(ms);
  });

  it("never exceeds the backoff maximum", () => {
    for (let total = 1; total <= 8; total++) for (let pos = -1; pos <= total; pos++) expect(strictExponentialElectionBackoffMs(pos, total, 1000)).toBeLessThanOrEqual(1000);
  });
});
