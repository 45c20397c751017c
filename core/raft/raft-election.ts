// Elections (KIP-595 with pre-vote, KIP-996): what a voter answers to Vote and PreVote
// (KafkaRaftClient.handleVoteRequest, EpochState.canGrantVote), and how a prospective or a
// candidate counts the answers (handleVoteResponse; ProspectiveState, CandidateState): a
// majority of pre-votes makes a candidate, a majority of votes a leader, and a majority of
// refusals loses the election. A real vote is fsynced before it is answered.

import type { Env, NodeId } from "../env.ts";
import type { KafkaMessage } from "../protocol/messages.ts";
import type { RaftLog } from "./raft-log.ts";
import type { VoteRequest, VoteResponse } from "./raft-messages.ts";
import { canGrantVote, electionBackoffMs, isLogUpToDate, type RaftRole } from "./raft-rules.ts";
import type { RaftSettings } from "./raft-settings.ts";
import type { RaftTimer } from "./raft-timers.ts";

/** What an election reads of its voter and asks of it. */
export interface ElectionHost {
  readonly role: RaftRole;
  readonly epoch: number;
  readonly leaderId: number | null;
  readonly votedFor: number | null;
  readonly log: RaftLog;
  readonly majority: number;
  /** FollowerState.hasFetchedFromLeader. */
  readonly hasFetchedFromLeader: boolean;
  observeEpoch(epoch: number, leaderId: number, reason: string): boolean;
  toUnattached(epoch: number, reason: string): void;
  toFollower(epoch: number, leaderId: number, reason: string): void;
  toCandidate(): void;
  toLeader(): void;
  /** QuorumState.unattachedAddVotedState: records the vote in the quorum-state file; returns its fsync's latency. */
  recordVote(candidateId: number): number;
  /** A new generation of the voter's state (its timers from before are ignored). */
  nextGen(): number;
  armElectionTimeout(): void;
}

export class RaftElection {
  /** Elections started since this voter last followed or led (CandidateState.retries). */
  retries = 0;
  /** A candidate that lost waits out its election backoff (CandidateState.isBackingOff). */
  backingOff = false;
  private granted = new Set<number>();
  private rejected = new Set<number>();

  constructor(
    private readonly env: Env<KafkaMessage, RaftTimer>,
    private readonly settings: RaftSettings,
    private readonly host: ElectionHost,
  ) {}

  /** Counts its own vote and asks every other voter (KafkaRaftClient.maybeSendVoteRequests). */
  start(preVote: boolean): void {
    this.granted = new Set([this.settings.localId]);
    this.rejected = new Set();
    this.host.armElectionTimeout();
    const end = this.host.log.endOffsetAndEpoch();
    for (const id of this.settings.voters) {
      if (id === this.settings.localId) continue;
      this.env.send(this.settings.nodeOf(id), { kind: "Vote", candidateId: this.settings.localId, epoch: this.host.epoch, lastEpoch: end.epoch, lastOffset: end.offset, preVote });
    }
  }

  onVote(from: NodeId, req: VoteRequest): void {
    const h = this.host;
    if (req.epoch < h.epoch) return this.answer(from, false, req.preVote);
    if (!req.preVote && req.epoch > h.epoch) h.toUnattached(req.epoch, `vote request of epoch ${req.epoch}`);
    const upToDate = isLogUpToDate({ epoch: req.lastEpoch, offset: req.lastOffset }, h.log.endOffsetAndEpoch());
    const view = { localId: this.settings.localId, role: h.role, votedFor: h.votedFor, leaderId: h.leaderId, hasFetchedFromLeader: h.hasFetchedFromLeader };
    const granted = canGrantVote(view, req.candidateId, upToDate, req.preVote);
    if (granted && !req.preVote && h.role === "unattached" && h.votedFor === null) {
      // The vote is durable before it is answered.
      this.env.setTimer(h.recordVote(req.candidateId), { kind: "RaftVoteDurableTimer", to: from, voterEpoch: h.epoch, granted });
      h.nextGen();
      h.armElectionTimeout();
      return;
    }
    this.answer(from, granted, req.preVote);
  }

  private answer(to: NodeId, granted: boolean, preVote: boolean): void {
    this.env.send(to, { kind: "VoteResponse", voterId: this.settings.localId, epoch: this.host.epoch, granted, preVote, leaderId: this.host.leaderId ?? -1 });
  }

  onVoteResponse(resp: VoteResponse): void {
    const h = this.host;
    if (h.observeEpoch(resp.epoch, resp.leaderId, "vote response of a newer epoch")) return;
    if (resp.epoch !== h.epoch) return; // KafkaRaftClient.maybeHandleCommonResponse: an older epoch is no longer relevant
    const electing = (h.role === "prospective" && resp.preVote) || (h.role === "candidate" && !resp.preVote);
    if (!electing) return;
    (resp.granted ? this.granted : this.rejected).add(resp.voterId);
    if (this.granted.size >= h.majority) {
      if (h.role === "prospective") h.toCandidate();
      else h.toLeader();
    } else if (this.rejected.size > this.settings.voters.length - h.majority) {
      this.lost();
    }
  }

  /**
   * A prospective that lost goes back to following the leader it knew, or unattached
   * (prospectiveTransitionAfterElectionLoss); a candidate backs off
   * (binaryExponentialElectionBackoffMs) and tries again from prospective.
   */
  lost(): void {
    const h = this.host;
    if (h.role === "prospective") {
      if (h.leaderId !== null) h.toFollower(h.epoch, h.leaderId, "pre-vote lost");
      else h.toUnattached(h.epoch, "pre-vote lost");
      return;
    }
    const gen = this.host.nextGen();
    this.backingOff = true;
    const ms = electionBackoffMs(this.retries, this.settings.electionBackoffMaxMs, (n) => this.env.rng.int(n));
    this.env.setTimer(ms * 1000, { kind: "RaftStateTimer", gen });
  }
}
