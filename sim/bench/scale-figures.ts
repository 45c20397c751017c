// One row of part 4's scaling table: what a cluster run cost, per simulated second and per
// record, and how much memory it took. Rows cross a process boundary as JSON, so they are
// plain data.

import type { ClusterResult } from "./cluster-run.ts";

export interface ScaleRow {
  readonly kind: "ran";
  readonly ratePerSec: number;
  /** False when the wall budget stopped the run; the figures cover what ran. */
  readonly completed: boolean;
  readonly simulatedS: number;
  readonly plannedS: number;
  /** Build + event loop, plus checker and summary if the run completed. */
  readonly wallS: number;
  readonly simPerWall: number;
  readonly recordsAttempted: number;
  readonly events: number;
  readonly wallUsPerRecord: number;
  readonly eventsPerRecord: number;
  readonly startRssBytes: number;
  /** Sampled every simulated second and once after the run. */
  readonly peakRssBytes: number;
  /** The child process's own high-water mark (process.resourceUsage().maxRSS). */
  readonly maxRssBytes: number;
  /** (peakRssBytes − startRssBytes) / recordsAttempted. */
  readonly rssBytesPerRecord: number;
  readonly peakHeapUsedBytes: number;
  readonly acknowledged: number | null;
  readonly acknowledgedLost: number | null;
  readonly traceHash: string | null;
}

/** A row with nothing to divide by: the child died, or not one simulated second ran. */
export interface ScaleFailure {
  readonly kind: "failed";
  readonly ratePerSec: number;
  readonly reason: string;
}

export type ScaleOutcome = ScaleRow | ScaleFailure;

export function scaleFigures(ratePerSec: number, r: ClusterResult, maxRssBytes: number): ScaleOutcome {
  const records = r.recordsAttempted;
  if (records === 0) return { kind: "failed", ratePerSec, reason: `no record was attempted within the wall budget (${r.simulatedS} s simulated)` };
  const wallS = (r.loopMs + r.summarizeMs) / 1000;
  return {
    kind: "ran",
    ratePerSec,
    completed: r.completed,
    simulatedS: r.simulatedS,
    plannedS: r.totalSimulatedS,
    wallS,
    simPerWall: r.simulatedS / wallS,
    recordsAttempted: records,
    events: r.events,
    wallUsPerRecord: (wallS * 1e6) / records,
    eventsPerRecord: r.events / records,
    startRssBytes: r.startRssBytes,
    peakRssBytes: r.peakRssBytes,
    maxRssBytes,
    rssBytesPerRecord: (r.peakRssBytes - r.startRssBytes) / records,
    peakHeapUsedBytes: r.peakHeapUsedBytes,
    acknowledged: r.produced?.acknowledged ?? null,
    acknowledgedLost: r.acknowledgedLost,
    traceHash: r.traceHash,
  };
}
