// `faults:`: what goes wrong and when. One action per entry: crash (kill -9), stop
// (SIGTERM, controlled shutdown), restart, pause (GC stall / stuck poll loop), powerLoss
// (unflushed bytes are gone), partition (groups that cannot talk), slowDisk, loss/delay
// of network messages, heal. `for:` undoes the fault after that long.

import { didYouMean } from "./did-you-mean.ts";
import type { Field, MapView } from "./node-reader.ts";
import { duration, instant, probability, type Known } from "./schema-common.ts";
import { readTarget, targetKey } from "./targets.ts";
import { NODE_ACTIONS, type Fault, type FaultAction, type Loc, type NodeAction, type Target } from "./types.ts";

export const FAULT_ACTIONS: readonly FaultAction[] = [...NODE_ACTIONS, "partition", "slowDisk", "heal", "loss", "delay"];
/** Keys besides the action, and the actions they go with. */
export const FAULT_MODIFIERS: Readonly<Record<string, readonly FaultAction[]>> = {
  for: FAULT_ACTIONS.filter((a) => a !== "restart" && a !== "heal"),
  oneWay: ["partition"],
  probability: ["delay"],
};
export const SLOW_DISK_KEYS = ["broker", "factor"];

export function readFaults(f: Field, known: Known): Fault[] {
  if (f.missing) return [];
  return f.list().map((item) => readFault(item, known));
}

function readFault(f: Field, known: Known): Fault {
  const m = f.map();
  const action = actionOf(m);
  checkModifiers(m, action);
  const atUs = instant(m.req("at"), "fault", known);
  const where = f.loc;
  const forUs = m.opt("for", null, (x) => duration(x, true));
  const value = m.get(action);
  if ((NODE_ACTIONS as readonly string[]).includes(action)) {
    return { atUs, action: action as NodeAction, targets: nodeTargets(value, known), forUs, where };
  }
  switch (action) {
    case "partition":
      return { atUs, action, groups: partitionGroups(value, known), oneWay: m.opt("oneWay", false, (x) => x.bool()), forUs, where };
    case "slowDisk":
      return { atUs, action, ...slowDisk(value, known), forUs, where };
    case "heal":
      return heal(value, atUs, where);
    case "loss":
      return { atUs, action, probability: probability(value), delayUs: 0, forUs, where };
    default:
      return { atUs, action: "delay", probability: m.opt("probability", 1, probability), delayUs: duration(value, true), forUs, where };
  }
}

function actionOf(m: MapView): FaultAction {
  const present = m.entries.filter((e) => (FAULT_ACTIONS as readonly string[]).includes(e.key));
  const second = present[1];
  if (second !== undefined) {
    m.field.src.fail(second.keyNode, second.value.path, `a fault has one action; this one already has ${present[0]?.key ?? ""}`);
  }
  const first = present[0];
  if (first !== undefined) return first.key as FaultAction;
  const stray = m.entries.find((e) => e.key !== "at" && FAULT_MODIFIERS[e.key] === undefined);
  if (stray !== undefined) {
    m.field.src.fail(stray.keyNode, stray.value.path, `unknown fault action "${stray.key}"${didYouMean(stray.key, FAULT_ACTIONS)}`);
  }
  return m.field.fail(`a fault needs an action: one of ${FAULT_ACTIONS.join(", ")}`);
}

function checkModifiers(m: MapView, action: FaultAction): void {
  for (const e of m.entries) {
    if (e.key === "at" || e.key === action) continue;
    const owners = FAULT_MODIFIERS[e.key];
    if (owners === undefined) {
      m.field.src.fail(e.keyNode, e.value.path, `unknown key "${e.key}" in a ${action} fault${didYouMean(e.key, ["at", ...Object.keys(FAULT_MODIFIERS)])}`);
    }
    if (!owners.includes(action)) {
      const why = e.key === "for" ? `${action} is instantaneous` : `${e.key} only applies to ${owners.join(", ")}`;
      m.field.src.fail(e.keyNode, e.value.path, `"${e.key}" does not apply to ${action}: ${why}`);
    }
  }
}

function nodeTargets(f: Field, known: Known): Target[] {
  if (f.missing) f.fail("name the node(s): a broker id, controller, leader(topic-partition), a producer id, <group>-<n> or all");
  const items = f.listOrOne();
  if (items.length === 0) f.fail("name at least one node");
  return items.map((item) => readTarget(item, known));
}

/** `[[1], [2, 3]]`: every link between different groups is cut; `rack(az1)`: that zone from every other node. */
function partitionGroups(f: Field, known: Known): Target[][] {
  if (typeof f.scalar === "string" && f.scalar.trim().startsWith("rack(")) return [[readTarget(f, known)]];
  if (!f.isList) f.fail(`expected a list of node groups like [[1], [2, 3]], or rack(<zone>), got ${f.describe()}`);
  const groups = f.list().map((g) => g.listOrOne().map((t) => ({ field: t, target: readTarget(t, known) })));
  if (groups.length < 2) f.fail("a partition needs at least two groups of nodes, like [[1], [2, 3]]");
  const seen = new Map<string, number>();
  groups.forEach((group, gi) => {
    if (group.length === 0) f.list()[gi]?.fail("an empty group cuts nothing");
    for (const { field, target } of group) {
      for (const key of brokerKeys(target, known)) {
        const other = seen.get(key);
        if (other !== undefined && other !== gi) field.fail(`${key} is already in group ${other + 1}; a node can be in one group only`);
        seen.set(key, gi);
      }
    }
  });
  return groups.map((g) => g.map((x) => x.target));
}

/** `all` stands for every broker, so it overlaps any broker named elsewhere. */
function brokerKeys(t: Target, known: Known): string[] {
  if (t.kind !== "all") return [targetKey(t)];
  return Array.from({ length: known.brokers }, (_, i) => `broker ${i + 1}`);
}

function slowDisk(f: Field, known: Known): { broker: number; factor: number } {
  const m = f.map(SLOW_DISK_KEYS);
  const target = readTarget(m.req("broker"), known);
  if (target.kind !== "broker") return m.req("broker").fail("slowDisk needs a broker id");
  const factorField = m.get("factor");
  const factor = factorField.missing ? 10 : factorField.number(1, 1_000_000);
  return { broker: target.id, factor };
}

function heal(f: Field, atUs: number, where: Loc): Fault {
  const v = f.scalar;
  if (!(f.missing || v === true || v === "all")) f.fail(`write heal: all (network cuts, loss and delay end; crashed nodes and slow disks stay until their own "for:"), got ${f.describe()}`);
  return { atUs, action: "heal", where };
}
