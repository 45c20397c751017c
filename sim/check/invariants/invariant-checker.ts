// `kafkasim run --check`: invariants after every event, as Kafka's RaftEventSimulationTest
// verifies its invariants after each scheduled event. The world says which nodes handled the
// event; only their state can have changed, so only they are checked (brokers: every local
// replica and, with a quorum, the metadata it replayed; the controller: its metadata;
// consumers: what they own). A violation throws
// InvariantViolation, which the runner reports with scenario, seed and simulated time.
// Costs nothing unless installed.

import type { Broker } from "../../../core/broker/broker.ts";
import { KafkaConsumer } from "../../../core/consumer/consumer.ts";
import type { Controller } from "../../../core/controller/controller.ts";
import { CONTROLLER_NODE, brokerNode } from "../../../core/cluster-names.ts";
import { brokerSettings } from "../../../core/config/index.ts";
import type { NodeId } from "../../../core/env.ts";
import type { Cluster } from "../../run/cluster.ts";
import { BrokerMetadataPrefix } from "./broker-metadata-prefix.ts";
import { ControllerInvariants } from "./controller-invariants.ts";
import { QuorumInvariants } from "./quorum-invariants.ts";
import { QuorumControllerNode } from "../../../core/controller/quorum-controller-node.ts";
import { controllerIdOf } from "../../../core/cluster-names.ts";
import { activeController } from "../../run/active-controller.ts";
import { GroupOwnership } from "./group-ownership.ts";
import { LeaderEpochs } from "./leader-epochs.ts";
import { ReplicaInvariants } from "./replica-invariants.ts";

export class InvariantChecker {
  private readonly controller: ControllerInvariants;
  /** Raft safety of the controller quorum (cluster.controllers > 1). */
  readonly quorum = new QuorumInvariants();
  /** With a quorum: brokers replay a prefix of the committed metadata log. */
  private readonly brokerMetadata: BrokerMetadataPrefix | null;
  private readonly replicas: ReplicaInvariants;
  private readonly groups: GroupOwnership;
  private readonly brokerIdOf = new Map<NodeId, number>();
  /** Legacy truncate-to-HW (pre-KIP-101) lets committed prefixes diverge: that is its lesson. */
  private readonly legacyTruncation: boolean;

  constructor(private readonly cluster: Cluster) {
    const { world, scenario } = cluster;
    for (const id of cluster.brokerIds) this.brokerIdOf.set(brokerNode(id), id);
    this.controller = new ControllerInvariants(
      (topic) => cluster.topicSettings(topic).uncleanLeaderElectionEnable,
      (topic) => cluster.topicSettings(topic).minInsyncReplicas,
    );
    this.legacyTruncation = brokerSettings(scenario.cluster.config).truncationMode !== "leader-epoch";
    this.replicas = new ReplicaInvariants({
      leaderEpochs: new LeaderEpochs(),
      prefixChecked: (tp, replicas) => this.prefixChecked(tp, replicas),
    });
    this.groups = new GroupOwnership((name) => world.nodeOf(name));
    this.brokerMetadata = cluster.controllerNodes.length > 1 ? new BrokerMetadataPrefix((offset) => this.quorum.committedRecord(offset)) : null;
  }

  /** Checks after every event from now on, and every node once now (start-up ran outside events). */
  install(): void {
    this.cluster.world.watchEvents((touched) => this.afterEvent(touched));
    this.afterEvent(this.cluster.world.nodeNames());
  }

  afterEvent(touched: readonly NodeId[]): void {
    const world = this.cluster.world;
    for (const name of touched) {
      const node = world.nodeOf(name);
      if (node === null) continue;
      const brokerId = this.brokerIdOf.get(name);
      if (brokerId !== undefined) {
        for (const p of (node as Broker).localPartitions()) this.replicas.check(brokerId, p);
        this.brokerMetadata?.check(brokerId, (node as Broker).metadata());
      } else if (name === CONTROLLER_NODE) {
        this.controller.check(node as Controller);
      } else if (node instanceof QuorumControllerNode) {
        this.quorum.check(controllerIdOf(name)!, node.raftState);
        const active = activeController(world, this.cluster.controllerNodes);
        if (active !== null) this.controller.check(active);
      } else if (node instanceof KafkaConsumer) {
        this.groups.check(name, node);
      }
    }
  }

  private prefixChecked(tp: string, replicas: readonly number[]): boolean {
    if (this.legacyTruncation || this.controller.uncleanlyElected.has(tp)) return false;
    const poweredOff = this.cluster.world.poweredOff;
    return poweredOff.size === 0 || !replicas.some((id) => poweredOff.has(brokerNode(id)));
  }
}
