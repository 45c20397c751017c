// ListOffsets for consumers (KafkaApis.handleListOffsetRequest → Partition.fetchOffsetForTimestamp):
// EARLIEST is the log start offset; LATEST is the high watermark for a read_uncommitted
// consumer (isolation HIGH_WATERMARK), never the log end offset. Only the leader answers.

import { Errors } from "../protocol/errors.ts";
import { EARLIEST_TIMESTAMP, type ListOffsetsRequest, type ListOffsetsResponse } from "../protocol/group-messages.ts";
import { fetchError } from "./fetch-read.ts";
import type { Partition } from "./partition.ts";

export function listOffsets(req: ListOffsetsRequest, partitionOf: (topic: string, partition: number) => Partition | undefined): ListOffsetsResponse {
  return {
    kind: "ListOffsetsResponse",
    correlationId: req.correlationId,
    partitions: req.partitions.map((rp) => {
      const base = { topic: rp.topic, partition: rp.partition, offset: -1, leaderEpoch: -1 };
      const p = partitionOf(rp.topic, rp.partition);
      const error = fetchError(p, rp);
      if (error !== Errors.NONE || p === undefined) return { ...base, error };
      const offset = rp.timestamp === EARLIEST_TIMESTAMP ? p.log.logStartOffset : p.log.highWatermark;
      return { ...base, error: Errors.NONE, offset, leaderEpoch: p.leaderEpoch };
    }),
  };
}
