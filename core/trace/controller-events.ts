// Trace events of the KRaft controller: one per metadata record it commits that a reader of
// the trace cares about, and the session expiries that fence brokers.

export interface ControllerActive {
  readonly kind: "ControllerActive";
  readonly metadataOffset: number;
  /** With a controller quorum: the Raft epoch this controller leads. */
  readonly epoch?: number;
}

export interface PartitionChanged {
  readonly kind: "PartitionChanged";
  readonly topic: string;
  readonly partition: number;
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly isr: readonly number[];
  readonly partitionEpoch: number;
  readonly reason: string;
  /** KIP-966's eligible leader replicas and last known leader, present only while either is non-empty. */
  readonly elr?: readonly number[];
  readonly lastKnownElr?: readonly number[];
}

export interface BrokerStateChanged {
  readonly kind: "BrokerStateChanged";
  readonly broker: number;
  readonly fenced: boolean;
  readonly inControlledShutdown: boolean;
}

export interface BrokerRegistrationAccepted {
  readonly kind: "BrokerRegistrationAccepted";
  readonly broker: number;
  readonly brokerEpoch: number;
}

/** A registration refused (DUPLICATE_BROKER_REGISTRATION: the previous incarnation's session is still valid). */
export interface BrokerRegistrationRefused {
  readonly kind: "BrokerRegistrationRefused";
  readonly broker: number;
  readonly error: string;
}

export interface BrokerSessionExpired {
  readonly kind: "BrokerSessionExpired";
  readonly broker: number;
  readonly silentMs: number;
}

export type ControllerEvent = ControllerActive | PartitionChanged | BrokerStateChanged | BrokerRegistrationAccepted | BrokerRegistrationRefused | BrokerSessionExpired;
