// Runs a scenario: a safety phase of `duration` with the scheduled faults, then every fault
// is healed and the cluster gets `settle` to converge (a liveness phase, as TigerBeetle's
// VOPR and Jepsen do), then the checker reads the committed logs and the history.

import { brokerNode } from "../../core/cluster-names.ts";
import type { Broker } from "../../core/broker/broker.ts";
import { activeController } from "./active-controller.ts";
import { NO_LEADER } from "../../core/protocol/metadata-records.ts";
import { checkTransactions, readCommittedView } from "../check/transactions.ts";
import { checkDurability, type CommittedLog } from "../check/durability.ts";
import { removalRules, type RemovalRules } from "../check/retention-removals.ts";
import { LogPresence } from "../check/log-presence.ts";
import { BrokerResourceSampler } from "./broker-resources.ts";
import { topicState, type TopicState } from "../check/retention-state.ts";
import { brokerSummaries } from "./broker-summary.ts";
import { endToEndLatency } from "../check/end-to-end.ts";
import { groupSummaries } from "./consumer-summary.ts";
import { pipelineSummaries } from "./pipeline-summary.ts";
import { divergentOffsets } from "../check/replica-divergence.ts";
import type { Scenario } from "../scenario/types.ts";
import type { TraceListener } from "../trace/trace.ts";
import { buildCluster, startCluster, type Cluster } from "./cluster.ts";
import { runTopics } from "./run-topics.ts";
import { evaluate } from "./expectations.ts";
import { FaultInjector } from "./faults.ts";
import { reportingViolations } from "./invariant-failure.ts";
import { InvariantChecker } from "../check/invariants/invariant-checker.ts";
import type { NemesisEntry } from "./nemesis.ts";
import type { FaultWarning } from "./fault-warning.ts";
import type { PartitionSummary, Summary } from "./summary.ts";
import type { LatencyHistogram } from "../check/latency-histogram.ts";
import { defaultRunLimits } from "../scenario/run-limits.ts";
import { incompleteOf, MemoryLimitExceeded, type Incomplete } from "./run-stop.ts";

export interface RunOptions {
  /** Called with simulated µs done and total, about every simulated second. */
  onProgress?: (doneUs: number, totalUs: number) => void;
  /** Receives every trace event (the NDJSON writer, the visualizer). */
  onTrace?: TraceListener;
  /** Hard bound on events (default: the `events` run limit); reaching it stops the run, incomplete. */
  eventLimit?: number;
  /** Events in a row at one simulated instant before the run counts as stuck (default: the run limit). */
  instantLimit?: number;
  /** A heap budget (the `memory` run limit), checked every CHECKPOINT_EVENTS events; crossing it stops the run, incomplete. */
  memory?: MemoryBudget;
  /** false: every producer record arrival is its own event (same history, slower; for tests). */
  runAhead?: boolean;
  /** Check invariants after every event (`--check`); a violation throws InvariantFailure. */
  check?: boolean;
}

export interface MemoryBudget {
  readonly limitBytes: number;
  /** Heap in use; `precise` after a full collection (asked only when the cheap figure is over the limit). */
  readonly liveBytes: (precise: boolean) => number;
}

export interface RunResult {
  readonly summary: Summary;
  readonly cluster: Cluster;
}

const STEP_US = 1_000_000;

function checkMemory(memory: MemoryBudget, nowUs: number): void {
  if (memory.liveBytes(false) <= memory.limitBytes) return;
  const live = memory.liveBytes(true); // garbage not yet collected does not count
  if (live > memory.limitBytes) throw new MemoryLimitExceeded(live, nowUs);
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  const cluster = buildCluster(scenario, options.runAhead ?? true);
  const { world } = cluster;
  return reportingViolations(scenario.name, scenario.seed, () => world.scheduler.now(), () => {
    world.scheduler.eventLimit = options.eventLimit ?? defaultRunLimits().events;
    world.scheduler.instantLimit = options.instantLimit ?? defaultRunLimits()["events-at-one-instant"];
    const memory = options.memory;
    if (memory !== undefined) world.scheduler.onCheckpoint = () => checkMemory(memory, world.scheduler.now());
    if (options.onTrace) world.trace.listen(options.onTrace);
    const faults = new FaultInjector(world, cluster.disks, cluster.brokerIds, cluster.controllerNodes, cluster.zones);
    startCluster(cluster);
    if (options.check === true) new InvariantChecker(cluster).install();
    faults.scheduleScenario(scenario);
    if (scenario.consumers.length > 0) cluster.lag.schedule(scenario.durationUs);
    cluster.quorum?.schedule(scenario.durationUs);
    const total = scenario.durationUs + scenario.settleUs;
    cluster.zones?.schedule(total);
    new BrokerResourceSampler(world, cluster.disks, cluster.brokerIds, Number(scenario.cluster.config["num.network.threads"])).schedule(total);
    const runTo = (until: number): void => {
      for (let t = world.scheduler.now(); t < until; ) {
        t = Math.min(until, t + STEP_US);
        world.scheduler.runUntil(t);
        options.onProgress?.(t, total);
      }
    };
    let incomplete: Incomplete | null = null;
    try {
      runTo(scenario.durationUs);
      if (scenario.consumers.length > 0) cluster.lag.sample(true);
      faults.healEverything();
      runTo(total);
    } catch (error) {
      incomplete = incompleteOf(error, memory?.limitBytes ?? Number.POSITIVE_INFINITY, world.scheduler.instantLimit);
      if (incomplete === null) throw error;
    }
    world.scheduler.onCheckpoint = null;
    return { summary: summarize(cluster, faults.nemesisSchedule, faults.warnings, incomplete), cluster };
  });
}

/** The committed log of each partition: its leader's, or the most advanced live replica's if offline. */
export function committedLogs(cluster: Cluster): { logs: (CommittedLog & { logStartOffset: number })[]; partitions: PartitionSummary[]; divergentReplicas: number; abortedInLog: number; hangingInLog: number } {
  const { world, scenario } = cluster;
  const controller = activeController(world, cluster.controllerNodes);
  const logs: (CommittedLog & { logStartOffset: number })[] = [];
  const partitions: PartitionSummary[] = [];
  let divergentReplicas = 0;
  let abortedInLog = 0;
  let hangingInLog = 0;
  for (const t of runTopics(cluster)) {
    for (let p = 0; p < t.partitions; p++) {
      const state = controller?.metadata().partition(t.name, p);
      const leader = state?.leader ?? NO_LEADER;
      let replica = leader === NO_LEADER ? undefined : (world.nodeOf(brokerNode(leader)) as Broker | null)?.partition(t.name, p);
      if (replica === undefined) {
        for (const id of cluster.brokerIds) {
          const r = (world.nodeOf(brokerNode(id)) as Broker | null)?.partition(t.name, p);
          if (r !== undefined && (replica === undefined || r.log.highWatermark > replica.log.highWatermark)) replica = r;
        }
      }
      const log = replica?.log;
      const batches = log?.allBatches() ?? [];
      // Any replica, in the ISR or not, must agree with the leader below its own high watermark:
      // those are records it believes committed.
      for (const id of state?.replicas ?? []) {
        if (id === leader || log === undefined) continue;
        const other = (world.nodeOf(brokerNode(id)) as Broker | null)?.partition(t.name, p)?.log;
        if (other === undefined) continue;
        const upTo = Math.min(log.highWatermark, other.highWatermark);
        // Counted, not traced: checker output stays out of the simulation's trace and traceHash.
        if (divergentOffsets(batches, other.allBatches(), upTo) > 0) divergentReplicas++;
      }
      // The checkers read what a read_committed reader reads: markers, aborted and undecided transactions are not records of the log.
      const view = readCommittedView(batches, log?.highWatermark ?? 0);
      abortedInLog += view.aborted;
      hangingInLog += view.hanging;
      logs.push({ topic: t.name, partition: p, batches: view.batches, highWatermark: log?.highWatermark ?? 0, logStartOffset: log?.logStartOffset ?? 0 });
      partitions.push({
        topic: t.name,
        partition: p,
        leader,
        leaderEpoch: state?.leaderEpoch ?? -1,
        isr: [...(state?.isr ?? [])],
        ...(state !== undefined && state.elr.length > 0 ? { elr: [...state.elr] } : {}),
        logStartOffset: log?.logStartOffset ?? 0,
        logEndOffset: log?.logEndOffset ?? 0,
        highWatermark: log?.highWatermark ?? 0,
        records: log?.recordCount() ?? 0,
        bytes: log?.sizeBytes ?? 0,
      });
    }
  }
  return { logs, partitions, divergentReplicas, abortedInLog, hangingInLog };
}

/** summary.topics: what a reader rebuilds per key, from the final log and from each group, against the history. */
function topicStates(cluster: Cluster, logs: readonly CommittedLog[], removals: RemovalRules, presence: LogPresence): Record<string, TopicState> {
  const out: Record<string, TopicState> = {};
  const groups = cluster.consumerHistory.allGroups();
  for (const t of runTopics(cluster)) {
    const state = topicState(t.name, cluster.history, cluster.keys, logs, groups, removals, presence);
    Object.defineProperty(out, t.name, { value: state, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function latencyFigures(latency: LatencyHistogram): Summary["latency"] {
  const [p50Ms, p99Ms, maxMs] = latency.quantilesMs([0.5, 0.99, 1]) as [number, number, number];
  return { p50Ms, p99Ms, maxMs };
}

/** `safetyUs`: the simulated time the run reached before healing (serve stopped by Ctrl-C ends before `duration`). */
export function summarize(cluster: Cluster, nemesis: NemesisEntry[] | null = null, faultWarnings: readonly FaultWarning[] = [], incomplete: Incomplete | null = null, safetyUs = cluster.scenario.durationUs): Summary {
  const { world, scenario, history } = cluster;
  const committed = committedLogs(cluster);
  const { partitions, divergentReplicas } = committed;
  // Retention and compaction remove records on purpose; the checkers excuse exactly those.
  const removals = removalRules(history, cluster.keys, committed.logs, cluster.topicSettings, world.scheduler.now());
  const logs = committed.logs.map((l) => ({ ...l, removals }));
  const presence = new LogPresence(history, logs);
  const durability = checkDurability(history, logs, removals, presence);
  const errors: Record<string, number> = Object.fromEntries(history.errors);
  const summary: Summary = {
    scenario: scenario.name,
    seed: scenario.seed,
    simulatedMs: safetyUs / 1000,
    settleMs: scenario.settleUs / 1000,
    events: world.scheduler.processed,
    traceHash: world.trace.traceHash,
    produced: {
      attempted: history.attemptedCount,
      acknowledged: history.acknowledgedCount,
      failed: history.failedCount,
      pending: history.attemptedCount - history.acknowledgedCount - history.failedCount - history.abortedCount,
      ...(cluster.transactionTimeouts === null ? {} : { aborted: history.abortedCount }),
    },
    durability: {
      acknowledgedLost: durability.acknowledgedLost,
      duplicates: durability.duplicates,
      outOfOrder: durability.outOfOrder,
      unacknowledgedPresent: durability.unacknowledgedPresent,
      divergentReplicas,
      removedByRetention: durability.removedByRetention,
      removedByCompaction: durability.removedByCompaction,
    },
    latency: latencyFigures(history.latency),
    errors,
    errorResponses: Object.fromEntries(history.errorResponses),
    consumers: groupSummaries(cluster, logs),
    topics: topicStates(cluster, logs, removals, presence),
    partitions,
    brokers: brokerSummaries(cluster),
    lost: [...durability.lost],
    ...(cluster.transactionTimeouts === null ? {} : { transactions: checkTransactions(history, cluster.transactionTimeouts.count, committed.abortedInLog, committed.hangingInLog) }),
    ...(scenario.pipelines.length === 0 ? {} : { pipelines: pipelineSummaries(cluster, logs) }),
    ...(nemesis === null ? {} : { nemesis }),
    ...(scenario.notModelled.length === 0 ? {} : { notModelled: scenario.notModelled.map((w) => w.path) }),
    ...(cluster.quorum === null ? {} : { controllerQuorum: cluster.quorum.summary(scenario.durationUs) }),
    ...(cluster.zones === null ? {} : { network: cluster.zones.summary() }),
    ...(cluster.zones === null || scenario.consumers.length === 0 ? {} : { endToEnd: endToEndLatency(cluster.consumerHistory, history) }),
    ...(faultWarnings.length === 0 ? {} : { faultWarnings: [...faultWarnings] }),
    ...(incomplete === null ? {} : { incomplete }),
    expectations: [],
  };
  // A stopped run never healed nor settled: judging its expectations would answer another question.
  summary.expectations = incomplete === null ? evaluate(summary, scenario.expect) : [];
  return summary;
}
