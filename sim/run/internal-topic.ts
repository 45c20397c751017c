// An internal topic a coordinator needs (__consumer_offsets, __transaction_state): compacted,
// with the given topic config over the cluster's, at min(replication factor, brokers) — Kafka
// would refuse to create it with fewer brokers; kafkasim creates it with the scenario's topics.

import { topicSettings, type TopicSettings } from "../../core/config/index.ts";
import { resolveTopicConfig } from "../../core/config/topic-config.ts";
import type { TopicSpec } from "../../core/controller/controller.ts";
import type { Scenario } from "../scenario/types.ts";

export interface InternalTopic {
  readonly spec: TopicSpec;
  readonly settings: TopicSettings;
}

export function internalTopic(scenario: Scenario, name: string, partitions: number, replicationFactor: number, brokers: number, config: Readonly<Record<string, unknown>>): InternalTopic {
  const settings = topicSettings(resolveTopicConfig({ "cleanup.policy": ["compact"], ...config }, scenario.cluster.config).values);
  return {
    spec: {
      name,
      partitions,
      replicationFactor: Math.min(replicationFactor, brokers),
      assignment: null,
      uncleanLeaderElectionEnable: settings.uncleanLeaderElectionEnable,
      minInsyncReplicas: settings.minInsyncReplicas,
    },
    settings,
  };
}
