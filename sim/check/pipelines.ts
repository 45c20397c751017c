// The pipeline checker: from the final committed logs (read_committed's view: aborted and open
// transactions are not there), the group's final committed offsets (replayed from its
// __consumer_offsets partition, as a loading coordinator would) and the record of which input
// each output came from. An exactly-once pipeline has every input below the committed offset
// with exactly one committed output: no duplicates (a transaction's outputs committed twice)
// and none missing (offsets committed without their outputs).

import type { RecordBatch } from "../../core/protocol/records.ts";
import type { GroupHistory } from "./consumer-history.ts";
import type { PipelineOutputs } from "./pipeline-outputs.ts";

export interface PipelineReport {
  /** Input records the instances processed (repeats counted). */
  inputConsumed: number;
  /** The pipeline's output records in the output topic's committed view. */
  outputCommitted: number;
  /** Input records with more than one committed output. */
  outputDuplicates: number;
  /** Input records below the group's final committed offset of their partition with no committed output. */
  outputMissing: number;
}

export interface PipelineLogs {
  /** Committed (read_committed) batches of each partition of a topic. */
  batchesOf(topic: string): readonly (readonly RecordBatch[])[];
}

export function checkPipeline(index: number, from: string, to: string, outputs: PipelineOutputs, group: GroupHistory | undefined, logs: PipelineLogs, committed: ReadonlyMap<string, number>): PipelineReport {
  const outputsPerInput = new Map<number, number>();
  let outputCommitted = 0;
  for (const batches of logs.batchesOf(to)) {
    for (const b of batches) {
      for (let i = 0; i < b.count; i++) {
        const input = outputs.inputOf(index, b.ridAt(i));
        if (input < 0) continue;
        outputCommitted++;
        outputsPerInput.set(input, (outputsPerInput.get(input) ?? 0) + 1);
      }
    }
  }
  let outputDuplicates = 0;
  for (const n of outputsPerInput.values()) if (n > 1) outputDuplicates++;
  let outputMissing = 0;
  logs.batchesOf(from).forEach((batches, partition) => {
    const upTo = committed.get(`${from}-${partition}`) ?? 0;
    for (const b of batches) {
      for (let i = 0; i < b.count; i++) if (b.offsetAt(i) < upTo && !outputsPerInput.has(b.ridAt(i))) outputMissing++;
    }
  });
  return { inputConsumed: group?.processedCount ?? 0, outputCommitted, outputDuplicates, outputMissing };
}
