// The label a fault gets on the timeline: its action and whom it hit ("crash broker-2",
// "partition broker-1 | broker-2,broker-3", "slowDisk 2", "heal").

import { assertNever } from "../../../core/assert-never.ts";
import type { Fault } from "../../../core/trace/index.ts";

export function faultLabel(e: Fault): string {
  return `${e.action} ${faultTargets(e)}`.trim();
}

/** The nodes a node fault resolved to, a partition's groups, a slow disk's broker; none for the rest. */
function faultTargets(e: Fault): string {
  switch (e.action) {
    case "crash":
    case "stop":
    case "restart":
    case "pause":
    case "powerLoss":
      return e.nodes.join(" | ");
    case "partition":
      return e.groups.join(" | ");
    case "slowDisk":
      return String(e.broker);
    case "heal":
    case "loss":
    case "delay":
      return "";
    default:
      return assertNever(e);
  }
}
