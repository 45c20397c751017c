// Real consumers' reads in the run's consumer history (sim/check/consumer-history.ts), so that
// summary.consumers covers the groups real clients formed, checked as modelled groups are.
// A modelled consumer reports when its application has processed a record; what a real
// client's application does is not seen at the socket. Here a record counts as processed by a
// group once a client fetched it and then, from the same client.id, committed an offset of the
// group past it: the commit is the client's word that it is done with everything below. So
// processedTwice counts records a group committed past twice (its position went back below a
// commit: a seek, a reset, a rebalance that restarted from an older commit); neverProcessed
// counts records below the group's commit that it never fetched. Simplified: records fetched
// and never committed past (a consumer that crashed after processing, before its commit) do not
// count, so at-least-once redelivery without a commit between is not seen; a fetch of a
// partition from an earlier position drops what the client had fetched from there on and not
// committed. Consumers are told apart by client.id: two groups whose consumers share one (the
// clients' default, "kafkajs" or "rdkafka") and read one partition may claim each other's fetches.
// Assignments come from SyncGroup (revoked partitions are counted for cooperative-sticky, KIP-429,
// as a modelled cooperative consumer counts them), start positions from OffsetFetch and fetches.
// Control batches and, read_committed, aborted transactions' batches are skipped as the client
// skips them (CompletedFetch).

import { AbortedTransactions } from "../../core/consumer/aborted-transactions.ts";
import type { PartitionList } from "../../core/protocol/group-messages.ts";
import type { AbortedTransaction } from "../../core/protocol/messages.ts";
import type { RecordBatch } from "../../core/protocol/records.ts";
import type { ConsumerHistory } from "../check/consumer-history.ts";
import type { ConsumeLedger } from "./translate/translation.ts";

interface Fetched {
  readonly batch: RecordBatch;
  /** Rows [from, to) of the batch not yet committed past. */
  from: number;
  readonly to: number;
  readonly fetchOffset: number;
  readonly highWatermark: number;
}

/** Fetched rows kept per client and partition until a commit covers them; past this the oldest go (a client that never commits). */
const MAX_PENDING = 100_000;

const tp = (client: string, topic: string, partition: number): string => `${client}\u0000${topic}\u0000${partition}`;
const memberKey = (group: string, member: string): string => `${group}\u0000${member}`;

export class RealConsumerHistory implements ConsumeLedger {
  private readonly pending = new Map<string, Fetched[]>();
  private readonly subscriptions = new Map<string, readonly string[]>();
  private readonly owned = new Map<string, PartitionList>();

  constructor(
    private readonly history: ConsumerHistory,
    private readonly nowUs: () => number,
  ) {}

  /** `aborted`: a read_committed fetch's aborted transactions, whose batches (as control batches) never reach the application. */
  fetched(client: string, topic: string, partition: number, fetchOffset: number, batches: readonly RecordBatch[], highWatermark: number, aborted: readonly AbortedTransaction[] | null): void {
    const key = tp(client, topic, partition);
    const kept: Fetched[] = [];
    for (const f of this.pending.get(key) ?? []) {
      const to = Math.min(f.to, f.batch.indexAtOrAfter(fetchOffset));
      if (to > f.from) kept.push(to === f.to ? f : { ...f, to });
    }
    const skipped = aborted === null || aborted.length === 0 ? null : new AbortedTransactions(aborted);
    for (const batch of batches) {
      if ((skipped !== null && skipped.skips(batch)) || batch.control !== null) continue;
      const from = batch.indexAtOrAfter(fetchOffset);
      if (from < batch.count) kept.push({ batch, from, to: batch.count, fetchOffset, highWatermark });
    }
    if (kept.length > MAX_PENDING) kept.splice(0, kept.length - MAX_PENDING);
    if (kept.length === 0) this.pending.delete(key);
    else this.pending.set(key, kept);
  }

  joined(group: string, member: string, topics: readonly string[]): void {
    this.subscriptions.set(memberKey(group, member), topics);
  }

  synced(group: string, member: string, generation: number, protocol: string | null, assignment: PartitionList): void {
    const key = memberKey(group, member);
    const before = this.owned.get(key) ?? [];
    this.owned.set(key, assignment);
    const cooperative = protocol === "cooperative-sticky";
    const topics = [...new Set([...(this.subscriptions.get(key) ?? []), ...assignment.map((p) => p.topic)])];
    const now = this.nowUs();
    for (const topic of topics) {
      const mine = assignment.filter((p) => p.topic === topic).map((p) => p.partition);
      const revoked = cooperative ? before.filter((p) => p.topic === topic && !mine.includes(p.partition)).length : 0;
      this.history.historyFor(group, topic).assign(member, generation, mine, revoked, now);
    }
  }

  offsetFetched(group: string, topic: string, partition: number, offset: number): void {
    if (offset >= 0) this.history.historyFor(group, topic).positionInitialized(partition, offset);
  }

  committed(client: string, group: string, member: string, generation: number, offsets: readonly { topic: string; partition: number; offset: number }[]): void {
    const now = this.nowUs();
    for (const o of offsets) {
      const h = this.history.historyFor(group, o.topic);
      const key = tp(client, o.topic, o.partition);
      const list = this.pending.get(key) ?? [];
      for (const f of list) {
        const to = Math.min(f.to, f.batch.indexAtOrAfter(o.offset));
        if (to <= f.from) continue;
        h.addProcessed(o.partition, f.batch, f.from, to, now, now, 0);
        h.positionInitialized(o.partition, f.fetchOffset);
        if (generation >= 0) h.delivered(member, generation, o.partition, f.batch.offsetAt(to - 1), f.highWatermark);
        f.from = to;
      }
      const left = list.filter((f) => f.from < f.to);
      if (left.length === 0) this.pending.delete(key);
      else this.pending.set(key, left);
      h.committed.set(o.partition, o.offset);
    }
  }
}
