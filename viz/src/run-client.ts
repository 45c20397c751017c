// Starts a run in a fresh worker and gathers its replies into a Run. One worker per run,
// terminated when the run is done or superseded, so a new run never waits for an old one.

import type { Summary } from "../../sim/run/summary.ts";
import type { Scenario } from "../../sim/scenario/types.ts";
import type { WorkerReply } from "./protocol.ts";
import { TraceStore } from "./trace-store.ts";

export interface RunSpec {
  readonly text: string;
  readonly fileName: string;
  readonly overrides: readonly string[];
}

export interface Run {
  readonly spec: RunSpec;
  readonly scenario: Scenario;
  readonly trace: TraceStore;
  readonly summary: Summary;
  readonly wallMs: number;
}

export interface RunCallbacks {
  onProgress?: (doneUs: number, totalUs: number) => void;
}

let nextId = 1;

export function startRun(spec: RunSpec, callbacks: RunCallbacks = {}): { promise: Promise<Run>; cancel: () => void } {
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  const id = nextId++;
  const trace = new TraceStore();
  let scenario: Scenario | null = null;
  let cancel = (): void => worker.terminate();
  const promise = new Promise<Run>((resolve, reject) => {
    cancel = () => {
      worker.terminate();
      reject(new Error("cancelled"));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`worker error: ${e.message}`));
    };
    worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      const reply = e.data;
      if (reply.id !== id) return;
      switch (reply.type) {
        case "scenario":
          scenario = reply.scenario;
          return;
        case "chunk":
          trace.append(reply);
          return;
        case "progress":
          callbacks.onProgress?.(reply.doneUs, reply.totalUs);
          return;
        case "error":
          worker.terminate();
          reject(new Error(reply.message));
          return;
        case "done":
          worker.terminate();
          if (scenario === null) reject(new Error("the worker sent no scenario"));
          else resolve({ spec, scenario, trace, summary: reply.summary, wallMs: reply.wallMs });
          return;
      }
    };
  });
  worker.postMessage({ type: "run", id, text: spec.text, fileName: spec.fileName, overrides: spec.overrides });
  return { promise, cancel: () => cancel() };
}
