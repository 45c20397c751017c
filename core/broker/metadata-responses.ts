// KafkaApis' answers from the broker's metadata image (its MetadataCache): Metadata and
// FindCoordinator. Until the broker has caught up with the metadata log it knows no topic
// and no coordinator, as a broker that has not published its first image.

import { groupPartition, OFFSETS_TOPIC } from "../group/partition-for.ts";
import type { MetadataImage } from "../metadata/metadata-image.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { KafkaMessage, MetadataRequest } from "../protocol/messages.ts";
import { NO_LEADER } from "../protocol/metadata-records.ts";
import type { CoordinatorKeyType } from "../protocol/group-messages.ts";
import type { BrokerSettings } from "../config/index.ts";
import { TRANSACTION_STATE_TOPIC, transactionPartition } from "../txn/transaction-state-partition.ts";

/** KafkaApis.handleTopicMetadataRequest: live brokers, and each topic's partitions and leaders. */
/** `missing`: the error of each requested topic that does not exist, when auto-creation decided one (topic-creation.ts); else UNKNOWN_TOPIC_OR_PARTITION. */
export function metadataResponse(req: MetadataRequest, image: MetadataImage, published: boolean, brokerRacks: readonly string[] | null = null, missing: ReadonlyMap<string, ErrorCode> | null = null): KafkaMessage {
  const names = req.topics ?? image.topics;
  const brokers: number[] = [];
  for (const b of image.brokers.values()) if (!b.fenced) brokers.push(b.id);
  return {
    kind: "MetadataResponse",
    correlationId: req.correlationId,
    brokers,
    topics: names.map((name) => {
      const parts = published ? image.partitionsOf(name) : [];
      return {
        name,
        error: parts.length === 0 ? (missing?.get(name) ?? Errors.UNKNOWN_TOPIC_OR_PARTITION) : Errors.NONE,
        partitions: parts.map((p) => ({
          partition: p.partition,
          error: p.leader === NO_LEADER ? Errors.LEADER_NOT_AVAILABLE : Errors.NONE,
          leader: p.leader,
          leaderEpoch: p.leaderEpoch,
          replicas: p.replicas,
          isr: p.isr,
        })),
      };
    }),
    ...(brokerRacks === null ? {} : { brokerRacks }),
  };
}

/**
 * KafkaApis.handleFindCoordinatorRequest: the leader of the key's partition of __consumer_offsets
 * (a group) or __transaction_state (a transactional.id).
 */
export function findCoordinatorResponse(correlationId: number, key: string, keyType: CoordinatorKeyType, image: MetadataImage, published: boolean, settings: BrokerSettings): KafkaMessage {
  const tp = keyType === "group" ? { topic: OFFSETS_TOPIC, partition: groupPartition(key, settings.offsetsTopicNumPartitions) } : { topic: TRANSACTION_STATE_TOPIC, partition: transactionPartition(key, settings.transactionStateLogNumPartitions) };
  const state = published ? image.partition(tp.topic, tp.partition) : undefined;
  const leader = state?.leader ?? NO_LEADER;
  if (leader === NO_LEADER) return { kind: "FindCoordinatorResponse", correlationId, error: Errors.COORDINATOR_NOT_AVAILABLE, nodeId: -1 };
  return { kind: "FindCoordinatorResponse", correlationId, error: Errors.NONE, nodeId: leader };
}
