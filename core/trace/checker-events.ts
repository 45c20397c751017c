// Trace events the run's observers write as node "checker": samples of consumer lag, of
// broker resources and of cross-zone traffic. (End-of-run findings stay out of the trace: they are the summary's.)

export interface ConsumerLag {
  readonly kind: "ConsumerLag";
  readonly group: string;
  readonly lag: number;
  readonly timeLagMs: number;
  /** Lag per partition, by partition number. */
  readonly partitions: readonly number[];
  /** The sample at the end of `duration`, the one `finalLag` reports. */
  readonly final: boolean;
}

export interface BrokerResources {
  readonly kind: "BrokerResources";
  readonly broker: number;
  readonly diskReadBytes: number;
  readonly appendThrottledMs: number;
  /** Share of the network threads' time busy in the sample interval, 0..1. */
  readonly networkBusy: number;
}

/** Bytes that crossed between zones in the second before the sample, by cause (cluster.racks only). */
export interface CrossZoneTraffic {
  readonly kind: "CrossZoneTraffic";
  readonly produce: number;
  readonly replication: number;
  readonly consume: number;
  readonly other: number;
}

export type CheckerEvent = ConsumerLag | BrokerResources | CrossZoneTraffic;
