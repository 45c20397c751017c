// Why a fault would do nothing, read from the world just before the fault acts (and only
// read: asking changes nothing, so a run with warnings keeps its traceHash).
// Node faults: the world's own rules (sim/world/world.ts) — a crash or stop of a node that is
// down, a restart of one that is not, a pause of one that is not running, a power loss of a
// machine that has stayed powered off since its last one. Network and disk faults: the
// state they would set is the state already in effect.
// Left out: a power loss of a crashed or stopped machine (it still empties the page cache and
// drops unflushed bytes), and the ends of network and disk faults (restoring what is already
// restored is what a `heal` before them means).

import type { SimDisk } from "../disk/index.ts";
import type { Network } from "../net/network.ts";
import type { Fault, NodeAction } from "../scenario/types.ts";
import type { ProcessState } from "../world/world.ts";
import { nodeLabel } from "./fault-warning.ts";
import { formatDurationUs } from "../scenario/units.ts";

/** Why `action` on a node now in `state` does nothing ("is already down"), or null when it acts. */
export function nodeActionNoop(action: NodeAction, state: ProcessState, poweredOff: boolean): string | null {
  switch (action) {
    case "crash":
      return state === "down" ? "is already down" : null;
    case "stop":
      if (state === "stopping") return "is already shutting down";
      return state === "down" ? "is already down" : null;
    case "restart":
      if (state === "paused") return "is paused, not down (a restart does not resume it)";
      if (state === "stopping") return "is still shutting down";
      return state === "up" ? "is running" : null;
    case "pause":
      if (state === "paused") return "is already paused";
      return state === "up" ? null : STATE_TEXT[state];
    case "powerLoss":
      return state === "down" && poweredOff ? "is already down and powered off" : null;
  }
}

const STATE_TEXT: Readonly<Record<ProcessState, string>> = { up: "is running", paused: "is paused", stopping: "is still shutting down", down: "is down" };

/** Why the end of a `for:` (a restart, or a resume after a pause) does nothing to `node`, or null. */
export function undoNoop(action: NodeAction, node: string, state: ProcessState): string | null {
  const wanted: ProcessState = action === "pause" ? "paused" : "down";
  return state === wanted ? null : `${nodeLabel(node)} ${STATE_TEXT[state]}`;
}

type NetworkFault = Extract<Fault, { action: "heal" | "loss" | "delay" }>;

/** Why a heal, loss or delay fault does nothing: the network already is as it would leave it. */
export function networkNoop<M>(f: NetworkFault, network: Network<M>): string | null {
  const delay = network.extraDelay;
  switch (f.action) {
    case "heal":
      if (network.anyCut() || network.loss !== network.configuredLoss || delay.us !== 0) return null;
      return "no link is cut and no message loss or delay is in effect";
    case "loss":
      return network.loss === f.probability ? `message loss is already ${f.probability}` : null;
    case "delay":
      if (delay.us !== f.delayUs || delay.probability !== f.probability) return null;
      return `messages are already delayed by ${formatDurationUs(f.delayUs)}${f.probability < 1 ? ` with probability ${f.probability}` : ""}`;
  }
}

/** Why a slowDisk does nothing: the disk already runs at that factor. */
export function slowDiskNoop(broker: number, factor: number, disk: SimDisk | undefined): string | null {
  if (disk === undefined) return `broker ${broker} has no disk`;
  if (disk.slowFactor !== factor) return null;
  return factor === 1 ? `broker ${broker}'s disk already runs at normal speed` : `broker ${broker}'s disk already runs ${factor} times slower`;
}
