// When `kafkasim serve` opens its listeners: once every broker's own metadata image (what it
// answers Metadata and FindCoordinator from) shows every broker registered and unfenced and a
// leader for every partition, __consumer_offsets included. Before that a real client would
// bootstrap into a cluster with no brokers or no leaders, which Kafka's clients treat as a
// fatal misconfiguration (kafkajs: "Broker -1 not found"), not as a cluster starting up. The
// simulation gets there unpaced, in a few simulated hundred milliseconds.

import type { Broker } from "../../core/broker/broker.ts";
import { brokerNode } from "../../core/cluster-names.ts";
import { NO_LEADER } from "../../core/protocol/metadata-records.ts";
import type { Cluster } from "../run/cluster.ts";

const STEP_US = 10_000;
const LIMIT_US = 60_000_000;

function ready(cluster: Cluster): boolean {
  for (const id of cluster.brokerIds) {
    const broker = cluster.world.nodeOf(brokerNode(id)) as Broker | null;
    if (broker === null) return false;
    const image = broker.metadata();
    for (const other of cluster.brokerIds) if (image.brokers.get(other)?.fenced !== false) return false;
    for (const topic of image.topics) {
      const parts = image.partitionsOf(topic);
      if (parts.length === 0 || parts.some((p) => p.leader === NO_LEADER)) return false;
    }
    if (image.topics.length < cluster.scenario.topics.length) return false;
  }
  return true;
}

/** Runs the cluster until it is ready; throws if it is not within a simulated minute. */
export function runUntilReady(cluster: Cluster): void {
  const { scheduler } = cluster.world;
  while (!ready(cluster)) {
    if (scheduler.now() >= LIMIT_US) throw new Error("the cluster did not elect leaders for every partition within a simulated minute");
    scheduler.runUntil(scheduler.now() + STEP_US);
  }
}
