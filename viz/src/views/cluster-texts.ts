// The words the cluster view shows, and every one each place may show over the run, so the
// layout can make room for the longest instead of cutting it ("CRASHED · fenced", the
// highest epoch, the largest offsets, a member's longest assignment).

import type { ProducerSpec } from "../../../sim/scenario/types.ts";
import type { QuorumModel } from "../model/controller-quorum.ts";
import type { ProcessState, RunModel } from "../model/types.ts";
import { brokerState, type ReplicaFacts } from "./cluster-state.ts";

export const controllerLabel = (state: ProcessState): string => (state === "up" ? "active" : state);

/** A quorum's box: which controller is active, or that none is (an election, or a lost majority). */
export const quorumLabel = (active: string): string => (active === "" ? "no active controller" : `active: ${active}`);

/**
 * A quorum box's tooltip: every voter's role and metadata log end offset, one a line, then the
 * metadata high watermark ("controller-1: follower, log end 15", ..., "metadata high watermark 15").
 */
export function quorumTip(quorum: QuorumModel, timeUs: number): string {
  const lines = [...quorum.roles].map(([node, roles]) => {
    const end = quorum.logEnds.get(node)?.at(timeUs) ?? -1;
    return end < 0 ? `${node}: ${roles.at(timeUs)}` : `${node}: ${roles.at(timeUs)}, log end ${end}`;
  });
  const hw = quorum.highWatermark.at(timeUs);
  if (hw >= 0) lines.push(`metadata high watermark ${hw}`);
  return lines.join("\n");
}

/** A replica's role; `wide` spells it out, narrow rows get the short form. */
export function roleLabel(f: ReplicaFacts, wide: boolean): string {
  if (!f.hosted) return "";
  if (f.leader) return `leader e${f.epoch}`;
  if (f.inIsr) return wide ? "follower, in ISR" : "ISR";
  if (f.eligible) return wide ? "out of ISR, eligible" : "ELR";
  return wide ? "out of ISR" : "not ISR";
}

export const offsetsLabel = (leo: number, hw: number): string => `LEO ${leo} · HW ${hw}`;
export const splitOffsetsLabel = (leo: number, hw: number): [string, string] => [`LEO ${leo}`, `HW ${hw}`];

export function acksLabel(spec: ProducerSpec | undefined): string {
  const acks = spec?.config["acks"];
  return `acks=${acks === -1 || acks === "-1" ? "all" : String(acks ?? "?")}`;
}

export const producerStats = (acked: number, errors: number): string => `${Math.round(acked).toLocaleString("en-US")} acked · ${errors} errors`;

export const groupStatus = (generation: number, state: string, lag: number | null): string =>
  generation < 0 ? "not formed yet" : `generation ${generation} · ${state}${lag === null ? "" : ` · lag ${lag.toLocaleString("en-US")}`}`;

export const memberLabel = (member: string, state: ProcessState, owned: readonly number[]): string =>
  `${member}${state === "up" ? "" : ` (${state})`}: ${owned.length === 0 ? "no partitions" : `p${owned.join(",")}`}`;

/** Every text a place in the view may show during the run (the layout measures the widest). */
export interface RunTexts {
  readonly brokerStates: readonly string[];
  readonly controllerStates: readonly string[];
  readonly producerStates: ReadonlyMap<string, string>;
  readonly producerStats: ReadonlyMap<string, string>;
  readonly keys: readonly string[];
  readonly wideRoles: readonly string[];
  readonly shortRoles: readonly string[];
  readonly offsets: string;
  readonly splitOffsets: readonly string[];
  readonly groupStatus: ReadonlyMap<string, readonly string[]>;
  readonly members: ReadonlyMap<string, readonly string[]>;
}

/** The largest of many numbers (a spread would overflow the stack on a long run's series). */
function maxOf(xs: readonly number[], floor = 0): number {
  let m = floor;
  for (const x of xs) if (x > m) m = x;
  return m;
}

export function runTexts(model: RunModel, producers: readonly ProducerSpec[]): RunTexts {
  const brokerStates = new Set<string>();
  for (const id of model.brokers) {
    const times = [0, ...(model.process.get(`broker-${id}`)?.times ?? []), ...(model.fenced.get(id)?.times ?? [])];
    for (const t of times) brokerStates.add(brokerState(model, id, t).label);
  }
  const everyState = (node: string): ProcessState[] => {
    const s = model.process.get(node);
    return s === undefined ? ["down"] : [s.initial, ...s.values];
  };
  const epoch = maxOf(model.partitions.flatMap((p) => [p.state.initial, ...p.state.values]).map((v) => v.leaderEpoch));
  // Offsets grow, so the last ones are the longest; nines are as wide as any digit.
  const offset = maxOf(model.partitions.flatMap((p) => [...p.logs.values()].flatMap((l) => [l.lastA, l.lastB])));
  const nines = "9".repeat(String(offset).length);
  const stats = new Map<string, string>();
  for (const p of model.producers) {
    const acked = p.acked.reduce((a, b) => a + b, 0);
    stats.set(p.id, producerStats(acked, p.errors.length + p.retries.length));
  }
  const groupTexts = new Map<string, string[]>();
  const members = new Map<string, string[]>();
  for (const g of model.groups) {
    const generation = maxOf([g.generation.initial, ...g.generation.values], -1);
    const lag = g.hasLag ? maxOf([g.lag.initial, ...g.lag.values]) : null;
    groupTexts.set(g.group, ["not formed yet", ...new Set([g.state.initial, ...g.state.values])].map((s) => (s === "not formed yet" ? s : groupStatus(generation, s, lag))));
    for (const m of g.members) {
      const owned = g.assignment.get(m);
      let longest: readonly number[] = [];
      for (const a of owned === undefined ? [] : [owned.initial, ...owned.values]) if (a.join(",").length > longest.join(",").length) longest = a;
      members.set(m, [...new Set(everyState(m))].flatMap((s) => [memberLabel(m, s, []), memberLabel(m, s, longest)]));
    }
  }
  return {
    brokerStates: [...brokerStates],
    controllerStates:
      model.quorum === null ? [...new Set(everyState("controller"))].map(controllerLabel) : [...new Set([model.quorum.active.initial, ...model.quorum.active.values])].map(quorumLabel),
    producerStates: new Map(model.producers.map((p) => [p.id, p.guarantee ?? acksLabel(producers.find((s) => s.id === p.id))])),
    producerStats: stats,
    keys: model.partitions.map((p) => p.key),
    wideRoles: [`leader e${epoch}`, "follower, in ISR", "out of ISR", "out of ISR, eligible"],
    shortRoles: [`leader e${epoch}`, "ISR", "not ISR", "ELR"],
    offsets: offsetsLabel(Number(nines), Number(nines)),
    splitOffsets: splitOffsetsLabel(Number(nines), Number(nines)),
    groupStatus: groupTexts,
    members,
  };
}
