// What the consumer's parts (coordinator client, fetcher) need from the KafkaConsumer node
// that owns them: the world, the settings, and one table of in-flight requests.

import type { ConsumerSettings } from "../config/index.ts";
import type { Env, NodeId } from "../env.ts";
import type { KafkaMessage } from "../protocol/messages.ts";
import type { PartitionList } from "../protocol/group-messages.ts";
import type { ConsumeObserver } from "./observer.ts";
import type { ExponentialBackoff } from "../client/exponential-backoff.ts";
import type { ReconnectBackoff } from "../client/reconnect-backoff.ts";
import type { ConsumerTimer } from "./consumer-timers.ts";
import type { ValidatedPosition } from "./position-validation.ts";

export type ConsumerPending =
  | { readonly type: "metadata" }
  | { readonly type: "fetch"; readonly node: NodeId; readonly offsets: readonly { readonly partition: number; readonly fetchOffset: number }[] }
  | { readonly type: "list-offsets" }
  | { readonly type: "offsets-for-leader-epoch"; readonly positions: readonly (ValidatedPosition & { readonly partition: number })[] }
  | { readonly type: "find-coordinator" }
  | { readonly type: "join" }
  | { readonly type: "sync" }
  | { readonly type: "heartbeat" }
  | { readonly type: "leave" }
  | { readonly type: "commit"; readonly id: number }
  | { readonly type: "offset-fetch" };

export interface ConsumerContext {
  readonly env: Env<KafkaMessage, ConsumerTimer>;
  readonly settings: ConsumerSettings;
  readonly groupId: string;
  readonly topic: string;
  readonly observer: ConsumeObserver;
  /** Registers the request (with its timeout) and sends it; returns the correlation id. */
  request(to: NodeId, info: ConsumerPending, timeoutMs: number, build: (correlationId: number) => KafkaMessage): number;
  /** Partitions of the subscribed topic, once metadata is known. */
  partitionCount(): number;
  /** The racks of each partition's replicas, from metadata; null when the brokers have no racks. */
  partitionRacks(): readonly (readonly string[])[] | null;
  /** A broker to ask for metadata or the coordinator: round robin over those not in reconnect backoff. */
  anyBroker(): NodeId;
  /** Brokers whose connection broke recently (NetworkClient's reconnect backoff). */
  readonly connections: ReconnectBackoff;
  /** retry.backoff.ms doubling to retry.backoff.max.ms between retries of one operation. */
  readonly retryBackoff: ExponentialBackoff;
}

export function tpKey(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

export function samePartitions(a: PartitionList, b: PartitionList): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.topic !== b[i]!.topic || a[i]!.partition !== b[i]!.partition) return false;
  return true;
}
