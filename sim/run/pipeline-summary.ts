// summary.pipelines.<id>: the pipeline checker over the final committed logs, with the group's
// committed offsets replayed from the final __consumer_offsets log up to its high watermark.

import { brokerNode } from "../../core/cluster-names.ts";
import type { Broker } from "../../core/broker/broker.ts";
import { replayGroupRecords } from "../../core/group/group-loader.ts";
import { groupPartition, OFFSETS_TOPIC } from "../../core/group/partition-for.ts";
import type { RecordBatch } from "../../core/protocol/records.ts";
import { checkPipeline, type PipelineReport } from "../check/pipelines.ts";
import type { CommittedLog } from "../check/durability.ts";
import type { Cluster } from "./cluster.ts";

export function pipelineSummaries(cluster: Cluster, logs: readonly CommittedLog[]): Record<string, PipelineReport> {
  const out: Record<string, PipelineReport> = {};
  const byTopic = new Map<string, RecordBatch[][]>();
  for (const l of logs) {
    let parts = byTopic.get(l.topic);
    if (parts === undefined) byTopic.set(l.topic, (parts = []));
    parts[l.partition] = [...l.batches];
  }
  const view = { batchesOf: (topic: string) => byTopic.get(topic) ?? [] };
  cluster.scenario.pipelines.forEach((p, index) => {
    const report = checkPipeline(index, p.from, p.to, cluster.pipelineOutputs, cluster.consumerHistory.groups.get(p.group), view, committedOffsets(cluster, p.group));
    Object.defineProperty(out, p.id, { value: report, enumerable: true, writable: true, configurable: true });
  });
  return out;
}

/** The group's offsets as its coordinator would load them: its offsets partition replayed from the most advanced replica, below the HW. */
function committedOffsets(cluster: Cluster, group: string): ReadonlyMap<string, number> {
  const partition = groupPartition(group, Number(cluster.scenario.cluster.config["offsets.topic.num.partitions"]));
  let best: { batches: RecordBatch[]; hw: number } | null = null;
  for (const id of cluster.brokerIds) {
    const log = (cluster.world.nodeOf(brokerNode(id)) as Broker | null)?.partition(OFFSETS_TOPIC, partition)?.log;
    if (log !== undefined && (best === null || log.highWatermark > best.hw)) best = { batches: log.allBatches(), hw: log.highWatermark };
  }
  if (best === null) return new Map();
  const hw = best.hw;
  const store = replayGroupRecords(best.batches.filter((b) => b.baseOffset < hw));
  return store.consumer.get(group)?.offsets ?? store.classic.get(group)?.offsets ?? new Map();
}
