// One voter of the KRaft controller quorum: Kafka's KafkaRaftClient with QuorumState and its
// epoch states (UnattachedState, ProspectiveState, CandidateState, LeaderState, FollowerState,
// ResignedState), in Kafka 4.1's form with pre-vote (KIP-996). This file holds the voter's
// state, its transitions and its timers; the rest is one concept a file:
// - raft-election.ts: Vote and PreVote, answered and counted;
// - raft-leader-state.ts: the leader's view of its voters, its high watermark and check quorum;
// - raft-fetch-server.ts: the leader serving voters' and brokers' fetches, and its purgatory;
// - raft-follower-fetch.ts: a follower fetching, truncating, flushing, and its fetch timeout;
// - raft-resignation.ts: EndQuorumEpoch and graceful shutdown.
// In short: a follower that hears nothing from its leader for controller.quorum.fetch.timeout.ms,
// or an unattached voter whose election timeout passes, becomes prospective and asks for
// pre-votes in its epoch; a majority of pre-votes makes it a candidate (epoch + 1, votes for
// itself, durably), a majority of votes a leader; a new leader writes a LeaderChange record,
// tells the voters (BeginQuorumEpoch) and commits nothing until a record of its own epoch is on
// a majority; a leader that has not been fetched from by a majority within 1.5 × fetch timeout
// resigns.
// Left out: snapshots (FETCH_SNAPSHOT), voter-set changes (KIP-853),
// controller.quorum.append.linger.ms (records go to the log as the controller appends them),
// retransmission of unanswered Vote and BeginQuorumEpoch requests (the election timeout
// retries instead).

import type { DiskFile, Env, NodeId } from "../env.ts";
import type { KafkaMessage, MetadataFetchRequest } from "../protocol/messages.ts";
import type { MetadataRecord } from "../protocol/metadata-records.ts";
import { RaftElection, type ElectionHost } from "./raft-election.ts";
import { RaftFetchServer, type FetchServerHost } from "./raft-fetch-server.ts";
import { FollowerFetch, type FollowerHost } from "./raft-follower-fetch.ts";
import { LeaderProgress } from "./raft-leader-state.ts";
import { RaftLog, type RaftEntry } from "./raft-log.ts";
import type { BeginQuorumEpochRequest, EndQuorumEpochRequest, EndQuorumEpochResponse, RaftFetchRequest, RaftFetchResponse, VoteRequest, VoteResponse } from "./raft-messages.ts";
import { RaftResignation, type ResignationHost } from "./raft-resignation.ts";
import { randomElectionTimeoutMs, type RaftRole } from "./raft-rules.ts";
import type { RaftListener, RaftSettings } from "./raft-settings.ts";
import type { RaftTimer } from "./raft-timers.ts";

export type { RaftListener, RaftSettings } from "./raft-settings.ts";

interface QuorumStateFile {
  readonly epoch: number;
  readonly votedFor: number | null;
  readonly leaderId: number | null;
}

type Host = ElectionHost & FetchServerHost & FollowerHost & ResignationHost;

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
  /** The state's generation: a timer set in an earlier state carries an older one and is ignored. */
  private gen = 0;
  private readonly election: RaftElection;
  private readonly leader: LeaderProgress;
  private readonly fetchServer: RaftFetchServer;
  private readonly follower: FollowerFetch;
  private readonly resignation: RaftResignation;
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
    this.leader = new LeaderProgress(this.log.endOffset);
    const host = this.host();
    this.election = new RaftElection(env, settings, host);
    this.fetchServer = new RaftFetchServer(env, settings.localId, host);
    this.follower = new FollowerFetch(env, settings, host);
    this.resignation = new RaftResignation(env, settings, host);
  }

  /** What the parts see of this voter: its state, read live, and its transitions. */
  private host(): Host {
    // Getters read the voter (`self`), not the literal.
    const self = this;
    return {
      get role() { return self.role; },
      get epoch() { return self.epoch; },
      get leaderId() { return self.leaderId; },
      get votedFor() { return self.votedFor; },
      get log() { return self.log; },
      get highWatermark() { return self.highWatermark; },
      set highWatermark(hw: number) { self.highWatermark = hw; },
      get gen() { return self.gen; },
      get majority() { return self.majority; },
      get hasFetchedFromLeader() { return self.follower.hasFetchedFromLeader; },
      observeEpoch: (epoch, leaderId, reason) => this.observeEpoch(epoch, leaderId, reason),
      toUnattached: (epoch, reason) => this.toUnattached(epoch, reason),
      toFollower: (epoch, leaderId, reason) => this.toFollower(epoch, leaderId, reason),
      toCandidate: () => this.toCandidate(),
      toLeader: () => this.toLeader(),
      recordVote: (candidateId) => this.recordVote(candidateId),
      nextGen: () => ++this.gen,
      armElectionTimeout: () => this.armElectionTimeout(),
      traceProgress: () => this.traceProgress(),
      voterFetched: (voterId, fetchOffset) => this.voterFetched(voterId, fetchOffset),
      overrideFetchTimeout: (timeoutMs) => this.follower.overrideFetchTimeout(timeoutMs),
      resign: (reason) => this.resign(reason),
    };
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
    this.election.backingOff = false;
    this.follower.reset();
    this.env.emit({ kind: "RaftStateChanged", role, epoch: this.epoch, leader: this.leaderId ?? -1, reason });
    if (was === "leader" && role !== "leader") {
      this.fetchServer.refuseParked();
      this.listener.onResigned();
    }
    this.resignation.maybeCompleteShutdown();
  }

  private persist(): void {
    this.stateFile.replace([{ epoch: this.epoch, votedFor: this.votedFor, leaderId: this.leaderId }], [64]);
    this.stateFile.fsync();
  }

  /** QuorumState.unattachedAddVotedState: the vote is written; the caller answers once its fsync ends. */
  private recordVote(candidateId: number): number {
    this.votedFor = candidateId;
    this.stateFile.replace([{ epoch: this.epoch, votedFor: this.votedFor, leaderId: null }], [64]);
    return this.stateFile.fsync();
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
    this.election.retries = 0;
    this.follower.begin();
    this.follower.send();
  }

  private toProspective(reason: string): void {
    this.enter("prospective", reason);
    this.election.start(true);
  }

  private toCandidate(): void {
    this.epoch++;
    this.votedFor = this.settings.localId;
    this.leaderId = null;
    this.election.retries++;
    this.persist();
    this.enter("candidate", "pre-vote won");
    this.election.start(false);
  }

  /** KafkaRaftClient.onBecomeLeader: LeaderChange first, then BeginQuorumEpoch to the voters. */
  private toLeader(): void {
    this.leaderId = this.settings.localId;
    this.persist();
    this.enter("leader", `won epoch ${this.epoch}`);
    this.election.retries = 0;
    this.epochStartOffset = this.log.endOffset;
    this.highWatermark = -1;
    this.leader.begin(this.env.now(), this.log.endOffset);
    this.appendAsLeader({ type: "LeaderChange", offset: this.log.endOffset, leaderId: this.settings.localId, epoch: this.epoch });
    this.flush();
    for (const id of this.settings.voters) {
      if (id !== this.settings.localId) this.env.send(this.settings.nodeOf(id), { kind: "BeginQuorumEpoch", leaderId: this.settings.localId, epoch: this.epoch });
    }
    this.armCheckQuorum();
    if (this.resignation.shuttingDown) this.resign("shutting down");
  }

  /** KafkaRaftClient.pollLeader → transitionToResigned(nonLeaderVotersByDescendingFetchOffset()). */
  private resign(reason: string): void {
    this.toResigned(reason, this.leader.successors(this.settings.voters, this.settings.localId));
  }

  /** ResignedState: EndQuorumEpoch to every other voter until it answers; only pre-votes granted in this epoch. */
  private toResigned(reason: string, successors: readonly number[]): void {
    this.resignation.begin(successors);
    this.enter("resigned", reason);
    this.armElectionTimeout();
    this.resignation.sendEndQuorumEpoch();
  }

  /** The epoch a response or request names is newer: follow its leader, or wait unattached. */
  private observeEpoch(epoch: number, leaderId: number, reason: string): boolean {
    if (epoch < this.epoch || (epoch === this.epoch && (leaderId < 0 || this.leaderId === leaderId || this.role === "leader"))) return false;
    if (leaderId >= 0 && leaderId !== this.settings.localId) this.toFollower(epoch, leaderId, reason);
    else if (epoch > this.epoch) this.toUnattached(epoch, reason);
    else return false;
    return true;
  }

  private armElectionTimeout(): void {
    const ms = randomElectionTimeoutMs(this.settings.electionTimeoutMs, (n) => this.env.rng.int(n));
    this.env.setTimer(ms * 1000, { kind: "RaftStateTimer", gen: this.gen });
  }

  private armCheckQuorum(): void {
    const dueUs = this.leader.checkQuorumDueUs(this.settings.fetchTimeoutMs);
    this.env.setTimer(Math.max(0, dueUs - this.env.now()), { kind: "RaftCheckQuorumTimer", gen: this.gen });
  }

  /** KafkaRaftClient.shutdown: see RaftResignation.beginShutdown. */
  beginShutdown(timeoutMs: number, done: () => void): void {
    this.resignation.beginShutdown(timeoutMs, done);
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
    this.fetchServer.completeParked(true);
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

  /** A voter's Fetch in this epoch: its progress, check quorum, and perhaps a new high watermark. */
  private voterFetched(voterId: number, fetchOffset: number): void {
    this.leader.voterFetched(voterId, fetchOffset, this.env.now(), this.majority);
    this.maybeAdvanceHighWatermark();
  }

  private maybeAdvanceHighWatermark(): void {
    const hw = this.leader.nextHighWatermark(this.settings.voters, this.settings.localId, this.epochStartOffset, this.highWatermark);
    if (hw === null) return;
    this.highWatermark = hw;
    this.traceProgress();
    this.fetchServer.completeParked(false);
    this.listener.onHighWatermark(hw);
  }

  // ---- messages --------------------------------------------------------------------------

  onVote(from: NodeId, req: VoteRequest): void {
    this.election.onVote(from, req);
  }

  onVoteResponse(resp: VoteResponse): void {
    this.election.onVoteResponse(resp);
  }

  onEndQuorumEpoch(from: NodeId, req: EndQuorumEpochRequest): void {
    this.resignation.onEndQuorumEpoch(from, req);
  }

  onEndQuorumEpochResponse(resp: EndQuorumEpochResponse): void {
    this.resignation.onEndQuorumEpochResponse(resp);
  }

  onBeginQuorumEpoch(from: NodeId, req: BeginQuorumEpochRequest): void {
    if (req.epoch >= this.epoch && !(this.role === "follower" && this.leaderId === req.leaderId && this.epoch === req.epoch)) {
      this.toFollower(req.epoch, req.leaderId, `leader ${req.leaderId} began epoch ${req.epoch}`);
    }
    this.env.send(from, { kind: "BeginQuorumEpochResponse", voterId: this.settings.localId, epoch: this.epoch });
  }

  onFetch(from: NodeId, req: RaftFetchRequest): void {
    this.fetchServer.onFetch(from, req);
  }

  onObserverFetch(from: NodeId, req: MetadataFetchRequest): void {
    this.fetchServer.onObserverFetch(from, req);
  }

  onFetchResponse(resp: RaftFetchResponse): void {
    this.follower.onFetchResponse(resp);
  }

  onDisconnect(peer: NodeId): void {
    this.follower.onDisconnect(peer);
  }

  // ---- timers ----------------------------------------------------------------------------

  onTimer(t: RaftTimer): void {
    switch (t.kind) {
      case "RaftStateTimer":
        if (t.gen !== this.gen) return;
        // Shutting down: no new election; a resigned leader stays resigned (pollResigned, pollUnattached).
        if (this.resignation.shuttingDown && this.role !== "prospective") return;
        if (this.role === "unattached") return this.toProspective("election timeout");
        if (this.role === "prospective") return this.election.lost();
        if (this.role === "candidate") return this.toProspective(this.election.backingOff ? "election backoff over" : "election timeout");
        if (this.role === "resigned") return this.toUnattached(this.epoch + 1, "resigned: election timeout");
        return;
      case "RaftFetchTimeoutTimer": {
        if (t.gen !== this.gen || this.role !== "follower" || this.resignation.shuttingDown) return;
        const leftUs = this.follower.fetchDeadlineUs - this.env.now();
        if (leftUs <= 0) return this.toProspective(this.follower.endEpochReceived ? "leader ended its epoch" : "fetch timeout");
        this.env.setTimer(leftUs, t);
        return;
      }
      case "RaftEndQuorumRetryTimer":
        if (t.gen === this.gen) this.resignation.sendEndQuorumEpoch();
        return;
      case "RaftShutdownTimer":
        this.resignation.shutdownTimedOut();
        return;
      case "RaftCheckQuorumTimer":
        if (t.gen !== this.gen || this.role !== "leader") return;
        if (this.leader.checkQuorumExpired(this.env.now(), this.settings.fetchTimeoutMs)) return this.resign("check quorum: no fetch from a majority");
        this.armCheckQuorum();
        return;
      case "RaftFlushTimer":
        if (t.gen !== this.gen) return;
        if (this.role === "leader") {
          this.leader.flushed(t.upTo);
          this.maybeAdvanceHighWatermark();
        } else if (this.role === "follower") {
          this.follower.flushed();
        }
        return;
      case "RaftVoteDurableTimer":
        this.env.send(t.to, { kind: "VoteResponse", voterId: this.settings.localId, epoch: t.voterEpoch, granted: t.granted, preVote: false, leaderId: -1 });
        return;
      case "RaftFetchExpiryTimer":
        this.fetchServer.expireParked(this.env.now());
        return;
      case "RaftFetchRetryTimer":
        if (t.gen === this.gen) this.follower.send();
        return;
    }
  }
}
