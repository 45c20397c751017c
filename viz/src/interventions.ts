// Interventions: faults a viewer adds while watching ("crash broker 2 now"). Each becomes one
// more entry under the scenario's `faults:` and the whole scenario re-runs: the history up to
// that moment is the same (one seed, one history), so the run branches there. The list lives
// in the URL as `iv=crash:2@12000;pause:1@15000+5000` (action:target@ms[+forMs]). A drawn
// network partition's target is its groups (`partition:1,p1|2,3@12000+20000`); a consumer
// added to a group is `addConsumer:billing@30000` (one more instance, started at that time).

import { isMap, isSeq, parseDocument, YAMLSeq, type Document } from "yaml";

/**
 * Node actions, plus `isolate` (a network partition: the broker against the other brokers),
 * `slowDisk` (10× slower), `partition` (drawn groups of nodes) and `addConsumer` (a group gets
 * one more instance, started at that time).
 */
export const INTERVENTION_ACTIONS = ["crash", "restart", "powerLoss", "pause", "stop", "isolate", "slowDisk", "partition", "addConsumer"] as const;
export type InterventionAction = (typeof INTERVENTION_ACTIONS)[number];

export interface Intervention {
  readonly action: InterventionAction;
  /** A broker id, "controller", "all", a client node, a group (addConsumer) or groups "1,p1|2,3" (partition). */
  readonly target: string;
  readonly atMs: number;
  readonly forMs: number | null;
}

const ITEM = new RegExp(`^(${INTERVENTION_ACTIONS.join("|")}):([A-Za-z0-9_.,|-]+)@(\\d+(?:\\.\\d+)?)(?:\\+(\\d+(?:\\.\\d+)?))?$`);

/** "1,p1|2,3" → [["1", "p1"], ["2", "3"]]. */
export const partitionGroups = (target: string): string[][] => target.split("|").map((g) => g.split(",").filter((n) => n !== ""));
export const partitionTarget = (groups: readonly (readonly string[])[]): string => groups.map((g) => g.join(",")).join("|");
const nodeName = (n: string): string => (/^\d+$/.test(n) ? `broker ${n}` : n);

export function parseInterventions(text: string): Intervention[] {
  const out: Intervention[] = [];
  for (const part of text.split(";")) {
    const m = ITEM.exec(part.trim());
    if (m === null) continue;
    out.push({ action: m[1] as InterventionAction, target: m[2]!, atMs: Number(m[3]), forMs: m[4] === undefined ? null : Number(m[4]) });
  }
  return out;
}

export function formatInterventions(list: readonly Intervention[]): string {
  return list.map((i) => `${i.action}:${i.target}@${i.atMs}${i.forMs === null ? "" : `+${i.forMs}`}`).join(";");
}

export function describeIntervention(i: Intervention): string {
  const when = ` at ${(i.atMs / 1000).toFixed(3)} s${i.forMs === null ? "" : ` for ${i.forMs / 1000} s`}`;
  if (i.action === "partition") return `network partition ${partitionGroups(i.target).map((g) => `{${g.map(nodeName).join(", ")}}`).join(" | ")}${when}`;
  if (i.action === "addConsumer") return `one more consumer in group ${i.target}${when}`;
  const who = /^\d+$/.test(i.target) ? `broker ${i.target}` : i.target === "all" ? "every broker" : i.target;
  const what = i.action === "isolate" ? "cut off from the other brokers:" : i.action === "slowDisk" ? "disk 10× slower on" : i.action;
  return `${what} ${who} at ${(i.atMs / 1000).toFixed(3)} s${i.forMs === null ? "" : ` for ${i.forMs / 1000} s`}`;
}

/**
 * The scenario text with the interventions appended to `faults:`. Times are written in µs so
 * a fault lands exactly where the viewer stopped. Edits the YAML document, so comments and the
 * rest of the file stay as written and the loader reports errors against this text.
 */
export function withInterventions(text: string, list: readonly Intervention[]): string {
  if (list.length === 0) return text;
  const doc = parseDocument(text);
  let faults = doc.get("faults");
  if (!isSeq(faults)) {
    faults = new YAMLSeq();
    doc.set("faults", faults);
  }
  const brokers = Number(doc.getIn(["cluster", "brokers"]) ?? 1);
  for (const i of list) {
    const target = /^\d+$/.test(i.target) ? Number(i.target) : i.target;
    const entry: Record<string, unknown> = { at: `${Math.round(i.atMs * 1000)}us` };
    if (i.action === "addConsumer") {
      addConsumer(doc, faults as YAMLSeq, i);
      continue;
    }
    if (i.action === "partition") {
      entry["partition"] = partitionGroups(i.target).map((g) => g.map((n) => (/^\d+$/.test(n) ? Number(n) : n)));
    } else if (i.action === "isolate") {
      const others = Array.from({ length: brokers }, (_, k) => k + 1).filter((b) => b !== target);
      entry["partition"] = [[target], others];
    } else if (i.action === "slowDisk") {
      entry["slowDisk"] = { broker: target, factor: 10 };
    } else {
      entry[i.action] = target;
    }
    if (i.forMs !== null) entry["for"] = `${Math.round(i.forMs)}ms`;
    (faults as YAMLSeq).add(doc.createNode(entry, { flow: true }));
  }
  return doc.toString();
}

/**
 * One more instance in the group's `consumers:` entry, kept down from 1 ms until the chosen
 * time (crash … for), so it starts and joins then — as rebalance-eager-member-joins does.
 */
function addConsumer(doc: Document, faults: YAMLSeq, i: Intervention): void {
  const consumers = doc.get("consumers");
  if (!isSeq(consumers)) return;
  const entry = consumers.items.find((c) => isMap(c) && c.get("group") === i.target);
  if (!isMap(entry)) return;
  const n = Number(entry.get("instances") ?? 1) + 1;
  entry.set("instances", n);
  const atUs = Math.round(i.atMs * 1000);
  if (atUs > 2000) faults.add(doc.createNode({ at: "1ms", crash: `${i.target}-${n}`, for: `${atUs - 1000}us` }, { flow: true }));
}
