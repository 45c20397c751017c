// The simulation worker: loads a scenario with the same loader as the CLI, runs it with the
// same runner, and posts every trace record in chunks, then the summary. Runs to completion
// ahead of playback; pacing is the page's business, never the engine's.

import type { TraceEvent } from "../../core/trace/index.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { ScenarioError, loadScenario } from "../../sim/scenario/index.ts";
import type { TraceRecord } from "../../sim/trace/trace.ts";
import type { RunRequest, WorkerReply } from "./protocol.ts";

const CHUNK = 16_384;

const post = (reply: WorkerReply, transfer: Transferable[] = []): void => {
  (self as unknown as Worker).postMessage(reply, transfer);
};

class ChunkWriter {
  private readonly nodeIndex = new Map<string, number>();
  private newNodes: string[] = [];
  private times = new Float64Array(CHUNK);
  private nodes = new Uint16Array(CHUNK);
  private events: TraceEvent[] = [];

  constructor(private readonly id: number) {}

  add(record: TraceRecord): void {
    let n = this.nodeIndex.get(record.node);
    if (n === undefined) {
      n = this.nodeIndex.size;
      this.nodeIndex.set(record.node, n);
      this.newNodes.push(record.node);
    }
    const i = this.events.length;
    this.times[i] = record.timeUs;
    this.nodes[i] = n;
    this.events.push(record.event);
    if (this.events.length === CHUNK) this.flush();
  }

  flush(): void {
    const count = this.events.length;
    if (count === 0) return;
    const times = this.times.slice(0, count);
    const nodes = this.nodes.slice(0, count);
    post({ type: "chunk", id: this.id, times, nodes, events: this.events, newNodes: this.newNodes }, [times.buffer, nodes.buffer]);
    this.events = [];
    this.newNodes = [];
  }
}

function run(req: RunRequest): void {
  let scenario;
  try {
    scenario = loadScenario(req.text, req.fileName, req.overrides);
  } catch (error) {
    const message = error instanceof ScenarioError ? error.format() : String(error);
    post({ type: "error", id: req.id, message });
    return;
  }
  post({ type: "scenario", id: req.id, scenario });
  const writer = new ChunkWriter(req.id);
  const started = performance.now();
  try {
    const { summary } = runScenario(scenario, {
      onTrace: (record) => writer.add(record),
      onProgress: (doneUs, totalUs) => post({ type: "progress", id: req.id, doneUs, totalUs }),
    });
    writer.flush();
    post({ type: "done", id: req.id, summary, wallMs: performance.now() - started });
  } catch (error) {
    post({ type: "error", id: req.id, message: `the run failed: ${error instanceof Error ? error.message : String(error)}` });
  }
}

self.addEventListener("message", (e: MessageEvent<RunRequest>) => {
  if (e.data.type === "run") run(e.data);
});
