// The yardstick: the mix of mix.ts on a minimal hand-written binary heap over flat typed
// arrays (time, seq, payload), ordered by (time, seq) like the kernel, with lazy
// cancellation by sequence number. No objects, no callbacks, no allocation per event:
// about the fastest a JavaScript event loop of this shape can go.

import { TABLE_MASK, type MixLoop, type MixResult, type MixSpec, type MixTable } from "./mix.ts";

export class BareLoop implements MixLoop {
  private timeUs: Float64Array;
  private seq: Float64Array;
  /** ≥ 0: a chain event of that chain; < 0: the timeout of chain −payload−1. */
  private payload: Int32Array;
  private size = 0;
  private seqCounter = 0;
  private clockUs = 0;
  private cursor = 0;
  /** Per chain: the seq of its live timeout, or −1. */
  private readonly liveTimerSeq: Float64Array;
  private events = 0;
  private timeouts = 0;
  private checksum = 0;

  constructor(
    private readonly spec: MixSpec,
    private readonly table: MixTable,
  ) {
    const capacity = 4 * spec.chains + 16;
    this.timeUs = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.payload = new Int32Array(capacity);
    this.liveTimerSeq = new Float64Array(spec.chains).fill(-1);
  }

  fill(): void {
    for (let c = 0; c < this.spec.chains; c++) this.push(this.table.delayUs[this.cursor++ & TABLE_MASK]!, c);
  }

  runUntil(untilUs: number): void {
    const { delayUs, armsTimer } = this.table;
    const timeoutUs = this.spec.timeoutUs;
    const live = this.liveTimerSeq;
    while (this.size > 0) {
      const t = this.timeUs[0]!;
      if (t > untilUs) break;
      const s = this.seq[0]!;
      const p = this.payload[0]!;
      this.popHead();
      if (p < 0) {
        const chain = -p - 1;
        if (live[chain] !== s) continue; // cancelled: skipped, not counted
        live[chain] = -1;
        this.clockUs = t;
        this.events++;
        this.timeouts++;
        this.checksum += t;
        continue;
      }
      this.clockUs = t;
      this.events++;
      this.checksum += t;
      const i = this.cursor++ & TABLE_MASK;
      this.push(t + delayUs[i]!, p);
      if (armsTimer[i] === 1) {
        live[p] = this.seqCounter; // the previous timeout, if any, is now stale
        this.push(t + timeoutUs, -p - 1);
      }
    }
    if (untilUs > this.clockUs) this.clockUs = untilUs;
  }

  result(): MixResult {
    return { events: this.events, timeouts: this.timeouts, checksum: this.checksum, heapEntries: this.size };
  }

  private push(timeUs: number, payload: number): void {
    if (this.size === this.timeUs.length) this.grow();
    const times = this.timeUs;
    const seqs = this.seq;
    const payloads = this.payload;
    const s = this.seqCounter++;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < timeUs || (pt === timeUs && seqs[parent]! < s)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      payloads[i] = payloads[parent]!;
      i = parent;
    }
    times[i] = timeUs;
    seqs[i] = s;
    payloads[i] = payload;
  }

  private popHead(): void {
    const times = this.timeUs;
    const seqs = this.seq;
    const payloads = this.payload;
    const n = --this.size;
    if (n === 0) return;
    const lt = times[n]!;
    const ls = seqs[n]!;
    const lp = payloads[n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let child = l;
      if (r < n && (times[r]! < times[l]! || (times[r] === times[l] && seqs[r]! < seqs[l]!))) child = r;
      const ct = times[child]!;
      if (lt < ct || (lt === ct && ls < seqs[child]!)) break;
      times[i] = ct;
      seqs[i] = seqs[child]!;
      payloads[i] = payloads[child]!;
      i = child;
    }
    times[i] = lt;
    seqs[i] = ls;
    payloads[i] = lp;
  }

  private grow(): void {
    const capacity = this.timeUs.length * 2;
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const payloads = new Int32Array(capacity);
    times.set(this.timeUs);
    seqs.set(this.seq);
    payloads.set(this.payload);
    this.timeUs = times;
    this.seq = seqs;
    this.payload = payloads;
  }
}
