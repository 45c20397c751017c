// The trace of one run on the page: columnar times and node indices plus the event objects,
// appended chunk by chunk as the worker streams them. Records are in time order.

import type { TraceEvent } from "../../core/trace/index.ts";
import type { TraceChunk } from "./protocol.ts";

export class TraceStore {
  times = new Float64Array(0);
  nodes = new Uint16Array(0);
  readonly events: TraceEvent[] = [];
  readonly nodeNames: string[] = [];
  private length = 0;

  get size(): number {
    return this.length;
  }

  append(chunk: TraceChunk): void {
    this.nodeNames.push(...chunk.newNodes);
    const need = this.length + chunk.times.length;
    if (need > this.times.length) {
      const cap = Math.max(need, this.times.length * 2, 65_536);
      const times = new Float64Array(cap);
      times.set(this.times.subarray(0, this.length));
      const nodes = new Uint16Array(cap);
      nodes.set(this.nodes.subarray(0, this.length));
      this.times = times;
      this.nodes = nodes;
    }
    this.times.set(chunk.times, this.length);
    this.nodes.set(chunk.nodes, this.length);
    for (const e of chunk.events) this.events.push(e);
    this.length = need;
  }

  time(i: number): number {
    return this.times[i]!;
  }

  node(i: number): string {
    return this.nodeNames[this.nodes[i]!]!;
  }

  event(i: number): TraceEvent {
    return this.events[i]!;
  }

  /** Index of the first record with time > t (records at t are "already happened"). */
  upperBound(t: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** One NDJSON line per record, as `kafkasim run --trace` writes them. */
  ndjsonLine(i: number): string {
    return JSON.stringify({ t: this.time(i), node: this.node(i), ...this.event(i) });
  }
}
