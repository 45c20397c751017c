// The groups of the __consumer_offsets partitions a coordinator leads, and the one path by
// which a record changes them (GroupCoordinatorShard.replay, dispatching to
// GroupMetadataManager.replay and OffsetMetadataManager.replay). A loading coordinator
// replays the log through it (group-loader.ts); the live handlers replay what they write
// through the same functions, so a group after a load is the group before it.

import type { CoordinatorRecord, OffsetCommitRecord } from "../protocol/coordinator-records.ts";
import { ClassicGroup } from "./classic-group.ts";
import { ConsumerGroup } from "./consumer-group.ts";
import { replayConsumerGroupRecord } from "./consumer-group-replay.ts";
import { replayGroupMetadata } from "./group-metadata-record.ts";

export class GroupStore {
  /** Insertion order is the order groups were first seen (in the log or by requests). */
  readonly classic = new Map<string, ClassicGroup>();
  readonly consumer = new Map<string, ConsumerGroup>();

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

  replay(r: CoordinatorRecord): void {
    switch (r.type) {
      case "OffsetCommit":
        return replayOffsetCommit(this.consumer.get(r.groupId) ?? this.getOrCreateClassic(r.groupId), r);
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
