// The summary of a run: the JSON object `kafkasim run --json` prints (DESIGN.md's contract;
// fields may be added, none renamed or removed).

import type { TransactionsReport } from "../check/transactions.ts";
import type { PipelineReport } from "../check/pipelines.ts";
import type { Incomplete } from "./run-stop.ts";
import type { GroupReport } from "../check/consumers.ts";
import type { LostRecord } from "../check/durability.ts";
import type { TopicState } from "../check/retention-state.ts";
import type { NemesisEntry } from "./nemesis.ts";
import type { FaultWarning } from "./fault-warning.ts";
import type { QuorumSummary } from "./quorum-monitor.ts";
import type { NetworkSummary } from "./zones.ts";
import type { EndToEnd } from "../check/end-to-end.ts";

export interface PartitionSummary {
  topic: string;
  partition: number;
  leader: number;
  leaderEpoch: number;
  isr: number[];
  /** Eligible leader replicas (KIP-966) at the end; present only when there are any. */
  elr?: number[];
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  records: number;
  bytes: number;
}

/** A group's checker report (sim/check/consumers.ts) plus its lag over time. */
export interface GroupSummary extends GroupReport {
  /** Largest total offset lag (sum over partitions of HW − committed offset; the LSO for read_committed groups) during `duration`, and at its end. */
  maxLag: number;
  finalLag: number;
  /** Age of the oldest uncommitted record: the largest during `duration`, and at its end. */
  maxTimeLagMs: number;
  finalTimeLagMs: number;
  /** With transactional producers: records processed of transactions that aborted (G1a), and before their transaction committed (dirty reads). */
  abortedRead?: number;
  uncommittedRead?: number;
}

/**
 * One broker's machine over the whole run (settle included). The disk figures survive
 * restarts (they belong to the machine); the network-thread ones count since the broker
 * process last started.
 */
export interface BrokerSummary {
  /** Bytes read from the device: page-cache misses (cold reads). */
  diskReadBytes: number;
  /** Bytes written to the device, by fsync and write-back. */
  diskWrittenBytes: number;
  /** Appends whose writer blocked because dirty data passed vm.dirty_ratio, and for how long in all. */
  appendsThrottled: number;
  appendThrottledMs: number;
  /** Time network threads were blocked sending pages not in the page cache (sendfile reads the disk). */
  networkDiskWaitMs: number;
  /** Time network threads spent on TLS (encrypting responses, decrypting produce requests). */
  networkTlsMs: number;
  /** Share of num.network.threads × run time the threads were busy with those two. */
  networkBusy: number;
}

export interface ExpectationResult {
  name: string;
  ok: boolean;
  expected: string;
  actual: number | null;
}

export interface Summary {
  scenario: string;
  seed: number;
  simulatedMs: number;
  /** Simulated ms after healing, for the cluster to settle before the check. */
  settleMs: number;
  events: number;
  traceHash: string;
  /** With transactional producers, `acknowledged` counts records of committed transactions and `aborted` those of aborted ones. */
  produced: { attempted: number; acknowledged: number; failed: number; pending: number; aborted?: number };
  durability: {
    acknowledgedLost: number;
    duplicates: number;
    outOfOrder: number;
    unacknowledgedPresent: number;
    /** Replicas whose log below their own high watermark differs from the leader's (0 since KIP-101). */
    divergentReplicas: number;
    /** Acknowledged records that retention deleted (below the final log start offset): not lost. */
    removedByRetention: number;
    /** Acknowledged records that compaction removed (a later record of the key exists, or a tombstone past delete.retention.ms): not lost. */
    removedByCompaction: number;
  };
  /** Acknowledgement latency (send() to callback) of acknowledged records. */
  latency: { p50Ms: number; p99Ms: number; maxMs: number };
  /** Final send failures (records) by Kafka error name. */
  errors: Record<string, number>;
  /** Every error response a producer got (batches), retried or final, by Kafka error name. */
  errorResponses: Record<string, number>;
  consumers: Record<string, GroupSummary>;
  partitions: PartitionSummary[];
  /** Per topic: keys, live and deleted keys, and what a reader rebuilds per key (final log, each group) against the history. */
  topics: Record<string, TopicState>;
  /** Per broker id: its disk and network threads (see BrokerSummary). */
  brokers: Record<string, BrokerSummary>;
  /** The first acknowledged-but-lost records, to find on the timeline. */
  lost: LostRecord[];
  /** How the transactional producers' transactions ended; absent without one. */
  transactions?: TransactionsReport;
  /** Per pipeline (sim/check/pipelines.ts); absent without pipelines. */
  pipelines?: Record<string, PipelineReport>;
  /** The faults the scenario's `nemesis:` drew from the seed, in firing order; absent without a nemesis. */
  nemesis?: NemesisEntry[];
  /** Key paths of Kafka configs the scenario set that the simulator accepts but does not model; absent when none. */
  notModelled?: string[];
  /** The controller quorum: elections and time without an active controller; absent with one controller. */
  controllerQuorum?: QuorumSummary;
  /** Cross-zone traffic: bytes between racks, by cause and by rack pair; absent without cluster.racks. */
  network?: NetworkSummary;
  /** Per group: send() to processed, p50/p99/max ms; with cluster.racks only (so earlier summaries keep their shape). */
  endToEnd?: Record<string, EndToEnd>;
  /** Faults that did nothing when they fired (a target naming no node, a node already so), in firing order; absent when none. */
  faultWarnings?: FaultWarning[];
  /**
   * Present when the run stopped at a run limit (events, memory) before its end: every figure is
   * then of the state at that moment, with faults not healed and no settle.
   */
  incomplete?: Incomplete;
  expectations: ExpectationResult[];
}

/**
 * The q-quantile (nearest rank) of `values`, found by quickselect in O(n); reorders `values`.
 * Sorting millions of latencies at the end of a run costed more than the run's last seconds.
 */
export function quantile(values: Float64Array, q: number): number {
  return quantiles(values, [q])[0]!;
}

/**
 * Several quantiles in ascending order of `qs`: each selection starts where the previous one
 * left its element, since quickselect leaves everything before it no greater.
 */
export function quantiles(values: Float64Array, qs: readonly number[]): number[] {
  const out: number[] = [];
  let from = 0;
  for (const q of qs) {
    const k = rankOf(values.length, q);
    out.push(select(values, k, Math.min(from, k)));
    from = k;
  }
  return out;
}

function rankOf(n: number, q: number): number {
  return Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
}

function select(values: Float64Array, k: number, from: number): number {
  const n = values.length;
  if (n === 0) return 0;
  let lo = from;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return Math.round(values[k]! * 1000) / 1000;
}
