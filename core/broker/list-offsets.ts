// ListOffsets for consumers (KafkaApis.handleListOffsetRequest → Partition.fetchOffsetForTimestamp):
// EARLIEST is the log start offset; LATEST is the high watermark for a read_uncommitted
// consumer (isolation HIGH_WATERMARK), never the log end offset. Only the leader answers.

import { Errors } from "../protocol/errors.ts";
import { EARLIEST_TIMESTAMP, type ListOffsetsRequest, type ListOffsetsResponse } from "../protocol/group-messages.ts";
import type { Partition } from "./partition.ts";

export function listOffsets(req: ListOffsetsRequest, partitionOf: (topic: string, partition: number) => Partition | undefined): ListOffsetsResponse {
  return {
    kind: "ListOffsetsResponse",
    correlationId: req.correlationId,
    partitions: req.partitions.map((rp) => {
      const base = { topic: rp.topic, partition: rp.partition, offset: -1, leaderEpoch: -1 };
      const p = partitionOf(rp.topic, rp.partition);
      if (p === undefined) return { ...base, error: Errors.UNKNOWN_TOPIC_OR_PARTITION };
      if (p.role !== "leader") return { ...base, error: Errors.NOT_LEADER_OR_FOLLOWER };
      if (rp.currentLeaderEpoch >= 0 && rp.currentLeaderEpoch < p.leaderEpoch) return { ...base, error: Errors.FENCED_LEADER_EPOCH };
      if (rp.currentLeaderEpoch > p.leaderEpoch) return { ...base, error: Errors.UNKNOWN_LEADER_EPOCH };
      const offset = rp.timestamp === EARLIEST_TIMESTAMP ? p.log.logStartOffset : p.log.highWatermark;
      return { ...base, error: Errors.NONE, offset, leaderEpoch: p.leaderEpoch };
    }),
  };
}
