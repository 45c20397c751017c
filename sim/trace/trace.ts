// The trace: every observable step of a run as a typed event (time, node, kind, fields),
// folded into a running hash (`traceHash`). Events are handed to listeners (the NDJSON
// writer, the visualizer's buffer) only when someone listens; otherwise an event costs one
// hash update and nothing is kept.

import type { Micros, NodeId } from "../../core/env.ts";
import type { TraceEvent } from "../../core/trace/index.ts";
import { TraceHash } from "./hash.ts";

export interface TraceRecord {
  readonly timeUs: Micros;
  readonly node: NodeId;
  readonly event: TraceEvent;
}

export type TraceListener = (record: TraceRecord) => void;

export class Trace {
  private readonly hash = new TraceHash();
  private readonly listeners: TraceListener[] = [];
  count = 0;

  get listening(): boolean {
    return this.listeners.length > 0;
  }

  listen(listener: TraceListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  record(timeUs: Micros, node: NodeId, event: TraceEvent): void {
    this.count++;
    this.hash.add(timeUs, node, event);
    if (this.listeners.length === 0) return;
    const record: TraceRecord = { timeUs, node, event };
    for (const listener of this.listeners) listener(record);
  }

  /** A message on the wire: hashed always, built as a record only when someone listens. */
  message(timeUs: Micros, from: NodeId, to: NodeId, msgKind: string, arrivalUs: Micros): void {
    this.count++;
    this.hash.addMessage(timeUs, from, to, msgKind, arrivalUs);
    if (this.listeners.length === 0) return;
    const record: TraceRecord = { timeUs, node: from, event: { kind: "Send", to, msg: msgKind, arrivalUs } };
    for (const listener of this.listeners) listener(record);
  }

  /** A message that will never arrive (its receiver died, its connection was reset). */
  dropped(timeUs: Micros, from: NodeId, to: NodeId, msgKind: string, reason: string): void {
    this.count++;
    this.hash.addMessage(timeUs, from, to, msgKind, -1);
    if (this.listeners.length === 0) return;
    const record: TraceRecord = { timeUs, node: from, event: { kind: "Dropped", to, msg: msgKind, reason } };
    for (const listener of this.listeners) listener(record);
  }

  get traceHash(): string {
    return this.hash.hex();
  }
}

/** One NDJSON line per event: {"t":<µs>,"node":...,"kind":...,...fields}. */
export function toNdjsonLine(record: TraceRecord): string {
  return JSON.stringify({ t: record.timeUs, node: record.node, ...record.event });
}
