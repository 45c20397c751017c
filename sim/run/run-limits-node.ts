// The run limits in Node (the CLI and the sweep workers; the browser's worker never imports
// this): the `memory` limit's heap V8 was given, and the memory a run holds, the JavaScript
// heap plus what lives outside it (typed arrays' buffers, where the record columns are). The
// precise figure comes after a full collection, so garbage not yet collected never stops a run;
// V8 exposes gc() only behind a flag, set here on first need.

import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { MemoryBudget, RunOptions } from "./runner.ts";
import { defaultRunLimits, withLimitOverrides, type RunLimits } from "../scenario/run-limits.ts";

export function heapLimitBytes(): number {
  return getHeapStatistics().heap_size_limit;
}

/** The defaults for this process's heap, with the command's `--limit` flags over them. */
export function runLimitsOf(overrides: readonly string[]): RunLimits {
  return withLimitOverrides(defaultRunLimits(heapLimitBytes()), overrides);
}

/** The run options that enforce the run-time limits (events, events at one instant, heap). */
export function limitedRun(limits: RunLimits): Pick<RunOptions, "eventLimit" | "instantLimit" | "memory"> {
  return { eventLimit: limits.events, instantLimit: limits["events-at-one-instant"], memory: heapBudget(limits.memory) };
}

export function heapBudget(limitBytes: number): MemoryBudget {
  let gc: (() => void) | null = null;
  return {
    limitBytes,
    liveBytes: (precise) => {
      if (precise) {
        gc ??= exposedGc();
        gc();
      }
      const { heapUsed, external } = process.memoryUsage();
      return heapUsed + external;
    },
  };
}

function exposedGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}
