// What a consumer reports to the world around it (the checker's consumer history, kept
// outside the process like the producer's): what the application processed, what the group
// committed, which partitions each generation gave a member, and where positions started.

import type { Rng } from "../env.ts";
import type { RecordBatch } from "../protocol/records.ts";

export interface ConsumeObserver {
  /**
   * The application finished processing rows [from, to) of a fetched batch, one after another:
   * the first at `firstDoneUs`, the last at `lastDoneUs`, never more than `longestGapUs` apart.
   */
  processed(group: string, member: string, topic: string, partition: number, batch: RecordBatch, from: number, to: number, firstDoneUs: number, lastDoneUs: number, longestGapUs: number): void;
  /** poll() handed records [firstOffset, lastOffset] of a partition to the application. */
  delivered(group: string, member: string, generation: number, topic: string, partition: number, firstOffset: number, lastOffset: number, highWatermark: number): void;
  /** An OffsetCommit for this partition succeeded. */
  committed(group: string, member: string, topic: string, partition: number, offset: number, atUs: number): void;
  /** SyncGroup gave the member this assignment in `generation`; `revoked` are the partitions it gave up (cooperative). */
  assigned(group: string, member: string, generation: number, partitions: readonly { topic: string; partition: number }[], revoked: number, atUs: number): void;
  /** A partition's fetch position was set from a committed offset or by auto.offset.reset. */
  positionInitialized(group: string, topic: string, partition: number, offset: number): void;
  /**
   * KIP-320 validation found the log truncated under the position: the leader's log ends the
   * position's epoch at `endOffset` (< `position`; -1 when it knows no end offset).
   */
  logTruncation(group: string, topic: string, partition: number, position: number, endOffset: number): void;
}

/** The application inside the consumer: how long it takes to process one record. */
export interface ConsumerApp {
  /** Microseconds to process one record, drawn from the consumer node's own stream. */
  processingTimeUs(rng: Rng): number;
}
