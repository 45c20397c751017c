// Consumer groups in a world: one KafkaConsumer node per instance, named <group>-<n>, each
// with its group's resolved config (group.instance.id <group>-<n> when `static: true`,
// KIP-345) and the application's processing time drawn per record from the node's own
// random stream. Also the internal __consumer_offsets topic the group coordinators need.

import { KafkaConsumer } from "../../core/consumer/consumer.ts";
import type { ConsumerApp } from "../../core/consumer/observer.ts";
import { consumerSettings, type BrokerSettings } from "../../core/config/index.ts";
import { internalTopic, type InternalTopic } from "./internal-topic.ts";
import type { SimNode } from "../../core/env.ts";
import { OFFSETS_TOPIC } from "../../core/group/partition-for.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import type { ConsumerHistory } from "../check/consumer-history.ts";
import type { Scenario } from "../scenario/types.ts";
import { sample } from "../workload/sample.ts";
import type { ConsumerTimer } from "../../core/consumer/consumer-timers.ts";

/**
 * __consumer_offsets: offsets.topic.num.partitions partitions, compacted, with
 * offsets.topic.segment.bytes segments. Kafka creates it on the first FindCoordinator and
 * refuses while fewer than offsets.topic.replication.factor brokers are alive; kafkasim
 * creates it with the scenario's topics, at min(offsets.topic.replication.factor, brokers).
 */
/** `always`: even without modelled consumers or pipelines (serve's real clients may form groups). */
export function offsetsTopic(scenario: Scenario, broker: BrokerSettings, brokers: number, always = false): InternalTopic | null {
  if (scenario.consumers.length === 0 && scenario.pipelines.length === 0 && !always) return null;
  const segmentBytes = scenario.cluster.config["offsets.topic.segment.bytes"] ?? 104857600;
  return internalTopic(scenario, OFFSETS_TOPIC, broker.offsetsTopicNumPartitions, broker.offsetsTopicReplicationFactor, brokers, { "segment.bytes": segmentBytes });
}

export function consumerNodes(scenario: Scenario, brokerIds: readonly number[], history: ConsumerHistory): { name: string; factory: () => SimNode<KafkaMessage, ConsumerTimer> }[] {
  const nodes: { name: string; factory: () => SimNode<KafkaMessage, ConsumerTimer> }[] = [];
  for (const c of scenario.consumers) {
    const base = consumerSettings(c.config);
    history.addGroup(c.group, c.topic, base.groupProtocol);
    const app: ConsumerApp = { processingTimeUs: (rng) => sample(c.processingTimeUs, rng) };
    for (let n = 1; n <= c.instances; n++) {
      const name = `${c.group}-${n}`;
      const settings = { ...base, groupId: c.group, groupInstanceId: c.static ? name : null, clientRack: c.racks?.[n - 1] ?? base.clientRack };
      nodes.push({ name, factory: () => new KafkaConsumer(c.group, c.topic, settings, brokerIds, app, history) });
    }
  }
  return nodes;
}
