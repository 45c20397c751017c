// One voter of the KRaft controller quorum: Kafka's KafkaRaftClient with QuorumState and its
// epoch states (UnattachedState, ProspectiveState, CandidateState, LeaderState, FollowerState,
// ResignedState), in Kafka 4.1's form with pre-vote (KIP-996):
// - a follower that hears nothing from its leader for controller.quorum.fetch.timeout.ms, or
//   an unattached voter whose election timeout passes, becomes prospective and asks for
//   pre-votes in its epoch; a majority of pre-votes makes it a candidate (epoch + 1, votes for
//   itself, durably), a majority of votes a leader;
// - a new leader writes a LeaderChange record, tells the voters (BeginQuorumEpoch) and
//   commits nothing until a record of its own epoch is on a majority (LeaderState);
// - followers pull the log (Fetch with lastFetchedEpoch), truncate a diverging suffix, flush
//   every append before fetching again;
// - a leader that has not been fetched from by a majority within 1.5 × fetch timeout resigns;
//   a resigned leader sends EndQuorumEpoch naming the other voters, the most caught up first,
//   and a follower that gets it starts its election after a backoff by its place in that list
//   (KafkaRaftClient.handleEndQuorumEpochRequest, endEpochElectionBackoff) instead of waiting
//   out its fetch timeout;
// - a graceful shutdown (SIGTERM) resigns a leader and keeps the process up, resigned, until
//   another voter leads or 5 s pass (KafkaRaftClient.shutdown, GracefulShutdown); any other
//   voter exits once it knows a leader other than itself.
// Left out: snapshots (FETCH_SNAPSHOT), voter-set changes (KIP-853),
// controller.quorum.append.linger.ms (records go to the log as the controller appends them),
// retransmission of unanswered Vote and BeginQuorumEpoch requests (the election timeout
// retries instead).

import type { DiskFile, Env, NodeId } from "../env.ts";
import { Errors } from "../protocol/errors.ts";
import type { KafkaMessage, MetadataFetchRequest } from "../protocol/messages.ts";
import type { MetadataRecord } from "../protocol/metadata-records.ts";
import { RaftLog, type RaftEntry } from "./raft-log.ts";
import type { BeginQuorumEpochRequest, EndQuorumEpochRequest, EndQuorumEpochResponse, RaftFetchRequest, RaftFetchResponse, VoteRequest, VoteResponse } from "./raft-messages.ts";
import { CHECK_QUORUM_TIMEOUT_FACTOR, canGrantVote, divergingEpoch, electionBackoffMs, endEpochElectionBackoffMs, isLogUpToDate, nextHighWatermark, preferredSuccessors, randomElectionTimeoutMs, truncationOffset, type RaftRole } from "./raft-rules.ts";
import { RAFT_FETCH_EXPIRY, type RaftTimer } from "./raft-timers.ts";

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
  readonly nodeOf: (voterId: number) => NodeId;
}

/** What the controller on top of the Raft client hears. */
export interface RaftListener {
  /** The high watermark moved (on the leader: records below it are committed). */
  onHighWatermark(highWatermark: number): void;
  /** This voter stopped being the leader. */
  onResigned(): void;
}

interface QuorumStateFile {
  readonly epoch: number;
  readonly votedFor: number | null;
  readonly leaderId: number | null;
}

interface ParkedFetch {
  readonly from: NodeId;
  readonly voter: RaftFetchRequest | null;
  readonly observer: MetadataFetchRequest | null;
  readonly atUs: number;
}

/** KafkaRaftClient's fetch long-poll: 500 ms. */
const FETCH_MAX_WAIT_MS = 500;
const MAX_ENTRIES_PER_FETCH = 2000;
/** controller.quorum.request.timeout.ms (default 2 s): an unanswered EndQuorumEpoch is resent after it. */
const REQUEST_TIMEOUT_MS = 2000;

export class RaftClient {
  role: RaftRole = "unattached";
  epoch = 0;
  votedFor: number | null = null;
  leaderId: number | null = null;
  /** -1 while unknown (a new leader learns it once a record of its epoch commits). */
  highWatermark = -1;
  readonly log: RaftLog;
  epochStartOffset = -1;
  private readonly stateFile: DiskFile<QuorumStateFile>;
  private gen = 0;
  private retries = 0;
  /** A candidate that lost waits out its election backoff (CandidateState.isBackingOff). */
  private backingOff = false;
  private granted = new Set<number>();
  private rejected = new Set<number>();
  // leader
  private readonly voterEnd = new Map<number, number>();
  private flushedEnd = 0;
  private readonly fetchedVoters = new Set<number>();
  private checkQuorumResetUs = 0;
  private parked: ParkedFetch[] = [];
  // follower
  private fetchInFlight = false;
  private hasFetchedFromLeader = false;
  /** FollowerState's fetch timer: the follower starts an election when it passes. */
  private fetchDeadlineUs = 0;
  /** The leader's EndQuorumEpoch moved the fetch deadline. */
  private endEpochReceived = false;
  private flushing = false;
  // resigned (ResignedState)
  private successors: readonly number[] = [];
  private readonly unackedVoters = new Set<number>();
  /** A graceful shutdown under way: `done` lets the process exit. */
  private shutdown: { readonly done: () => void; finished: boolean } | null = null;
  /** The log end and high watermark last traced (RaftLogProgress). */
  private tracedEnd = -1;
  private tracedHw = -2;

  constructor(
    private readonly env: Env<KafkaMessage, RaftTimer>,
    private readonly settings: RaftSettings,
    private readonly listener: RaftListener,
  ) {
    this.log = new RaftLog(env.disk.open<RaftEntry>("__cluster_metadata-0/00000000000000000000.log"));
    this.stateFile = env.disk.open<QuorumStateFile>("__cluster_metadata-0/quorum-state");
    this.flushedEnd = this.log.endOffset;
  }

  /** QuorumState.initialize: a former leader starts resigned, a voter that voted keeps its vote. */
  start(): void {
    this.traceProgress();
    const saved = this.stateFile.entries[this.stateFile.entries.length - 1];
    if (saved === undefined) return this.toUnattached(0, "start");
    this.epoch = saved.epoch;
    this.votedFor = saved.votedFor;
    if (saved.leaderId === this.settings.localId) return this.toResigned("restarted as former leader", []);
    this.leaderId = null;
    this.enter("unattached", "start");
    this.armElectionTimeout();
  }

  get majority(): number {
    return Math.floor(this.settings.voters.length / 2) + 1;
  }

  get isLeader(): boolean {
    return this.role === "leader";
  }

  // ---- state transitions -----------------------------------------------------------------

  private enter(role: RaftRole, reason: string): void {
    const was = this.role;
    this.role = role;
    this.gen++;
    this.backingOff = false;
    this.fetchInFlight = false;
    this.flushing = false;
    this.env.emit({ kind: "RaftStateChanged", role, epoch: this.epoch, leader: this.leaderId ?? -1, reason });
    if (was === "leader" && role !== "leader") {
      // KafkaRaftClient.transitionToResigned: fetchPurgatory.completeAllExceptionally(NOT_LEADER_OR_FOLLOWER).
      const parked = this.parked;
      this.parked = [];
      for (const f of parked) this.refuseFetch(f.from, f.voter, f.observer);
      this.listener.onResigned();
    }
    this.maybeCompleteShutdown();
  }

  private persist(): void {
    this.stateFile.replace([{ epoch: this.epoch, votedFor: this.votedFor, leaderId: this.leaderId }], [64]);
    this.stateFile.fsync();
  }

  private toUnattached(epoch: number, reason: string): void {
    if (epoch !== this.epoch) this.votedFor = null;
    this.epoch = epoch;
    this.leaderId = null;
    this.persist();
    this.enter("unattached", reason);
    this.armElectionTimeout();
  }

  private toFollower(epoch: number, leaderId: number, reason: string): void {
    if (epoch !== this.epoch) this.votedFor = null;
    this.epoch = epoch;
    this.leaderId = leaderId;
    this.persist();
    this.enter("follower", reason);
    this.retries = 0;
    this.hasFetchedFromLeader = false;
    this.endEpochReceived = false;
    this.fetchDeadlineUs = this.env.now() + this.settings.fetchTimeoutMs * 1000;
    this.env.setTimer(this.settings.fetchTimeoutMs * 1000, { kind: "RaftFetchTimeoutTimer", gen: this.gen });
    this.sendFetch();
  }

  private toProspective(reason: string): void {
    this.enter("prospective", reason);
    this.startElection(true);
  }

  private toCandidate(): void {
    this.epoch++;
    this.votedFor = this.settings.localId;
    this.leaderId = null;
    this.retries++;
    this.persist();
    this.enter("candidate", "pre-vote won");
    this.startElection(false);
  }

  private startElection(preVote: boolean): void {
    this.granted = new Set([this.settings.localId]);
    this.rejected = new Set();
    this.armElectionTimeout();
    const end = this.log.endOffsetAndEpoch();
    for (const id of this.settings.voters) {
      if (id === this.settings.localId) continue;
      this.env.send(this.settings.nodeOf(id), { kind: "Vote", candidateId: this.settings.localId, epoch: this.epoch, lastEpoch: end.epoch, lastOffset: end.offset, preVote });
    }
  }

  /** KafkaRaftClient.onBecomeLeader: LeaderChange first, then BeginQuorumEpoch to the voters. */
  private toLeader(): void {
    this.leaderId = this.settings.localId;
    this.persist();
    this.enter("leader", `won epoch ${this.epoch}`);
    this.retries = 0;
    this.epochStartOffset = this.log.endOffset;
    this.highWatermark = -1;
    this.voterEnd.clear();
    this.fetchedVoters.clear();
    this.checkQuorumResetUs = this.env.now();
    this.flushedEnd = Math.min(this.flushedEnd, this.log.endOffset);
    this.appendAsLeader({ type: "LeaderChange", offset: this.log.endOffset, leaderId: this.settings.localId, epoch: this.epoch });
    this.flush();
    for (const id of this.settings.voters) {
      if (id !== this.settings.localId) this.env.send(this.settings.nodeOf(id), { kind: "BeginQuorumEpoch", leaderId: this.settings.localId, epoch: this.epoch });
    }
    this.armCheckQuorum();
    if (this.shutdown !== null) this.resign("shutting down");
  }

  /** KafkaRaftClient.pollLeader → transitionToResigned(nonLeaderVotersByDescendingFetchOffset()). */
  private resign(reason: string): void {
    this.toResigned(reason, preferredSuccessors(this.settings.voters, this.settings.localId, (id) => this.voterEnd.get(id)));
  }

  /** ResignedState: EndQuorumEpoch to every other voter until it answers; no vote granted in this epoch. */
  private toResigned(reason: string, successors: readonly number[]): void {
    this.successors = successors;
    this.unackedVoters.clear();
    for (const id of this.settings.voters) if (id !== this.settings.localId) this.unackedVoters.add(id);
    this.enter("resigned", reason);
    this.armElectionTimeout();
    this.sendEndQuorumEpoch();
  }

  private sendEndQuorumEpoch(): void {
    if (this.role !== "resigned" || this.unackedVoters.size === 0) return;
    const req: EndQuorumEpochRequest = { kind: "EndQuorumEpoch", leaderId: this.settings.localId, epoch: this.epoch, preferredSuccessors: this.successors };
    for (const id of this.unackedVoters) this.env.send(this.settings.nodeOf(id), req);
    this.env.setTimer(REQUEST_TIMEOUT_MS * 1000, { kind: "RaftEndQuorumRetryTimer", gen: this.gen });
  }

  // ---- graceful shutdown -----------------------------------------------------------------

  /**
   * KafkaRaftClient.shutdown(timeoutMs): a leader resigns (pollLeader) and stays resigned; no
   * voter starts an election meanwhile. `done` is called once this voter knows a leader other
   * than itself or is the only voter (maybeCompleteShutdown), or when the time is up.
   */
  beginShutdown(timeoutMs: number, done: () => void): void {
    if (this.shutdown !== null) return;
    this.shutdown = { done, finished: false };
    if (this.role === "leader") this.resign("shutting down");
    this.maybeCompleteShutdown();
    if (!this.shutdown.finished) this.env.setTimer(timeoutMs * 1000, { kind: "RaftShutdownTimer" });
  }

  private maybeCompleteShutdown(): void {
    const s = this.shutdown;
    if (s === null || s.finished) return;
    const remoteLeader = this.leaderId !== null && this.leaderId !== this.settings.localId;
    if (!remoteLeader && this.settings.voters.length > 1) return;
    s.finished = true;
    s.done();
  }

  private armElectionTimeout(): void {
    const ms = randomElectionTimeoutMs(this.settings.electionTimeoutMs, (n) => this.env.rng.int(n));
    this.env.setTimer(ms * 1000, { kind: "RaftStateTimer", gen: this.gen });
  }

  private armCheckQuorum(): void {
    const dueUs = this.checkQuorumResetUs + this.settings.fetchTimeoutMs * CHECK_QUORUM_TIMEOUT_FACTOR * 1000;
    this.env.setTimer(Math.max(0, dueUs - this.env.now()), { kind: "RaftCheckQuorumTimer", gen: this.gen });
  }

  /** The epoch a response or request names is newer: follow its leader, or wait unattached. */
  private observeEpoch(epoch: number, leaderId: number, reason: string): boolean {
    if (epoch < this.epoch || (epoch === this.epoch && (leaderId < 0 || this.leaderId === leaderId || this.role === "leader"))) return false;
    if (leaderId >= 0 && leaderId !== this.settings.localId) this.toFollower(epoch, leaderId, reason);
    else if (epoch > this.epoch) this.toUnattached(epoch, reason);
    else return false;
    return true;
  }

  // ---- the log, as leader ----------------------------------------------------------------

  /** Appends at the log end (the caller gave the record that offset). */
  appendAsLeader(record: MetadataRecord): void {
    if (this.role !== "leader" || record.offset !== this.log.endOffset) throw new Error(`raft: append at ${record.offset} as ${this.role}, log end ${this.log.endOffset}`);
    this.log.append({ epoch: this.epoch, record });
  }

  /** Flushes what was appended; the leader counts it towards the high watermark once durable. */
  flush(): void {
    this.env.setTimer(this.log.fsync(), { kind: "RaftFlushTimer", gen: this.gen, upTo: this.log.endOffset });
    this.completeParked(true);
    this.traceProgress();
  }

  /** RaftLogProgress when the log end or the high watermark moved since last traced. */
  private traceProgress(): void {
    const end = this.log.endOffset;
    if (end === this.tracedEnd && this.highWatermark === this.tracedHw) return;
    this.tracedEnd = end;
    this.tracedHw = this.highWatermark;
    this.env.emit({ kind: "RaftLogProgress", logEnd: end, highWatermark: this.highWatermark });
  }

  private maybeAdvanceHighWatermark(): void {
    const offsets = this.settings.voters.map((id) => (id === this.settings.localId ? this.flushedEnd : (this.voterEnd.get(id) ?? -1)));
    const hw = nextHighWatermark(offsets, this.epochStartOffset, this.highWatermark);
    if (hw === null) return;
    this.highWatermark = hw;
    this.traceProgress();
    this.completeParked(false);
    this.listener.onHighWatermark(hw);
  }

  // ---- messages --------------------------------------------------------------------------

  onVote(from: NodeId, req: VoteRequest): void {
    if (req.epoch < this.epoch) return this.answerVote(from, false, req.preVote);
    if (!req.preVote && req.epoch > this.epoch) this.toUnattached(req.epoch, `vote request of epoch ${req.epoch}`);
    const upToDate = isLogUpToDate({ epoch: req.lastEpoch, offset: req.lastOffset }, this.log.endOffsetAndEpoch());
    const view = { localId: this.settings.localId, role: this.role, votedFor: this.votedFor, leaderId: this.leaderId, hasFetchedFromLeader: this.hasFetchedFromLeader };
    const granted = canGrantVote(view, req.candidateId, upToDate, req.preVote);
    if (granted && !req.preVote && this.role === "unattached" && this.votedFor === null) {
      // QuorumState.unattachedAddVotedState: the vote is durable before it is answered.
      this.votedFor = req.candidateId;
      this.stateFile.replace([{ epoch: this.epoch, votedFor: this.votedFor, leaderId: null }], [64]);
      this.env.setTimer(this.stateFile.fsync(), { kind: "RaftVoteDurableTimer", to: from, voterEpoch: this.epoch, granted });
      this.gen++;
      this.armElectionTimeout();
      return;
    }
    this.answerVote(from, granted, req.preVote);
  }

  private answerVote(to: NodeId, granted: boolean, preVote: boolean): void {
    this.env.send(to, { kind: "VoteResponse", voterId: this.settings.localId, epoch: this.epoch, granted, preVote, leaderId: this.leaderId ?? -1 });
  }

  onVoteResponse(resp: VoteResponse): void {
    if (this.observeEpoch(resp.epoch, resp.leaderId, "vote response of a newer epoch")) return;
    if (resp.epoch !== this.epoch) return; // KafkaRaftClient.maybeHandleCommonResponse: an older epoch is no longer relevant
    const electing = (this.role === "prospective" && resp.preVote) || (this.role === "candidate" && !resp.preVote);
    if (!electing) return;
    (resp.granted ? this.granted : this.rejected).add(resp.voterId);
    if (this.granted.size >= this.majority) {
      if (this.role === "prospective") this.toCandidate();
      else this.toLeader();
    } else if (this.rejected.size > this.settings.voters.length - this.majority) {
      this.electionLost();
    }
  }

  /**
   * A prospective that lost goes back to following the leader it knew, or unattached
   * (prospectiveTransitionAfterElectionLoss); a candidate backs off
   * (binaryExponentialElectionBackoffMs) and tries again from prospective.
   */
  private electionLost(): void {
    if (this.role === "prospective") {
      if (this.leaderId !== null) this.toFollower(this.epoch, this.leaderId, "pre-vote lost");
      else this.toUnattached(this.epoch, "pre-vote lost");
      return;
    }
    this.gen++;
    this.backingOff = true;
    const ms = electionBackoffMs(this.retries, this.settings.electionBackoffMaxMs, (n) => this.env.rng.int(n));
    this.env.setTimer(ms * 1000, { kind: "RaftStateTimer", gen: this.gen });
  }

  /** KafkaRaftClient.handleEndQuorumEpochRequest. */
  onEndQuorumEpoch(from: NodeId, req: EndQuorumEpochRequest): void {
    if (req.epoch < this.epoch) return this.answerEndQuorumEpoch(from, Errors.FENCED_LEADER_EPOCH);
    this.observeEpoch(req.epoch, req.leaderId, `leader ${req.leaderId} ended epoch ${req.epoch}`);
    if (this.role === "follower" && this.leaderId === req.leaderId) {
      // FollowerState.overrideFetchTimeout: the election starts when the backoff ends.
      const backoffMs = endEpochElectionBackoffMs(req.preferredSuccessors, this.settings.localId, this.settings.electionBackoffMaxMs);
      this.fetchDeadlineUs = this.env.now() + backoffMs * 1000;
      this.endEpochReceived = true;
      this.env.setTimer(backoffMs * 1000, { kind: "RaftFetchTimeoutTimer", gen: this.gen });
    }
    this.answerEndQuorumEpoch(from, Errors.NONE);
  }

  private answerEndQuorumEpoch(to: NodeId, error: EndQuorumEpochResponse["error"]): void {
    this.env.send(to, { kind: "EndQuorumEpochResponse", voterId: this.settings.localId, error, epoch: this.epoch, leaderId: this.leaderId ?? -1 });
  }

  /** KafkaRaftClient.handleEndQuorumEpochResponse: a newer epoch moves this voter on; an answer acknowledges. */
  onEndQuorumEpochResponse(resp: EndQuorumEpochResponse): void {
    if (this.observeEpoch(resp.epoch, resp.leaderId, "end quorum epoch response of a newer epoch")) return;
    if (this.role === "resigned" && resp.epoch === this.epoch && resp.error === Errors.NONE) this.unackedVoters.delete(resp.voterId);
  }

  onBeginQuorumEpoch(from: NodeId, req: BeginQuorumEpochRequest): void {
    if (req.epoch >= this.epoch && !(this.role === "follower" && this.leaderId === req.leaderId && this.epoch === req.epoch)) {
      this.toFollower(req.epoch, req.leaderId, `leader ${req.leaderId} began epoch ${req.epoch}`);
    }
    this.env.send(from, { kind: "BeginQuorumEpochResponse", voterId: this.settings.localId, epoch: this.epoch });
  }

  /** KafkaRaftClient.handleFetchRequest from a voter. */
  onFetch(from: NodeId, req: RaftFetchRequest): void {
    if (req.epoch > this.epoch) this.observeEpoch(req.epoch, -1, "fetch of a newer epoch");
    if (this.role !== "leader" || req.epoch !== this.epoch) {
      const error = req.epoch < this.epoch ? Errors.FENCED_LEADER_EPOCH : Errors.NOT_LEADER_OR_FOLLOWER;
      this.env.send(from, this.fetchResponse(error, [], null));
      return;
    }
    const diverging = divergingEpoch(this.log, req.fetchOffset, req.lastFetchedEpoch);
    if (diverging !== null) {
      this.env.send(from, this.fetchResponse(Errors.NONE, [], { epoch: diverging.epoch, endOffset: diverging.offset }));
      return;
    }
    this.voterEnd.set(req.replicaId, Math.max(this.voterEnd.get(req.replicaId) ?? -1, req.fetchOffset));
    this.updateCheckQuorum(req.replicaId);
    this.maybeAdvanceHighWatermark();
    if (req.fetchOffset < this.log.endOffset) this.serveVoter(from, req);
    else this.park(from, req, null, req.maxWaitMs);
  }

  private serveVoter(from: NodeId, req: RaftFetchRequest): void {
    const entries = this.log.entries.slice(req.fetchOffset, Math.min(this.log.endOffset, req.fetchOffset + MAX_ENTRIES_PER_FETCH));
    this.env.send(from, this.fetchResponse(Errors.NONE, entries, null));
  }

  private fetchResponse(error: RaftFetchResponse["error"], records: readonly RaftEntry[], divergingEpochOf: RaftFetchResponse["divergingEpoch"]): RaftFetchResponse {
    return { kind: "RaftFetchResponse", error, leaderId: this.leaderId ?? -1, epoch: this.epoch, highWatermark: this.highWatermark, records, divergingEpoch: divergingEpochOf };
  }

  /** LeaderState.updateCheckQuorumForFollowingVoter: the leader counts itself. */
  private updateCheckQuorum(voterId: number): void {
    this.fetchedVoters.add(voterId);
    if (this.fetchedVoters.size >= this.majority - 1) {
      this.fetchedVoters.clear();
      this.checkQuorumResetUs = this.env.now();
    }
  }

  /** A broker's observer fetch: the leader serves committed records only. */
  onObserverFetch(from: NodeId, req: MetadataFetchRequest): void {
    if (this.role !== "leader") return this.refuseFetch(from, null, req);
    if (this.highWatermark <= req.fetchOffset) this.park(from, null, req, req.maxWaitMs);
    else this.serveObserver(from, req);
  }

  /**
   * NOT_LEADER_OR_FOLLOWER, naming the leader this voter knows; a resigned leader names none to
   * observers (it would name itself, and a broker would fetch from it again at once).
   */
  private refuseFetch(from: NodeId, voter: RaftFetchRequest | null, observer: MetadataFetchRequest | null): void {
    if (voter !== null) this.env.send(from, this.fetchResponse(Errors.NOT_LEADER_OR_FOLLOWER, [], null));
    if (observer === null) return;
    const leaderId = this.leaderId !== null && this.leaderId !== this.settings.localId ? this.leaderId : -1;
    this.env.send(from, { kind: "MetadataFetchResponse", correlationId: observer.correlationId, records: [], highWatermark: -1, error: Errors.NOT_LEADER_OR_FOLLOWER, leaderId });
  }

  private serveObserver(from: NodeId, req: MetadataFetchRequest): void {
    const end = Math.max(req.fetchOffset, Math.min(this.highWatermark, req.fetchOffset + MAX_ENTRIES_PER_FETCH));
    const records: MetadataRecord[] = [];
    for (let i = req.fetchOffset; i < end; i++) records.push(this.log.entries[i]!.record);
    this.env.send(from, { kind: "MetadataFetchResponse", correlationId: req.correlationId, records, highWatermark: Math.max(this.highWatermark, 0) });
  }

  private park(from: NodeId, voter: RaftFetchRequest | null, observer: MetadataFetchRequest | null, maxWaitMs: number): void {
    this.parked.push({ from, voter, observer, atUs: this.env.now() });
    this.env.setTimer(Math.min(maxWaitMs, FETCH_MAX_WAIT_MS) * 1000, RAFT_FETCH_EXPIRY);
  }

  /** New entries wake voters' fetches; a new high watermark wakes every fetch (fetchPurgatory.completeAll). */
  private completeParked(votersOnly: boolean): void {
    if (this.parked.length === 0 || this.role !== "leader") return;
    const keep: ParkedFetch[] = [];
    const wake: ParkedFetch[] = [];
    for (const f of this.parked) (votersOnly && f.voter === null ? keep : wake).push(f);
    this.parked = keep;
    for (const f of wake) this.answerParked(f);
  }

  private answerParked(f: ParkedFetch): void {
    if (f.voter !== null) {
      if (f.voter.fetchOffset < this.log.endOffset) this.serveVoter(f.from, f.voter);
      else this.env.send(f.from, this.fetchResponse(Errors.NONE, [], null));
    } else if (f.observer !== null) this.serveObserver(f.from, f.observer);
  }

  onFetchResponse(resp: RaftFetchResponse): void {
    if (this.role !== "follower") return;
    this.fetchInFlight = false;
    if (this.observeEpoch(resp.epoch, resp.leaderId, "fetch response of a newer epoch")) return;
    if (resp.error !== Errors.NONE || resp.epoch !== this.epoch) {
      this.env.setTimer(this.settings.retryBackoffMs * 1000, { kind: "RaftFetchRetryTimer", gen: this.gen });
      return;
    }
    this.hasFetchedFromLeader = true;
    // FollowerState.resetFetchTimeoutForSuccessfulFetch.
    this.fetchDeadlineUs = this.env.now() + this.settings.fetchTimeoutMs * 1000;
    if (resp.divergingEpoch !== null) {
      const from = this.log.endOffset;
      const to = truncationOffset(this.log, { epoch: resp.divergingEpoch.epoch, offset: resp.divergingEpoch.endOffset });
      this.log.truncateTo(to);
      this.env.emit({ kind: "RaftTruncated", from, to: this.log.endOffset, epoch: this.epoch });
      this.traceProgress();
      this.sendFetch();
      return;
    }
    for (const e of resp.records) if (e.record.offset === this.log.endOffset) this.log.append(e);
    // Follower HW: the leader's, clamped to the local log (KafkaRaftClient.updateFollowerHighWatermark).
    const hw = Math.min(resp.highWatermark, this.log.endOffset);
    if (hw > this.highWatermark) this.highWatermark = hw;
    this.traceProgress();
    if (resp.records.length === 0) return this.sendFetch();
    this.flushing = true;
    this.env.setTimer(this.log.fsync(), { kind: "RaftFlushTimer", gen: this.gen, upTo: this.log.endOffset });
  }

  private sendFetch(): void {
    if (this.role !== "follower" || this.fetchInFlight || this.flushing || this.leaderId === null) return;
    this.fetchInFlight = true;
    this.env.send(this.settings.nodeOf(this.leaderId), {
      kind: "RaftFetch",
      replicaId: this.settings.localId,
      epoch: this.epoch,
      fetchOffset: this.log.endOffset,
      lastFetchedEpoch: this.log.lastEpoch,
      maxWaitMs: FETCH_MAX_WAIT_MS,
    });
  }

  /** The connection to `peer` broke: a fetch to it will not be answered. */
  onDisconnect(peer: NodeId): void {
    if (this.role === "follower" && this.leaderId !== null && this.settings.nodeOf(this.leaderId) === peer && this.fetchInFlight) {
      this.fetchInFlight = false;
      this.env.setTimer(this.settings.retryBackoffMs * 1000, { kind: "RaftFetchRetryTimer", gen: this.gen });
    }
  }

  // ---- timers ----------------------------------------------------------------------------

  onTimer(t: RaftTimer): void {
    switch (t.kind) {
      case "RaftStateTimer":
        if (t.gen !== this.gen) return;
        // Shutting down: no new election; a resigned leader stays resigned (pollResigned, pollUnattached).
        if (this.shutdown !== null && this.role !== "prospective") return;
        if (this.role === "unattached") return this.toProspective("election timeout");
        if (this.role === "prospective") return this.electionLost();
        if (this.role === "candidate") return this.toProspective(this.backingOff ? "election backoff over" : "election timeout");
        if (this.role === "resigned") return this.toUnattached(this.epoch + 1, "resigned: election timeout");
        return;
      case "RaftFetchTimeoutTimer": {
        if (t.gen !== this.gen || this.role !== "follower" || this.shutdown !== null) return;
        const leftUs = this.fetchDeadlineUs - this.env.now();
        if (leftUs <= 0) return this.toProspective(this.endEpochReceived ? "leader ended its epoch" : "fetch timeout");
        this.env.setTimer(leftUs, t);
        return;
      }
      case "RaftEndQuorumRetryTimer":
        if (t.gen === this.gen) this.sendEndQuorumEpoch();
        return;
      case "RaftShutdownTimer":
        // GracefulShutdown.failWithTimeout: the process exits anyway.
        if (this.shutdown !== null && !this.shutdown.finished) {
          this.shutdown.finished = true;
          this.shutdown.done();
        }
        return;
      case "RaftCheckQuorumTimer":
        if (t.gen !== this.gen || this.role !== "leader") return;
        if (this.env.now() - this.checkQuorumResetUs >= this.settings.fetchTimeoutMs * CHECK_QUORUM_TIMEOUT_FACTOR * 1000) return this.resign("check quorum: no fetch from a majority");
        this.armCheckQuorum();
        return;
      case "RaftFlushTimer":
        if (t.gen !== this.gen) return;
        if (this.role === "leader") {
          this.flushedEnd = Math.max(this.flushedEnd, t.upTo);
          this.maybeAdvanceHighWatermark();
        } else if (this.role === "follower") {
          this.flushing = false;
          this.sendFetch();
        }
        return;
      case "RaftVoteDurableTimer":
        this.env.send(t.to, { kind: "VoteResponse", voterId: this.settings.localId, epoch: t.voterEpoch, granted: t.granted, preVote: false, leaderId: -1 });
        return;
      case "RaftFetchExpiryTimer": {
        const now = this.env.now();
        const due = this.parked.filter((f) => now - f.atUs >= FETCH_MAX_WAIT_MS * 1000);
        if (due.length === 0) return;
        this.parked = this.parked.filter((f) => now - f.atUs < FETCH_MAX_WAIT_MS * 1000);
        for (const f of due) this.answerParked(f);
        return;
      }
      case "RaftFetchRetryTimer":
        if (t.gen === this.gen) this.sendFetch();
        return;
    }
  }
}
