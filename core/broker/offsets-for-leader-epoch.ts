// OffsetsForLeaderEpoch (KIP-101/KIP-320) as the leader answers a consumer
// (ReplicaManager.lastOffsetForLeaderEpoch → Partition.lastOffsetForLeaderEpoch with
// fetchOnlyFromLeader): the leader-epoch cache's end offset for the requested epoch
// (UnifiedLog.endOffsetForEpoch, not bounded by the high watermark); an unknown epoch gives
// NONE with leaderEpoch and endOffset -1. Errors as getLocalLog raises them:
// UNKNOWN_TOPIC_OR_PARTITION, NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH (the consumer's
// current epoch is older), UNKNOWN_LEADER_EPOCH (newer than the broker knows).

import { Errors } from "../protocol/errors.ts";
import type { OffsetsForLeaderEpochRequest, OffsetsForLeaderEpochResponse } from "../protocol/group-messages.ts";
import { fetchError } from "./fetch-read.ts";
import type { Partition } from "./partition.ts";

export function offsetsForLeaderEpoch(req: OffsetsForLeaderEpochRequest, partitionOf: (topic: string, partition: number) => Partition | undefined): OffsetsForLeaderEpochResponse {
  return {
    kind: "OffsetsForLeaderEpochResponse",
    correlationId: req.correlationId,
    partitions: req.partitions.map((rp) => {
      const base = { topic: rp.topic, partition: rp.partition, leaderEpoch: -1, endOffset: -1 };
      const p = partitionOf(rp.topic, rp.partition);
      const error = fetchError(p, rp);
      if (error !== Errors.NONE || p === undefined) return { ...base, error };
      const end = p.log.epochCache.endOffsetFor(rp.leaderEpoch, p.log.logEndOffset);
      return { ...base, error: Errors.NONE, leaderEpoch: end.epoch, endOffset: end.endOffset };
    }),
  };
}
