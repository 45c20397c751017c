// Builds the RunModel in one pass over the trace. Each event kind updates the timelines it
// concerns; kinds the visualizer does not know are still shown in the event log, and any event
// naming a `group` lands on that group's lane (consumer-group events are rendered generically).

import type { TraceFields } from "../../../core/env.ts";
import type { Summary } from "../../../sim/run/summary.ts";
import type { Scenario } from "../../../sim/scenario/types.ts";
import type { TraceStore } from "../trace-store.ts";
import { MessageIndex } from "./messages.ts";
import { MetricsBuilder } from "./metrics.ts";
import { PairSeries, StepSeries } from "./step-series.ts";
import type { GroupModel, LostMark, Mark, PartitionModel, PartitionView, ProcessState, ProducerModel, RunModel } from "./types.ts";

const NODE_STATES: Readonly<Record<string, ProcessState>> = {
  NodeStarted: "up",
  NodeCrashed: "crashed",
  PowerLost: "powerLost",
  NodeStopping: "stopping",
  NodeStopped: "stopped",
  NodePaused: "paused",
  NodeResumed: "up",
};

const num = (e: TraceFields, k: string): number | undefined => (typeof e[k] === "number" ? (e[k] as number) : undefined);
const str = (e: TraceFields, k: string): string | undefined => (typeof e[k] === "string" ? (e[k] as string) : undefined);
const brokerOf = (node: string): number | undefined => (node.startsWith("broker-") ? Number(node.slice(7)) : undefined);

class Builder {
  readonly endUs: number;
  readonly process = new Map<string, StepSeries<ProcessState>>();
  readonly fenced = new Map<number, StepSeries<boolean>>();
  readonly partitions = new Map<string, PartitionModel>();
  readonly producers = new Map<string, ProducerModel>();
  readonly groups = new Map<string, GroupModel>();
  readonly faults: Mark[] = [];
  readonly metrics: MetricsBuilder;
  readonly messages: MessageIndex;
  readonly underReplicated = new StepSeries(0);
  readonly offline = new StepSeries(0);
  /** The ISR size each partition's leader last knew (BecameLeader, IsrChanged). */
  private readonly lastIsr = new Map<string, number>();

  constructor(
    readonly scenario: Scenario,
    readonly trace: TraceStore,
  ) {
    this.endUs = Math.max(scenario.durationUs + scenario.settleUs, trace.size > 0 ? trace.time(trace.size - 1) : 0);
    this.metrics = new MetricsBuilder(this.endUs);
    let sends = 0;
    for (const e of trace.events) if (e.kind === "Send") sends++;
    this.messages = new MessageIndex(sends);
    for (let b = 1; b <= scenario.cluster.brokers; b++) this.fenced.set(b, new StepSeries(true));
    for (const t of scenario.topics) {
      for (let p = 0; p < t.partitions; p++) this.partition(t.name, p);
    }
    for (const p of scenario.producers) this.producer(p.id);
    for (const c of scenario.consumers) this.group(c.group);
  }

  partition(topic: string, p: number): PartitionModel {
    const key = `${topic}-${p}`;
    let m = this.partitions.get(key);
    if (m === undefined) {
      const rf = this.scenario.topics.find((t) => t.name === topic)?.replicationFactor ?? 1;
      const initial: PartitionView = { leader: -1, leaderEpoch: -1, isr: [] };
      m = { topic, partition: p, key, replicationFactor: rf, replicas: [], state: new StepSeries(initial), logs: new Map() };
      this.partitions.set(key, m);
    }
    return m;
  }

  producer(id: string): ProducerModel {
    let m = this.producers.get(id);
    if (m === undefined) {
      m = { id, acked: this.metrics.acked.map(() => 0), errors: [], retries: [] };
      this.producers.set(id, m);
    }
    return m;
  }

  group(group: string): GroupModel {
    let m = this.groups.get(group);
    if (m === undefined) {
      m = { group, generation: new StepSeries(-1), state: new StepSeries(""), marks: [], members: [], assignment: new Map(), lag: new StepSeries(0), lagMax: new StepSeries(0), timeLagMs: new StepSeries(0), partitionLag: new StepSeries<readonly number[]>([]), hasLag: false };
      this.groups.set(group, m);
    }
    return m;
  }

  replicaLog(m: PartitionModel, broker: number): PairSeries {
    let s = m.logs.get(broker);
    if (s === undefined) {
      s = new PairSeries(0, 0);
      m.logs.set(broker, s);
      m.replicas.push(broker);
      m.replicas.sort((a, b) => a - b);
    }
    return s;
  }

  run(): void {
    const { trace } = this;
    for (let i = 0; i < trace.size; i++) {
      const t = trace.time(i);
      const e = trace.event(i);
      if (e.kind === "Send") {
        this.messages.add(t, num(e, "arrivalUs") ?? t, trace.node(i), String(e["to"]), String(e["msg"]));
        continue;
      }
      this.apply(t, trace.node(i), e);
    }
    this.messages.seal(this.endUs);
  }

  private apply(t: number, node: string, e: TraceFields): void {
    const state = NODE_STATES[e.kind];
    if (state !== undefined) {
      let s = this.process.get(node);
      if (s === undefined) this.process.set(node, (s = new StepSeries<ProcessState>("down")));
      s.set(t, state);
      return;
    }
    if (e.kind === "BrokerResources") {
      this.metrics.brokerResources(t, num(e, "broker") ?? 0, num(e, "networkBusy") ?? 0, num(e, "diskReadBytes") ?? 0, num(e, "appendThrottledMs") ?? 0);
      return;
    }
    const topic = str(e, "topic");
    const p = num(e, "partition");
    const broker = brokerOf(node);
    if (topic !== undefined && p !== undefined && broker !== undefined) this.replicaEvent(t, broker, this.partition(topic, p), e);
    if (e.kind === "BecameLeader" && Array.isArray(e["isr"])) this.lastIsr.set(`${topic}-${p}`, (e["isr"] as unknown[]).length);
    switch (e.kind) {
      case "PartitionChanged":
        if (topic !== undefined && p !== undefined) this.partitionChanged(t, this.partition(topic, p), e);
        return;
      case "IsrChanged":
        if (topic !== undefined && p !== undefined) this.isrChanged(t, `${topic}-${p}`, e);
        return;
      case "BrokerStateChanged": {
        const b = num(e, "broker");
        if (b !== undefined) this.fenced.get(b)?.set(t, e["fenced"] === true);
        return;
      }
      case "Fault":
        this.faults.push({ timeUs: t, label: faultLabel(e) });
        return;
      case "HealAll":
        this.faults.push({ timeUs: t, label: "heal all" });
        return;
      case "ProduceAcked":
        this.metrics.ack(t, num(e, "records") ?? 0, num(e, "latencyMs") ?? 0);
        this.producer(node).acked[this.metrics.bucket(t)]! += num(e, "records") ?? 0;
        return;
      case "ProduceRejected":
        // The broker's side of an error response (NOT_ENOUGH_REPLICAS): not a producer's lane,
        // and not counted twice — the producer's ProduceError for that response is.
        return;
      case "ProduceError":
      case "ProduceFailed":
        this.metrics.failed[this.metrics.bucket(t)]!++;
        (e["retry"] === true ? this.producer(node).retries : this.producer(node).errors).push({ timeUs: t, label: `${e.kind} ${str(e, "error") ?? ""}` });
        return;
    }
    const group = str(e, "group") ?? str(e, "groupId");
    if (group !== undefined) this.groupEvent(t, node, this.group(group), e);
  }

  private replicaEvent(t: number, broker: number, m: PartitionModel, e: TraceFields): void {
    const log = this.replicaLog(m, broker);
    const leo = log.lastA;
    const hw = log.lastB;
    switch (e.kind) {
      case "LeaderAppend":
        log.set(t, Math.max(leo, (num(e, "baseOffset") ?? 0) + (num(e, "records") ?? 0)), hw);
        return;
      case "HighWatermark":
        log.set(t, leo, num(e, "hw") ?? hw);
        return;
      case "Truncated":
        log.set(t, num(e, "to") ?? leo, Math.min(hw, num(e, "to") ?? hw));
        return;
      case "FollowerFetched":
      case "BecameLeader":
      case "BecameFollower":
      case "LogRecovered":
        log.set(t, num(e, "leo") ?? leo, num(e, "hw") ?? hw);
        return;
    }
  }

  private partitionChanged(t: number, m: PartitionModel, e: TraceFields): void {
    const isr = Array.isArray(e["isr"]) ? (e["isr"] as number[]) : m.state.last.isr;
    const view: PartitionView = { leader: num(e, "leader") ?? -1, leaderEpoch: num(e, "leaderEpoch") ?? -1, isr };
    m.state.set(t, view);
    for (const b of isr) this.replicaLog(m, b);
    let urp = 0;
    let off = 0;
    for (const pm of this.partitions.values()) {
      const v = pm.state.last;
      if (v.leaderEpoch < 0) continue;
      if (v.leader < 0) off++;
      else if (v.isr.length < pm.replicationFactor) urp++;
    }
    this.underReplicated.set(t, urp);
    this.offline.set(t, off);
  }

  /** A leader's AlterPartition took effect: Kafka counts IsrShrinksPerSec/IsrExpandsPerSec here. */
  private isrChanged(t: number, key: string, e: TraceFields): void {
    const size = Array.isArray(e["isr"]) ? (e["isr"] as unknown[]).length : 0;
    const before = this.lastIsr.get(key) ?? size;
    const b = this.metrics.bucket(t);
    if (size < before) this.metrics.shrinks[b]!++;
    if (size > before) this.metrics.expands[b]!++;
    this.lastIsr.set(key, size);
  }

  private groupEvent(t: number, node: string, g: GroupModel, e: TraceFields): void {
    if (node.startsWith(`${g.group}-`) && !g.members.includes(node)) {
      g.members.push(node);
      g.members.sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    }
    switch (e.kind) {
      case "GroupGeneration":
        g.generation.set(t, num(e, "generation") ?? g.generation.last);
        break;
      case "GroupPreparingRebalance":
        g.state.set(t, "rebalancing");
        break;
      case "GroupStable":
        g.state.set(t, "stable");
        break;
      case "GroupEmpty":
        g.state.set(t, "empty");
        break;
      // KIP-848 (group.protocol=consumer): the group epoch is the generation; while members
      // reconcile the group is not paused, so it is "reconciling", never "rebalancing".
      case "ConsumerGroupEpochBumped":
        g.generation.set(t, num(e, "epoch") ?? g.generation.last);
        g.state.set(t, num(e, "members") === 0 ? "empty" : "reconciling");
        break;
      case "ConsumerGroupStable":
        g.state.set(t, "stable");
        break;
      case "AssignmentReceived": {
        let a = g.assignment.get(node);
        if (a === undefined) g.assignment.set(node, (a = new StepSeries<readonly number[]>([])));
        a.set(t, Array.isArray(e["partitions"]) ? (e["partitions"] as number[]) : []);
        break;
      }
      case "ConsumerLag": {
        const lag = num(e, "lag");
        if (lag === undefined) break;
        g.hasLag = true;
        g.lag.set(t, lag);
        const parts = Array.isArray(e["partitions"]) ? (e["partitions"] as number[]) : [];
        g.lagMax.set(t, parts.length > 0 ? Math.max(...parts) : lag);
        g.partitionLag.set(t, parts);
        g.timeLagMs.set(t, num(e, "timeLagMs") ?? 0);
        return;
      }
    }
    if (e.kind !== "RecordsProcessed" && e.kind !== "OffsetsCommitted") g.marks.push({ timeUs: t, label: e.kind });
  }
}

function faultLabel(e: TraceFields): string {
  const action = str(e, "action") ?? "fault";
  const targets = e["nodes"] ?? e["targets"] ?? e["groups"] ?? e["broker"] ?? "";
  const what = Array.isArray(targets) ? targets.join(" | ") : String(targets);
  return `${action} ${what}`.trim();
}

export function buildModel(scenario: Scenario, trace: TraceStore, summary: Summary): RunModel {
  const b = new Builder(scenario, trace);
  b.run();
  const lost = new Map<string, LostMark>();
  for (const l of summary.lost) {
    const key = `${l.topic}-${l.partition}@${Math.round(l.ackedMs)}`;
    const prev = lost.get(key);
    lost.set(key, { timeUs: l.ackedMs * 1000, key: `${l.topic}-${l.partition}`, count: (prev?.count ?? 0) + 1 });
  }
  const lag = new Map<string, GroupModel>();
  for (const g of b.groups.values()) if (g.hasLag) lag.set(g.group, g);
  const nodes = ["controller", ...scenario.producers.map((p) => p.id)];
  for (let i = 1; i <= scenario.cluster.brokers; i++) nodes.push(`broker-${i}`);
  for (const c of scenario.consumers) for (let i = 1; i <= c.instances; i++) nodes.push(`${c.group}-${i}`);
  return {
    endUs: b.endUs,
    durationUs: scenario.durationUs,
    brokers: [...b.fenced.keys()],
    nodes,
    process: b.process,
    fenced: b.fenced,
    partitions: [...b.partitions.values()],
    producers: [...b.producers.values()],
    groups: [...b.groups.values()],
    faults: b.faults,
    lost: [...lost.values()],
    metrics: b.metrics.finish(b.underReplicated, b.offline, lag),
    messages: b.messages,
  };
}
