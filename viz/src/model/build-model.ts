// Builds the RunModel in one pass over the trace. Each event kind updates the timelines it
// concerns (one exhaustive switch, so a new kind must say where it goes); every kind is shown in
// the event log, and any event naming a `group` lands on that group's lane (consumer-group
// events are rendered generically).

import { TRANSACTION_STATE_TOPIC } from "../../../core/txn/transaction-state-partition.ts";
import { assertNever } from "../../../core/assert-never.ts";
import type { IsrChanged, PartitionChanged, TraceEvent } from "../../../core/trace/index.ts";
import { faultLabel } from "./fault-label.ts";
import type { Summary } from "../../../sim/run/summary.ts";
import type { Scenario } from "../../../sim/scenario/types.ts";
import type { TraceStore } from "../trace-store.ts";
import { MessageIndex } from "./messages.ts";
import { MetricsBuilder } from "./metrics.ts";
import { NetworkCuts } from "./network-cuts.ts";
import { OrphanedTails } from "./orphaned-tails.ts";
import { PairSeries, StepSeries } from "./step-series.ts";
const NO_ELR: readonly number[] = [];

import { QuorumBuilder } from "./controller-quorum.ts";
import type { GroupModel, LostMark, Mark, PartitionModel, PartitionView, ProcessState, ProducerModel, RunModel } from "./types.ts";

/** Events that name a partition's replica: from a broker, they put that broker on the partition's lane. */
type ReplicaLogEvent = Extract<TraceEvent, { readonly topic: string; readonly partition: number }>;
/** Events that name a consumer group: they land on that group's lane. */
type GroupLaneEvent = Extract<TraceEvent, { readonly group: string }>;

const brokerOf = (node: string): number | undefined => (node.startsWith("broker-") ? Number(node.slice(7)) : undefined);

class Builder {
  readonly endUs: number;
  readonly process = new Map<string, StepSeries<ProcessState>>();
  readonly quorum = new QuorumBuilder();
  readonly fenced = new Map<number, StepSeries<boolean>>();
  readonly partitions = new Map<string, PartitionModel>();
  readonly producers = new Map<string, ProducerModel>();
  readonly groups = new Map<string, GroupModel>();
  readonly faults: Mark[] = [];
  readonly cuts = new NetworkCuts();
  private readonly orphans = new Map<string, OrphanedTails>();
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
    // A pipeline instance is a producer lane (its outputs and transactions) and a member of its group.
    for (const p of scenario.pipelines) {
      for (let i = 1; i <= p.instances; i++) this.producer(`${p.id}-${i}`).guarantee = p.streams.processingGuarantee;
      this.group(p.group);
    }
  }

  partition(topic: string, p: number): PartitionModel {
    const key = `${topic}-${p}`;
    let m = this.partitions.get(key);
    if (m === undefined) {
      const rf = this.scenario.topics.find((t) => t.name === topic)?.replicationFactor ?? 1;
      const initial: PartitionView = { leader: -1, leaderEpoch: -1, isr: [], elr: [] };
      const orphans = new OrphanedTails();
      this.orphans.set(key, orphans);
      m = { topic, partition: p, key, replicationFactor: rf, replicas: [], state: new StepSeries(initial), logs: new Map(), orphanFrom: orphans.starts, aborts: [], lso: new Map() };
      this.partitions.set(key, m);
    }
    return m;
  }

  producer(id: string): ProducerModel {
    let m = this.producers.get(id);
    if (m === undefined) {
      m = { id, acked: this.metrics.acked.map(() => 0), errors: [], retries: [], transactions: [] };
      this.producers.set(id, m);
    }
    return m;
  }

  /** A span per transaction: opened by begin, closed by its end (commit/abort steps only announce one). */
  private producerTransaction(t: number, m: ProducerModel, step: string): void {
    const open = m.transactions.at(-1);
    if (step === "begin") {
      m.transactions.push({ fromUs: t, toUs: Number.POSITIVE_INFINITY, outcome: "open" });
      return;
    }
    if (open === undefined || open.outcome !== "open") return;
    if (step === "committed" || step === "aborted" || step === "fenced") {
      open.toUs = t;
      open.outcome = step;
    }
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
        this.messages.add(t, e.arrivalUs, trace.node(i), e.to, e.msg);
        continue;
      }
      this.apply(t, trace.node(i), e);
    }
    this.messages.seal(this.endUs);
  }

  private apply(t: number, node: string, e: TraceEvent): void {
    switch (e.kind) {
      case "NodeStarted":
      case "NodeResumed":
        return this.processState(t, node, "up");
      case "NodeCrashed":
        return this.processState(t, node, "crashed");
      case "PowerLost":
        return this.processState(t, node, "powerLost");
      case "NodeStopping":
        return this.processState(t, node, "stopping");
      case "NodeStopped":
        return this.processState(t, node, "stopped");
      case "NodePaused":
        return this.processState(t, node, "paused");
      case "BrokerResources":
        return this.metrics.brokerResources(t, e.broker, e.networkBusy, e.diskReadBytes, e.appendThrottledMs);
      case "CrossZoneTraffic":
        return this.metrics.crossZone(t, e);
      case "BecameLeader":
        this.replicaEvent(t, node, e);
        this.lastIsr.set(`${e.topic}-${e.partition}`, e.isr.length);
        return;
      case "IsrChanged":
        this.replicaEvent(t, node, e);
        return this.isrChanged(t, `${e.topic}-${e.partition}`, e);
      case "LeaderAppend":
      case "HighWatermark":
      case "Truncated":
      case "FollowerFetched":
      case "BecameFollower":
      case "LogRecovered":
      case "DuplicateBatch":
      case "IsrExpandRequested":
      case "IsrShrinkRequested":
      case "FollowerFetchError":
      case "FollowerLogReset":
      case "FollowerAppendFailed":
      case "SegmentsDeleted":
      case "LogCleaned":
        return this.replicaEvent(t, node, e);
      case "ProduceRejected":
        // The broker's side of an error response (NOT_ENOUGH_REPLICAS): not a producer's lane,
        // and not counted twice — the producer's ProduceError for that response is.
        return this.replicaEvent(t, node, e);
      case "PartitionChanged":
        if (e.topic === TRANSACTION_STATE_TOPIC) return; // 50 coordinator partitions would bury the scenario's own
        return this.partitionChanged(t, this.partition(e.topic, e.partition), e);
      case "BrokerStateChanged":
        this.fenced.get(e.broker)?.set(t, e.fenced);
        return;
      case "Fault":
        this.faults.push({ timeUs: t, label: faultLabel(e) });
        if (e.action === "partition") this.cuts.partition(t, e.groups, e.oneWay, e.forMs);
        if (e.action === "heal" && e.links === undefined) this.cuts.healAll(t);
        return;
      case "HealAll":
        this.faults.push({ timeUs: t, label: "heal all" });
        this.cuts.healAll(t);
        return;
      case "ProduceAcked":
        this.metrics.ack(t, e.records, e.latencyMs);
        this.producer(node).acked[this.metrics.bucket(t)]! += e.records;
        return;
      case "ProduceError":
      case "ProduceFailed": {
        this.metrics.failed[this.metrics.bucket(t)]!++;
        const retried = e.kind === "ProduceError" && e.retry;
        (retried ? this.producer(node).retries : this.producer(node).errors).push({ timeUs: t, label: `${e.kind} ${e.error}` });
        return;
      }
      case "ConsumerSeek":
      case "ConsumerFetchError":
      case "ConsumerPositionValidated":
      case "ConsumerLogTruncation":
      case "RecordsProcessed":
      case "OffsetsCommitted":
      case "OffsetCommitFailed":
      case "ConsumerFailed":
      case "CoordinatorFound":
      case "CoordinatorLost":
      case "RejoinRequested":
      case "JoinGroupSent":
      case "AssignmentComputed":
      case "AssignmentReceived":
      case "PartitionsRevoked":
      case "PartitionsLost":
      case "PollTimeoutExpired":
      case "LeaveGroup":
      case "ConsumerGroupHeartbeatJoin":
      case "ConsumerGroupJoined":
      case "ConsumerGroupMemberFencedClient":
      case "GroupMemberAdded":
      case "StaticMemberReplaced":
      case "GroupMemberExpired":
      case "GroupMemberRemoved":
      case "GroupPreparingRebalance":
      case "GroupGeneration":
      case "GroupStable":
      case "GroupEmpty":
      case "ConsumerGroupMemberJoined":
      case "ConsumerGroupStaticMemberReplaced":
      case "ConsumerGroupEpochBumped":
      case "ConsumerGroupTargetAssignment":
      case "ConsumerGroupMemberReconciled":
      case "ConsumerGroupStable":
      case "ConsumerGroupMemberLeft":
      case "ConsumerGroupMemberFenced":
      case "ConsumerLag":
        return this.groupEvent(t, node, this.group(e.group), e);
      case "ControllerActive":
        this.quorum.onControllerActive(t, node, e.epoch);
        return;
      case "ProducerTransaction":
        return this.producerTransaction(t, this.producer(node), e.step);
      case "TxnMarkerWritten":
        if (e.result === "ABORT") this.partition(e.topic, e.partition).aborts.push({ timeUs: t, label: `ABORT marker at offset ${e.offset}` });
        return;
      case "RaftStateChanged":
        this.quorum.onRole(t, node, e.role, e.epoch);
        return;
      case "RaftLogProgress":
        this.quorum.onLogProgress(t, node, e.logEnd, e.highWatermark);
        return;
      // Shown in the event log only (Send is counted in run()).
      case "Send":
      case "Dropped":
      case "StopTimedOut":
      case "MetadataCaughtUp":
      case "LogRecoveryFinished":
      case "BrokerRegistered":
      case "ControlledShutdownRequested":
      case "ControlledShutdownComplete":
      case "RaftTruncated":
      case "BrokerRegistrationAccepted":
      case "BrokerRegistrationRefused":
      case "BrokerSessionExpired":
      case "ProduceSent":
      case "ProduceLateResponse":
      case "ProduceBatchSplit":
      case "ProducerEpochBumped":
      case "SendBlockedTimeout":
      case "ProducerMetadata":
      case "ProducerIdAssigned":
      case "CommitSyncFailed":
      case "CoordinatorLoading":
      case "CoordinatorLoaded":
      case "CoordinatorUnloaded":
      case "NemesisSchedule":
      case "TransactionStateChanged":
      case "TransactionMarkersSent":
      case "TransactionTimedOut":
      case "TransactionCoordinatorLoaded":
      case "TransactionCoordinatorUnloaded":
        return;
      default:
        return assertNever(e);
    }
  }

  private processState(t: number, node: string, state: ProcessState): void {
    this.quorum.onProcess(t, node, state);
    let s = this.process.get(node);
    if (s === undefined) this.process.set(node, (s = new StepSeries<ProcessState>("down")));
    s.set(t, state);
  }

  /** A broker's event about one of its replicas: the replica joins the lane, its LEO and HW move. */
  private replicaEvent(t: number, node: string, e: ReplicaLogEvent): void {
    const broker = brokerOf(node);
    if (broker === undefined || e.topic === TRANSACTION_STATE_TOPIC) return;
    const m = this.partition(e.topic, e.partition);
    const log = this.replicaLog(m, broker);
    const orphans = this.orphans.get(m.key)!;
    const leo = log.lastA;
    const hw = log.lastB;
    switch (e.kind) {
      case "LeaderAppend":
        log.set(t, Math.max(leo, e.baseOffset + e.records), hw);
        return;
      case "HighWatermark": {
        log.set(t, leo, e.hw);
        let lso = m.lso.get(broker);
        if (e.lso === undefined && lso === undefined) return; // no transaction has held this replica's LSO back
        if (lso === undefined) m.lso.set(broker, (lso = new StepSeries(-1)));
        lso.set(t, e.lso ?? -1);
        return;
      }
      case "Truncated":
        log.set(t, e.to, Math.min(hw, e.to));
        orphans.cut(t, broker, e.to, true);
        return;
      case "BecameLeader":
        orphans.elected(t, broker, e.leo, new Map([...m.logs].map(([b, l]) => [b, l.lastA])));
        log.set(t, e.leo, e.hw);
        return;
      case "LogRecovered":
        orphans.cut(t, broker, e.leo, false);
        log.set(t, e.leo, e.hw);
        return;
      case "FollowerFetched":
      case "BecameFollower":
        log.set(t, e.leo, e.hw);
        return;
      default:
        // The other replica events move neither offset; they only place the replica.
        return;
    }
  }

  private partitionChanged(t: number, m: PartitionModel, e: PartitionChanged): void {
    const isr = e.isr;
    // A shrink the leader asked for (AlterPartition) is "isr-shrink"; any other is the controller's own.
    if (isr.length < m.state.last.isr.length && e.reason !== "isr-shrink") this.metrics.controllerShrinksUs.push(t);
    const view: PartitionView = { leader: e.leader, leaderEpoch: e.leaderEpoch, isr, elr: e.elr ?? NO_ELR };
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
  private isrChanged(t: number, key: string, e: IsrChanged): void {
    const size = e.isr.length;
    const before = this.lastIsr.get(key) ?? size;
    const b = this.metrics.bucket(t);
    if (size < before) this.metrics.shrinks[b]!++;
    if (size > before) this.metrics.expands[b]!++;
    this.lastIsr.set(key, size);
  }

  private groupEvent(t: number, node: string, g: GroupModel, e: GroupLaneEvent): void {
    if (node.startsWith(`${g.group}-`) && !g.members.includes(node)) {
      g.members.push(node);
      g.members.sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    }
    switch (e.kind) {
      case "GroupGeneration":
        g.generation.set(t, e.generation);
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
        g.generation.set(t, e.epoch);
        g.state.set(t, e.members === 0 ? "empty" : "reconciling");
        break;
      case "ConsumerGroupStable":
        g.state.set(t, "stable");
        break;
      case "AssignmentReceived": {
        let a = g.assignment.get(node);
        if (a === undefined) g.assignment.set(node, (a = new StepSeries<readonly number[]>([])));
        a.set(t, e.partitions);
        break;
      }
      case "ConsumerLag": {
        g.hasLag = true;
        g.lag.set(t, e.lag);
        const parts = e.partitions;
        g.lagMax.set(t, parts.length > 0 ? Math.max(...parts) : e.lag);
        g.partitionLag.set(t, parts);
        g.timeLagMs.set(t, e.timeLagMs);
        return;
      }
      default:
        // Every other group event is a mark on the lane, below.
        break;
    }
    if (e.kind !== "RecordsProcessed" && e.kind !== "OffsetsCommitted") g.marks.push({ timeUs: t, label: e.kind });
  }
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
  for (const p of scenario.pipelines) for (let i = 1; i <= p.instances; i++) nodes.push(`${p.id}-${i}`);
  return {
    endUs: b.endUs,
    durationUs: scenario.durationUs,
    brokers: [...b.fenced.keys()],
    racks: scenario.cluster.racks,
    nodes,
    process: b.process,
    quorum: b.quorum.finish(),
    fenced: b.fenced,
    partitions: [...b.partitions.values()],
    producers: [...b.producers.values()],
    groups: [...b.groups.values()],
    faults: b.faults,
    cuts: b.cuts.finish(b.endUs),
    lost: [...lost.values()],
    metrics: b.metrics.finish(b.underReplicated, b.offline, lag),
    messages: b.messages,
  };
}
