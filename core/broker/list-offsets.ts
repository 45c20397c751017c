// ListOffsets for consumers (KafkaApis.handleListOffsetRequest → Partition.fetchOffsetForTimestamp):
// EARLIEST is the log start offset; LATEST is the high watermark for a read_uncommitted
// consumer (isolation HIGH_WATERMARK), the last stable offset for a read_committed one
// (TXN_COMMITTED), never the log end offset. Only the leader answers.

import { Errors } from "../protocol/errors.ts";
import { EARLIEST_TIMESTAMP, type ListOffsetsRequest, type ListOffsetsResponse } from "../protocol/group-messages.ts";
import { IsolationLevel } from "../protocol/messages.ts";
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
      const latest = req.isolationLevel === IsolationLevel.READ_COMMITTED ? p.log.lastStableOffset : p.log.highWatermark;
      const offset = rp.timestamp === EARLIEST_TIMESTAMP ? p.log.logStartOffset : latest;
      return { ...base, error: Errors.NONE, offset, leaderEpoch: p.leaderEpoch };
    }),
  };
}
