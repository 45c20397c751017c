// The consumer's fetch path: Kafka's SubscriptionState (assigned partitions and their
// positions), Fetcher/AbstractFetch (one Fetch per partition leader, only for partitions
// with no buffered data and no fetch in flight), FetchCollector (poll() drains buffered
// records up to max.poll.records) and OffsetFetcher (ListOffsets for auto.offset.reset,
// OffsetsForLeaderEpoch to validate positions after a leader change, KIP-320).
// Consumers fetch with replicaId -1, so brokers only return records below the high watermark.
// With client.rack a fetch carries the rack, and a partition may be fetched from the replica
// its leader prefers (KIP-392, preferred-read-replica.ts).

import { brokerNode } from "../cluster-names.ts";
import { Errors, invalidatesMetadata, type ErrorCode } from "../protocol/errors.ts";
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, type ListOffsetsResponse, type PartitionList } from "../protocol/group-messages.ts";
import type { OffsetsForLeaderEpochResponse } from "../protocol/group-messages.ts";
import { IsolationLevel, type FetchResponse, type IsolationLevelCode, type MetadataResponse } from "../protocol/messages.ts";
import { NO_LEADER } from "../protocol/metadata-records.ts";
import { lastOffsetOf, type RecordBatch } from "../protocol/records.ts";
import type { ConsumerContext } from "./consumer-context.ts";
import { AbortedTransactions } from "./aborted-transactions.ts";
import { onLeaderUpdate } from "./position-validation.ts";
import { PositionValidator, positionOf, type RequestedPosition } from "./position-validator.ts";
import { clearPreferredReadReplica, readReplicaOf, updatePreferredReadReplica, type ReadReplicaState } from "./preferred-read-replica.ts";

/**
 * SubscriptionState's fetch states: INITIALIZING ("committed": awaiting the committed offset),
 * AWAIT_RESET ("reset"), AWAIT_VALIDATION ("validate"), FETCHING ("ready"); "truncated" is a
 * partition whose LogTruncationException (auto.offset.reset=none) stopped it.
 */
export type PositionPhase = "committed" | "reset" | "validate" | "ready" | "truncated";

export interface AssignedPartition extends ReadReplicaState {
  readonly topic: string;
  readonly partition: number;
  /** Offset of the next record poll() returns; -1 while unknown. */
  position: number;
  phase: PositionPhase;
  /** Leader epoch of the last consumed record (FetchPosition.offsetEpoch); -1 when unknown. */
  offsetEpoch: number;
  /** The leader and epoch the position belongs to (FetchPosition.currentLeader); -1 when unknown. */
  positionLeader: number;
  positionLeaderEpoch: number;
  /** AWAIT_VALIDATION: no OffsetsForLeaderEpoch before this time (nextRetryTimeMs), µs. */
  nextRetryUs: number;
  /** An OffsetFetch or ListOffsets for it is in flight. */
  lookupInFlight: boolean;
  /** An OffsetsForLeaderEpoch for it is in flight. */
  validationInFlight: boolean;
  /** Buffered fetched data (Kafka's CompletedFetch), drained by poll(). */
  batches: readonly RecordBatch[] | null;
  batchIndex: number;
  highWatermark: number;
  /** READ_COMMITTED: what the buffered fetch's aborted transactions make poll() skip; null when nothing. */
  aborted: AbortedTransactions | null;
}

/**
 * Records poll() handed out from one partition: rows [from[i], to[i]) of each `batches[i]`,
 * in offset order — the fetched batches themselves, no record copied out.
 */
export interface PolledSlice {
  readonly tp: AssignedPartition;
  readonly batches: RecordBatch[];
  readonly from: number[];
  readonly to: number[];
  count: number;
  firstOffset: number;
  lastOffset: number;
}

export class Fetcher {
  readonly assigned = new Map<string, AssignedPartition>();
  private leaders: number[] = [];
  private leaderEpochs: number[] = [];
  /** Racks of each partition's replicas (KIP-881); null when the metadata names no racks. */
  partitionRacks: string[][] | null = null;
  private metadataInFlight = false;
  private lastMetadataUs = -Infinity;
  private readonly fetchInFlight = new Set<string>();
  private readonly validator: PositionValidator;
  /** isolation.level, as Fetch and ListOffsets carry it. */
  private readonly isolationLevel: IsolationLevelCode;

  constructor(
    private readonly ctx: ConsumerContext,
    private readonly onFatal: (error: string) => void,
  ) {
    this.isolationLevel = ctx.settings.isolationLevel === "read_committed" ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED;
    this.validator = new PositionValidator(ctx, this.assigned, () => this.requestMetadata(), (a, offset, offsetEpoch) => this.seek(a, offset, "log truncation", offsetEpoch, true));
  }

  get partitionCount(): number {
    return this.leaders.length;
  }

  // ---- metadata ----------------------------------------------------------------------------

  requestMetadata(): void {
    if (this.metadataInFlight) return;
    this.metadataInFlight = true;
    this.ctx.request(this.ctx.anyBroker(), { type: "metadata" }, this.ctx.settings.requestTimeoutMs, (correlationId) => ({ kind: "Metadata", correlationId, topics: [this.ctx.topic] }));
  }

  onMetadata(msg: MetadataResponse | null): boolean {
    this.metadataInFlight = false;
    const topic = msg?.topics.find((t) => t.name === this.ctx.topic);
    if (topic === undefined || topic.error !== Errors.NONE || topic.partitions.length === 0) return false;
    const leaders: number[] = [];
    const epochs: number[] = [];
    for (const p of topic.partitions) {
      leaders[p.partition] = p.leader;
      epochs[p.partition] = p.leaderEpoch;
    }
    for (let i = 0; i < leaders.length; i++) {
      leaders[i] ??= NO_LEADER;
      epochs[i] ??= -1;
    }
    this.leaders = leaders;
    this.leaderEpochs = epochs;
    const racks = msg!.brokerRacks;
    this.partitionRacks = racks === undefined ? null : leaders.map((_, p) => (topic.partitions.find((x) => x.partition === p)?.replicas ?? []).map((b) => racks[b - 1] ?? "").filter((r) => r !== ""));
    this.lastMetadataUs = this.ctx.env.now();
    this.maybeValidatePositions();
    return true;
  }

  /**
   * SubscriptionState.maybeValidatePositionForCurrentLeader for every partition with a
   * position: a new leader or epoch moves it to AWAIT_VALIDATION (buffered data is dropped, as
   * FetchCollector drops data of a partition that is no longer fetchable).
   */
  private maybeValidatePositions(): void {
    for (const a of this.assigned.values()) {
      if (a.phase !== "ready" && a.phase !== "validate") continue;
      const leader = this.leaders[a.partition] ?? NO_LEADER;
      const epoch = this.leaderEpochs[a.partition] ?? -1;
      const next = onLeaderUpdate(positionOf(a), leader, epoch);
      if (next === "unchanged") continue;
      a.positionLeader = leader;
      a.positionLeaderEpoch = epoch;
      a.nextRetryUs = 0;
      if (next === "await-validation") {
        a.phase = "validate";
        a.batches = null;
      } else a.phase = "ready";
    }
  }

  metadataStale(): boolean {
    return this.leaders.length === 0 || this.leaders.includes(NO_LEADER) || this.ctx.env.now() - this.lastMetadataUs >= this.ctx.settings.metadataMaxAgeMs * 1000;
  }

  // ---- assignment --------------------------------------------------------------------------

  /** SubscriptionState.assignFromSubscribed: kept partitions keep their positions. */
  setAssignment(partitions: PartitionList): void {
    const next = new Map<string, AssignedPartition>();
    for (const tp of partitions) {
      const key = `${tp.topic}-${tp.partition}`;
      next.set(key, this.assigned.get(key) ?? { topic: tp.topic, partition: tp.partition, position: -1, phase: "committed", offsetEpoch: -1, positionLeader: NO_LEADER, positionLeaderEpoch: -1, nextRetryUs: 0, lookupInFlight: false, validationInFlight: false, batches: null, batchIndex: 0, highWatermark: -1, aborted: null, preferredReadReplica: NO_LEADER, preferredReadReplicaExpiresUs: 0 });
    }
    this.assigned.clear();
    for (const [k, v] of next) this.assigned.set(k, v);
  }

  ownedPartitions(): PartitionList {
    return [...this.assigned.values()].map((a) => ({ topic: a.topic, partition: a.partition }));
  }

  /** SubscriptionState.allConsumed: what a commit covers. */
  consumedOffsets(): { topic: string; partition: number; offset: number }[] {
    const out: { topic: string; partition: number; offset: number }[] = [];
    for (const a of this.assigned.values()) if (a.phase === "ready") out.push({ topic: a.topic, partition: a.partition, offset: a.position });
    return out;
  }

  /** Every assigned partition's position is looked up again from the committed offsets; buffered records are dropped. */
  rewindToCommitted(): void {
    for (const a of this.assigned.values()) {
      a.phase = "committed";
      a.lookupInFlight = false;
      a.batches = null;
      a.batchIndex = 0;
      a.aborted = null;
    }
  }

  /** OffsetFetch answered: committed offsets become positions; the rest need auto.offset.reset. */
  onCommittedOffsets(offsets: readonly { topic: string; partition: number; offset: number }[]): void {
    for (const o of offsets) {
      const a = this.assigned.get(`${o.topic}-${o.partition}`);
      if (a === undefined || a.phase !== "committed") continue;
      a.lookupInFlight = false;
      if (o.offset >= 0) this.seek(a, o.offset, "committed", -1);
      else a.phase = "reset";
    }
  }

  needingCommitted(): AssignedPartition[] {
    return [...this.assigned.values()].filter((a) => a.phase === "committed" && !a.lookupInFlight);
  }

  /**
   * seekUnvalidated: the position belongs to the current leader and is validated first if it
   * carries an epoch (validatePosition); `validated` (seekValidated) fetches at once.
   */
  private seek(a: AssignedPartition, offset: number, reason: string, offsetEpoch: number, validated = false): void {
    a.position = offset;
    a.offsetEpoch = offsetEpoch;
    a.positionLeader = this.leaders[a.partition] ?? NO_LEADER;
    a.positionLeaderEpoch = this.leaderEpochs[a.partition] ?? -1;
    a.nextRetryUs = 0;
    a.phase = !validated && offsetEpoch >= 0 && a.positionLeaderEpoch >= 0 ? "validate" : "ready";
    a.batches = null;
    this.ctx.observer.positionInitialized(this.ctx.groupId, a.topic, a.partition, offset);
    this.ctx.env.emit({ kind: "ConsumerSeek", group: this.ctx.groupId, partition: a.partition, offset, reason });
  }

  // ---- auto.offset.reset -------------------------------------------------------------------

  /** OffsetFetcher.resetPositionsIfNeeded: one ListOffsets per leader. */
  resetPositions(): void {
    const policy = this.ctx.settings.autoOffsetReset;
    const byLeader = new Map<number, AssignedPartition[]>();
    for (const a of this.assigned.values()) {
      if (a.phase !== "reset" || a.lookupInFlight) continue;
      if (policy === "none") {
        this.onFatal(`NoOffsetForPartitionException: ${a.topic}-${a.partition} has no committed offset and auto.offset.reset=none`);
        return;
      }
      const leader = this.leaders[a.partition] ?? NO_LEADER;
      if (leader === NO_LEADER) continue;
      let list = byLeader.get(leader);
      if (list === undefined) byLeader.set(leader, (list = []));
      list.push(a);
    }
    const timestamp = policy === "earliest" ? EARLIEST_TIMESTAMP : LATEST_TIMESTAMP;
    for (const [leader, list] of byLeader) {
      for (const a of list) a.lookupInFlight = true;
      this.ctx.request(brokerNode(leader), { type: "list-offsets" }, this.ctx.settings.requestTimeoutMs, (correlationId) => ({
        kind: "ListOffsets",
        correlationId,
        replicaId: -1,
        isolationLevel: this.isolationLevel,
        partitions: list.map((a) => ({ topic: a.topic, partition: a.partition, currentLeaderEpoch: this.leaderEpochs[a.partition] ?? -1, timestamp })),
      }));
    }
  }

  onListOffsets(resp: ListOffsetsResponse | null): void {
    for (const p of resp?.partitions ?? []) {
      const a = this.assigned.get(`${p.topic}-${p.partition}`);
      if (a === undefined) continue;
      a.lookupInFlight = false;
      if (a.phase !== "reset") continue;
      if (p.error === Errors.NONE) this.seek(a, p.offset, `auto.offset.reset=${this.ctx.settings.autoOffsetReset}`, -1); // OffsetFetcherUtils.resetPositionIfNeeded: no offsetEpoch, "This will ensure we skip validation"
      else if (invalidatesMetadata(p.error)) this.requestMetadata();
    }
    if (resp === null) for (const a of this.assigned.values()) if (a.phase === "reset") a.lookupInFlight = false;
  }

  // ---- position validation (KIP-320) ------------------------------------------------------

  /** OffsetFetcher.validatePositionsAsync (see PositionValidator); µs until a retry is due, or Infinity. */
  validatePositions(): number {
    return this.validator.validatePositions();
  }

  onOffsetsForLeaderEpoch(resp: OffsetsForLeaderEpochResponse | null, positions: readonly RequestedPosition[]): void {
    this.validator.onResponse(resp, positions);
  }

  // ---- fetching ----------------------------------------------------------------------------

  /**
   * AbstractFetch.prepareFetchRequests: fetchable partitions grouped by leader, one request per
   * idle leader; a leader in reconnect backoff is skipped. Returns µs until the first skipped
   * leader may be tried (Infinity if none was skipped).
   */
  sendFetches(): number {
    const s = this.ctx.settings;
    const byLeader = new Map<number, AssignedPartition[]>();
    let retryUs = Infinity;
    for (const a of this.assigned.values()) {
      if (a.phase !== "ready" || a.batches !== null) continue;
      const leaderId = this.leaders[a.partition] ?? NO_LEADER;
      if (leaderId === NO_LEADER) {
        this.requestMetadata();
        continue;
      }
      const leader = readReplicaOf(a, leaderId, this.ctx.env.now());
      if (this.fetchInFlight.has(brokerNode(leader))) continue;
      const backoffUs = this.ctx.connections.delayUs(brokerNode(leader));
      if (backoffUs > 0) {
        retryUs = Math.min(retryUs, backoffUs);
        continue;
      }
      let list = byLeader.get(leader);
      if (list === undefined) byLeader.set(leader, (list = []));
      list.push(a);
    }
    for (const [leader, list] of byLeader) {
      const node = brokerNode(leader);
      this.fetchInFlight.add(node);
      const offsets = list.map((a) => ({ partition: a.partition, fetchOffset: a.position }));
      this.ctx.request(node, { type: "fetch", node, offsets }, s.requestTimeoutMs + s.fetchMaxWaitMs, (correlationId) => ({
        kind: "Fetch",
        correlationId,
        replicaId: -1,
        replicaEpoch: -1,
        maxWaitMs: s.fetchMaxWaitMs,
        minBytes: s.fetchMinBytes,
        maxBytes: s.fetchMaxBytes,
        isolationLevel: this.isolationLevel,
        partitions: list.map((a) => ({ topic: a.topic, partition: a.partition, currentLeaderEpoch: this.leaderEpochs[a.partition] ?? -1, fetchOffset: a.position, lastFetchedEpoch: -1, partitionMaxBytes: s.maxPartitionFetchBytes })),
        ...(s.clientRack === "" ? {} : { rackId: s.clientRack }),
      }));
    }
    return retryUs;
  }

  /** A fetch to `node` completed (resp) or failed (null). Returns true if new records are buffered. */
  onFetchResponse(node: string, resp: FetchResponse | null, request: readonly { partition: number; fetchOffset: number }[] | null): boolean {
    this.fetchInFlight.delete(node);
    if (resp === null) {
      // AbstractFetch.handleFetchFailure → requestMetadataUpdate: clears the preferred replica too.
      for (const r of request ?? []) {
        const a = this.assigned.get(`${this.ctx.topic}-${r.partition}`);
        if (a !== undefined) clearPreferredReadReplica(a);
      }
      this.requestMetadata();
      return false;
    }
    let any = false;
    for (const p of resp.partitions) {
      const a = this.assigned.get(`${p.topic}-${p.partition}`);
      const fetchOffset = request?.find((r) => r.partition === p.partition)?.fetchOffset ?? -1;
      if (a === undefined || a.phase !== "ready" || a.position !== fetchOffset) continue; // revoked or moved meanwhile
      if (p.error !== Errors.NONE) {
        this.onPartitionError(a, p.error);
        continue;
      }
      a.highWatermark = p.highWatermark;
      if (p.preferredReadReplica !== undefined) updatePreferredReadReplica(a, p.preferredReadReplica, this.ctx.env.now(), this.ctx.settings.metadataMaxAgeMs);
      const batches = p.batches.filter((b) => lastOffsetOf(b) >= a.position);
      if (batches.length === 0) continue;
      a.batches = batches;
      a.batchIndex = 0;
      const aborted = this.isolationLevel === IsolationLevel.READ_COMMITTED ? p.abortedTransactions : null;
      a.aborted = aborted === null || aborted.length === 0 ? null : new AbortedTransactions(aborted);
      any = true;
    }
    return any;
  }

  private onPartitionError(a: AssignedPartition, error: ErrorCode): void {
    this.ctx.env.emit({ kind: "ConsumerFetchError", group: this.ctx.groupId, partition: a.partition, error, position: a.position });
    if (error === Errors.OFFSET_OUT_OF_RANGE) {
      // FetchCollector.handleInitializeErrors: from a preferred replica, retry at the leader first.
      if (clearPreferredReadReplica(a)) return;
      // Fetcher: reset by policy (auto.offset.reset=none surfaces OffsetOutOfRangeException).
      if (this.ctx.settings.autoOffsetReset === "none") return this.onFatal(`OffsetOutOfRangeException: ${a.topic}-${a.partition} at ${a.position}`);
      a.phase = "reset";
      a.position = -1;
      return;
    }
    if (invalidatesMetadata(error)) {
      clearPreferredReadReplica(a);
      this.requestMetadata();
    }
  }

  hasBufferedRecords(): boolean {
    for (const a of this.assigned.values()) if (a.batches !== null) return true;
    return false;
  }

  /** FetchCollector.collectFetch: up to `max` records, partition by partition; advances positions. */
  drain(max: number, out: PolledSlice[]): number {
    let n = 0;
    for (const a of this.assigned.values()) {
      if (n >= max) break;
      if (a.batches === null || a.phase !== "ready") continue;
      const slice: PolledSlice = { tp: a, batches: [], from: [], to: [], count: 0, firstOffset: -1, lastOffset: -1 };
      while (a.batches !== null && n < max) {
        const b = a.batches[a.batchIndex]!;
        // CompletedFetch.nextFetchedRecord: control batches never reach the application, nor,
        // for READ_COMMITTED, aborted transactions' batches; the position moves past them.
        if ((a.aborted !== null && a.aborted.skips(b)) || b.control !== null) {
          a.offsetEpoch = b.partitionLeaderEpoch;
          a.position = lastOffsetOf(b) + 1;
          if (++a.batchIndex >= a.batches.length) a.batches = null;
          continue;
        }
        const first = b.indexAtOrAfter(a.position);
        const end = Math.min(b.count, first + (max - n));
        if (end > first) {
          slice.batches.push(b);
          slice.from.push(first);
          slice.to.push(end);
          if (slice.count === 0) slice.firstOffset = b.offsetAt(first);
          slice.lastOffset = b.offsetAt(end - 1);
          slice.count += end - first;
          a.position = slice.lastOffset + 1;
          // CompletedFetch.lastEpoch: the batch's partitionLeaderEpoch becomes FetchPosition.offsetEpoch.
          a.offsetEpoch = b.partitionLeaderEpoch;
          n += end - first;
        }
        // Every record of the batch is read: move past its last offset, which compaction may
        // have left without a record (the cleaner keeps offsets, and the batch's last offset).
        if (end === b.count || a.position > lastOffsetOf(b)) {
          a.position = lastOffsetOf(b) + 1;
          a.batchIndex++;
          if (a.batchIndex >= a.batches.length) a.batches = null;
        }
      }
      if (slice.count > 0) out.push(slice);
    }
    return n;
  }
}
