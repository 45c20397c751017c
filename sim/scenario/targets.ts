// Fault targets: which node a fault hits. `2` is broker 2, `billing-1` instance 1 of
// group billing, `p1` a producer, `leader(orders-0)` whichever broker leads orders-0 when
// the fault fires, `controller` the active controller (with a quorum: the Raft leader when
// the fault fires), `controller-2` (or `controller(2)`) one controller of a quorum, `all`
// every broker, `rack(az1)` every node in that zone (brokers, controllers, clients).

import { didYouMean } from "./did-you-mean.ts";
import type { Field } from "./node-reader.ts";
import type { Known } from "./schema-common.ts";
import type { Target } from "./types.ts";

export function readTarget(f: Field, known: Known): Target {
  const v = f.scalar;
  if (typeof v === "number") return broker(f, v, known);
  if (typeof v !== "string") return f.fail(`expected a node: a broker id, controller, leader(topic-partition), a producer id, <group>-<n> or all; got ${f.describe()}`);
  const name = v.trim();
  if (name === "all") return { kind: "all" };
  if (name === "controller") return { kind: "controller" };
  const controllerMatch = /^controller(?:-(\d+)|\((\d+)\))$/.exec(name);
  if (controllerMatch !== null) return controllerNodeTarget(f, Number(controllerMatch[1] ?? controllerMatch[2]), known);
  const brokerMatch = /^(?:broker-?)?(\d+)$/.exec(name);
  if (brokerMatch !== null) return broker(f, Number(brokerMatch[1]), known);
  const rack = /^rack\((.*)\)$/.exec(name);
  if (rack !== null) return rackTarget(f, (rack[1] ?? "").trim(), known);
  const leader = /^leader\((.*)\)$/.exec(name);
  if (leader !== null) return leaderOf(f, (leader[1] ?? "").trim(), known);
  if (known.producers.includes(name)) return { kind: "producer", id: name };
  const instance = consumerInstance(f, name, known);
  if (instance !== null) return instance;
  return unknownTarget(f, name, known);
}

function broker(f: Field, id: number, known: Known): Target {
  if (!Number.isInteger(id) || id < 1 || id > known.brokers) f.fail(`there is no broker ${id}: broker ids are 1..${known.brokers}`);
  return { kind: "broker", id };
}

function controllerNodeTarget(f: Field, id: number, known: Known): Target {
  const n = known.controllers ?? 1;
  if (n === 1) f.fail(`cluster.controllers is 1: its one controller is named controller; controller-${id} exists with cluster.controllers: 3`);
  if (id < 1 || id > n) f.fail(`there is no controller-${id}: the quorum's controllers are controller-1..controller-${n}`);
  return { kind: "controllerNode", id };
}

function rackTarget(f: Field, rack: string, known: Known): Target {
  const racks = known.racks ?? [];
  if (racks.length === 0) f.fail(`rack(${rack}) names a zone, but the cluster has no racks: set cluster.racks, one rack per broker`);
  if (!racks.includes(rack)) f.fail(`there is no rack "${rack}": cluster.racks has ${racks.join(", ")}${didYouMean(rack, racks)}`);
  return { kind: "rack", rack };
}

function leaderOf(f: Field, tp: string, known: Known): Target {
  const m = /^(.+)-(\d+)$/.exec(tp);
  if (m === null) return f.fail(`leader(...) takes a topic-partition like leader(orders-0), got leader(${tp})`);
  const topic = m[1] ?? "";
  const partition = Number(m[2]);
  const partitions = known.topics.get(topic);
  if (partitions === undefined) return f.fail(`unknown topic "${topic}" in leader(${tp})${didYouMean(topic, known.topics.keys())}`);
  if (partition >= partitions) f.fail(`${topic} has ${partitions} partition(s), numbered 0..${partitions - 1}; there is no ${tp}`);
  return { kind: "leader", topic, partition };
}

/** <group>-<n>, or a pipeline's <id>-<n> (a pipeline instance is a consumer instance with its producer, one node). */
function consumerInstance(f: Field, name: string, known: Known): Target | null {
  const m = /^(.+)-(\d+)$/.exec(name);
  const group = m?.[1];
  const pipeline = group === undefined ? undefined : known.pipelines?.get(group);
  const instances = group === undefined ? undefined : (known.groups.get(group) ?? pipeline);
  if (m === null || group === undefined || instances === undefined) return null;
  const n = Number(m[2]);
  const what = pipeline !== undefined ? "pipeline" : "group";
  if (n < 1 || n > instances) f.fail(`${what} ${group} has ${instances} instance(s), ${group}-1..${group}-${instances}; there is no ${name}`);
  return { kind: "consumer", group, instance: n };
}

function unknownTarget(f: Field, name: string, known: Known): never {
  const instances = known.groups.get(name);
  if (instances !== undefined) f.fail(`${name} is a consumer group; name an instance: ${name}-1..${name}-${instances}`);
  const pipelineInstances = known.pipelines?.get(name);
  if (pipelineInstances !== undefined) f.fail(`${name} is a pipeline; name an instance: ${name}-1..${name}-${pipelineInstances}`);
  if (known.topics.has(name)) f.fail(`${name} is a topic, not a node; to hit its leader write leader(${name}-0)`);
  const candidates = ["all", "controller", ...known.producers];
  for (let i = 1; (known.controllers ?? 1) > 1 && i <= (known.controllers ?? 1); i++) candidates.push(`controller-${i}`);
  for (const [group, n] of [...known.groups, ...(known.pipelines ?? [])]) for (let i = 1; i <= Math.min(n, 100); i++) candidates.push(`${group}-${i}`);
  for (const [topic, partitions] of known.topics) for (let p = 0; p < Math.min(partitions, 100); p++) candidates.push(`leader(${topic}-${p})`);
  return f.fail(`unknown target "${name}"${didYouMean(name, candidates)}`);
}

/** A stable identity for overlap checks between partition groups. */
export function targetKey(t: Target): string {
  switch (t.kind) {
    case "broker":
      return `broker ${t.id}`;
    case "all":
      return "all";
    case "controller":
      return "controller";
    case "controllerNode":
      return `controller-${t.id}`;
    case "leader":
      return `leader(${t.topic}-${t.partition})`;
    case "producer":
      return `producer ${t.id}`;
    case "consumer":
      return `${t.group}-${t.instance}`;
    case "rack":
      return `rack(${t.rack})`;
  }
}
