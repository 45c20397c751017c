// Collects a run's trace records into the report's columnar form (payload-format.ts) as the
// run emits them, without keeping the record objects. What it leaves out: nothing, unless the
// trace is larger than `maxRecords`; then messages in flight (Send) are dropped first — the
// timelines and charts do not need them, only the cluster view's moving dots do.

import { fieldsOf } from "../../core/trace/index.ts";
import type { TraceRecord } from "../trace/trace.ts";
import type { CompactTrace } from "./payload-format.ts";

/** Above this many records the report leaves out Send records (about 10 bytes each, gzipped). */
export const DEFAULT_MAX_RECORDS = 1_500_000;

export class TraceEncoder {
  private readonly nodes: string[] = [];
  private readonly nodeIndex = new Map<string, number>();
  private readonly shapes: { kind: string; keys: string[] }[] = [];
  private readonly shapesByKind = new Map<string, number[]>();
  private readonly values: unknown[][] = [];
  private dt: number[] = [];
  private node: number[] = [];
  private shape: number[] = [];
  private lastUs = 0;
  private readonly omitted = new Map<string, number>();
  private sends = 0;
  private dropSends = false;
  /** Sends kept so far, to drop them after the fact when the trace grows past the limit. */
  private sendShapes = new Set<number>();

  constructor(private readonly maxRecords = DEFAULT_MAX_RECORDS) {}

  readonly add = (record: TraceRecord): void => {
    const e = record.event;
    if (e.kind === "Send") {
      this.sends++;
      if (this.dropSends) {
        this.omitted.set("Send", (this.omitted.get("Send") ?? 0) + 1);
        return;
      }
    }
    const keys = Object.keys(e);
    const s = this.shapeOf(e.kind, keys);
    if (e.kind === "Send") this.sendShapes.add(s);
    const vals = this.values[s]!;
    const fields = fieldsOf(e);
    for (const k of keys) if (k !== "kind") vals.push(fields[k] ?? null);
    this.dt.push(record.timeUs - this.lastUs);
    this.lastUs = record.timeUs;
    this.node.push(this.nodeOf(record.node));
    this.shape.push(s);
    if (!this.dropSends && this.dt.length > this.maxRecords && this.sends > 0) this.omitSends();
  };

  finish(): CompactTrace {
    return { count: this.dt.length, nodes: this.nodes, shapes: this.shapes, dt: this.dt, node: this.node, shape: this.shape, values: this.values, omitted: Object.fromEntries(this.omitted) };
  }

  private nodeOf(name: string): number {
    let n = this.nodeIndex.get(name);
    if (n === undefined) {
      n = this.nodes.length;
      this.nodeIndex.set(name, n);
      this.nodes.push(name);
    }
    return n;
  }

  /** A shape is a kind and its key order (kept, so a decoded event prints as the engine's did). */
  private shapeOf(kind: string, keys: string[]): number {
    let list = this.shapesByKind.get(kind);
    if (list === undefined) this.shapesByKind.set(kind, (list = []));
    for (const s of list) {
      const have = this.shapes[s]!.keys;
      if (have.length === keys.length && have.every((k, i) => k === keys[i])) return s;
    }
    const s = this.shapes.length;
    this.shapes.push({ kind, keys: keys.slice() });
    this.values.push([]);
    list.push(s);
    return s;
  }

  /** Removes the Send records kept so far and drops the rest as they come. */
  private omitSends(): void {
    this.dropSends = true;
    const dt: number[] = [];
    const node: number[] = [];
    const shape: number[] = [];
    let carry = 0;
    let dropped = 0;
    for (let i = 0; i < this.dt.length; i++) {
      if (this.sendShapes.has(this.shape[i]!)) {
        carry += this.dt[i]!;
        dropped++;
        continue;
      }
      dt.push(this.dt[i]! + carry);
      carry = 0;
      node.push(this.node[i]!);
      shape.push(this.shape[i]!);
    }
    for (const s of this.sendShapes) this.values[s] = [];
    this.dt = dt;
    this.node = node;
    this.shape = shape;
    // The next record's delta is measured from the last kept one.
    this.lastUs -= carry;
    this.omitted.set("Send", dropped);
  }
}
