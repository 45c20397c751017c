// A follower's side of the metadata log's Fetch (KafkaRaftClient.pollFollowerAsVoter,
// handleFetchResponse; FollowerState): one fetch in flight at a time, with lastFetchedEpoch so
// the leader can tell it where its log diverges; a diverging suffix is truncated, appended
// entries are flushed before the next fetch, and the leader's high watermark is taken,
// clamped to the local log. A successful fetch pushes the fetch timeout back; the leader's
// EndQuorumEpoch overrides it with the backoff of this voter's place among the successors.

import type { Env, NodeId } from "../env.ts";
import { Errors } from "../protocol/errors.ts";
import type { KafkaMessage } from "../protocol/messages.ts";
import type { RaftLog } from "./raft-log.ts";
import type { RaftFetchResponse } from "./raft-messages.ts";
import { FETCH_MAX_WAIT_MS, truncationOffset, type RaftRole } from "./raft-rules.ts";
import type { RaftTimer } from "./raft-timers.ts";
import type { RaftSettings } from "./raft-settings.ts";

/** What the fetcher reads of its voter and asks of it. */
export interface FollowerHost {
  readonly role: RaftRole;
  readonly epoch: number;
  readonly leaderId: number | null;
  readonly log: RaftLog;
  /** The voter's state generation: timers carry it. */
  readonly gen: number;
  highWatermark: number;
  /** A response of a newer epoch or another leader moves the voter on; true when it did. */
  observeEpoch(epoch: number, leaderId: number, reason: string): boolean;
  traceProgress(): void;
}

export class FollowerFetch {
  private inFlight = false;
  private flushing = false;
  /** FollowerState.hasFetchedFromLeader: a fetch in this epoch succeeded (KIP-996 refuses pre-votes after it). */
  hasFetchedFromLeader = false;
  /** FollowerState's fetch timer: the follower starts an election when it passes. */
  fetchDeadlineUs = 0;
  /** The leader's EndQuorumEpoch moved the fetch deadline. */
  endEpochReceived = false;

  constructor(
    private readonly env: Env<KafkaMessage, RaftTimer>,
    private readonly settings: RaftSettings,
    private readonly host: FollowerHost,
  ) {}

  /** Any state change: a fetch or flush of the old state is no longer waited for. */
  reset(): void {
    this.inFlight = false;
    this.flushing = false;
  }

  /** A new FollowerState: no fetch yet, the fetch timeout starts now. */
  begin(): void {
    this.hasFetchedFromLeader = false;
    this.endEpochReceived = false;
    this.fetchDeadlineUs = this.env.now() + this.settings.fetchTimeoutMs * 1000;
    this.env.setTimer(this.settings.fetchTimeoutMs * 1000, { kind: "RaftFetchTimeoutTimer", gen: this.host.gen });
  }

  /** FollowerState.overrideFetchTimeout after the leader's EndQuorumEpoch: the election starts when it ends. */
  overrideFetchTimeout(timeoutMs: number): void {
    this.fetchDeadlineUs = this.env.now() + timeoutMs * 1000;
    this.endEpochReceived = true;
    this.env.setTimer(timeoutMs * 1000, { kind: "RaftFetchTimeoutTimer", gen: this.host.gen });
  }

  onFetchResponse(resp: RaftFetchResponse): void {
    const h = this.host;
    if (h.role !== "follower") return;
    this.inFlight = false;
    if (h.observeEpoch(resp.epoch, resp.leaderId, "fetch response of a newer epoch")) return;
    if (resp.error !== Errors.NONE || resp.epoch !== h.epoch) {
      this.env.setTimer(this.settings.retryBackoffMs * 1000, { kind: "RaftFetchRetryTimer", gen: h.gen });
      return;
    }
    this.hasFetchedFromLeader = true;
    // FollowerState.resetFetchTimeoutForSuccessfulFetch.
    this.fetchDeadlineUs = this.env.now() + this.settings.fetchTimeoutMs * 1000;
    if (resp.divergingEpoch !== null) {
      const from = h.log.endOffset;
      const to = truncationOffset(h.log, { epoch: resp.divergingEpoch.epoch, offset: resp.divergingEpoch.endOffset });
      h.log.truncateTo(to);
      this.env.emit({ kind: "RaftTruncated", from, to: h.log.endOffset, epoch: h.epoch });
      h.traceProgress();
      this.send();
      return;
    }
    for (const e of resp.records) if (e.record.offset === h.log.endOffset) h.log.append(e);
    // Follower HW: the leader's, clamped to the local log (KafkaRaftClient.updateFollowerHighWatermark).
    const hw = Math.min(resp.highWatermark, h.log.endOffset);
    if (hw > h.highWatermark) h.highWatermark = hw;
    h.traceProgress();
    if (resp.records.length === 0) return this.send();
    this.flushing = true;
    this.env.setTimer(h.log.fsync(), { kind: "RaftFlushTimer", gen: h.gen, upTo: h.log.endOffset });
  }

  /** The flush of fetched entries finished: fetch again. */
  flushed(): void {
    this.flushing = false;
    this.send();
  }

  send(): void {
    const h = this.host;
    if (h.role !== "follower" || this.inFlight || this.flushing || h.leaderId === null) return;
    this.inFlight = true;
    this.env.send(this.settings.nodeOf(h.leaderId), {
      kind: "RaftFetch",
      replicaId: this.settings.localId,
      epoch: h.epoch,
      fetchOffset: h.log.endOffset,
      lastFetchedEpoch: h.log.lastEpoch,
      maxWaitMs: FETCH_MAX_WAIT_MS,
    });
  }

  /** The connection to `peer` broke: a fetch to it will not be answered. */
  onDisconnect(peer: NodeId): void {
    const h = this.host;
    if (h.role === "follower" && h.leaderId !== null && this.settings.nodeOf(h.leaderId) === peer && this.inFlight) {
      this.inFlight = false;
      this.env.setTimer(this.settings.retryBackoffMs * 1000, { kind: "RaftFetchRetryTimer", gen: h.gen });
    }
  }
}
