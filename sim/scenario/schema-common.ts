// Value readers and limits shared by the scenario schema's sections, and the names the
// sections cross-check against (topics, producers, groups, the run's length).

import type { Field } from "./node-reader.ts";
import { formatDurationUs, parseBandwidth, parseDurationUs, parseSizeBytes } from "./units.ts";

/** Bounds that keep a run meaningful and its memory finite; beyond them a scenario is almost surely a typo. */
export const LIMITS = {
  brokers: 100,
  partitionsPerTopic: 10_000,
  instancesPerGroup: 1_000,
  recordsPerSecPerProducer: 1_000_000,
  keyCount: 10_000_000,
} as const;

/** What later sections check names and times against. */
export interface Known {
  readonly brokers: number;
  /** cluster.controllers (absent: 1). */
  readonly controllers?: number;
  readonly durationUs: number;
  /** Topic name → partition count. */
  readonly topics: ReadonlyMap<string, number>;
  readonly producers: readonly string[];
  /** Group → instances. */
  readonly groups: ReadonlyMap<string, number>;
  /** Pipeline id → instances (fault targets <id>-<n>). */
  readonly pipelines?: ReadonlyMap<string, number>;
  /** The distinct names in cluster.racks (absent or empty: the cluster has no racks). */
  readonly racks?: readonly string[];
}

export function duration(f: Field, positive = false): number {
  const us = f.parsed(parseDurationUs);
  if (us < 0) f.fail(`must not be negative, got ${String(f.scalar)}`);
  if (positive && us === 0) f.fail("must be longer than 0");
  return us;
}

/** A point in the run: 0 <= at < duration. `what` names it in the message ("fault", "rate step"). */
export function instant(f: Field, what: string, known: Pick<Known, "durationUs">): number {
  const at = duration(f);
  if (at >= known.durationUs) {
    const verb = at === known.durationUs ? "is at" : "is after";
    f.fail(`${what} at ${formatDurationUs(at)} ${verb} the end of the run (duration ${formatDurationUs(known.durationUs)})`);
  }
  return at;
}

export function size(f: Field, positive = false): number {
  const bytes = f.parsed(parseSizeBytes);
  if (bytes < 0) f.fail(`must not be negative, got ${String(f.scalar)}`);
  if (positive && bytes === 0) f.fail("must be larger than 0");
  return bytes;
}

export function bandwidth(f: Field): number {
  const bytesPerSec = f.parsed(parseBandwidth);
  if (bytesPerSec <= 0) f.fail("must be faster than 0");
  return bytesPerSec;
}

export function probability(f: Field): number {
  return f.number(0, 1);
}

/** A name used as a node or group name: letters, digits, '.', '_', '-'. */
export function nodeName(f: Field): string {
  const name = f.string();
  if (!/^[A-Za-z0-9._-]+$/.test(name)) f.fail(`"${name}" may only use letters, digits, '.', '_' and '-'`);
  return name;
}

/** "line 7" for messages that refer to an earlier definition. */
export function lineOf(f: Field): string {
  const loc = f.loc;
  return loc.file === "--set" ? `--set #${loc.line}` : `line ${loc.line}`;
}
