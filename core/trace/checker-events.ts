// Trace events the run's observers write as node "checker": samples of consumer lag and of
// broker resources, and the end-of-run finding that a replica diverged from its leader.

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

export interface ReplicaDiverged {
  readonly kind: "ReplicaDiverged";
  readonly topic: string;
  readonly partition: number;
  readonly replica: number;
  readonly leader: number;
}

export type CheckerEvent = ConsumerLag | BrokerResources | ReplicaDiverged;
