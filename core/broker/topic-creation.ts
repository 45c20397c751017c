// A broker's part in creating topics. CreateTopics from a client is forwarded to the active
// controller (KafkaApis → ForwardingManager in KRaft) and its answer relayed back; a timeout
// answers REQUEST_TIMED_OUT. Metadata for a topic that does not exist, with the request's
// allow_auto_topic_creation and the broker's auto.create.topics.enable, asks the controller to
// create it with num.partitions and default.replication.factor and answers LEADER_NOT_AVAILABLE
// meanwhile (KafkaApis.getTopicMetadata, AutoTopicCreationManager.createTopics: an invalid name is
// INVALID_TOPIC_EXCEPTION, a topic already being created UNKNOWN_TOPIC_OR_PARTITION). Simplified:
// the internal topics (__consumer_offsets, __transaction_state) are not auto-created here; they
// exist from the start when the run needs them.

import type { BrokerSettings } from "../config/index.ts";
import type { Env, NodeId } from "../env.ts";
import { OFFSETS_TOPIC } from "../group/partition-for.ts";
import type { MetadataImage } from "../metadata/metadata-image.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { CreateTopicsRequest, CreateTopicsResponse, KafkaMessage, MetadataRequest } from "../protocol/messages.ts";
import { TRANSACTION_STATE_TOPIC } from "../txn/transaction-state-partition.ts";
import { invalidTopicName } from "../controller/create-topics.ts";

/** A CreateTopics the broker has in flight to the controller. */
export type CreationInFlight =
  | { readonly type: "create"; readonly from: NodeId; readonly correlationId: number; readonly names: readonly string[] }
  | { readonly type: "auto-create"; readonly names: readonly string[] };

export interface TopicCreationHost {
  readonly env: Env<KafkaMessage, never>;
  readonly settings: BrokerSettings;
  readonly image: () => MetadataImage;
  /** Sends `msg` (its correlation id from the returned function) to the active controller, tracked until answered or timed out. */
  readonly toController: (info: CreationInFlight, timeoutMs: number, msg: (correlationId: number) => KafkaMessage) => void;
}

export class TopicCreation {
  /** AutoTopicCreationManager.inflightTopics. */
  private readonly autoCreating = new Set<string>();

  constructor(private readonly host: TopicCreationHost) {}

  forward(from: NodeId, req: CreateTopicsRequest): void {
    const info: CreationInFlight = { type: "create", from, correlationId: req.correlationId, names: req.topics.map((t) => t.name) };
    // The controller's own deadline is the request's timeout; the broker waits that long, at least a second.
    this.host.toController(info, Math.max(1000, req.timeoutMs), (correlationId) => ({ ...req, correlationId }));
  }

  /** The controller's answer to a forwarded or automatic creation. */
  answered(info: CreationInFlight, res: CreateTopicsResponse): void {
    if (info.type === "auto-create") {
      for (const n of info.names) this.autoCreating.delete(n);
      return;
    }
    this.host.env.send(info.from, { kind: "CreateTopicsResponse", correlationId: info.correlationId, topics: res.topics });
  }

  /** The controller did not answer (timeout, lost connection). */
  failed(info: CreationInFlight): void {
    if (info.type === "auto-create") {
      for (const n of info.names) this.autoCreating.delete(n);
      return;
    }
    const topics = info.names.map((name) => ({ name, error: Errors.REQUEST_TIMED_OUT as ErrorCode, errorMessage: null, numPartitions: -1, replicationFactor: -1 }));
    this.host.env.send(info.from, { kind: "CreateTopicsResponse", correlationId: info.correlationId, topics });
  }

  /** The errors Metadata answers for requested topics that do not exist, starting their creation where allowed; null when auto-creation does not apply. */
  autoCreate(req: MetadataRequest, published: boolean): ReadonlyMap<string, ErrorCode> | null {
    const { settings } = this.host;
    if (req.allowAutoTopicCreation !== true || !settings.autoCreateTopicsEnable || req.topics === null || !published) return null;
    const image = this.host.image();
    const errors = new Map<string, ErrorCode>();
    const names: string[] = [];
    for (const name of req.topics) {
      if (image.partitionsOf(name).length > 0 || errors.has(name)) continue;
      if (invalidTopicName(name) !== null) errors.set(name, Errors.INVALID_TOPIC_EXCEPTION);
      else if (name === OFFSETS_TOPIC || name === TRANSACTION_STATE_TOPIC || this.autoCreating.has(name)) errors.set(name, Errors.UNKNOWN_TOPIC_OR_PARTITION);
      else {
        this.autoCreating.add(name);
        names.push(name);
        errors.set(name, Errors.LEADER_NOT_AVAILABLE);
      }
    }
    if (names.length > 0) {
      const topics = names.map((name) => ({ name, numPartitions: settings.numPartitions, replicationFactor: settings.defaultReplicationFactor, assignments: [], configs: [] }));
      this.host.toController({ type: "auto-create", names }, 30_000, (correlationId) => ({ kind: "CreateTopics", correlationId, topics, timeoutMs: 30_000, validateOnly: false }));
    }
    return errors;
  }
}
