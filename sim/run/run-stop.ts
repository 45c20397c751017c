// A run that reached one of its run-time limits (events, heap) before its end: why it stopped and
// when. The runner catches the stop between two events, so the cluster's state is whole, and
// summarizes that state; the summary says it is incomplete (faults not healed, no settle), and the
// CLI prints the reason as one line and exits 2.

import { EventLimitExceeded, LIMIT_SAMPLE_EVENTS, NoProgress } from "../kernel/scheduler.ts";
import { formatLimit, limitHint, type RunLimitName } from "../scenario/run-limits.ts";

export interface Incomplete {
  readonly limit: Extract<RunLimitName, "events" | "events-at-one-instant" | "memory">;
  /** Simulated time of the stop. */
  readonly atMs: number;
  /** One line: what was reached, and how to raise it. */
  readonly message: string;
}

/** Thrown from the scheduler's checkpoint when the heap is above the memory limit. */
export class MemoryLimitExceeded extends Error {
  constructor(
    readonly liveBytes: number,
    readonly atUs: number,
  ) {
    super("memory limit");
  }
}

/** The stop an exception means, or null when it is not one (and must go on up). */
export function incompleteOf(error: unknown, memoryLimitBytes: number, instantLimit: number): Incomplete | null {
  const stoppedAt = (us: number): string => `stopped at ${(us / 1e6).toLocaleString("en-US", { maximumFractionDigits: 3 })} s simulated`;
  if (error instanceof EventLimitExceeded) {
    return {
      limit: "events",
      atMs: error.atUs / 1000,
      message: `${stoppedAt(error.atUs)}: the run reached ${formatLimit("events", error.limit)} events ${limitHint("events", error.limit)}; a dense scenario (lower rates or duration) or a model that loops${error.busiest.length === 0 ? "" : `; the last ${LIMIT_SAMPLE_EVENTS.toLocaleString("en-US")} events were mostly ${error.busiest.join(", ")}`}`,
    };
  }
  if (error instanceof NoProgress) {
    return {
      limit: "events-at-one-instant",
      atMs: error.atUs / 1000,
      message: `${stoppedAt(error.atUs)}: no progress, ${formatLimit("events", error.events)} events in a row without simulated time moving${error.pending.length === 0 ? "" : `; queued then: ${error.pending.join(", ")}`}; a loop in zero time (zero latency with a zero wait?) ${limitHint("events-at-one-instant", instantLimit)}`,
    };
  }
  if (error instanceof MemoryLimitExceeded) {
    return {
      limit: "memory",
      atMs: error.atUs / 1000,
      message: `${stoppedAt(error.atUs)}: the run held ${memorySize(error.liveBytes)} (heap and typed arrays), more than a run may use ${limitHint("memory", memoryLimitBytes)}`,
    };
  }
  return null;
}

function memorySize(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${Math.ceil(bytes / 2 ** 20)} MiB`;
}
