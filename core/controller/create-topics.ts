// Topic creation at run time: ControllerApis.createTopics (duplicate names, the metadata topic)
// and ReplicationControlManager.createTopics/createTopic (names by Topic.validate and its
// collision check, TOPIC_ALREADY_EXISTS, -1 for the defaults num.partitions and
// default.replication.factor, manual assignments, the replicas placed over the registered
// brokers not in controlled shutdown, the ISR the active ones among them, the leader the first
// of those). The records come back for the controller to append, none when validate_only.
// Simplified: the replicas are placed by the controller's stripe (partition p starts at the
// p-th broker, as the scenario's topics without racks), not by StripedReplicaPlacer's random
// start and rack spread; topic configs are not taken (a request that carries some is answered
// INVALID_CONFIG): a created topic has the cluster's defaults.

import type { MetadataImage } from "../metadata/metadata-image.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { CreatableTopic, CreatableTopicResult } from "../protocol/messages.ts";
import { NO_LEADER, type PartitionRecord, type TopicRecord } from "../protocol/metadata-records.ts";
import { stripedAssignment } from "./partition-change.ts";

/** The controller's num.partitions and default.replication.factor (what -1 asks for). */
export interface TopicCreationDefaults {
  readonly numPartitions: number;
  readonly defaultReplicationFactor: number;
}

export type CreationRecord = Omit<TopicRecord, "offset"> | Omit<PartitionRecord, "offset">;

const MAX_NAME_LENGTH = 249;
const METADATA_TOPIC = "__cluster_metadata";

class CreateError {
  constructor(readonly error: ErrorCode, readonly message: string) {}
}

/** Topic.detectInvalidTopic, as Topic.validate words it; null for a valid name. */
export function invalidTopicName(name: string): string | null {
  const reason = name === "" ? "the empty string is not allowed"
    : name === "." ? "'.' is not allowed"
    : name === ".." ? "'..' is not allowed"
    : name.length > MAX_NAME_LENGTH ? `the length of '${name}' is longer than the max allowed length ${MAX_NAME_LENGTH}`
    : !/^[a-zA-Z0-9._-]+$/.test(name) ? `'${name}' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'`
    : null;
  return reason === null ? null : `Topic name is invalid: ${reason}`;
}

const unified = (name: string): string => name.replace(/\./g, "_");

export function createTopics(
  image: MetadataImage,
  topics: readonly CreatableTopic[],
  defaults: TopicCreationDefaults,
  validateOnly: boolean,
): { records: CreationRecord[]; results: CreatableTopicResult[] } {
  const counts = new Map<string, number>();
  for (const t of topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
  const records: CreationRecord[] = [];
  const results: CreatableTopicResult[] = [];
  const fail = (name: string, e: CreateError): void => void results.push({ name, error: e.error, errorMessage: e.message, numPartitions: -1, replicationFactor: -1 });
  // Names taken so far, this request's included (Kafka applies each topic's records before the next).
  const taken = new Map(image.topics.map((n) => [unified(n), n]));
  const reported = new Set<string>();
  for (const t of topics) {
    if ((counts.get(t.name) ?? 0) > 1) {
      if (!reported.has(t.name)) fail(t.name, new CreateError(Errors.INVALID_REQUEST, "Duplicate topic name."));
      reported.add(t.name);
      continue;
    }
    if (t.name === METADATA_TOPIC) {
      fail(t.name, new CreateError(Errors.INVALID_REQUEST, `Creation of internal topic ${METADATA_TOPIC} is prohibited.`));
      continue;
    }
    const placed = place(image, t, defaults, taken);
    if (placed instanceof CreateError) {
      fail(t.name, placed);
      continue;
    }
    taken.set(unified(t.name), t.name);
    results.push({ name: t.name, error: Errors.NONE, errorMessage: null, numPartitions: placed.length, replicationFactor: placed[0]!.length });
    records.push({ type: "Topic", name: t.name });
    placed.forEach((replicas, partition) => {
      const isr = replicas.filter((id) => image.isUsable(id));
      records.push({ type: "Partition", topic: t.name, partition, replicas, isr, leader: isr[0] ?? NO_LEADER, leaderEpoch: 0, partitionEpoch: 0 });
    });
  }
  return { records: validateOnly ? [] : records, results };
}

/** ReplicationControlManager.createTopic's checks, in its order; the replicas of each partition. */
function place(image: MetadataImage, t: CreatableTopic, defaults: TopicCreationDefaults, taken: ReadonlyMap<string, string>): number[][] | CreateError {
  const invalid = invalidTopicName(t.name);
  if (invalid !== null) return new CreateError(Errors.INVALID_TOPIC_EXCEPTION, invalid);
  if (image.topics.includes(t.name)) return new CreateError(Errors.TOPIC_ALREADY_EXISTS, `Topic '${t.name}' already exists.`);
  const other = taken.get(unified(t.name));
  if (other !== undefined) return new CreateError(Errors.INVALID_TOPIC_EXCEPTION, `Topic '${t.name}' collides with existing topic: ${other}`);
  if (t.configs.length > 0) return new CreateError(Errors.INVALID_CONFIG, "kafkasim does not model topic configs given at creation: a created topic takes the cluster's defaults");
  if (t.assignments.length > 0) return manual(image, t);
  if (t.replicationFactor < -1 || t.replicationFactor === 0) return new CreateError(Errors.INVALID_REPLICATION_FACTOR, "Replication factor must be larger than 0, or -1 to use the default value.");
  if (t.numPartitions < -1 || t.numPartitions === 0) return new CreateError(Errors.INVALID_PARTITIONS, "Number of partitions was set to an invalid non-positive value.");
  const partitions = t.numPartitions === -1 ? defaults.numPartitions : t.numPartitions;
  const rf = t.replicationFactor === -1 ? defaults.defaultReplicationFactor : t.replicationFactor;
  // ClusterDescriber.usableBrokers: registered and not in controlled shutdown, fenced or not.
  const usable = [...image.brokers.values()].filter((b) => !b.inControlledShutdown).map((b) => b.id).sort((a, b) => a - b);
  const cannot = (why: string): CreateError => new CreateError(Errors.INVALID_REPLICATION_FACTOR, `Unable to replicate the partition ${rf} time(s): ${why}`);
  if (!usable.some((id) => image.isUsable(id))) return cannot("All brokers are currently fenced.");
  if (rf > usable.length) return cannot(`The target replication factor of ${rf} cannot be reached because only ${usable.length} broker(s) are registered.`);
  return stripedAssignment(partitions, rf, usable);
}

/** A manual assignment (kafka-topics --replica-assignment): numPartitions and replicationFactor -1, partitions 0..n-1, one size. */
function manual(image: MetadataImage, t: CreatableTopic): number[][] | CreateError {
  if (t.replicationFactor !== -1) return new CreateError(Errors.INVALID_REQUEST, "A manual partition assignment was specified, but replication factor was not set to -1.");
  if (t.numPartitions !== -1) return new CreateError(Errors.INVALID_REQUEST, "A manual partition assignment was specified, but numPartitions was not set to -1.");
  const byIndex = new Map<number, number[]>();
  let size: number | null = null;
  for (const a of t.assignments) {
    if (byIndex.has(a.partitionIndex)) return new CreateError(Errors.INVALID_REPLICA_ASSIGNMENT, `Found multiple manual partition assignments for partition ${a.partitionIndex}`);
    // ReplicationControlManager.validateManualPartitionAssignment
    if (a.brokerIds.length === 0) return new CreateError(Errors.INVALID_REPLICA_ASSIGNMENT, "The manual partition assignment includes an empty replica list.");
    const sorted = [...a.brokerIds].sort((x, y) => x - y);
    for (let i = 0; i < sorted.length; i++) {
      const id = sorted[i]!;
      if (!image.brokers.has(id)) return new CreateError(Errors.INVALID_REPLICA_ASSIGNMENT, `The manual partition assignment includes broker ${id}, but no such broker is registered.`);
      if (i > 0 && sorted[i - 1] === id) return new CreateError(Errors.INVALID_REPLICA_ASSIGNMENT, `The manual partition assignment includes the broker ${id} more than once.`);
    }
    if (size !== null && a.brokerIds.length !== size) return new CreateError(Errors.INVALID_REPLICA_ASSIGNMENT, `The manual partition assignment includes a partition with ${a.brokerIds.length} replica(s), but this is not consistent with previous partitions, which have ${size} replica(s).`);
    size = a.brokerIds.length;
    if (!a.brokerIds.some((id) => image.isUsable(id))) return new CreateError(Errors.INVALID_REPLICA_ASSIGNMENT, `All brokers specified in the manual partition assignment for partition ${a.partitionIndex} are fenced or in controlled shutdown.`);
    byIndex.set(a.partitionIndex, [...a.brokerIds]);
  }
  const out: number[][] = [];
  for (let i = 0; i < byIndex.size; i++) {
    const replicas = byIndex.get(i);
    if (replicas === undefined) return new CreateError(Errors.INVALID_REPLICA_ASSIGNMENT, "partitions should be a consecutive 0-based integer sequence");
    out.push(replicas);
  }
  return out;
}
