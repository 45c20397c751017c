// summary.brokers.<id>: what each broker's machine did with its disk and its network threads,
// the figures that explain latency the log alone cannot: cold reads, writers blocked on the
// dirty limit, network threads blocked in sendfile or busy with TLS.

import { brokerNode } from "../../core/cluster-names.ts";
import type { Broker } from "../../core/broker/broker.ts";
import type { Cluster } from "./cluster.ts";
import type { BrokerSummary } from "./summary.ts";

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function brokerSummaries(cluster: Cluster): Record<string, BrokerSummary> {
  const { world, scenario } = cluster;
  const runUs = world.scheduler.now();
  const out: Record<string, BrokerSummary> = {};
  for (const id of cluster.brokerIds) {
    const disk = cluster.disks.get(brokerNode(id))!.stats;
    const threads = (world.nodeOf(brokerNode(id)) as Broker | null)?.networkThreads;
    const diskWaitUs = threads?.diskWaitUs ?? 0;
    const tlsUs = threads?.tlsUs ?? 0;
    const capacityUs = Number(scenario.cluster.config["num.network.threads"]) * runUs;
    out[String(id)] = {
      diskReadBytes: disk.bytesReadFromDevice,
      diskWrittenBytes: disk.bytesWritten,
      appendsThrottled: disk.throttledAppends,
      appendThrottledMs: round(disk.throttledUs / 1000, 1),
      networkDiskWaitMs: round(diskWaitUs / 1000, 1),
      networkTlsMs: round(tlsUs / 1000, 1),
      networkBusy: capacityUs > 0 ? round((diskWaitUs + tlsUs) / capacityUs, 4) : 0,
    };
  }
  return out;
}
