// A run's trace records as the page's TraceStore, for Node tests of the visualizer's model.

import type { TraceEvent } from "../../core/trace/index.ts";
import type { TraceRecord } from "../../sim/trace/trace.ts";
import { TraceStore } from "../../viz/src/trace-store.ts";

export function storeOf(records: TraceRecord[]): TraceStore {
  const store = new TraceStore();
  const names: string[] = [];
  const index = new Map<string, number>();
  const nodes = new Uint16Array(records.length);
  records.forEach((r, i) => {
    let n = index.get(r.node);
    if (n === undefined) {
      n = names.length;
      index.set(r.node, n);
      names.push(r.node);
    }
    nodes[i] = n;
  });
  store.append({ type: "chunk", id: 1, times: Float64Array.from(records, (r) => r.timeUs), nodes, events: records.map((r) => r.event as TraceEvent), newNodes: names });
  return store;
}
