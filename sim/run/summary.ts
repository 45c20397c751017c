// The summary of a run: the JSON object `kafkasim run --json` prints (DESIGN.md's contract;
// fields may be added, none renamed or removed).

import type { LostRecord } from "../check/durability.ts";

export interface PartitionSummary {
  topic: string;
  partition: number;
  leader: number;
  leaderEpoch: number;
  isr: number[];
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
  records: number;
  bytes: number;
}

export interface GroupSummary {
  consumed: number;
  maxLag: number;
  finalLag: number;
  rebalances: number;
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
  produced: { attempted: number; acknowledged: number; failed: number; pending: number };
  durability: {
    acknowledgedLost: number;
    duplicates: number;
    outOfOrder: number;
    unacknowledgedPresent: number;
    /** Replicas whose log below their own high watermark differs from the leader's (0 since KIP-101). */
    divergentReplicas: number;
  };
  /** Acknowledgement latency (send() to callback) of acknowledged records. */
  latency: { p50Ms: number; p99Ms: number; maxMs: number };
  /** Final send failures (records) by Kafka error name. */
  errors: Record<string, number>;
  /** Every error response a producer got (batches), retried or final, by Kafka error name. */
  errorResponses: Record<string, number>;
  consumers: Record<string, GroupSummary>;
  partitions: PartitionSummary[];
  /** The first acknowledged-but-lost records, to find on the timeline. */
  lost: LostRecord[];
  expectations: ExpectationResult[];
}

export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round(sorted[i]! * 1000) / 1000;
}
