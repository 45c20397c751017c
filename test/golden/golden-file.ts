// Golden outputs (etcd-io/raft's testdata, in spirit): per run, its summary, how many trace
// events of each kind it emitted, and the first control-plane events as one line each. A test
// compares a run with its file; `UPDATE_GOLDEN=1 npm test` rewrites the files instead, and the
// diff is what a reviewer reads in the commit: every changed figure, named.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import type { Summary } from "../../sim/run/summary.ts";
import type { TraceRecord } from "../../sim/trace/trace.ts";

export const GOLDEN_DIR = join(import.meta.dirname, "scenarios");
export const UPDATING = process.env["UPDATE_GOLDEN"] === "1";

export interface Golden {
  readonly summary: Summary;
  /** Trace events by kind over the whole run. */
  readonly eventKinds: Record<string, number>;
  /** The first control-plane events: faults, process lifecycle, elections, fencing, truncation, group generations. */
  readonly keyEvents: string[];
}

const KEY_KINDS = new Set([
  "Fault", "HealAll", "NodeCrashed", "NodeStopping", "NodeStopped", "NodeStarted", "NodePaused", "NodeResumed", "PowerLost", "StopTimedOut",
  "ControllerActive", "BrokerSessionExpired", "BrokerStateChanged", "PartitionChanged", "Truncated", "FollowerLogReset", "FollowerAppendFailed",
  "ControlledShutdownRequested", "ControlledShutdownComplete", "GroupGeneration", "ConsumerGroupEpochBumped", "CoordinatorLoaded",
]);
const KEY_EVENT_LINES = 60;

/** Collects a run's event kinds and key events from its trace. */
export class GoldenRecorder {
  private readonly kinds = new Map<string, number>();
  private readonly key: string[] = [];

  readonly onTrace = (r: TraceRecord): void => {
    const kind = r.event.kind;
    this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
    if (this.key.length < KEY_EVENT_LINES && KEY_KINDS.has(kind)) this.key.push(eventLine(r));
  };

  golden(summary: Summary): Golden {
    const eventKinds: Record<string, number> = {};
    for (const k of [...this.kinds.keys()].sort()) eventKinds[k] = this.kinds.get(k)!;
    return { summary, eventKinds, keyEvents: this.key };
  }
}

function eventLine(r: TraceRecord): string {
  const fields = Object.entries(r.event)
    .filter(([k]) => k !== "kind")
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(",")}]` : String(v)}`);
  return `${(r.timeUs / 1000).toFixed(3)} ms  ${r.node}  ${r.event.kind}  ${fields.join(" ")}`.trimEnd();
}

export function goldenPath(name: string): string {
  return join(GOLDEN_DIR, `${name}.json`);
}

export function readGolden(name: string): Golden {
  const path = goldenPath(name);
  if (!existsSync(path)) throw new Error(`no golden file ${path}: run UPDATE_GOLDEN=1 npm test and review the new file`);
  return JSON.parse(readFileSync(path, "utf8")) as Golden;
}

/** Compares with the golden file, or (UPDATE_GOLDEN=1) writes it. */
export function expectGolden(name: string, actual: Golden): void {
  const path = goldenPath(name);
  // Round-trip through JSON so the comparison sees what the file can hold (no undefined, no -0).
  const plain = JSON.parse(JSON.stringify(actual)) as Golden;
  if (UPDATING) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(plain, null, 1) + "\n");
    return;
  }
  const golden = readGolden(name);
  expect(plain.summary, `${name}: summary differs from ${path} (UPDATE_GOLDEN=1 npm test rewrites it)`).toEqual(golden.summary);
  expect(plain.eventKinds, `${name}: trace event counts differ from ${path}`).toEqual(golden.eventKinds);
  expect(plain.keyEvents, `${name}: key events differ from ${path}`).toEqual(golden.keyEvents);
}
