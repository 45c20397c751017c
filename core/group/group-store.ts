// The groups of the __consumer_offsets partitions a coordinator leads, and the one path by
// which a record changes them (GroupCoordinatorShard.replay, dispatching to
// GroupMetadataManager.replay and OffsetMetadataManager.replay). A loading coordinator
// replays the log through it (group-loader.ts); the live handlers replay what they write
// through the same functions, so a group after a load is the group before it. Offsets a
// transaction commits (TxnOffsetCommit, KIP-98/KIP-447) wait here per producer id, invisible
// to OffsetFetch, until the transaction's marker is replayed: COMMIT makes them the group's
// offsets, ABORT drops them (OffsetMetadataManager.pendingTransactionalOffsets and
// replayEndTransactionMarker).

import type { CoordinatorRecord, OffsetCommitRecord } from "../protocol/coordinator-records.ts";
import { ClassicGroup } from "./classic-group.ts";
import { ConsumerGroup } from "./consumer-group.ts";
import { replayConsumerGroupRecord } from "./consumer-group-replay.ts";
import { replayGroupMetadata } from "./group-metadata-record.ts";

export class GroupStore {
  /** Insertion order is the order groups were first seen (in the log or by requests). */
  readonly classic = new Map<string, ClassicGroup>();
  readonly consumer = new Map<string, ConsumerGroup>();
  /** Pending transactional offsets: producer id → group id → `topic-partition` → offset. */
  private readonly pending = new Map<number, Map<string, Map<string, number>>>();

  getOrCreateClassic(groupId: string): ClassicGroup {
    let g = this.classic.get(groupId);
    if (g === undefined) {
      g = new ClassicGroup(groupId);
      this.classic.set(groupId, g);
    }
    return g;
  }

  /**
   * An empty classic group becomes a consumer group, keeping its committed offsets.
   * Kafka first writes the classic group's tombstone (maybeDeleteEmptyClassicGroup); here no
   * tombstone is written, and a consumer group record replayed over a classic group stands for it.
   */
  toConsumerGroup(groupId: string): ConsumerGroup {
    const group = new ConsumerGroup(groupId);
    const classic = this.classic.get(groupId);
    if (classic !== undefined) for (const [k, v] of classic.offsets) group.offsets.set(k, v);
    this.classic.delete(groupId);
    this.consumer.set(groupId, group);
    return group;
  }

  private offsetsHolder(groupId: string): { readonly offsets: Map<string, number> } {
    return this.consumer.get(groupId) ?? this.getOrCreateClassic(groupId);
  }

  private pendingOf(producerId: number, groupId: string): Map<string, number> {
    let groups = this.pending.get(producerId);
    if (groups === undefined) this.pending.set(producerId, (groups = new Map()));
    let offsets = groups.get(groupId);
    if (offsets === undefined) groups.set(groupId, (offsets = new Map()));
    return offsets;
  }

  /** OffsetMetadataManager.hasPendingTransactionalOffsets: an open transaction holds an offset of the partition. */
  hasPendingOffset(groupId: string, topic: string, partition: number): boolean {
    const key = `${topic}-${partition}`;
    for (const groups of this.pending.values()) if (groups.get(groupId)?.has(key) === true) return true;
    return false;
  }

  /** OffsetMetadataManager.replay of an offset written in a transaction: pending under its producer id. */
  replayTransactionalOffset(producerId: number, r: OffsetCommitRecord): void {
    this.offsetsHolder(r.groupId); // the group exists from its first commit, as Kafka's simple group does
    this.pendingOf(producerId, r.groupId).set(`${r.topic}-${r.partition}`, r.offset!);
  }

  /**
   * OffsetMetadataManager.replayEndTransactionMarker: the producer's pending offsets become the
   * groups' offsets (COMMIT) or are dropped (ABORT). Kafka keeps whichever of a pending and a
   * committed offset has the later record offset in the log; kafkasim's pipelines commit only
   * in transactions, so the pending offset, always the later, wins.
   */
  replayEndTransactionMarker(producerId: number, commit: boolean): void {
    const groups = this.pending.get(producerId);
    if (groups === undefined) return;
    this.pending.delete(producerId);
    if (!commit) return;
    for (const [groupId, offsets] of groups) {
      const holder = this.offsetsHolder(groupId);
      for (const [key, offset] of offsets) holder.offsets.set(key, offset);
    }
  }

  /** A load's pending offsets join the live ones (the partition's groups were unloaded before). */
  adoptPending(loaded: GroupStore): void {
    for (const [producerId, groups] of loaded.pending) for (const [groupId, offsets] of groups) for (const [key, offset] of offsets) this.pendingOf(producerId, groupId).set(key, offset);
  }

  /** The groups `unloaded` names moved away with their partition: their pending offsets go too. */
  dropPendingOf(unloaded: (groupId: string) => boolean): void {
    for (const [producerId, groups] of this.pending) {
      for (const groupId of [...groups.keys()]) if (unloaded(groupId)) groups.delete(groupId);
      if (groups.size === 0) this.pending.delete(producerId);
    }
  }

  /** A tombstone removes the partition's pending offsets too (OffsetMetadataManager.replay). */
  private dropPending(r: OffsetCommitRecord): void {
    if (r.offset !== null || this.pending.size === 0) return;
    for (const groups of this.pending.values()) groups.get(r.groupId)?.delete(`${r.topic}-${r.partition}`);
  }

  /** `producerId`: the batch's when it is transactional (a TxnOffsetCommit's records), else -1. */
  replay(r: CoordinatorRecord, producerId = -1): void {
    switch (r.type) {
      case "OffsetCommit":
        if (producerId >= 0 && r.offset !== null) return this.replayTransactionalOffset(producerId, r);
        this.dropPending(r);
        return replayOffsetCommit(this.offsetsHolder(r.groupId), r);
      case "GroupMetadata":
        return replayGroupMetadata(this.getOrCreateClassic(r.groupId), r);
      case "TransactionLog":
        return; // __transaction_state's, never in __consumer_offsets
      default:
        return replayConsumerGroupRecord(this.consumer.get(r.groupId) ?? this.toConsumerGroup(r.groupId), r);
    }
  }
}

/**
 * OffsetMetadataManager.replay: the last commit per partition is its offset, a tombstone
 * deletes it. An offset for a group nobody joined creates a "simple" classic group to hold it.
 */
function replayOffsetCommit(group: { readonly offsets: Map<string, number> }, r: OffsetCommitRecord): void {
  const key = `${r.topic}-${r.partition}`;
  if (r.offset === null) group.offsets.delete(key);
  else group.offsets.set(key, r.offset);
}
