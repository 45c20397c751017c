// Builds a world from a scenario: one controller, the brokers (each on a machine with its own
// disk), and the producers with their workloads, all wired with Kafka settings resolved from
// the scenario's configs.

import { brokerNode, controllerNode, CONTROLLER_NODE } from "../../core/cluster-names.ts";
import { brokerSettings, producerSettings, topicSettings, type BrokerSettings, type TopicSettings } from "../../core/config/index.ts";
import { resolveTopicConfig } from "../../core/config/topic-config.ts";
import { activeController } from "./active-controller.ts";
import { consumerNodes, offsetsTopic } from "./consumer-nodes.ts";
import { pipelineNodes } from "./pipeline-nodes.ts";
import { PipelineOutputs } from "../check/pipeline-outputs.ts";
import { transactionStateTopic } from "./transaction-state-topic.ts";
import { TRANSACTION_STATE_TOPIC } from "../../core/txn/transaction-state-partition.ts";
import { ConsumerHistory } from "../check/consumer-history.ts";
import { LagSampler } from "./consumer-lag.ts";
import { Broker } from "../../core/broker/broker.ts";
import { Controller, type ControllerSettings } from "../../core/controller/controller.ts";
import { QuorumControllerNode } from "../../core/controller/quorum-controller-node.ts";
import { QuorumMonitor } from "./quorum-monitor.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import { messageSize } from "../../core/protocol/message-size.ts";
import { Producer } from "../../core/producer/producer.ts";
import { SimDisk } from "../disk/index.ts";
import type { Scenario } from "../scenario/types.ts";
import { World } from "../world/world.ts";
import { placeTopics } from "./placement.ts";
import { Zones } from "./zones.ts";
import { History } from "../check/history.ts";
import { RecordKeys } from "../check/retention-removals.ts";
import { RecordIds, ScheduledRecordSource } from "../workload/record-source.ts";
import type { Timer } from "../../core/timer.ts";

/** How long a sender takes to give up on a silent connection (no RST): Kafka's socket.connection.setup.timeout.ms. */
const BROKEN_CONNECTION_TIMEOUT_US = 10_000_000;

export interface Cluster {
  readonly scenario: Scenario;
  readonly world: World<KafkaMessage, Timer>;
  readonly history: History;
  readonly sources: ScheduledRecordSource[];
  /** The run's record ids: every record produced gets the next (serve's real clients too). */
  readonly ids: RecordIds;
  readonly disks: Map<string, SimDisk>;
  readonly brokerIds: number[];
  /** The controller nodes: ["controller"], or controller-1..N of a quorum. */
  readonly controllerNodes: readonly string[];
  /** Active-controller availability with a quorum; null with one controller. */
  readonly quorum: QuorumMonitor | null;
  /** What every consumer group processed, committed and was assigned. */
  readonly consumerHistory: ConsumerHistory;
  /** Lag of every group over simulated time. */
  readonly lag: LagSampler;
  /** Key and tombstone flag of every record sent (the checker's view of compaction). */
  readonly keys: RecordKeys;
  readonly topicSettings: (topic: string) => TopicSettings;
  /** Transactions the coordinators aborted at their timeout; null without a transactional producer. */
  readonly transactionTimeouts: { count: number } | null;
  /** The cluster's availability zones and their bill; null without cluster.racks. */
  readonly zones: Zones | null;
  /** Which input each pipeline output came from. */
  readonly pipelineOutputs: PipelineOutputs;
}

export interface BuildOptions {
  /** Create __consumer_offsets even without modelled consumers (kafkasim serve: real clients' groups). */
  readonly offsetsTopic?: boolean;
}

export function buildCluster(scenario: Scenario, runAhead = true, options: BuildOptions = {}): Cluster {
  const world = new World<KafkaMessage, Timer>({
    seed: scenario.seed,
    runAhead,
    network: { ...scenario.cluster.network, brokenConnectionTimeoutUs: BROKEN_CONNECTION_TIMEOUT_US },
    sizeOf: messageSize,
    kindOf: (m) => m.kind,
  });
  const brokerIds = Array.from({ length: scenario.cluster.brokers }, (_, i) => i + 1);
  // broker.rack of every broker, for KIP-392 follower fetching (a broker learns the others from metadata).
  const broker = { ...brokerSettings(scenario.cluster.config), racks: scenario.cluster.racks };
  const topics = new Map<string, TopicSettings>(scenario.topics.map((t) => [t.name, topicSettings(t.config)]));
  // __consumer_offsets exists only when the scenario has consumers, and __transaction_state only
  // with a transactional producer, so other runs keep their trace.
  const internal = [offsetsTopic(scenario, broker, brokerIds.length, options.offsetsTopic === true), transactionStateTopic(scenario, broker, brokerIds.length)].filter((t) => t !== null);
  for (const t of internal) topics.set(t.spec.name, t.settings);
  // A topic created at run time (serve's CreateTopics) has the cluster's defaults: the broker's log.* values.
  const createdSettings = topicSettings(resolveTopicConfig({}, scenario.cluster.config).values);
  const settingsOf = (topic: string): TopicSettings => topics.get(topic) ?? createdSettings;
  const disks = new Map<string, SimDisk>();
  const machine = (name: string): SimDisk => {
    const d = scenario.cluster.disk;
    const disk = new SimDisk({
      now: () => world.scheduler.now(),
      throughputBytesPerSec: d.throughputBytesPerSec,
      fsyncLatencyUs: d.fsyncLatencyUs,
      readLatencyUs: d.readLatencyUs,
      pageCacheBytes: d.pageCacheBytes,
      writebackDelayUs: d.writebackDelayUs,
      dirtyBackgroundBytes: (d.pageCacheBytes * d.dirtyBackgroundRatio) / 100,
      dirtyLimitBytes: (d.pageCacheBytes * d.dirtyRatio) / 100,
    });
    disks.set(name, disk);
    return disk;
  };

  const topicSpecs = scenario.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions,
    replicationFactor: t.replicationFactor,
    assignment: t.assignment,
    uncleanLeaderElectionEnable: settingsOf(t.name).uncleanLeaderElectionEnable,
    minInsyncReplicas: settingsOf(t.name).minInsyncReplicas,
  })).concat(internal.map((t) => t.spec));
  // With racks the placement is StripedReplicaPlacer's, drawn from the seed; without, the controller's stripe.
  const placed = scenario.cluster.racks === null ? null : placeTopics(scenario.seed, scenario.cluster.racks, brokerIds, topicSpecs);
  const controllerSettings: ControllerSettings = {
    brokerIds,
    topics: placed === null ? topicSpecs : topicSpecs.map((t, i) => ({ ...t, assignment: placed[i]! })),
    brokerSessionTimeoutMs: broker.brokerSessionTimeoutMs,
    autoLeaderRebalanceEnable: broker.autoLeaderRebalanceEnable,
    leaderImbalanceCheckIntervalSeconds: broker.leaderImbalanceCheckIntervalMs / 1000,
    uncleanLeaderElectionIntervalMs: broker.uncleanLeaderElectionIntervalMs,
    fenceRestartedBrokers: broker.truncationMode === "leader-epoch",
    eligibleLeaderReplicasEnabled: broker.eligibleLeaderReplicasEnabled,
    topicCreation: { numPartitions: broker.numPartitions, defaultReplicationFactor: broker.defaultReplicationFactor, uncleanLeaderElectionEnable: createdSettings.uncleanLeaderElectionEnable, minInsyncReplicas: createdSettings.minInsyncReplicas },
  };
  const controllerNodes = addControllers(world, scenario.cluster.controllers, controllerSettings, broker, machine);

  const incarnations = world.rng.fork("incarnations");
  for (const id of brokerIds) {
    const disk = machine(brokerNode(id));
    world.addNode(brokerNode(id), () => new Broker(id, broker, settingsOf, incarnations.int32(), scenario.cluster.ssl, controllerNodes), disk);
  }

  const history = new History();
  const ids = new RecordIds();
  const keys = new RecordKeys();
  const sources: ScheduledRecordSource[] = [];
  for (const p of scenario.producers) {
    const source = new ScheduledRecordSource(p, world.rng.fork(`workload/${p.id}`), ids, scenario.durationUs);
    sources.push(source);
    const settings = producerSettings(p.config);
    const keyed = keys.wrap(source);
    world.addNode(p.id, () => new Producer(p.id, p.topic, settings, brokerIds, keyed, history, p.transactions));
  }
  const consumerHistory = new ConsumerHistory();
  for (const node of consumerNodes(scenario, brokerIds, consumerHistory)) world.addNode(node.name, node.factory);
  const pipelineOutputs = new PipelineOutputs(ids);
  for (const node of pipelineNodes(scenario, brokerIds, consumerHistory, history, pipelineOutputs, keys)) world.addNode(node.name, node.factory);
  const partitionCount = new Map(scenario.topics.map((t) => [t.name, t.partitions]));
  const createdPartitions = (t: string): number => activeController(world, controllerNodes)?.metadata().partitionsOf(t).length ?? 0;
  const lag = new LagSampler(world, consumerHistory, scenario.consumers, (t) => partitionCount.get(t) ?? createdPartitions(t), controllerNodes);
  const quorum = controllerNodes.length > 1 ? new QuorumMonitor(world, controllerNodes) : null;
  const transactionTimeouts = internal.some((t) => t.spec.name === TRANSACTION_STATE_TOPIC) ? { count: 0 } : null;
  if (transactionTimeouts !== null) {
    // Counted from the coordinators' trace (a coordinator's own count dies with its process).
    world.trace.listen((r) => {
      if (r.event.kind === "TransactionTimedOut") transactionTimeouts.count++;
    });
  }
  const zones = scenario.cluster.racks === null ? null : new Zones(scenario, controllerNodes, world);
  return { scenario, world, history, sources, ids, disks, brokerIds, controllerNodes, quorum, consumerHistory, lag, keys, topicSettings: settingsOf, transactionTimeouts, zones, pipelineOutputs };
}

/**
 * One controller as before ("controller", committing on its own fsync), or a Raft quorum of
 * controller-1..N, each on its own machine and disk. Returns their node names.
 */
function addControllers(world: World<KafkaMessage, Timer>, count: number, settings: ControllerSettings, broker: BrokerSettings, machine: (name: string) => SimDisk): string[] {
  if (count === 1) {
    world.addNode(CONTROLLER_NODE, () => new Controller(settings), machine(CONTROLLER_NODE));
    return [CONTROLLER_NODE];
  }
  const voters = Array.from({ length: count }, (_, i) => i + 1);
  for (const id of voters) {
    const raft = {
      localId: id,
      voters,
      electionTimeoutMs: broker.controllerQuorumElectionTimeoutMs,
      fetchTimeoutMs: broker.controllerQuorumFetchTimeoutMs,
      electionBackoffMaxMs: broker.controllerQuorumElectionBackoffMaxMs,
      retryBackoffMs: broker.controllerQuorumRetryBackoffMs,
      requestTimeoutMs: broker.controllerQuorumRequestTimeoutMs,
      nodeOf: controllerNode,
    };
    world.addNode(controllerNode(id), () => new QuorumControllerNode(settings, raft), machine(controllerNode(id)));
  }
  return voters.map(controllerNode);
}

export function startCluster(c: Cluster): void {
  for (const n of c.controllerNodes) c.world.start(n);
  for (const id of c.brokerIds) c.world.start(brokerNode(id));
  for (const p of c.scenario.producers) c.world.start(p.id);
  for (const g of c.scenario.consumers) for (let n = 1; n <= g.instances; n++) c.world.start(`${g.group}-${n}`);
  for (const p of c.scenario.pipelines) for (let n = 1; n <= p.instances; n++) c.world.start(`${p.id}-${n}`);
}
