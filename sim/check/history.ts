// The client-side history of every record, kept outside the nodes (as Jepsen keeps its
// history outside the system under test): when it was sent, by whom, to which partition,
// and whether and when it was acknowledged or failed. Columnar typed arrays keep millions of
// records cheap.

import type { ProduceObserver } from "../../core/producer/workload.ts";

export const Outcome = { PENDING: 0, ACKED: 1, FAILED: 2 } as const;

function grow<T extends Float64Array | Int32Array | Uint8Array | Uint16Array>(a: T, n: number, make: (n: number) => T): T {
  if (n < a.length) return a;
  const b = make(Math.max(n + 1, a.length * 2));
  b.set(a);
  return b;
}

export class History implements ProduceObserver {
  private sentUs: Float64Array;
  private doneUs: Float64Array;
  private partitionOf: Int32Array;
  private offsetOf: Float64Array;
  private outcome: Uint8Array;
  private producerIdx: Uint16Array;
  private topicIdx: Uint16Array;
  readonly producers: string[] = [];
  readonly topics: string[] = [];
  readonly errors = new Map<number, string>();
  /** Every error a produce attempt got, retried or final, counted per batch. */
  readonly errorResponses = new Map<string, number>();
  /** Highest rid seen + 1. */
  size = 0;
  attemptedCount = 0;
  acknowledgedCount = 0;
  failedCount = 0;

  /** `expectedRecords`: a capacity hint (the workload's expected size), so the columns rarely grow. */
  constructor(expectedRecords = 1024) {
    const n = Math.max(1024, Math.ceil(expectedRecords));
    this.sentUs = new Float64Array(n);
    this.doneUs = new Float64Array(n);
    this.partitionOf = new Int32Array(n);
    this.offsetOf = new Float64Array(n);
    this.outcome = new Uint8Array(n);
    this.producerIdx = new Uint16Array(n);
    this.topicIdx = new Uint16Array(n);
  }

  private ensure(rid: number): void {
    if (rid < this.sentUs.length) return;
    this.sentUs = grow(this.sentUs, rid, (n) => new Float64Array(n));
    this.doneUs = grow(this.doneUs, rid, (n) => new Float64Array(n));
    this.partitionOf = grow(this.partitionOf, rid, (n) => new Int32Array(n));
    this.offsetOf = grow(this.offsetOf, rid, (n) => new Float64Array(n));
    this.outcome = grow(this.outcome, rid, (n) => new Uint8Array(n));
    this.producerIdx = grow(this.producerIdx, rid, (n) => new Uint16Array(n));
    this.topicIdx = grow(this.topicIdx, rid, (n) => new Uint16Array(n));
  }

  private index(list: string[], name: string): number {
    let i = list.indexOf(name);
    if (i < 0) i = list.push(name) - 1;
    return i;
  }

  sent(rid: number, producer: string, topic: string, partition: number, _key: string | null, atUs: number): void {
    this.ensure(rid);
    this.sentUs[rid] = atUs;
    this.partitionOf[rid] = partition;
    this.producerIdx[rid] = this.index(this.producers, producer);
    this.topicIdx[rid] = this.index(this.topics, topic);
    this.outcome[rid] = Outcome.PENDING;
    this.offsetOf[rid] = -1;
    if (rid >= this.size) this.size = rid + 1;
    this.attemptedCount++;
  }

  acknowledged(rid: number, _partition: number, offset: number, atUs: number): void {
    if (this.outcome[rid] !== Outcome.PENDING) return;
    this.outcome[rid] = Outcome.ACKED;
    this.offsetOf[rid] = offset;
    this.doneUs[rid] = atUs;
    this.acknowledgedCount++;
  }

  failed(rid: number, error: string, atUs: number): void {
    if (this.outcome[rid] !== Outcome.PENDING) return;
    this.outcome[rid] = Outcome.FAILED;
    this.doneUs[rid] = atUs;
    this.errors.set(rid, error);
    this.failedCount++;
  }

  errorResponse(error: string, _records: number): void {
    this.errorResponses.set(error, (this.errorResponses.get(error) ?? 0) + 1);
  }

  outcomeOf(rid: number): number {
    return this.outcome[rid]!;
  }
  partition(rid: number): number {
    return this.partitionOf[rid]!;
  }
  producer(rid: number): number {
    return this.producerIdx[rid]!;
  }
  /** Index of the record's topic in `topics` (cheaper than comparing names). */
  topicIndex(rid: number): number {
    return this.topicIdx[rid]!;
  }
  topic(rid: number): string {
    return this.topics[this.topicIdx[rid]!]!;
  }
  sentAtUs(rid: number): number {
    return this.sentUs[rid]!;
  }
  doneAtUs(rid: number): number {
    return this.doneUs[rid]!;
  }
  ackOffset(rid: number): number {
    return this.offsetOf[rid]!;
  }
  /** Acknowledgement latencies in ms, unsorted (use quantile()). */
  ackLatenciesMs(): Float64Array {
    const out = new Float64Array(this.acknowledgedCount);
    let n = 0;
    for (let rid = 0; rid < this.size; rid++) {
      if (this.outcome[rid] === Outcome.ACKED) out[n++] = (this.doneUs[rid]! - this.sentUs[rid]!) / 1000;
    }
    return out.subarray(0, n);
  }
}
