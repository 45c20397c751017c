// Which lesson events (sim/scenario/lesson-events.ts) a trace record is: read in time order,
// each record yields the anchor keys it satisfies, both "fenced" (any) and "fenced(broker-1)".
// Elections and ISR changes compare a PartitionChanged with the partition's previous one, so
// the reader keeps the controller's last word per partition. `loss` is not in the trace: it
// is the run's loss moment (loss-moment.ts).

import type { TraceEvent, TraceKind } from "../../../core/trace/index.ts";
import { anchorKey, type LessonEventName } from "../../../sim/scenario/lesson-events.ts";

interface PartitionState {
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly isr: readonly number[];
}

/** Events that are a lesson event of the node that emits them, or of the group they name. */
const OF_NODE: Partial<Record<TraceKind, LessonEventName>> = { NodeCrashed: "crash", PowerLost: "powerLoss", NodePaused: "pause", NodeResumed: "resume" };
const OF_GROUP: Partial<Record<TraceKind, LessonEventName>> = {
  GroupPreparingRebalance: "rebalance",
  ConsumerGroupEpochBumped: "rebalance",
  GroupStable: "stable",
  ConsumerGroupStable: "stable",
  GroupMemberExpired: "sessionExpired",
  ConsumerGroupMemberFenced: "sessionExpired",
  PollTimeoutExpired: "pollTimeout",
  ConsumerLogTruncation: "logTruncation",
};

const READ = new Set<TraceKind>([...(Object.keys(OF_NODE) as TraceKind[]), ...(Object.keys(OF_GROUP) as TraceKind[]), "NodeStarted", "BrokerStateChanged", "ControllerActive", "PartitionChanged", "Truncated", "SegmentsDeleted", "ProduceError", "ProduceFailed"]);
/** Most records (messages, appends, fetches) are none of them: one shared empty answer, no allocation. */
const NONE: readonly string[] = [];

export class HappeningReader {
  private readonly partitions = new Map<string, PartitionState>();

  /** The anchor keys `event` at `node` satisfies. */
  read(node: string, e: TraceEvent): readonly string[] {
    if (!READ.has(e.kind)) return NONE;
    const keys: string[] = [];
    const add = (name: LessonEventName, ...args: string[]): void => {
      keys.push(anchorKey(name, null));
      for (const a of args) keys.push(anchorKey(name, a));
    };
    const ofNode = OF_NODE[e.kind];
    const ofGroup = OF_GROUP[e.kind];
    if (ofNode !== undefined) add(ofNode, node);
    else if (ofGroup !== undefined && "group" in e) add(ofGroup, e.group);
    else if (e.kind === "NodeStarted" && e.incarnation > 1) add("restart", node);
    else if (e.kind === "BrokerStateChanged" && e.fenced) add("fenced", `broker-${e.broker}`);
    else if (e.kind === "ControllerActive") add("controllerActive", node);
    else if (e.kind === "PartitionChanged") for (const name of this.partitionChange(e)) add(name, e.topic, `${e.topic}-${e.partition}`);
    else if (e.kind === "Truncated" || e.kind === "SegmentsDeleted") add(e.kind === "Truncated" ? "truncation" : "retention", e.topic, `${e.topic}-${e.partition}`);
    else if (e.kind === "ProduceError" || e.kind === "ProduceFailed") add(e.kind === "ProduceError" ? "produceError" : "sendFailed", e.error);
    return keys.length === 0 ? NONE : keys;
  }

  /** What a PartitionChanged is against the partition's previous state; its creation is none of them. */
  private partitionChange(e: TraceEvent & { kind: "PartitionChanged" }): LessonEventName[] {
    const key = `${e.topic}-${e.partition}`;
    const before = this.partitions.get(key);
    this.partitions.set(key, { leader: e.leader, leaderEpoch: e.leaderEpoch, isr: e.isr });
    if (before === undefined) return [];
    const names: LessonEventName[] = [];
    if (e.leader < 0 && before.leader >= 0) names.push("offline");
    if (e.leader >= 0 && (e.leader !== before.leader || e.leaderEpoch !== before.leaderEpoch)) names.push("election");
    if (before.isr.some((b) => !e.isr.includes(b))) names.push("isrShrink");
    if (e.isr.some((b) => !before.isr.includes(b))) names.push("isrExpand");
    return names;
  }
}
