// The internal __transaction_state topic the transaction coordinators need: Kafka creates it
// on the first FindCoordinator for a transactional.id, with transaction.state.log.num.partitions
// partitions, compacted, transaction.state.log.segment.bytes segments and min.insync.replicas
// transaction.state.log.min.isr (TransactionStateManager.transactionTopicConfigs); kafkasim
// creates it with the scenario's topics when a producer (or an exactly_once_v2 pipeline) is transactional, at
// min(transaction.state.log.replication.factor, brokers).

import type { BrokerSettings } from "../../core/config/index.ts";
import { TRANSACTION_STATE_TOPIC } from "../../core/txn/transaction-state-partition.ts";
import type { Scenario } from "../scenario/types.ts";
import { internalTopic, type InternalTopic } from "./internal-topic.ts";

export function transactionStateTopic(scenario: Scenario, broker: BrokerSettings, brokers: number): InternalTopic | null {
  const transactional = scenario.producers.some((p) => typeof p.config["transactional.id"] === "string") || scenario.pipelines.some((p) => p.streams.processingGuarantee === "exactly_once_v2");
  if (!transactional) return null;
  const cluster = scenario.cluster.config;
  return internalTopic(scenario, TRANSACTION_STATE_TOPIC, broker.transactionStateLogNumPartitions, broker.transactionStateLogReplicationFactor, brokers, {
    "segment.bytes": cluster["transaction.state.log.segment.bytes"] ?? 104857600,
    "min.insync.replicas": cluster["transaction.state.log.min.isr"] ?? 2,
    "unclean.leader.election.enable": false,
  });
}
