// The client-side history of every record, kept outside the nodes (as Jepsen keeps its
// history outside the system under test): when it was sent, by whom, to which partition,
// and whether and when it was acknowledged or failed. A produce succeeds or fails per batch,
// so the history keeps one entry per sealed batch (its records are the batch's own columns,
// shared with the logs) and per record only what is the record's alone: when send() took it
// and which entry it joined (8 bytes). Latencies go into a histogram as acknowledgements come.

import type { ProduceObserver } from "../../core/producer/workload.ts";
import { ridAt, type RecordColumns } from "../../core/protocol/records.ts";
import { LatencyHistogram } from "./latency-histogram.ts";
import { ChunkedColumn } from "./chunked-column.ts";
import { SendTimes } from "./send-times.ts";
import { withCapacity } from "../../core/typed-arrays.ts";

/**
 * A record's fate as the application saw it. A transactional record is ACKED only once its
 * transaction committed; ABORTED when the transaction aborted (its produce may have been
 * acknowledged); PENDING while the transaction is open or its end unknown.
 */
export const Outcome = { PENDING: 0, ACKED: 1, FAILED: 2, ABORTED: 3 } as const;

/** How a transaction ended for the application (TransactionOutcome per transaction id). */
export const TransactionOutcome = { OPEN: 0, COMMITTED: 1, ABORTED: 2, FAILED: 3, FENCED: 4 } as const;

const TRANSACTION_OUTCOMES = { committed: TransactionOutcome.COMMITTED, aborted: TransactionOutcome.ABORTED, fenced: TransactionOutcome.FENCED, failed: TransactionOutcome.FAILED } as const;

/**
 * One sealed batch (or one record send() refused) and its fate. A batch's rids are its rid
 * column, read where the batch's columns live (a slab chunk shared with the logs): the entry
 * keeps the chunk, the first slot and the row count, not the columns object.
 */
class Entries {
  ridChunk: (Int32Array | null)[] = [];
  ridAt = new Int32Array(256);
  rows = new Int32Array(256);
  producer = new Int32Array(256);
  topic = new Int32Array(256);
  partition = new Int32Array(256);
  /** Offset of the batch's first record as acknowledged; -1 without one (acks=0, a duplicate, not acknowledged). */
  baseOffset = new Float64Array(256);
  doneUs = new Float64Array(256);
  outcome = new Uint8Array(256);
  /** The transaction of the batch (transactionBegan's id), -1 outside one. */
  txn = new Int32Array(256);
  count = 0;

  add(records: RecordColumns | null, producer: number, topic: number, partition: number, txn = -1): number {
    const e = this.count++;
    this.ridAt = withCapacity(this.ridAt, e + 1);
    this.rows = withCapacity(this.rows, e + 1);
    this.producer = withCapacity(this.producer, e + 1);
    this.topic = withCapacity(this.topic, e + 1);
    this.partition = withCapacity(this.partition, e + 1);
    this.baseOffset = withCapacity(this.baseOffset, e + 1);
    this.doneUs = withCapacity(this.doneUs, e + 1);
    this.outcome = withCapacity(this.outcome, e + 1);
    this.txn = withCapacity(this.txn, e + 1);
    this.txn[e] = txn;
    this.ridChunk.push(records === null ? null : records.data);
    this.ridAt[e] = records === null ? 0 : records.at;
    this.rows[e] = records === null ? 0 : records.count;
    this.producer[e] = producer;
    this.topic[e] = topic;
    this.partition[e] = partition;
    this.baseOffset[e] = -1;
    return e;
  }
}

export class History implements ProduceObserver {
  private readonly sentUs = new SendTimes();
  /** Entry + 1 of each rid; 0 while its batch is still open. */
  private readonly entryOf = new ChunkedColumn(Int32Array);
  private readonly entries = new Entries();
  readonly producers: string[] = [];
  readonly topics: string[] = [];
  /** Final errors, counted per record. */
  readonly errors = new Map<string, number>();
  /** Every error a produce attempt got, retried or final, counted per batch. */
  readonly errorResponses = new Map<string, number>();
  readonly latency = new LatencyHistogram();
  /** Highest rid seen + 1. */
  size = 0;
  attemptedCount = 0;
  acknowledgedCount = 0;
  failedCount = 0;
  /** Per transaction: its outcome, its producer, records acknowledged by produce, and when it ended. */
  private txnOutcome = new Uint8Array(64);
  private txnProducer = new Int32Array(64);
  private txnAcked = new Int32Array(64);
  private txnEndUs = new Float64Array(64);
  transactionCount = 0;
  /** Records whose produce was acknowledged in a transaction that then aborted. */
  abortedCount = 0;


  private index(list: string[], name: string): number {
    let i = list.indexOf(name);
    if (i < 0) i = list.push(name) - 1;
    return i;
  }

  sent(rid: number, _producer: string, _topic: string, _partition: number, _key: string | null, atUs: number): void {
    this.sentUs.set(rid, atUs);
    if (rid >= this.size) this.size = rid + 1;
    this.attemptedCount++;
  }

  sealed(producer: string, topic: string, partition: number, records: RecordColumns, transaction = -1): void {
    const e = this.entries.add(records, this.index(this.producers, producer), this.index(this.topics, topic), partition, transaction);
    for (let i = 0; i < records.count; i++) this.entryOf.set(ridAt(records, i), e + 1);
  }

  private entryOfBatch(records: RecordColumns): number {
    return this.entryOf.get(ridAt(records, 0)) - 1;
  }

  acknowledged(records: RecordColumns, baseOffset: number, atUs: number): void {
    const e = this.entryOfBatch(records);
    const en = this.entries;
    if (en.outcome[e] !== Outcome.PENDING) return;
    en.outcome[e] = Outcome.ACKED;
    en.baseOffset[e] = baseOffset;
    en.doneUs[e] = atUs;
    const txn = en.txn[e]!;
    // A transaction's records count as acknowledged when it commits (commitTransaction returned).
    if (txn >= 0) this.txnAcked[txn]! += records.count;
    else this.acknowledgedCount += records.count;
    for (let i = 0; i < records.count; i++) this.latency.record(atUs - this.sentUs.get(ridAt(records, i)));
  }

  failed(records: RecordColumns, error: string, atUs: number): void {
    const e = this.entryOfBatch(records);
    this.fail(e, error, atUs, records.count);
  }

  refused(rid: number, producer: string, topic: string, error: string, atUs: number): void {
    const e = this.entries.add(null, this.index(this.producers, producer), this.index(this.topics, topic), -1);
    this.entryOf.set(rid, e + 1);
    this.fail(e, error, atUs, 1);
  }

  private fail(e: number, error: string, atUs: number, records: number): void {
    const en = this.entries;
    if (en.outcome[e] !== Outcome.PENDING) return;
    en.outcome[e] = Outcome.FAILED;
    en.doneUs[e] = atUs;
    this.errors.set(error, (this.errors.get(error) ?? 0) + records);
    this.failedCount += records;
  }

  errorResponse(error: string, _records: number): void {
    this.errorResponses.set(error, (this.errorResponses.get(error) ?? 0) + 1);
  }

  transactionBegan(producer: string, _atUs: number): number {
    const t = this.transactionCount++;
    this.txnOutcome = withCapacity(this.txnOutcome, t + 1);
    this.txnProducer = withCapacity(this.txnProducer, t + 1);
    this.txnAcked = withCapacity(this.txnAcked, t + 1);
    this.txnEndUs = withCapacity(this.txnEndUs, t + 1);
    this.txnOutcome[t] = TransactionOutcome.OPEN;
    this.txnProducer[t] = this.index(this.producers, producer);
    this.txnEndUs[t] = Number.POSITIVE_INFINITY;
    return t;
  }

  transactionEnded(transaction: number, outcome: "committed" | "aborted" | "fenced" | "failed", atUs: number): void {
    if (this.txnOutcome[transaction] !== TransactionOutcome.OPEN) return;
    this.txnOutcome[transaction] = TRANSACTION_OUTCOMES[outcome];
    this.txnEndUs[transaction] = atUs;
    if (outcome === "committed") this.acknowledgedCount += this.txnAcked[transaction]!;
    else if (outcome === "aborted" || outcome === "fenced") this.abortedCount += this.txnAcked[transaction]!;
  }

  /** How many transactions ended each way (open: never ended). */
  transactionOutcomes(): Record<"open" | "committed" | "aborted" | "fenced" | "failed", number> {
    const n = { open: 0, committed: 0, aborted: 0, fenced: 0, failed: 0 };
    for (let t = 0; t < this.transactionCount; t++) {
      const o = this.txnOutcome[t];
      if (o === TransactionOutcome.COMMITTED) n.committed++;
      else if (o === TransactionOutcome.ABORTED) n.aborted++;
      else if (o === TransactionOutcome.FENCED) n.fenced++;
      else if (o === TransactionOutcome.FAILED) n.failed++;
      else n.open++;
    }
    return n;
  }

  /** The record's transaction, -1 outside one. */
  transactionOf(rid: number): number {
    const e = this.entry(rid);
    return e < 0 ? -1 : this.entries.txn[e]!;
  }

  transactionOutcome(transaction: number): number {
    return this.txnOutcome[transaction]!;
  }

  /** When the application's commit or abort returned (Infinity while open or never). */
  transactionEndUs(transaction: number): number {
    return this.txnEndUs[transaction]!;
  }

  /**
   * Every acknowledged record of `topicIndex`, batch by batch (not in rid order), with the
   * offset it was acknowledged at (-1 without one): range arithmetic instead of a lookup per rid.
   */
  forEachAcknowledged(topicIndex: number, visit: (rid: number, partition: number, ackOffset: number) => void): void {
    const en = this.entries;
    for (let e = 0; e < en.count; e++) {
      const chunk = en.ridChunk[e];
      if (en.outcome[e] !== Outcome.ACKED || en.topic[e] !== topicIndex || chunk === null || chunk === undefined) continue;
      const txn = en.txn[e]!;
      if (txn >= 0 && this.txnOutcome[txn] !== TransactionOutcome.COMMITTED) continue;
      const base = en.baseOffset[e]!;
      const partition = en.partition[e]!;
      const at = en.ridAt[e]!;
      for (let i = 0, n = en.rows[e]!; i < n; i++) visit(chunk[at + i]!, partition, base < 0 ? -1 : base + i);
    }
  }

  /** Entry of a rid, -1 while its batch is open (pending, in no log). */
  private entry(rid: number): number {
    return this.entryOf.get(rid) - 1;
  }

  outcomeOf(rid: number): number {
    const e = this.entry(rid);
    if (e < 0) return Outcome.PENDING;
    const outcome = this.entries.outcome[e]!;
    const txn = this.entries.txn[e]!;
    if (txn < 0 || outcome === Outcome.FAILED) return outcome;
    const t = this.txnOutcome[txn];
    if (t === TransactionOutcome.COMMITTED) return outcome;
    return t === TransactionOutcome.ABORTED || t === TransactionOutcome.FENCED ? Outcome.ABORTED : Outcome.PENDING;
  }
  partition(rid: number): number {
    const e = this.entry(rid);
    return e < 0 ? -1 : this.entries.partition[e]!;
  }
  producer(rid: number): number {
    const e = this.entry(rid);
    return e < 0 ? this.producers.length : this.entries.producer[e]!;
  }
  /** Index of the record's topic in `topics` (cheaper than comparing names). */
  topicIndex(rid: number): number {
    const e = this.entry(rid);
    return e < 0 ? -1 : this.entries.topic[e]!;
  }
  topic(rid: number): string {
    return this.topics[this.topicIndex(rid)] ?? "";
  }
  sentAtUs(rid: number): number {
    return this.sentUs.get(rid);
  }
  doneAtUs(rid: number): number {
    const e = this.entry(rid);
    return e < 0 ? 0 : this.entries.doneUs[e]!;
  }
  /** The offset the producer was told for the record; -1 without one. */
  ackOffset(rid: number): number {
    const e = this.entry(rid);
    if (e < 0) return -1;
    const en = this.entries;
    const base = en.baseOffset[e]!;
    const chunk = en.ridChunk[e];
    if (base < 0 || chunk === undefined || chunk === null) return -1;
    // Rids grow in send order within a batch: the record's row by binary search.
    const at = en.ridAt[e]!;
    let lo = 0;
    let hi = en.rows[e]! - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (chunk[at + mid]! < rid) lo = mid + 1;
      else hi = mid;
    }
    return base + lo;
  }
}
