// Samples every group's lag over simulated time, as kafka-consumer-groups.sh --describe
// would show it: offset lag = Σ over partitions (HW − committed offset), with a partition
// that has no commit yet counting from its log start; time lag = age of the oldest record
// not yet committed (the record at the committed offset). The HW is the current leader's;
// for a read_committed group it is the last stable offset instead, what the group can reach
// (the consumer's records-lag metric, SubscriptionState.partitionLag; kafka-consumer-groups.sh
// itself lists offsets read_uncommitted). The committed offset is the group's last successful
// commit as its clients saw it.
// Samples are taken every second of `duration` and emitted as ConsumerLag trace events. Groups
// that formed at run time (serve's real consumers) are sampled too, to the HW.

import { brokerNode } from "../../core/cluster-names.ts";
import type { Broker } from "../../core/broker/broker.ts";
import { activeController } from "./active-controller.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import { NO_LEADER } from "../../core/protocol/metadata-records.ts";
import type { RecordBatch } from "../../core/protocol/records.ts";
import type { ConsumerSpec } from "../scenario/types.ts";
import type { World } from "../world/world.ts";
import type { ConsumerHistory, GroupHistory } from "../check/consumer-history.ts";
import type { Timer } from "../../core/timer.ts";

export const LAG_SAMPLE_INTERVAL_US = 1_000_000;

export interface LagStats {
  maxLag: number;
  finalLag: number;
  maxTimeLagMs: number;
  finalTimeLagMs: number;
  samples: number;
}

export class LagSampler {
  readonly stats = new Map<string, LagStats>();
  /** Lag of the groups no scenario consumer declared (ConsumerHistory.unplanned), read_uncommitted (to the HW). */
  readonly unplannedStats = new Map<GroupHistory, LagStats>();
  /** Set by the final sample: a run stopped before `duration` (serve on Ctrl-C) samples no more during its settle. */
  private ended = false;

  constructor(
    private readonly world: World<KafkaMessage, Timer>,
    private readonly history: ConsumerHistory,
    private readonly consumers: readonly ConsumerSpec[],
    private readonly partitionsOf: (topic: string) => number,
    private readonly controllerNodes: readonly string[],
  ) {
    for (const c of consumers) this.stats.set(c.group, { maxLag: 0, finalLag: 0, maxTimeLagMs: 0, finalTimeLagMs: 0, samples: 0 });
  }

  schedule(durationUs: number): void {
    this.world.scheduler.every(LAG_SAMPLE_INTERVAL_US, LAG_SAMPLE_INTERVAL_US, durationUs - 1, () => this.sample(false));
  }

  /** One sample of every group, the scenario's and then the unplanned ones (serve's real consumers); `final` marks the end of `duration`. */
  sample(final: boolean): void {
    if (this.ended) return;
    this.ended = final;
    const controller = activeController(this.world, this.controllerNodes);
    for (const c of this.consumers) {
      this.sampleGroup(controller, this.history.groups.get(c.group)!, c.config["isolation.level"] === "read_committed", this.stats.get(c.group)!, final);
    }
    for (const list of this.history.unplanned.values()) {
      for (const h of list) {
        let s = this.unplannedStats.get(h);
        if (s === undefined) this.unplannedStats.set(h, (s = { maxLag: 0, finalLag: 0, maxTimeLagMs: 0, finalTimeLagMs: 0, samples: 0 }));
        this.sampleGroup(controller, h, false, s, final);
      }
    }
  }

  private sampleGroup(controller: ReturnType<typeof activeController>, g: GroupHistory, readCommitted: boolean, s: LagStats, final: boolean): void {
    const nowMs = this.world.scheduler.now() / 1000;
    const perPartition: number[] = [];
    let lag = 0;
    let timeLagMs = 0;
    for (let p = 0; p < this.partitionsOf(g.topic); p++) {
      const leader = controller?.partitionLeader(g.topic, p) ?? NO_LEADER;
      const log = leader === NO_LEADER ? undefined : (this.world.nodeOf(brokerNode(leader)) as Broker | null)?.partition(g.topic, p)?.log;
      if (log === undefined) {
        perPartition.push(-1);
        continue;
      }
      const committed = g.committed.get(p) ?? log.logStartOffset;
      const l = Math.max(0, (readCommitted ? log.lastStableOffset : log.highWatermark) - committed);
      perPartition.push(l);
      lag += l;
      if (l > 0) {
        const ts = timestampAt(log.batchEndingAtOrAfter(committed), committed);
        if (ts !== null) timeLagMs = Math.max(timeLagMs, nowMs - ts);
      }
    }
    s.samples++;
    s.maxLag = Math.max(s.maxLag, lag);
    s.maxTimeLagMs = Math.max(s.maxTimeLagMs, Math.round(timeLagMs));
    if (final) {
      s.finalLag = lag;
      s.finalTimeLagMs = Math.round(timeLagMs);
    }
    this.world.emit("checker", { kind: "ConsumerLag", group: g.group, lag, timeLagMs: Math.round(timeLagMs), partitions: perPartition, final });
  }
}

/** Timestamp of the first record at or after `offset` in `b`, the first batch ending there (the log's metadata, not the disk, so sampling never disturbs the page cache). */
function timestampAt(b: RecordBatch | undefined, offset: number): number | null {
  if (b === undefined) return null;
  const i = b.indexAtOrAfter(offset);
  return i < b.count ? b.timestampAt(i) : null;
}
