// BrokerMetadataPublisher with ReplicaManager.applyDelta: the broker acts on each partition
// state the metadata log gives it — becomes leader (makeLeader, leader epoch cache entry, the
// group coordinator takes over an offsets partition) or follower (makeFollower, fetching from
// the new leader; in legacy mode, pre-KIP-101 truncation to the local high watermark first).

import type { Env } from "../env.ts";
import type { BrokerSettings } from "../config/index.ts";
import type { GroupCoordinator } from "../group/group-coordinator.ts";
import type { TransactionCoordinator } from "../txn/transaction-coordinator.ts";
import { TRANSACTION_STATE_TOPIC } from "../txn/transaction-state-partition.ts";
import { OFFSETS_TOPIC } from "../group/partition-for.ts";
import type { PartitionLog } from "../log/partition-log.ts";
import { partitionKey, type PartitionState } from "../metadata/metadata-image.ts";
import type { KafkaMessage } from "../protocol/messages.ts";
import { NO_LEADER } from "../protocol/metadata-records.ts";
import type { Partition } from "./partition.ts";
import type { ReplicaFetcherManager } from "./replica-fetcher-manager.ts";
import type { ReplicaManager } from "./replica-manager.ts";

export interface PublisherHost {
  readonly env: Env<KafkaMessage, never>;
  readonly brokerId: number;
  readonly settings: BrokerSettings;
  readonly replicaManager: ReplicaManager;
  readonly groupCoordinator: GroupCoordinator;
  readonly transactionCoordinator: TransactionCoordinator;
  readonly fetcherManager: ReplicaFetcherManager;
  /** The local log of a partition this broker is new to (LogManager.getOrCreateLog). */
  openLog(topic: string, partition: number): PartitionLog;
}

export class MetadataPublisher {
  constructor(private readonly host: PublisherHost) {}

  /** Acts on the metadata image: become leader or follower of each local partition. */
  publish(changed: Iterable<PartitionState>): void {
    const { brokerId, replicaManager } = this.host;
    for (const state of changed) {
      if (!state.replicas.includes(brokerId)) continue;
      const p = replicaManager.get(state.topic, state.partition) ?? replicaManager.add(state.topic, state.partition, this.host.openLog(state.topic, state.partition));
      this.apply(p, state);
    }
  }

  private apply(p: Partition, state: PartitionState): void {
    if (state.leader === this.host.brokerId) this.applyLeader(p, state);
    else this.applyFollower(p, state);
  }

  private applyLeader(p: Partition, state: PartitionState): void {
    const { env, replicaManager } = this.host;
    const isNewLeadership = p.role !== "leader" || p.leaderEpoch !== state.leaderEpoch;
    if (!isNewLeadership && state.partitionEpoch <= p.partitionEpoch) return;
    this.host.fetcherManager.removeFetcherForPartition(partitionKey(p.topic, p.partition));
    p.makeLeader(state.leaderEpoch, state.partitionEpoch, state.replicas, state.isr, Math.floor(env.now() / 1000));
    if (isNewLeadership) {
      if (p.log.epochCache.assign(state.leaderEpoch, p.log.logEndOffset)) p.log.flushEpochs();
      env.emit({ kind: "BecameLeader", topic: p.topic, partition: p.partition, leaderEpoch: state.leaderEpoch, isr: state.isr, leo: p.log.logEndOffset, hw: p.log.highWatermark });
    }
    replicaManager.leadershipOrIsrChanged(p);
    if (isNewLeadership && p.topic === OFFSETS_TOPIC) this.host.groupCoordinator.onElected(p.partition);
    // The coordinator epoch is the partition's leader epoch (TransactionCoordinator.onElection).
    if (isNewLeadership && p.topic === TRANSACTION_STATE_TOPIC) this.host.transactionCoordinator.onElected(p.partition, state.leaderEpoch);
  }

  private applyFollower(p: Partition, state: PartitionState): void {
    const { env, replicaManager } = this.host;
    const sameLeadership = p.role === "follower" && p.leaderId === state.leader && p.leaderEpoch === state.leaderEpoch;
    if (sameLeadership) {
      p.isr = state.isr;
      p.partitionEpoch = state.partitionEpoch;
      return;
    }
    const wasLeader = p.role === "leader";
    if (p.topic === OFFSETS_TOPIC) this.host.groupCoordinator.onResigned(p.partition);
    if (p.topic === TRANSACTION_STATE_TOPIC) this.host.transactionCoordinator.onResigned(p.partition);
    p.makeFollower(state.leader, state.leaderEpoch, state.partitionEpoch, state.replicas, state.isr);
    this.host.fetcherManager.removeFetcherForPartition(partitionKey(p.topic, p.partition));
    if (wasLeader) replicaManager.leadershipOrIsrChanged(p);
    if (this.host.settings.truncationMode === "high-watermark") {
      // Pre-KIP-101 ReplicaManager.makeFollowers: truncate to the local HW before fetching.
      const from = p.log.logEndOffset;
      if (p.log.truncateTo(p.log.highWatermark)) {
        env.emit({ kind: "Truncated", topic: p.topic, partition: p.partition, from, to: p.log.logEndOffset, reason: "high-watermark", epoch: state.leaderEpoch });
      }
    }
    env.emit({ kind: "BecameFollower", topic: p.topic, partition: p.partition, leader: state.leader, leaderEpoch: state.leaderEpoch, leo: p.log.logEndOffset, hw: p.log.highWatermark });
    if (state.leader !== NO_LEADER) this.host.fetcherManager.addFetcherForPartition(p, state.leader);
  }
}
