// The leader's side of the metadata log's Fetch (KafkaRaftClient.handleFetchRequest): voters'
// fetches are checked for a diverging epoch, count towards the high watermark and get the
// uncommitted tail; brokers' observer fetches get committed records only. A fetch with
// nothing to return waits in the purgatory (fetchPurgatory) until records arrive, the high
// watermark moves or its max wait (500 ms) passes; leaving leadership refuses every waiting
// fetch with NOT_LEADER_OR_FOLLOWER.

import type { Env, NodeId } from "../env.ts";
import { Errors } from "../protocol/errors.ts";
import type { KafkaMessage, MetadataFetchRequest } from "../protocol/messages.ts";
import type { MetadataRecord } from "../protocol/metadata-records.ts";
import type { RaftEntry, RaftLog } from "./raft-log.ts";
import type { RaftFetchRequest, RaftFetchResponse } from "./raft-messages.ts";
import { FETCH_MAX_WAIT_MS, divergingEpoch, type RaftRole } from "./raft-rules.ts";
import { RAFT_FETCH_EXPIRY, type RaftTimer } from "./raft-timers.ts";

/** What the server reads of its voter, and the two things it asks of it. */
export interface FetchServerHost {
  readonly role: RaftRole;
  readonly epoch: number;
  readonly leaderId: number | null;
  readonly highWatermark: number;
  readonly log: RaftLog;
  /** A request of a newer epoch moves the voter on (it is no longer leader). */
  observeEpoch(epoch: number, leaderId: number, reason: string): void;
  /** A voter fetched at `fetchOffset` in the leader's epoch: its progress, check quorum, the high watermark. */
  voterFetched(voterId: number, fetchOffset: number): void;
}

interface ParkedFetch {
  readonly from: NodeId;
  readonly voter: RaftFetchRequest | null;
  readonly observer: MetadataFetchRequest | null;
  readonly atUs: number;
}

const MAX_ENTRIES_PER_FETCH = 2000;

export class RaftFetchServer {
  private parked: ParkedFetch[] = [];

  constructor(
    private readonly env: Env<KafkaMessage, RaftTimer>,
    private readonly localId: number,
    private readonly host: FetchServerHost,
  ) {}

  /** KafkaRaftClient.handleFetchRequest from a voter. */
  onFetch(from: NodeId, req: RaftFetchRequest): void {
    const h = this.host;
    if (req.epoch > h.epoch) h.observeEpoch(req.epoch, -1, "fetch of a newer epoch");
    if (h.role !== "leader" || req.epoch !== h.epoch) {
      const error = req.epoch < h.epoch ? Errors.FENCED_LEADER_EPOCH : Errors.NOT_LEADER_OR_FOLLOWER;
      this.env.send(from, this.fetchResponse(error, [], null));
      return;
    }
    const diverging = divergingEpoch(h.log, req.fetchOffset, req.lastFetchedEpoch);
    if (diverging !== null) {
      this.env.send(from, this.fetchResponse(Errors.NONE, [], { epoch: diverging.epoch, endOffset: diverging.offset }));
      return;
    }
    h.voterFetched(req.replicaId, req.fetchOffset);
    if (req.fetchOffset < h.log.endOffset) this.serveVoter(from, req);
    else this.park(from, req, null, req.maxWaitMs);
  }

  /** A broker's observer fetch: the leader serves committed records only. */
  onObserverFetch(from: NodeId, req: MetadataFetchRequest): void {
    if (this.host.role !== "leader") return this.refuseFetch(from, null, req);
    if (this.host.highWatermark <= req.fetchOffset) this.park(from, null, req, req.maxWaitMs);
    else this.serveObserver(from, req);
  }

  /** KafkaRaftClient.transitionToResigned: fetchPurgatory.completeAllExceptionally(NOT_LEADER_OR_FOLLOWER). */
  refuseParked(): void {
    const parked = this.parked;
    this.parked = [];
    for (const f of parked) this.refuseFetch(f.from, f.voter, f.observer);
  }

  /** New entries wake voters' fetches; a new high watermark wakes every fetch (fetchPurgatory.completeAll). */
  completeParked(votersOnly: boolean): void {
    if (this.parked.length === 0 || this.host.role !== "leader") return;
    const keep: ParkedFetch[] = [];
    const wake: ParkedFetch[] = [];
    for (const f of this.parked) (votersOnly && f.voter === null ? keep : wake).push(f);
    this.parked = keep;
    for (const f of wake) this.answerParked(f);
  }

  /** RaftFetchExpiryTimer: fetches that waited their max wait are answered with what there is. */
  expireParked(nowUs: number): void {
    const due = this.parked.filter((f) => nowUs - f.atUs >= FETCH_MAX_WAIT_MS * 1000);
    if (due.length === 0) return;
    this.parked = this.parked.filter((f) => nowUs - f.atUs < FETCH_MAX_WAIT_MS * 1000);
    for (const f of due) this.answerParked(f);
  }

  serveObserver(from: NodeId, req: MetadataFetchRequest): void {
    const { highWatermark, log } = this.host;
    const end = Math.max(req.fetchOffset, Math.min(highWatermark, req.fetchOffset + MAX_ENTRIES_PER_FETCH));
    const records: MetadataRecord[] = [];
    for (let i = req.fetchOffset; i < end; i++) records.push(log.entries[i]!.record);
    this.env.send(from, { kind: "MetadataFetchResponse", correlationId: req.correlationId, records, highWatermark: Math.max(highWatermark, 0) });
  }

  private serveVoter(from: NodeId, req: RaftFetchRequest): void {
    const log = this.host.log;
    const entries = log.entries.slice(req.fetchOffset, Math.min(log.endOffset, req.fetchOffset + MAX_ENTRIES_PER_FETCH));
    this.env.send(from, this.fetchResponse(Errors.NONE, entries, null));
  }

  private fetchResponse(error: RaftFetchResponse["error"], records: readonly RaftEntry[], divergingEpochOf: RaftFetchResponse["divergingEpoch"]): RaftFetchResponse {
    const h = this.host;
    return { kind: "RaftFetchResponse", error, leaderId: h.leaderId ?? -1, epoch: h.epoch, highWatermark: h.highWatermark, records, divergingEpoch: divergingEpochOf };
  }

  /**
   * NOT_LEADER_OR_FOLLOWER, naming the leader this voter knows; a resigned leader names none to
   * observers (it would name itself, and a broker would fetch from it again at once).
   */
  private refuseFetch(from: NodeId, voter: RaftFetchRequest | null, observer: MetadataFetchRequest | null): void {
    if (voter !== null) this.env.send(from, this.fetchResponse(Errors.NOT_LEADER_OR_FOLLOWER, [], null));
    if (observer === null) return;
    const known = this.host.leaderId;
    const leaderId = known !== null && known !== this.localId ? known : -1;
    this.env.send(from, { kind: "MetadataFetchResponse", correlationId: observer.correlationId, records: [], highWatermark: -1, error: Errors.NOT_LEADER_OR_FOLLOWER, leaderId });
  }

  private park(from: NodeId, voter: RaftFetchRequest | null, observer: MetadataFetchRequest | null, maxWaitMs: number): void {
    this.parked.push({ from, voter, observer, atUs: this.env.now() });
    this.env.setTimer(Math.min(maxWaitMs, FETCH_MAX_WAIT_MS) * 1000, RAFT_FETCH_EXPIRY);
  }

  private answerParked(f: ParkedFetch): void {
    if (f.voter !== null) {
      if (f.voter.fetchOffset < this.host.log.endOffset) this.serveVoter(f.from, f.voter);
      else this.env.send(f.from, this.fetchResponse(Errors.NONE, [], null));
    } else if (f.observer !== null) this.serveObserver(f.from, f.observer);
  }
}
