// Fetch and ListOffsets as a consumer sends them (replica id -1). Fetch sessions (KIP-227) are
// not kept: every response says SessionId 0, which tells the client to send full fetches, as a
// broker out of session slots does. The log's batches are re-encoded as v2 batches with their
// real bytes (fetched-batch.ts). ListOffsets goes to the broker whatever its timestamp
// (earliest, latest, max timestamp, a time: core/broker/list-offsets.ts).

import type { ListOffsetsRequest } from "../../../core/protocol/group-messages.ts";
import type { FetchPartition, IsolationLevelCode } from "../../../core/protocol/messages.ts";
import { wireErrorCode } from "../../../core/wire/error-codes.ts";
import { encodeRecordBatches } from "../../../core/wire/record-batch-codec.ts";
import type { WireStruct } from "../../../core/wire/wire-value.ts";
import { toWireBatch } from "../fetched-batch.ts";
import { expectKind, grouped, structs, type TranslateContext, type Translation } from "./translation.ts";

export function fetch(body: WireStruct, ctx: TranslateContext): Translation {
  const partitions: FetchPartition[] = [];
  for (const t of structs(body.Topics)) {
    for (const p of structs(t.Partitions)) {
      partitions.push({
        topic: t.Topic as string,
        partition: p.Partition as number,
        currentLeaderEpoch: p.CurrentLeaderEpoch as number,
        fetchOffset: p.FetchOffset as number,
        lastFetchedEpoch: p.LastFetchedEpoch as number,
        partitionMaxBytes: p.PartitionMaxBytes as number,
      });
    }
  }
  const rack = body.RackId as string;
  return {
    message: {
      kind: "Fetch",
      correlationId: ctx.correlationId,
      replicaId: -1,
      replicaEpoch: -1,
      maxWaitMs: body.MaxWaitMs as number,
      minBytes: body.MinBytes as number,
      maxBytes: body.MaxBytes as number,
      isolationLevel: (body.IsolationLevel === 1 ? 1 : 0) as IsolationLevelCode,
      partitions,
      ...(rack === "" ? {} : { rackId: rack }),
    },
    answer: (m) => {
      const res = expectKind(m, "FetchResponse");
      for (const p of res.partitions) {
        const asked = partitions.find((x) => x.topic === p.topic && x.partition === p.partition);
        if (p.error === "NONE" && asked !== undefined) ctx.consumed.fetched(ctx.clientId ?? "", p.topic, p.partition, asked.fetchOffset, p.batches, p.highWatermark, p.abortedTransactions);
      }
      return {
        ThrottleTimeMs: 0,
        ErrorCode: wireErrorCode(res.error),
        SessionId: 0,
        Responses: grouped(res.partitions, (p) => ({
          PartitionIndex: p.partition,
          ErrorCode: wireErrorCode(p.error),
          HighWatermark: p.highWatermark,
          LastStableOffset: p.lastStableOffset,
          LogStartOffset: p.logStartOffset,
          AbortedTransactions: p.abortedTransactions === null ? null : p.abortedTransactions.map((a) => ({ ProducerId: a.producerId, FirstOffset: a.firstOffset })),
          PreferredReadReplica: p.preferredReadReplica ?? -1,
          ...(p.divergingEpoch === null ? {} : { DivergingEpoch: { Epoch: p.divergingEpoch.epoch, EndOffset: p.divergingEpoch.endOffset } }),
          Records: encodeRecordBatches(p.batches.map(toWireBatch), ctx.gzip),
        }), "Topic", "Partitions"),
      };
    },
  };
}

export function listOffsets(body: WireStruct, ctx: TranslateContext): Translation {
  const partitions: ListOffsetsRequest["partitions"][number][] = [];
  for (const t of structs(body.Topics)) {
    for (const p of structs(t.Partitions)) {
      partitions.push({ topic: t.Name as string, partition: p.PartitionIndex as number, currentLeaderEpoch: p.CurrentLeaderEpoch as number, timestamp: p.Timestamp as number });
    }
  }
  return {
    message: { kind: "ListOffsets", correlationId: ctx.correlationId, replicaId: -1, isolationLevel: (body.IsolationLevel === 1 ? 1 : 0) as IsolationLevelCode, partitions },
    answer: (m) => {
      const res = expectKind(m, "ListOffsetsResponse");
      const row = (p: (typeof res.partitions)[number]): WireStruct => ({ PartitionIndex: p.partition, ErrorCode: wireErrorCode(p.error), Timestamp: p.timestamp, Offset: p.offset, LeaderEpoch: p.leaderEpoch });
      return { ThrottleTimeMs: 0, Topics: grouped(res.partitions, row, "Name", "Partitions") };
    },
  };
}
