// Samples each broker machine's busy resources every second, as an operator's dashboard
// would: the network threads' busy share (Kafka's NetworkProcessorAvgIdlePercent is one
// minus it), bytes read from the disk (cold reads: the page cache missed), and how long
// appends were blocked on the dirty limit. A second in which a broker did none of these emits
// nothing, so runs that never touch the disk or TLS keep their trace (and traceHash).

import { brokerNode } from "../../core/cluster-names.ts";
import type { Broker } from "../../core/broker/broker.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import type { SimDisk } from "../disk/disk.ts";
import type { World } from "../world/world.ts";
import type { Timer } from "../../core/timer.ts";

export const RESOURCE_SAMPLE_INTERVAL_US = 1_000_000;

interface Last {
  diskReadBytes: number;
  throttledUs: number;
  /** The network threads' counters belong to the process: a restart starts them at 0. */
  threads: object | null;
  networkUs: number;
}

export class BrokerResourceSampler {
  private readonly last = new Map<number, Last>();

  constructor(
    private readonly world: World<KafkaMessage, Timer>,
    private readonly disks: ReadonlyMap<string, SimDisk>,
    private readonly brokerIds: readonly number[],
    private readonly networkThreads: number,
  ) {
    for (const id of brokerIds) this.last.set(id, { diskReadBytes: 0, throttledUs: 0, threads: null, networkUs: 0 });
  }

  schedule(durationUs: number): void {
    this.world.scheduler.every(RESOURCE_SAMPLE_INTERVAL_US, RESOURCE_SAMPLE_INTERVAL_US, durationUs, () => this.sample());
  }

  private sample(): void {
    for (const id of this.brokerIds) {
      const last = this.last.get(id)!;
      const stats = this.disks.get(brokerNode(id))?.stats;
      const threads = (this.world.nodeOf(brokerNode(id)) as Broker | null)?.networkThreads ?? null;
      const networkUs = threads === null ? 0 : threads.diskWaitUs + threads.tlsUs;
      const diskReadBytes = (stats?.bytesReadFromDevice ?? 0) - last.diskReadBytes;
      const throttledUs = (stats?.throttledUs ?? 0) - last.throttledUs;
      const busyUs = threads !== null && threads === last.threads ? networkUs - last.networkUs : networkUs;
      last.diskReadBytes += diskReadBytes;
      last.throttledUs += throttledUs;
      last.threads = threads;
      last.networkUs = networkUs;
      if (diskReadBytes === 0 && throttledUs === 0 && busyUs === 0) continue;
      this.world.emit("checker", {
        kind: "BrokerResources",
        broker: id,
        diskReadBytes,
        appendThrottledMs: Math.round(throttledUs / 100) / 10,
        networkBusy: Math.round((busyUs / (this.networkThreads * RESOURCE_SAMPLE_INTERVAL_US)) * 1e4) / 1e4,
      });
    }
  }
}
