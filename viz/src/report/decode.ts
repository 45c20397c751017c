// Reads a report's embedded data: base64 → gunzip (the browser's DecompressionStream, no
// library) → JSON, and turns a columnar trace back into a TraceStore of the engine's events.

import { PAYLOAD_ID, type CompactTrace, type ReportPayload } from "../../../sim/report/payload-format.ts";
import type { TraceEvent } from "../../../core/trace/index.ts";
import { TraceStore } from "../trace-store.ts";

export async function readPayload(doc: Document): Promise<ReportPayload | null> {
  const text = doc.getElementById(PAYLOAD_ID)?.textContent?.trim() ?? "";
  if (text === "") return null;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text()) as ReportPayload;
}

export function traceStoreOf(c: CompactTrace): TraceStore {
  const times = new Float64Array(c.count);
  const nodes = new Uint16Array(c.count);
  const events: TraceEvent[] = new Array(c.count);
  const cursor = new Uint32Array(c.shapes.length);
  let t = 0;
  for (let i = 0; i < c.count; i++) {
    t += c.dt[i]!;
    times[i] = t;
    nodes[i] = c.node[i]!;
    const s = c.shape[i]!;
    const shape = c.shapes[s]!;
    const vals = c.values[s]!;
    const e: Record<string, unknown> = {};
    for (const k of shape.keys) e[k] = k === "kind" ? shape.kind : vals[cursor[s]!++];
    // The encoder wrote engine events field by field in their own key order: this is one again.
    events[i] = e as unknown as TraceEvent;
  }
  const store = new TraceStore();
  store.append({ type: "chunk", id: 0, times, nodes, events, newNodes: c.nodes });
  return store;
}
