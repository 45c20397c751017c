// Metrics over time, bucketed, named as Kafka names them where Kafka has a name, so operators
// recognise their dashboards: UnderReplicatedPartitions, OfflinePartitionsCount,
// IsrShrinksPerSec, IsrExpandsPerSec, FailedProduceRequestsPerSec; the producer's
// record-send-rate-style throughput and request latency p50/p99; a group's records-lag-max.

import { StepSeries } from "./step-series.ts";
import type { GroupModel } from "./types.ts";

/** The checker samples broker resources every second (sim/run/broker-resources.ts). */
const RESOURCE_SAMPLE_US = 1_000_000;

const NICE_BUCKETS_US = [1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 3e7, 6e7];

/** A bucket width giving at most ~`target` buckets over the run. */
export function bucketWidthUs(endUs: number, target = 600): number {
  return NICE_BUCKETS_US.find((w) => endUs / w <= target) ?? 6e7;
}

export interface Metrics {
  readonly bucketUs: number;
  readonly buckets: number;
  /** Acknowledged records per second. */
  readonly ackedPerSec: Float64Array;
  readonly latencyP50Ms: Float64Array;
  readonly latencyP99Ms: Float64Array;
  readonly failedProducePerSec: Float64Array;
  readonly isrShrinksPerSec: Float64Array;
  readonly isrExpandsPerSec: Float64Array;
  /** When the controller shrank an ISR itself (fencing, shutdown): Kafka's IsrShrinksPerSec does not count these. */
  readonly controllerIsrShrinksUs: readonly number[];
  readonly underReplicated: StepSeries<number>;
  readonly offline: StepSeries<number>;
  /** Groups whose lag the checker sampled (ConsumerLag). */
  readonly lag: ReadonlyMap<string, GroupModel>;
  /** Brokers whose machine did disk reads, blocked appends or network-thread work (BrokerResources); empty when none did. */
  readonly brokerResources: ReadonlyMap<number, BrokerResources>;
  /** Cross-zone traffic, MB/s by cause (CrossZoneTraffic samples); null without cluster.racks. */
  readonly crossZone: CrossZoneSeries | null;
}

/** MB/s that crossed between zones, per cause, each sample covering the second before it. */
export interface CrossZoneSeries {
  readonly produce: StepSeries<number>;
  readonly replication: StepSeries<number>;
  readonly consume: StepSeries<number>;
  readonly other: StepSeries<number>;
}

/** One broker machine's busy resources, per second (each sample covers the second before it). */
export interface BrokerResources {
  /** Kafka's NetworkProcessorAvgIdlePercent, as a percentage: 100 = idle. */
  readonly networkIdlePct: StepSeries<number>;
  /** Bytes read from the device (page-cache misses), MB/s. */
  readonly diskReadMBps: StepSeries<number>;
  /** Time appends were blocked on the dirty limit, ms per second. */
  readonly appendThrottledMsPerSec: StepSeries<number>;
}

/** Collects per-bucket samples while the model is built. */
export class MetricsBuilder {
  readonly bucketUs: number;
  readonly buckets: number;
  readonly acked: Float64Array;
  readonly failed: Float64Array;
  readonly shrinks: Float64Array;
  readonly expands: Float64Array;
  readonly controllerShrinksUs: number[] = [];
  private readonly latencies: { ms: number; weight: number }[][];
  private readonly resources = new Map<number, BrokerResources>();
  private zones: CrossZoneSeries | null = null;

  constructor(endUs: number) {
    this.bucketUs = bucketWidthUs(endUs);
    this.buckets = Math.max(1, Math.ceil(endUs / this.bucketUs));
    this.acked = new Float64Array(this.buckets);
    this.failed = new Float64Array(this.buckets);
    this.shrinks = new Float64Array(this.buckets);
    this.expands = new Float64Array(this.buckets);
    this.latencies = Array.from({ length: this.buckets }, () => []);
  }

  bucket(timeUs: number): number {
    return Math.min(this.buckets - 1, Math.max(0, Math.floor(timeUs / this.bucketUs)));
  }

  ack(timeUs: number, records: number, latencyMs: number): void {
    const b = this.bucket(timeUs);
    this.acked[b]! += records;
    this.latencies[b]!.push({ ms: latencyMs, weight: records });
  }

  /** A BrokerResources sample at `timeUs`: the second before it, then idle until the next sample says otherwise. */
  brokerResources(timeUs: number, broker: number, networkBusy: number, diskReadBytes: number, appendThrottledMs: number): void {
    let r = this.resources.get(broker);
    if (r === undefined) {
      r = { networkIdlePct: new StepSeries(100), diskReadMBps: new StepSeries(0), appendThrottledMsPerSec: new StepSeries(0) };
      this.resources.set(broker, r);
    }
    const from = Math.max(0, timeUs - RESOURCE_SAMPLE_US);
    r.networkIdlePct.set(from, Math.round((1 - networkBusy) * 1000) / 10);
    r.networkIdlePct.set(timeUs, 100);
    r.diskReadMBps.set(from, Math.round(diskReadBytes / 1e4) / 100);
    r.diskReadMBps.set(timeUs, 0);
    r.appendThrottledMsPerSec.set(from, appendThrottledMs);
    r.appendThrottledMsPerSec.set(timeUs, 0);
  }

  /** A CrossZoneTraffic sample at `timeUs`: bytes of the second before it. */
  crossZone(timeUs: number, bytes: Readonly<Record<keyof CrossZoneSeries, number>>): void {
    const z = (this.zones ??= { produce: new StepSeries(0), replication: new StepSeries(0), consume: new StepSeries(0), other: new StepSeries(0) });
    const from = Math.max(0, timeUs - RESOURCE_SAMPLE_US);
    for (const cause of ["produce", "replication", "consume", "other"] as const) {
      z[cause].set(from, Math.round(bytes[cause] / 1e4) / 100);
      z[cause].set(timeUs, 0);
    }
  }

  finish(underReplicated: StepSeries<number>, offline: StepSeries<number>, lag: ReadonlyMap<string, GroupModel>): Metrics {
    const perSec = 1e6 / this.bucketUs;
    const rate = (a: Float64Array): Float64Array => a.map((x) => x * perSec);
    const p50 = new Float64Array(this.buckets);
    const p99 = new Float64Array(this.buckets);
    this.latencies.forEach((samples, b) => {
      p50[b] = weightedQuantile(samples, 0.5);
      p99[b] = weightedQuantile(samples, 0.99);
    });
    return {
      bucketUs: this.bucketUs,
      buckets: this.buckets,
      ackedPerSec: rate(this.acked),
      latencyP50Ms: p50,
      latencyP99Ms: p99,
      failedProducePerSec: rate(this.failed),
      isrShrinksPerSec: rate(this.shrinks),
      isrExpandsPerSec: rate(this.expands),
      controllerIsrShrinksUs: this.controllerShrinksUs,
      underReplicated,
      offline,
      lag,
      brokerResources: new Map([...this.resources].sort((a, b) => a[0] - b[0])),
      crossZone: this.zones,
    };
  }
}

/** NaN for an empty bucket (drawn as a gap). */
function weightedQuantile(samples: { ms: number; weight: number }[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  samples.sort((a, b) => a.ms - b.ms);
  const total = samples.reduce((s, x) => s + x.weight, 0);
  let seen = 0;
  for (const s of samples) {
    seen += s.weight;
    if (seen >= q * total) return s.ms;
  }
  return samples[samples.length - 1]!.ms;
}
