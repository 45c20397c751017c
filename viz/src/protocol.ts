// Messages between the page and the simulation worker. The worker runs a whole scenario
// ahead of playback and streams its trace in columnar chunks; the page never runs the sim.

import type { TraceEvent } from "../../core/trace/index.ts";
import type { Summary } from "../../sim/run/summary.ts";
import type { Scenario } from "../../sim/scenario/types.ts";

export interface RunRequest {
  readonly type: "run";
  readonly id: number;
  readonly text: string;
  readonly fileName: string;
  readonly overrides: readonly string[];
}

/** Records [from, from + times.length) of the trace; `newNodes` extends the node-name table. */
export interface TraceChunk {
  readonly type: "chunk";
  readonly id: number;
  readonly times: Float64Array;
  readonly nodes: Uint16Array;
  readonly events: TraceEvent[];
  readonly newNodes: string[];
}

export type WorkerReply =
  | { readonly type: "scenario"; readonly id: number; readonly scenario: Scenario }
  | TraceChunk
  | { readonly type: "progress"; readonly id: number; readonly doneUs: number; readonly totalUs: number }
  | { readonly type: "done"; readonly id: number; readonly summary: Summary; readonly wallMs: number }
  | { readonly type: "error"; readonly id: number; readonly message: string };
