// The topics a run's checkers read: the scenario's, then those created while it ran (kafkasim
// serve's real clients: CreateTopics, Metadata's auto-creation), as the active controller's
// metadata image lists them. Internal topics are not among them. A run without such clients has
// exactly the scenario's topics.

import { OFFSETS_TOPIC } from "../../core/group/partition-for.ts";
import { TRANSACTION_STATE_TOPIC } from "../../core/txn/transaction-state-partition.ts";
import { activeController } from "./active-controller.ts";
import type { Cluster } from "./cluster.ts";

export interface RunTopic {
  readonly name: string;
  readonly partitions: number;
}

export function runTopics(cluster: Pick<Cluster, "scenario" | "world" | "controllerNodes">): RunTopic[] {
  const out: RunTopic[] = cluster.scenario.topics.map((t) => ({ name: t.name, partitions: t.partitions }));
  const image = activeController(cluster.world, cluster.controllerNodes)?.metadata();
  if (image === undefined) return out;
  const known = new Set([...out.map((t) => t.name), OFFSETS_TOPIC, TRANSACTION_STATE_TOPIC]);
  for (const name of image.topics) if (!known.has(name)) out.push({ name, partitions: image.partitionsOf(name).length });
  return out;
}
