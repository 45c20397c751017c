// The normalized scenario: what sim/world, the checker, the CLI and the visualizer get
// from the loader. Every default is filled, every duration is integer microseconds,
// every size bytes, every config resolved against Kafka's catalog.

import type { TransactionPlan } from "../../core/producer/transaction-plan.ts";
import type { StreamsSettings } from "../../core/config/streams-config.ts";
import type { ConfigValue } from "../../core/config/catalog.ts";
import type { ScenarioWarning } from "./scenario-warning.ts";
import type { LatencySpec } from "../net/latency.ts";
import type { LessonAnchor } from "./lesson-events.ts";

export type { ConfigValue };

/** Where a node came from: the scenario file, or `--set` (line = which override, from 1). */
export interface Loc {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  /** Simulated time with faults, before they are healed. */
  readonly durationUs: number;
  /** `settle:` (default 60s): time after healing every fault for the cluster to converge before the checker reads the logs. */
  readonly settleUs: number;
  readonly cluster: ClusterSpec;
  readonly topics: readonly TopicSpec[];
  readonly producers: readonly ProducerSpec[];
  readonly consumers: readonly ConsumerSpec[];
  /** Consume-transform-produce applications (Kafka Streams): one output record per input record. */
  readonly pipelines: readonly PipelineSpec[];
  /** In the order written (the world schedules them by time; ties keep this order). */
  readonly faults: readonly Fault[];
  /** Faults drawn from the seed; null when the scenario has none. */
  readonly nemesis: Nemesis | null;
  readonly expect: readonly Expectation[];
  readonly lesson: readonly LessonStep[];
  /** Kafka keys set away from their defaults that the simulator accepts but does not model. */
  readonly notModelled: readonly ScenarioWarning[];
}

export interface ClusterSpec {
  /** Broker ids are 1..brokers. */
  readonly brokers: number;
  /** Controller nodes: 1 (one active controller, "controller") or a Raft quorum of controller-1..N. */
  readonly controllers: number;
  readonly network: { readonly latency: LatencySpec; readonly bandwidthBytesPerSec: number; readonly loss: number };
  readonly disk: {
    readonly throughputBytesPerSec: number;
    readonly fsyncLatencyUs: number;
    readonly readLatencyUs: number;
    readonly pageCacheBytes: number;
    /** Linux dirty_expire_centisecs: dirty pages older than this are written back by the OS. */
    readonly writebackDelayUs: number;
    /** Linux vm.dirty_background_ratio, percent of the page cache: above it write-back starts at once. */
    readonly dirtyBackgroundRatio: number;
    /** Linux vm.dirty_ratio, percent of the page cache: above it writers block until write-back catches up. */
    readonly dirtyRatio: number;
  };
  /** Resolved broker config (defaults filled). */
  readonly config: Readonly<Record<string, ConfigValue>>;
  readonly ssl: boolean;
  /** `cluster.racks`: broker i's broker.rack is racks[i-1]; null when the cluster has no racks. */
  readonly racks: readonly string[] | null;
  /** `cluster.network.racks`: the link between two racks (within one, `network`); null without racks. */
  readonly rackNetwork: { readonly latency: LatencySpec; readonly bandwidthBytesPerSec: number } | null;
}

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Replicas per partition, preferred leader first; null = let the controller place them. */
  readonly assignment: readonly (readonly number[])[] | null;
  /** Effective topic config: the topic's keys over the cluster's log.* defaults. */
  readonly config: Readonly<Record<string, ConfigValue>>;
}

export interface ProducerSpec {
  readonly id: string;
  readonly topic: string;
  readonly rate: RateSchedule;
  readonly keys: KeySpec;
  /** Bytes. */
  readonly valueSizeBytes: Distribution;
  /** Share of records sent with a null value (deletes on compacted topics). */
  readonly tombstones: number;
  /** Send every record to this partition; null = the partitioner decides. */
  readonly partition: number | null;
  /** Stop after this many records; null = until the end of `duration`. */
  readonly maxRecords: number | null;
  /** How the application uses its transactional producer; null without a transactional.id. */
  readonly transactions: TransactionPlan | null;
  /** Resolved producer config, after Kafka's post-processing (idempotence may be off). */
  readonly config: Readonly<Record<string, ConfigValue>>;
}

export interface ConsumerSpec {
  readonly group: string;
  readonly topic: string;
  /** Instances are named <group>-1 .. <group>-<instances>. */
  readonly instances: number;
  /** true: instance n has group.instance.id "<group>-<n>" (KIP-345). */
  readonly static: boolean;
  /** Microseconds per record. */
  readonly processingTimeUs: Distribution;
  /** Resolved consumer config; group.id is the group. */
  readonly config: Readonly<Record<string, ConfigValue>>;
  /** `racks:` instance n's client.rack is racks[n-1] (over config.client.rack); null = the config's. */
  readonly racks: readonly string[] | null;
}

export interface PipelineSpec {
  /** The application id; instances are named <id>-1 .. <id>-<instances>. */
  readonly id: string;
  /** The instances' consumer group. */
  readonly group: string;
  readonly from: string;
  readonly to: string;
  readonly instances: number;
  /** Microseconds per input record. */
  readonly processingTimeUs: Distribution;
  readonly streams: StreamsSettings;
  /** The resolved client configs Streams gives its consumer and producer (the producer's transactional.id is per instance). */
  readonly consumerConfig: Readonly<Record<string, ConfigValue>>;
  readonly producerConfig: Readonly<Record<string, ConfigValue>>;
}

/** `latency: 1ms, jitter: 200us` is normal(1ms, 200us) truncated at 0 (the network's own type). */
export type { LatencySpec } from "../net/latency.ts";

/** Values in the unit of the field (microseconds for times, bytes for sizes). */
export type Distribution =
  | { readonly kind: "fixed"; readonly value: number }
  | { readonly kind: "uniform"; readonly min: number; readonly max: number }
  | { readonly kind: "normal"; readonly mean: number; readonly stddev: number }
  | { readonly kind: "lognormal"; readonly median: number; readonly sigma: number }
  | { readonly kind: "exponential"; readonly mean: number };

/** Piecewise-constant send rate; before the first step the rate is 0 (the loader adds {atUs: 0, perSec: 0} when needed). */
export type RateSchedule = readonly { readonly atUs: number; readonly perSec: number }[];

export const KEY_DISTRIBUTIONS = ["uniform", "zipf", "fixed", "none", "composite", "salted"] as const;

/**
 * uniform: keys "k0".."k{count-1}"; zipf: the same space ranked by zipf(exponent);
 * fixed: `key` for a `share` of records, the rest uniform over count; composite: `key`
 * joined with a uniform sub-key ("US-123") for `share` of records; salted: `key` with a
 * salt suffix 0..salts-1 ("US#3"); none: null keys.
 */
export interface KeySpec {
  readonly distribution: (typeof KEY_DISTRIBUTIONS)[number];
  readonly count: number;
  readonly exponent: number;
  readonly key: string;
  readonly share: number;
  readonly salts: number;
}

export type Target =
  | { readonly kind: "broker"; readonly id: number }
  | { readonly kind: "all" }
  | { readonly kind: "controller" }
  /** One named controller of a quorum: controller-<id>, id 1..cluster.controllers. */
  | { readonly kind: "controllerNode"; readonly id: number }
  | { readonly kind: "leader"; readonly topic: string; readonly partition: number }
  | { readonly kind: "producer"; readonly id: string }
  /** A consumer instance <group>-<n>, or a pipeline instance <id>-<n> (group is then the pipeline id). */
  | { readonly kind: "consumer"; readonly group: string; readonly instance: number }
  /** Every node in a zone: its brokers, its controllers and the clients whose client.rack names it. */
  | { readonly kind: "rack"; readonly rack: string };

export const NODE_ACTIONS = ["crash", "stop", "restart", "pause", "powerLoss"] as const;
export type NodeAction = (typeof NODE_ACTIONS)[number];

/** `forUs`: undo the fault after that long (restart the node, resume it, reconnect, restore the disk); null = until healed. */
export type Fault =
  | { readonly atUs: number; readonly action: NodeAction; readonly targets: readonly Target[]; readonly forUs: number | null; readonly where: Loc }
  /**
   * Every link between nodes of different groups is cut (clients included); a node in no
   * group stays connected to all. oneWay: only messages from the first group to the others are dropped.
   */
  | { readonly atUs: number; readonly action: "partition"; readonly groups: readonly (readonly Target[])[]; readonly oneWay: boolean; readonly forUs: number | null; readonly where: Loc }
  | { readonly atUs: number; readonly action: "slowDisk"; readonly broker: number; readonly factor: number; readonly forUs: number | null; readonly where: Loc }
  | { readonly atUs: number; readonly action: "heal"; readonly where: Loc }
  | { readonly atUs: number; readonly action: "loss" | "delay"; readonly probability: number; readonly delayUs: number; readonly forUs: number | null; readonly where: Loc };

export type FaultAction = Fault["action"];

export const NEMESIS_ACTIONS = ["crash", "stop", "powerLoss", "pause", "partition", "slowDisk"] as const;
export type NemesisAction = (typeof NEMESIS_ACTIONS)[number];

/** Random faults drawn from the seed (see schema-nemesis.ts). */
export interface Nemesis {
  readonly fromUs: number;
  readonly untilUs: number;
  /** Brokers affected at once, at most. */
  readonly maxDown: number;
  readonly target: "brokers" | "leaders" | "controller";
  readonly actions: readonly { readonly action: NemesisAction; readonly everyUs: number; readonly forUs: number; readonly factor: number }[];
}

export const EXPECT_OPS = ["==", "!=", "<", "<=", ">", ">="] as const;
export type ExpectOp = (typeof EXPECT_OPS)[number];

export interface Expectation {
  /** A summary path, e.g. "durability.acknowledgedLost" or "consumers.billing.rebalances". */
  readonly path: string;
  readonly op: ExpectOp;
  readonly value: number;
  /** Normalized text, e.g. "> 0" (a bare number 3 becomes "== 3"). */
  readonly raw: string;
  readonly where: Loc;
}

export interface LessonStep {
  /** `at:`, when the caption shows; with `on:`, the earliest time its event counts from (0 without `at:`). */
  readonly atUs: number;
  /** `on:`, the trace event the caption waits for (lesson-events.ts); absent: it shows at `at:`. */
  readonly on?: LessonAnchor;
  /** `when:`, what the caption claims about the run's outcome, as conditions like `expect:`; absent: nothing. */
  readonly when?: readonly Expectation[];
  readonly text: string;
  /** Pause the visualizer here until the reader continues. */
  readonly pause: boolean;
}
