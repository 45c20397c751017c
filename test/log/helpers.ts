// Hand-made logs for the cleaner and retention tests: a PartitionLog on the in-memory disk,
// one record per batch unless told otherwise, each keyed record carrying its own rid.

import { PartitionLog } from "../../core/log/partition-log.ts";
import type { RecordBatch } from "../../core/protocol/records.ts";
import { resolveTopicConfig, topicSettings, type TopicSettings } from "../../core/config/topic-config.ts";
import { BROKER_CATALOG } from "../../core/config/broker-config.ts";
import { resolveConfig } from "../../core/config/catalog.ts";
import { MemDisk, recordBatch, rowsOf } from "../harness/index.ts";

export type Rec = readonly [key: string | null, value: number | null];

let nextRid = 0;

/** Every test record takes 100 bytes, so segment sizes count records. */
export const RECORD_BYTES = 100;

export function batchOf(records: readonly Rec[], timestampMs: number): RecordBatch {
  const size = RECORD_BYTES * records.length;
  return recordBatch({ maxTimestampMs: timestampMs, sizeBytes: size }, records.map(([key, valueBytes]) => ({ rid: nextRid++, key, valueBytes, timestampMs })));
}

/** A log whose segments roll every `perSegment` single-record batches; HW at the LEO. */
export function makeLog(records: readonly Rec[], opts: { perSegment?: number; timestampMs?: (i: number) => number } = {}): PartitionLog {
  const perSegment = opts.perSegment ?? 2;
  const log = PartitionLog.load(new MemDisk(), "logs/t-0", { segmentBytes: RECORD_BYTES * perSegment, segmentMs: Infinity, flushMessages: Infinity }, 0);
  records.forEach((r, i) => {
    const ts = opts.timestampMs?.(i) ?? 0;
    log.appendAsLeader(batchOf([r], ts), 0, ts);
  });
  log.updateHighWatermark(log.logEndOffset);
  return log;
}

export function settings(config: Record<string, unknown>): TopicSettings {
  const broker = resolveConfig(BROKER_CATALOG, {}).values;
  const resolved = resolveTopicConfig(config, broker);
  if (resolved.errors.length > 0) throw new Error(JSON.stringify(resolved.errors));
  return topicSettings(resolved.values);
}

/** [offset, key, value] of every record, in log order. */
export function contents(log: PartitionLog): [number, string | null, number | null][] {
  return log.allBatches().flatMap((b) => rowsOf(b).map(([key, value], i) => [b.offsetAt(i), key, value] as [number, string | null, number | null]));
}
