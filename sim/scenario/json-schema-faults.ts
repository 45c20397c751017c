// `faults:` and `nemesis:` as JSON Schema, from the actions, modifiers and keys
// schema-faults.ts and schema-nemesis.ts read: each fault is `at` plus exactly one action,
// with only the modifiers that action takes. Whether a target exists (broker 5 of 3,
// leader(orders-9), an unknown producer) and whether `at` falls before the end of the run
// stay with the loader.

import type { JsonSchema } from "./json-schema-type.ts";
import { closedMap, duration, flag, integer, number, probability, targets, whole, withDefault } from "./json-schema-values.ts";
import { FAULT_ACTIONS, FAULT_MODIFIERS, SLOW_DISK_KEYS } from "./schema-faults.ts";
import { NEMESIS_ACTION_KEYS, NEMESIS_KEYS, NEMESIS_SLOW_DISK_KEYS, NEMESIS_TARGETS } from "./schema-nemesis.ts";
import { NEMESIS_ACTIONS, type FaultAction, type NemesisAction } from "./types.ts";

const ACTION_NOTES: Readonly<Record<FaultAction, string>> = {
  crash: "kill -9: the process dies with no goodbye and no flush (the OS keeps its page cache).",
  stop: "Clean shutdown (SIGTERM): controlled shutdown moves leadership away first.",
  restart: "Start the node(s) again.",
  pause: "The process stops running (a GC stall, a stuck poll loop), then resumes.",
  powerLoss: "The machine loses power: bytes not yet flushed to the device are gone.",
  partition: "Cut every link between nodes of different groups, clients included; a node in no group stays connected to all.",
  slowDisk: "A broker's disk becomes `factor` times slower.",
  heal: "Heal the network: every partition, loss and delay ends (nodes and disks stay as they are until their own `for:` or the end of the run).",
  loss: "Drop this share of all messages.",
  delay: "Add this much latency to every message.",
};

function actionValue(action: FaultAction): JsonSchema {
  const note = ACTION_NOTES[action];
  switch (action) {
    case "crash":
    case "stop":
    case "restart":
    case "pause":
    case "powerLoss":
      return targets(`${note} Which node(s):`);
    case "partition":
      return {
        description: `${note} Two or more groups, like [[1], [2, 3]]; a group may be a single node, and a node is in one group only. Or rack(<zone>): that zone cut off from every other node.`,
        oneOf: [
          { type: "array", minItems: 2, items: targets("One group of nodes that can still talk to each other.") },
          { type: "string", pattern: whole(String.raw`rack\(\s*[A-Za-z0-9_-]+\s*\)`) },
        ],
      };
    case "slowDisk":
      return closedMap(note, SLOW_DISK_KEYS, {
        broker: { description: "The broker: its id, 2 or \"broker-2\".", type: ["integer", "string"], minimum: 1, pattern: whole(String.raw`(?:broker-?)?\d+`) },
        factor: withDefault(number("How many times slower: 10 makes every write and read take ten times as long.", { min: 1, max: 1_000_000 }), 10),
      }, ["broker"]);
    case "heal":
      return { description: `${note} Write heal: all.`, enum: ["all", true, null] };
    case "loss":
      return probability(note);
    case "delay":
      return duration(note, { positive: true });
  }
}

const MODIFIER_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  for: duration("Undo the fault after this long: restart the node, resume it, reconnect, restore the disk or the network.", { positive: true }),
  oneWay: withDefault(flag("Drop only the messages from the first group to the others; replies still get through."), false),
  probability: withDefault(probability("Share of messages delayed; a later message on the same connection waits behind a delayed one, as TCP delivers in order."), 1),
};

function faultSchema(action: FaultAction): JsonSchema {
  const modifiers = Object.keys(FAULT_MODIFIERS).filter((m) => FAULT_MODIFIERS[m]?.includes(action) === true);
  const properties: Record<string, JsonSchema> = {
    at: duration("When the fault fires, from the start of the run (before duration)."),
    [action]: actionValue(action),
  };
  for (const m of modifiers) properties[m] = MODIFIER_SCHEMAS[m]!;
  return closedMap(`${action}: ${ACTION_NOTES[action]}`, ["at", action, ...modifiers], properties, ["at", action]);
}

export function faultsSchema(): JsonSchema {
  return {
    description: "Scheduled faults, in the order written (ties at the same time keep it). Each is `at`, exactly one action, and the modifiers that action takes: for (all but restart and heal), oneWay (partition), probability (delay).",
    type: "array",
    items: { description: "One fault.", type: "object", required: ["at"], oneOf: FAULT_ACTIONS.map(faultSchema) },
  };
}

const NEMESIS_NOTES: Readonly<Record<NemesisAction, string>> = {
  crash: "Crash the chosen broker (kill -9), restart it after `for`.",
  stop: "Stop it cleanly (SIGTERM), restart it after `for`.",
  powerLoss: "Cut its power (unflushed bytes are gone), restart it after `for`.",
  pause: "Pause it, resume it after `for`.",
  partition: "Isolate it from every other node for `for`.",
  slowDisk: "Slow its disk down by `factor` for `for`.",
};

function nemesisAction(action: NemesisAction): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    every: duration("Mean time between these faults (exponentially distributed).", { positive: true }),
    for: duration("How long each one lasts.", { positive: true }),
  };
  if (action === "slowDisk") properties["factor"] = withDefault(number("How many times slower the disk gets.", { min: 1, max: 10_000 }), 10);
  return closedMap(NEMESIS_NOTES[action], action === "slowDisk" ? NEMESIS_SLOW_DISK_KEYS : NEMESIS_ACTION_KEYS, properties, ["every", "for"]);
}

export function nemesisSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    from: withDefault(duration("The first time a fault may start."), 0),
    until: duration("The last time a fault may start, within the run. Default: duration.", { positive: true }),
    maxDown: withDefault(integer("Brokers affected at once, at most (up to the broker count).", { min: 1 }), 1),
    target: withDefault({ description: "Whom faults hit: brokers (any broker), leaders (the leader of a random partition), controller (the active controller).", enum: NEMESIS_TARGETS }, "brokers"),
  };
  for (const action of NEMESIS_ACTIONS) properties[action] = nemesisAction(action);
  const map = closedMap("Faults drawn from the seed, Jepsen style, for sweeps that hunt for losses: each action at its mean interval, never more than maxDown brokers at once. At least one action.", NEMESIS_KEYS, properties);
  // The action is named in `properties` as well, for ajv's strictRequired.
  return { ...map, anyOf: NEMESIS_ACTIONS.map((a) => ({ properties: { [a]: true }, required: [a] })) };
}
