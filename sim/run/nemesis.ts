// Turns a scenario's `nemesis:` into concrete faults, drawn from the run's own "nemesis"
// stream so the same seed always gives the same schedule. Each kind of fault arrives as a
// Poisson process with its mean interval; an arrival that would put more than `maxDown`
// brokers under a fault at once is skipped. Targets resolve when each fault fires.

import type { Rng } from "../../core/env.ts";
import type { Fault, Nemesis, Target, TopicSpec } from "../scenario/types.ts";
import { targetName } from "../scenario/target-name.ts";

/** One drawn fault as the summary prints it (`summary.nemesis`), so a seed's schedule can be read and replayed. */
export interface NemesisEntry {
  readonly atMs: number;
  readonly action: Nemesis["actions"][number]["action"];
  /** Targets as a scenario writes them: `leader(orders-0)`, `2`, `controller`. */
  readonly targets: string[];
  readonly forMs: number;
}

const NEMESIS_LOC = { file: "nemesis", line: 0, column: 0 } as const;

export function nemesisFaults(nemesis: Nemesis, rng: Rng, brokers: number, topics: readonly TopicSpec[]): Fault[] {
  const arrivals: { atUs: number; kind: Nemesis["actions"][number] }[] = [];
  for (const kind of nemesis.actions) {
    const stream = rng.fork(kind.action);
    for (let t = nemesis.fromUs; ; ) {
      t += Math.round(-kind.everyUs * Math.log(1 - stream.next()));
      if (t >= nemesis.untilUs) break;
      arrivals.push({ atUs: t, kind });
    }
  }
  arrivals.sort((a, b) => a.atUs - b.atUs || a.kind.action.localeCompare(b.kind.action));
  const busyUntil: number[] = [];
  const pick = rng.fork("targets");
  const faults: Fault[] = [];
  for (const { atUs, kind } of arrivals) {
    const active = busyUntil.filter((end) => end > atUs).length;
    if (active >= nemesis.maxDown) continue;
    busyUntil.push(atUs + kind.forUs);
    const target = chooseTarget(nemesis.target, pick, brokers, topics);
    faults.push(toFault(kind, atUs, target, brokers, pick));
  }
  return faults;
}

function chooseTarget(mode: Nemesis["target"], rng: Rng, brokers: number, topics: readonly TopicSpec[]): Target {
  if (mode === "controller") return { kind: "controller" };
  if (mode === "leaders" && topics.length > 0) {
    const topic = topics[rng.int(topics.length)]!;
    return { kind: "leader", topic: topic.name, partition: rng.int(topic.partitions) };
  }
  return { kind: "broker", id: 1 + rng.int(brokers) };
}

function toFault(kind: Nemesis["actions"][number], atUs: number, target: Target, brokers: number, rng: Rng): Fault {
  const forUs = kind.forUs;
  switch (kind.action) {
    case "partition":
      // One group: the injector isolates it from every other node.
      return { atUs, action: "partition", groups: [[target]], oneWay: false, forUs, where: NEMESIS_LOC };
    case "slowDisk":
      return { atUs, action: "slowDisk", broker: target.kind === "broker" ? target.id : 1 + rng.int(brokers), factor: kind.factor, forUs, where: NEMESIS_LOC };
    default:
      return { atUs, action: kind.action, targets: [target], forUs, where: NEMESIS_LOC };
  }
}

export function nemesisEntry(f: Fault): NemesisEntry {
  const atMs = f.atUs / 1000;
  const forMs = "forUs" in f && f.forUs !== null ? f.forUs / 1000 : -1;
  switch (f.action) {
    case "partition":
      return { atMs, action: "partition", targets: f.groups.flatMap((g) => g.map(targetName)), forMs };
    case "slowDisk":
      return { atMs, action: "slowDisk", targets: [String(f.broker)], forMs };
    case "crash":
    case "stop":
    case "pause":
    case "powerLoss":
      return { atMs, action: f.action, targets: f.targets.map(targetName), forMs };
    default:
      throw new Error(`a nemesis does not draw ${f.action}`);
  }
}
