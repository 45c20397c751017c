// A follower broker's fetcher for one leader broker: Kafka's ReplicaFetcherThread and
// AbstractFetcherThread (num.replica.fetchers=1, so one per leader). It long-polls the leader
// with Fetch for every partition it follows there, appends what comes back, takes the
// leader's HW, and truncates when the leader says its log diverged (KIP-101/KIP-279 via
// the fetch's lastFetchedEpoch, as Fetch v12+ does). In the legacy "high-watermark" mode it
// sends no epoch, trusting the truncation to HW done when it became a follower.

import type { Env } from "../env.ts";
import { UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET } from "../log/leader-epoch-cache.ts";
import { Errors } from "../protocol/errors.ts";
import { IsolationLevel, type FetchPartition, type FetchPartitionResponse, type FetchResponse, type KafkaMessage } from "../protocol/messages.ts";
import { partitionKey } from "../metadata/metadata-image.ts";
import type { Partition } from "./partition.ts";
import type { BrokerSettings } from "../config/index.ts";
import { messageSize } from "../protocol/message-size.ts";
import { TLS_US_PER_BYTE } from "./network-threads.ts";
import type { FetcherBackoffTimer } from "./broker-timers.ts";

export interface FetcherHost {
  readonly env: Env<KafkaMessage, FetcherBackoffTimer>;
  readonly brokerId: number;
  readonly settings: BrokerSettings;
  brokerEpoch(): number;
  brokerNode(id: number): string;
  /** Registers a request and returns its correlation id (the broker owns in-flight tracking). */
  trackFetch(leaderId: number, fetcherId: number, timeoutMs: number): number;
  /** The cluster's listeners use TLS: the fetcher thread decrypts every response. */
  readonly ssl: boolean;
  /** The follower's high watermark of `p` moved (with racks: consumers may be reading this replica, KIP-392). */
  followerHighWatermarkAdvanced(p: Partition): void;
}

export class ReplicaFetcher {
  private readonly partitions = new Map<string, Partition>();
  /** Partitions waiting for new metadata after a fencing error. */
  private readonly stalled = new Set<string>();
  private inFlight: number | null = null;
  private backingOff = false;

  constructor(
    private readonly host: FetcherHost,
    readonly leaderId: number,
    /** Which of the num.replica.fetchers fetchers for that leader (AbstractFetcherManager.getFetcherId). */
    readonly fetcherId = 0,
  ) {}

  get isEmpty(): boolean {
    return this.partitions.size === 0;
  }

  has(key: string): boolean {
    return this.partitions.has(key);
  }

  add(p: Partition): void {
    const key = partitionKey(p.topic, p.partition);
    this.partitions.set(key, p);
    this.stalled.delete(key);
    this.maybeFetch();
  }

  remove(key: string): void {
    this.partitions.delete(key);
    this.stalled.delete(key);
  }

  maybeFetch(): void {
    if (this.inFlight !== null || this.backingOff) return;
    const parts: FetchPartition[] = [];
    const epochMode = this.host.settings.truncationMode === "leader-epoch";
    for (const key of this.partitions.keys()) {
      if (this.stalled.has(key)) continue;
      const p = this.partitions.get(key)!;
      parts.push({
        topic: p.topic,
        partition: p.partition,
        currentLeaderEpoch: p.leaderEpoch,
        fetchOffset: p.log.logEndOffset,
        lastFetchedEpoch: epochMode ? p.log.epochCache.latestEpoch() : -1,
        partitionMaxBytes: this.host.settings.replicaFetchMaxBytes,
      });
    }
    if (parts.length === 0) return;
    const s = this.host.settings;
    // ReplicaFetcherBlockingSend: the fetch request times out after replica.socket.timeout.ms.
    const correlationId = this.host.trackFetch(this.leaderId, this.fetcherId, this.host.settings.replicaSocketTimeoutMs);
    this.inFlight = correlationId;
    this.host.env.send(this.host.brokerNode(this.leaderId), {
      kind: "Fetch",
      correlationId,
      replicaId: this.host.brokerId,
      replicaEpoch: this.host.brokerEpoch(),
      maxWaitMs: s.replicaFetchWaitMaxMs,
      minBytes: s.replicaFetchMinBytes,
      maxBytes: s.replicaFetchResponseMaxBytes,
      isolationLevel: IsolationLevel.READ_UNCOMMITTED,
      partitions: parts,
    });
  }

  /** The fetch failed (timeout, broken connection): back off replica.fetch.backoff.ms. */
  onFailure(): void {
    this.inFlight = null;
    this.backOff();
  }

  private backOff(delayUs = this.host.settings.replicaFetchBackoffMs * 1000): void {
    if (this.backingOff) return;
    this.backingOff = true;
    this.host.env.setTimer(delayUs, { kind: "FetcherBackoffTimer", leaderId: this.leaderId, fetcherId: this.fetcherId });
  }

  onBackoffElapsed(): void {
    this.backingOff = false;
    this.maybeFetch();
  }

  onResponse(resp: FetchResponse): void {
    if (resp.correlationId !== this.inFlight) return;
    this.inFlight = null;
    let retryLater = false;
    for (const pr of resp.partitions) {
      const key = partitionKey(pr.topic, pr.partition);
      const p = this.partitions.get(key);
      if (p === undefined) continue;
      if (!this.processPartition(p, pr)) {
        // AbstractFetcherThread.processFetchRequest: a fenced epoch or a diverged append waits
        // for new metadata; other errors (the leader has not caught up with its leadership
        // yet, NOT_LEADER_OR_FOLLOWER, UNKNOWN_LEADER_EPOCH, ...) are retried after the backoff.
        if (pr.error === Errors.FENCED_LEADER_EPOCH || pr.error === Errors.NONE) this.stalled.add(key);
        else retryLater = true;
      }
    }
    // The fetcher thread blocks on what its appends triggered: fsyncs (flush.messages) and
    // dirty-page throttling. With TLS it first decrypted the response itself (the replica
    // fetcher has its own NetworkClient, not the broker's network threads). Either way its
    // next fetch, which tells the leader how far this replica got, goes out that much later;
    // the appends themselves are not postponed by the decryption time.
    let blockedUs = this.host.ssl ? messageSize(resp) * TLS_US_PER_BYTE : 0;
    let flushUs = 0;
    for (const p of this.partitions.values()) flushUs = Math.max(flushUs, p.log.takeAppendDelay());
    blockedUs += flushUs;
    if (retryLater) this.backOff();
    else if (blockedUs > 0) this.backOff(blockedUs);
    else this.maybeFetch();
  }

  /** Returns false when the partition hit an error. */
  private processPartition(p: Partition, pr: FetchPartitionResponse): boolean {
    const env = this.host.env;
    if (pr.error !== Errors.NONE) {
      env.emit({ kind: "FollowerFetchError", topic: p.topic, partition: p.partition, leader: this.leaderId, error: pr.error });
      if (pr.error === Errors.OFFSET_OUT_OF_RANGE && p.log.logEndOffset < pr.logStartOffset) {
        // AbstractFetcherThread.fetchOffsetAndTruncate: the leader's retention deleted what this
        // replica still lacked; it starts over, empty, at the leader's log start offset.
        const from = p.log.logEndOffset;
        p.log.truncateFullyAndStartAt(pr.logStartOffset, Math.floor(env.now() / 1000));
        env.emit({ kind: "FollowerLogReset", topic: p.topic, partition: p.partition, from, to: pr.logStartOffset });
        return true;
      }
      return false;
    }
    if (pr.divergingEpoch !== null) {
      this.truncateOnDivergence(p, pr.divergingEpoch);
      return true;
    }
    const log = p.log;
    if (pr.batches.length > 0 && !log.appendAsFollower(pr.batches, Math.floor(env.now() / 1000))) {
      // The fetcher marks the partition failed and stops fetching it, as Kafka does on an
      // unexpected append offset; the replica drops out of the ISR.
      env.emit({ kind: "FollowerAppendFailed", topic: p.topic, partition: p.partition, leader: this.leaderId, leo: log.logEndOffset, batchBaseOffset: pr.batches[0]!.baseOffset });
      return false;
    }
    const before = log.highWatermark;
    log.updateHighWatermark(pr.highWatermark);
    if (pr.batches.length > 0 || before !== log.highWatermark) {
      env.emit({ kind: "FollowerFetched", topic: p.topic, partition: p.partition, leo: log.logEndOffset, hw: log.highWatermark });
    }
    if (before !== log.highWatermark && this.host.settings.racks !== null) this.host.followerHighWatermarkAdvanced(p);
    return true;
  }

  /** AbstractFetcherThread.getOffsetTruncationState on a diverging epoch from the leader. */
  private truncateOnDivergence(p: Partition, diverging: { epoch: number; endOffset: number }): void {
    const log = p.log;
    const leo = log.logEndOffset;
    let target: number;
    if (diverging.endOffset === UNDEFINED_EPOCH_OFFSET) target = log.highWatermark;
    else if (diverging.epoch === UNDEFINED_EPOCH) target = Math.min(diverging.endOffset, leo);
    else {
      const mine = log.epochCache.endOffsetFor(diverging.epoch, leo);
      target = mine.epoch !== diverging.epoch ? Math.min(mine.endOffset, leo) : Math.min(diverging.endOffset, mine.endOffset, leo);
    }
    if (target < 0) target = log.highWatermark;
    const from = log.logEndOffset;
    if (log.truncateTo(target)) {
      this.host.env.emit({ kind: "Truncated", topic: p.topic, partition: p.partition, from, to: log.logEndOffset, reason: "diverging-epoch", epoch: diverging.epoch });
    }
  }
}
