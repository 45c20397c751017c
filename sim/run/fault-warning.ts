// A fault that did nothing when it fired, or whose `for:` ended without undoing anything: a
// target that named no node then, or nodes already in the state the fault would put them in.
// The summary lists these under `faultWarnings`; the CLI prints one line each on stderr.
// Plain data, so it crosses to the browser's worker as it is.

import { formatDurationUs } from "../scenario/units.ts";
import type { Fault, Target } from "../scenario/types.ts";
import { targetName } from "../scenario/target-name.ts";

export interface FaultWarning {
  /** Simulated time the fault (or its `for:` end) fired. */
  readonly atMs: number;
  /** Which fault: `faults.3` (its index in `faults:`) or `nemesis.2` (its index in summary.nemesis). */
  readonly fault: string;
  /** One line: `at 12.000 s: faults.3 (restart broker 2) does nothing: broker 2 is running`. */
  readonly message: string;
}

/** `what` follows the fault's description: "does nothing: …", "ends without restarting …". */
export function faultWarning(atUs: number, label: string, f: Fault, what: string): FaultWarning {
  const line = `at ${(atUs / 1e6).toFixed(3)} s: ${label} (${describeFault(f)}) ${what}`;
  return { atMs: atUs / 1000, fault: label, message: line.replace(/\s*[\r\n]+\s*/g, " ") };
}

/** A node name as a message says it: broker-2 → broker 2; other nodes keep their names. */
export function nodeLabel(node: string): string {
  const m = /^broker-(\d+)$/.exec(node);
  return m === null ? node : `broker ${m[1]}`;
}

/** A target as a message says it: `broker 2`; the others as a scenario writes them. */
export function describeTarget(t: Target): string {
  return t.kind === "broker" ? `broker ${t.id}` : targetName(t);
}

/** The fault as a line of the scenario would say it: `stop broker 2 for 5s`, `loss 0.02`. */
export function describeFault(f: Fault): string {
  const forText = "forUs" in f && f.forUs !== null ? ` for ${formatDurationUs(f.forUs)}` : "";
  switch (f.action) {
    case "partition": {
      const groups = f.groups.map((g) => g.map(describeTarget).join(", "));
      const body = groups.length === 1 ? `${groups[0]} from every other node` : groups.map((g) => `[${g}]`).join(" ");
      return `partition ${body}${f.oneWay ? " one way" : ""}${forText}`;
    }
    case "slowDisk":
      return `slowDisk broker ${f.broker} factor ${f.factor}${forText}`;
    case "heal":
      return "heal";
    case "loss":
      return `loss ${f.probability}${forText}`;
    case "delay":
      return `delay ${formatDurationUs(f.delayUs)}${f.probability < 1 ? ` probability ${f.probability}` : ""}${forText}`;
    default:
      return `${f.action} ${f.targets.map(describeTarget).join(", ")}${forText}`;
  }
}
