// A leader giving up its epoch (ResignedState, EndQuorumEpoch) and a voter's graceful
// shutdown (KafkaRaftClient.shutdown, GracefulShutdown). A resigned leader sends
// EndQuorumEpoch naming its preferred successors, the most caught up first, to every other
// voter until each answers (resent after controller.quorum.request.timeout.ms); a follower of
// that leader starts its election after a backoff by its place in that list
// (handleEndQuorumEpochRequest, endEpochElectionBackoff) instead of waiting out its fetch
// timeout. A shutting-down voter stays up until it knows a leader other than itself, or its
// time is up.

import type { Env, NodeId } from "../env.ts";
import { Errors } from "../protocol/errors.ts";
import type { KafkaMessage } from "../protocol/messages.ts";
import type { EndQuorumEpochRequest, EndQuorumEpochResponse } from "./raft-messages.ts";
import { endEpochElectionBackoffMs, type RaftRole } from "./raft-rules.ts";
import type { RaftSettings } from "./raft-settings.ts";
import type { RaftTimer } from "./raft-timers.ts";

/** What resignation reads of its voter and asks of it. */
export interface ResignationHost {
  readonly role: RaftRole;
  readonly epoch: number;
  readonly leaderId: number | null;
  readonly gen: number;
  observeEpoch(epoch: number, leaderId: number, reason: string): boolean;
  /** FollowerState.overrideFetchTimeout: the follower's election starts after `timeoutMs`. */
  overrideFetchTimeout(timeoutMs: number): void;
  /** The leader resigns (pollLeader → transitionToResigned). */
  resign(reason: string): void;
}

export class RaftResignation {
  private successors: readonly number[] = [];
  private readonly unackedVoters = new Set<number>();
  /** A graceful shutdown under way: `done` lets the process exit. */
  private shutdown: { readonly done: () => void; finished: boolean } | null = null;

  constructor(
    private readonly env: Env<KafkaMessage, RaftTimer>,
    private readonly settings: RaftSettings,
    private readonly host: ResignationHost,
  ) {}

  get shuttingDown(): boolean {
    return this.shutdown !== null;
  }

  /** ResignedState: every other voter is to be told, in this order of preference. */
  begin(successors: readonly number[]): void {
    this.successors = successors;
    this.unackedVoters.clear();
    for (const id of this.settings.voters) if (id !== this.settings.localId) this.unackedVoters.add(id);
  }

  /** EndQuorumEpoch to the voters that have not answered, again after the request timeout. */
  sendEndQuorumEpoch(): void {
    const h = this.host;
    if (h.role !== "resigned" || this.unackedVoters.size === 0) return;
    const req: EndQuorumEpochRequest = { kind: "EndQuorumEpoch", leaderId: this.settings.localId, epoch: h.epoch, preferredSuccessors: this.successors };
    for (const id of this.unackedVoters) this.env.send(this.settings.nodeOf(id), req);
    this.env.setTimer(this.settings.requestTimeoutMs * 1000, { kind: "RaftEndQuorumRetryTimer", gen: h.gen });
  }

  /** KafkaRaftClient.handleEndQuorumEpochRequest. */
  onEndQuorumEpoch(from: NodeId, req: EndQuorumEpochRequest): void {
    const h = this.host;
    if (req.epoch < h.epoch) return this.answer(from, Errors.FENCED_LEADER_EPOCH);
    h.observeEpoch(req.epoch, req.leaderId, `leader ${req.leaderId} ended epoch ${req.epoch}`);
    if (h.role === "follower" && h.leaderId === req.leaderId) {
      h.overrideFetchTimeout(endEpochElectionBackoffMs(req.preferredSuccessors, this.settings.localId, this.settings.electionBackoffMaxMs));
    }
    this.answer(from, Errors.NONE);
  }

  private answer(to: NodeId, error: EndQuorumEpochResponse["error"]): void {
    const h = this.host;
    this.env.send(to, { kind: "EndQuorumEpochResponse", voterId: this.settings.localId, error, epoch: h.epoch, leaderId: h.leaderId ?? -1 });
  }

  /** KafkaRaftClient.handleEndQuorumEpochResponse: a newer epoch moves this voter on; an answer acknowledges. */
  onEndQuorumEpochResponse(resp: EndQuorumEpochResponse): void {
    const h = this.host;
    if (h.observeEpoch(resp.epoch, resp.leaderId, "end quorum epoch response of a newer epoch")) return;
    if (h.role === "resigned" && resp.epoch === h.epoch && resp.error === Errors.NONE) this.unackedVoters.delete(resp.voterId);
  }

  /**
   * KafkaRaftClient.shutdown(timeoutMs): a leader resigns (pollLeader) and stays resigned; no
   * voter starts an election meanwhile. `done` is called once this voter knows a leader other
   * than itself or is the only voter (maybeCompleteShutdown), or when the time is up.
   */
  beginShutdown(timeoutMs: number, done: () => void): void {
    if (this.shutdown !== null) return;
    this.shutdown = { done, finished: false };
    if (this.host.role === "leader") this.host.resign("shutting down");
    this.maybeCompleteShutdown();
    if (!this.shutdown.finished) this.env.setTimer(timeoutMs * 1000, { kind: "RaftShutdownTimer" });
  }

  maybeCompleteShutdown(): void {
    const s = this.shutdown;
    if (s === null || s.finished) return;
    const leaderId = this.host.leaderId;
    const remoteLeader = leaderId !== null && leaderId !== this.settings.localId;
    if (!remoteLeader && this.settings.voters.length > 1) return;
    s.finished = true;
    s.done();
  }

  /** GracefulShutdown.failWithTimeout: the process exits anyway. */
  shutdownTimedOut(): void {
    if (this.shutdown !== null && !this.shutdown.finished) {
      this.shutdown.finished = true;
      this.shutdown.done();
    }
  }
}
