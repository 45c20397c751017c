// The scenarios the benchmark runs, written as scenario text so that they go through
// `loadScenario` exactly as a user's file does: part 3's cluster and part 4's scaling rows.

export interface ClusterSpec {
  readonly durationS: number;
  readonly settleS: number;
  readonly wallBudgetMs: number;
}

/** A scaling row: the part-4 cluster offered `ratePerSec` records/s in total. */
export interface ScaleSpec extends ClusterSpec {
  readonly ratePerSec: number;
}

interface Shape {
  readonly name: string;
  readonly description: string;
  readonly brokers: number;
  readonly partitions: number;
  readonly producers: number;
  /** Records/s for each producer. */
  readonly producerRate: number;
  /** Lines under `consumers:`, none if empty. */
  readonly consumers: readonly string[];
}

function scenarioText(shape: Shape, spec: ClusterSpec): string {
  const producers = Array.from({ length: shape.producers }, (_, i) => `  - id: p${i + 1}
    topic: bench
    rate: ${shape.producerRate}/s
    keys: { distribution: uniform, count: 10000 }
    valueSize: 200
    config: { acks: all }
`);
  const consumers = shape.consumers.length === 0 ? "" : `consumers:\n${shape.consumers.map((c) => `  - ${c}\n`).join("")}`;
  return `name: ${shape.name}
description: ${shape.description}
seed: 1
duration: ${spec.durationS}s
settle: ${spec.settleS}s
cluster:
  brokers: ${shape.brokers}
  network: { latency: 1ms, jitter: 200us }
  config: { min.insync.replicas: 2 }
topics:
  - { name: bench, partitions: ${shape.partitions}, replicationFactor: 3 }
producers:
${producers.join("")}${consumers}`;
}

export function clusterYaml(spec: ClusterSpec): string {
  const description = "3 brokers, 12 partitions RF 3, one acks=all producer at 50k records/s.";
  return scenarioText({ name: "bench-cluster", description, brokers: 3, partitions: 12, producers: 1, producerRate: 50_000, consumers: [] }, spec);
}

export const SCALE_PRODUCERS = 10;

export function scaleYaml(spec: ScaleSpec): string {
  const description = `6 brokers, 60 partitions RF 3, ${SCALE_PRODUCERS} acks=all producers sharing ${spec.ratePerSec} records/s, one 12-member group.`;
  const shape: Shape = {
    name: "bench-scale",
    description,
    brokers: 6,
    partitions: 60,
    producers: SCALE_PRODUCERS,
    producerRate: spec.ratePerSec / SCALE_PRODUCERS,
    consumers: ["{ group: g1, topic: bench, instances: 12 }"],
  };
  return scenarioText(shape, spec);
}
