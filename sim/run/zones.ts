// Availability zones of a cluster with `cluster.racks`: which zone each node runs in, the
// inter-zone links of the network, and the bill of the bytes that cross between zones.
// Brokers sit in their broker.rack; controller k in the k-th distinct rack, round-robin
// (schema-racks.ts); a client in its config.client.rack, or in no zone without one (it talks
// to every broker over the in-rack network, and none of its bytes is billed as cross-zone).
// A consumer group's `racks:` places each instance in its own zone.

import { brokerIdOf } from "../../core/cluster-names.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import { NO_RACK, RackLinks } from "../net/rack-links.ts";
import type { CROSS_RACK_CAUSES } from "../scenario/schema-expect.ts";
import { controllerRack, rackNames } from "../scenario/schema-racks.ts";
import type { Scenario } from "../scenario/types.ts";
import type { World } from "../world/world.ts";
import type { Timer } from "../../core/timer.ts";

export type CrossRackCause = (typeof CROSS_RACK_CAUSES)[number];

/** summary.network, present only when the cluster has racks. */
export interface NetworkSummary {
  /** Bytes that crossed from one zone to another, every message counted (headers, requests, responses). */
  crossRackBytes: number;
  /** The same bytes by cause: Produce and its response, replica Fetch between brokers, consumer Fetch, everything else. */
  crossRackBytesByCause: Record<CrossRackCause, number>;
  /** bytesByRackPair.<from>.<to>: bytes sent from a node in zone `from` to one in zone `to`. */
  bytesByRackPair: Record<string, Record<string, number>>;
}

/** Cross-zone bytes are sampled every second into the trace (the visualizer's chart). */
const SAMPLE_US = 1_000_000;

export class Zones {
  readonly names: readonly string[];
  private readonly rackOfNode = new Map<string, string>();
  private readonly links: RackLinks;
  private readonly byCause: Record<CrossRackCause, number> = { produce: 0, replication: 0, consume: 0, other: 0 };
  /** byCause at the last sample. */
  private readonly sampled: Record<CrossRackCause, number> = { produce: 0, replication: 0, consume: 0, other: 0 };

  constructor(scenario: Scenario, controllerNodes: readonly string[], private readonly world: World<KafkaMessage, Timer>) {
    const racks = scenario.cluster.racks!;
    this.names = rackNames(racks);
    racks.forEach((rack, i) => this.rackOfNode.set(`broker-${i + 1}`, rack));
    controllerNodes.forEach((node, k) => this.rackOfNode.set(node, controllerRack(racks, k)));
    for (const p of scenario.producers) this.placeClient(p.id, p.config["client.rack"]);
    for (const g of scenario.consumers) for (let n = 1; n <= g.instances; n++) this.placeClient(`${g.group}-${n}`, g.racks?.[n - 1] ?? g.config["client.rack"]);
    for (const p of scenario.pipelines) for (let n = 1; n <= p.instances; n++) this.placeClient(`${p.id}-${n}`, p.consumerConfig["client.rack"]);
    this.links = new RackLinks(this.names, scenario.cluster.rackNetwork!, world.rng.fork("network/racks"));
    world.setRacks(this.links, (name) => {
      const rack = this.rackOfNode.get(name);
      return rack === undefined ? NO_RACK : this.names.indexOf(rack);
    });
    world.crossRack = (from, to, msg, bytes) => this.bill(from, to, msg, bytes);
  }

  private placeClient(node: string, rack: unknown): void {
    if (typeof rack === "string" && rack !== "") this.rackOfNode.set(node, rack);
  }

  /** Every node in `rack`, in the order the world added them. */
  nodesIn(rack: string): string[] {
    return this.world.nodeNames().filter((n) => this.rackOfNode.get(n) === rack);
  }

  private bill(from: string, to: string, msg: KafkaMessage, bytes: number): void {
    this.byCause[causeOf(from, to, msg)] += bytes;
  }

  /** A CrossZoneTraffic sample every second until `untilUs`. */
  schedule(untilUs: number): void {
    this.world.scheduler.every(SAMPLE_US, SAMPLE_US, untilUs, () => this.sample());
  }

  private sample(): void {
    const d = (c: CrossRackCause): number => this.byCause[c] - this.sampled[c];
    this.world.emit("checker", { kind: "CrossZoneTraffic", produce: d("produce"), replication: d("replication"), consume: d("consume"), other: d("other") });
    Object.assign(this.sampled, this.byCause);
  }

  summary(): NetworkSummary {
    const n = this.names.length;
    const pairs: Record<string, Record<string, number>> = {};
    let total = 0;
    this.names.forEach((from, i) => {
      const row: Record<string, number> = {};
      this.names.forEach((to, j) => {
        if (i !== j) row[to] = this.links.bytes[i * n + j]!;
        total += i === j ? 0 : this.links.bytes[i * n + j]!;
      });
      pairs[from] = row;
    });
    return { crossRackBytes: total, crossRackBytesByCause: { ...this.byCause }, bytesByRackPair: pairs };
  }
}

/** Produce traffic, replication (Fetch between two brokers), consumption (Fetch with a client), or anything else. */
function causeOf(from: string, to: string, msg: KafkaMessage): CrossRackCause {
  switch (msg.kind) {
    case "Produce":
    case "ProduceResponse":
      return "produce";
    case "Fetch":
    case "FetchResponse":
      return brokerIdOf(from) !== null && brokerIdOf(to) !== null ? "replication" : "consume";
    default:
      return "other";
  }
}
