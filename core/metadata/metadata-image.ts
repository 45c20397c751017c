// The cluster metadata as replayed from the metadata log (Kafka's MetadataImage / MetadataDelta).
// The controller and every broker hold one; brokers' images lag the controller's by their
// metadata fetch, which is how stale leadership views arise in a real cluster.

import { NO_LEADER, type MetadataRecord } from "../protocol/metadata-records.ts";
import { assertNever } from "../assert-never.ts";

const NONE: readonly number[] = Object.freeze([]);

export interface BrokerRegistration {
  readonly id: number;
  epoch: number;
  incarnationId: number;
  fenced: boolean;
  inControlledShutdown: boolean;
}

export interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  replicas: readonly number[];
  isr: readonly number[];
  leader: number;
  leaderEpoch: number;
  partitionEpoch: number;
  /** KIP-966's eligible leader replicas; empty while the ISR is at min.insync.replicas or above. */
  elr: readonly number[];
  lastKnownElr: readonly number[];
  /** Offset of the metadata record that last changed it. */
  lastChangeOffset: number;
}

/**
 * Interned "topic-partition" keys: lookups by partition happen for every partition of every
 * fetch and produce, and a key built afresh each time is a new string to allocate and hash.
 * A pure memo, so sharing it between runs changes nothing.
 */
const partitionKeys = new Map<string, string[]>();

export function partitionKey(topic: string, partition: number): string {
  if (!(partition >= 0 && partition < 65536 && Number.isInteger(partition))) return `${topic}-${partition}`;
  let keys = partitionKeys.get(topic);
  if (keys === undefined) {
    keys = [];
    partitionKeys.set(topic, keys);
  }
  return (keys[partition] ??= `${topic}-${partition}`);
}

export class MetadataImage {
  readonly brokers = new Map<number, BrokerRegistration>();
  readonly topics: string[] = [];
  /** Keyed by `${topic}-${partition}`, in creation order. */
  readonly partitions = new Map<string, PartitionState>();
  /** Offset of the next record to replay. */
  nextOffset = 0;
  /** Told of every record as it is replayed; a checker's tap (`--check`), null otherwise. */
  onApply: ((record: MetadataRecord) => void) | null = null;

  partition(topic: string, partition: number): PartitionState | undefined {
    return this.partitions.get(partitionKey(topic, partition));
  }

  partitionsOf(topic: string): PartitionState[] {
    const out: PartitionState[] = [];
    for (const p of this.partitions.values()) if (p.topic === topic) out.push(p);
    return out;
  }

  isUsable(brokerId: number): boolean {
    const b = this.brokers.get(brokerId);
    return b !== undefined && !b.fenced && !b.inControlledShutdown;
  }

  apply(record: MetadataRecord): void {
    this.onApply?.(record);
    this.nextOffset = record.offset + 1;
    switch (record.type) {
      case "LeaderChange":
        return;
      case "RegisterBroker":
        this.brokers.set(record.brokerId, {
          id: record.brokerId,
          epoch: record.brokerEpoch,
          incarnationId: record.incarnationId,
          fenced: true,
          inControlledShutdown: false,
        });
        return;
      case "BrokerRegistrationChange": {
        const b = this.brokers.get(record.brokerId);
        if (b === undefined || b.epoch !== record.brokerEpoch) return;
        if (record.fenced !== null) b.fenced = record.fenced;
        if (record.inControlledShutdown !== null) b.inControlledShutdown = record.inControlledShutdown;
        return;
      }
      case "Topic":
        this.topics.push(record.name);
        return;
      case "Partition":
        this.partitions.set(partitionKey(record.topic, record.partition), {
          topic: record.topic,
          partition: record.partition,
          replicas: record.replicas,
          isr: record.isr,
          leader: record.leader,
          leaderEpoch: record.leaderEpoch,
          partitionEpoch: record.partitionEpoch,
          elr: NONE,
          lastKnownElr: NONE,
          lastChangeOffset: record.offset,
        });
        return;
      case "PartitionChange": {
        const p = this.partitions.get(partitionKey(record.topic, record.partition));
        if (p === undefined) return;
        if (record.isr !== null) p.isr = record.isr;
        if (record.elr !== undefined) p.elr = record.elr;
        if (record.lastKnownElr !== undefined) p.lastKnownElr = record.lastKnownElr;
        if (record.leader !== null && record.leader !== p.leader) {
          p.leader = record.leader;
          p.leaderEpoch++;
        }
        p.partitionEpoch++;
        p.lastChangeOffset = record.offset;
        return;
      }
      default:
        return assertNever(record);
    }
  }
}

export { NO_LEADER };
