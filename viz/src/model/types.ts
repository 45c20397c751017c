// The visualizer's model of one run: per-entity timelines precomputed from the trace, so the
// picture at any time t is a set of binary searches (RaftScope's "state as a function of time").

import type { QuorumModel } from "./controller-quorum.ts";
import type { MessageIndex } from "./messages.ts";
import type { Metrics } from "./metrics.ts";
import type { NetworkCut } from "./network-cuts.ts";
import type { OrphanStarts } from "./orphaned-tails.ts";
import type { PairSeries, StepSeries } from "./step-series.ts";

/** A process as the world sees it (NodeStarted, NodeCrashed, PowerLost, NodeStopping, ...). */
export type ProcessState = "down" | "up" | "crashed" | "powerLost" | "stopping" | "stopped" | "paused";

/** A partition as the controller's metadata has it. */
export interface PartitionView {
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly isr: readonly number[];
  /** Eligible leader replicas (KIP-966): out of the ISR, still electable. */
  readonly elr: readonly number[];
}

export interface PartitionModel {
  readonly topic: string;
  readonly partition: number;
  /** "orders-0". */
  readonly key: string;
  readonly replicationFactor: number;
  /** Brokers seen hosting a replica, ascending. */
  readonly replicas: number[];
  readonly state: StepSeries<PartitionView>;
  /** Per broker: [log end offset, high watermark] as that replica knows them. */
  readonly logs: Map<number, PairSeries>;
  /** Per broker, from when its log holds records past the current leader's (orphaned-tails.ts). */
  readonly orphanFrom: OrphanStarts;
  /** ABORT markers the leader wrote (COMMIT markers are the common case and not drawn). */
  readonly aborts: Mark[];
  /** Per broker: its last stable offset while an open transaction holds it below the HW, else -1. */
  readonly lso: Map<number, StepSeries<number>>;
}

export interface Mark {
  readonly timeUs: number;
  readonly label: string;
}

export interface ProducerModel {
  readonly id: string;
  /** Records acknowledged per metrics bucket. */
  readonly acked: Float64Array;
  /** ProduceError / ProduceFailed (retry or final). */
  readonly errors: Mark[];
  readonly retries: Mark[];
  /** A transactional producer's transactions, begin to end (toUs Infinity while open). */
  readonly transactions: TransactionSpan[];
  /** A pipeline instance's processing.guarantee (its lane is the instance's producer); absent for a producer. */
  guarantee?: string;
}

export interface TransactionSpan {
  readonly fromUs: number;
  toUs: number;
  /** "open" until commitTransaction/abortTransaction returned or the producer was fenced. */
  outcome: "open" | "committed" | "aborted" | "fenced";
}

/** A consumer group, from whichever events name it (rendered generically). */
export interface GroupModel {
  readonly group: string;
  /** From the coordinator's GroupGeneration events. */
  readonly generation: StepSeries<number>;
  /** "rebalancing" (PreparingRebalance → Stable), "reconciling" (KIP-848: members move partitions one by one), "stable", "empty", or "" before the group forms. */
  readonly state: StepSeries<string>;
  readonly marks: Mark[];
  /** Consumer instances (<group>-<n>) seen in its events. */
  readonly members: string[];
  /** Per member, the partitions it was last assigned (AssignmentReceived). */
  readonly assignment: Map<string, StepSeries<readonly number[]>>;
  /** Total lag (sum over partitions of HW − committed), the largest partition's lag, the time lag in ms. */
  readonly lag: StepSeries<number>;
  readonly lagMax: StepSeries<number>;
  readonly timeLagMs: StepSeries<number>;
  /** Lag per partition (index = partition; −1 while it has no leader). */
  readonly partitionLag: StepSeries<readonly number[]>;
  hasLag: boolean;
}

export interface LostMark {
  readonly timeUs: number;
  readonly key: string;
  readonly count: number;
}

export interface RunModel {
  readonly endUs: number;
  readonly durationUs: number;
  readonly brokers: readonly number[];
  /** broker.rack of brokers 1..n (cluster.racks); null without racks. */
  readonly racks: readonly string[] | null;
  /** Every node name: controller, brokers, producers, consumer instances, pipeline instances. */
  readonly nodes: readonly string[];
  readonly process: ReadonlyMap<string, StepSeries<ProcessState>>;
  /** The controller quorum, when the run has more than one controller (controller-quorum.ts). */
  readonly quorum: QuorumModel | null;
  readonly fenced: ReadonlyMap<number, StepSeries<boolean>>;
  readonly partitions: readonly PartitionModel[];
  readonly producers: readonly ProducerModel[];
  readonly groups: readonly GroupModel[];
  readonly faults: readonly Mark[];
  /** Network partitions in force, as spans of time. */
  readonly cuts: readonly NetworkCut[];
  readonly lost: readonly LostMark[];
  readonly metrics: Metrics;
  readonly messages: MessageIndex;
}
