// Trace events of the produce path on a leader, of the high watermark and ISR, and of a
// follower's fetch loop (ReplicaManager, Partition, ReplicaFetcherThread).

export interface ProduceRejected {
  readonly kind: "ProduceRejected";
  readonly topic: string;
  readonly partition: number;
  readonly error: string;
  readonly isr: readonly number[];
}

/** An idempotent producer's retry of a batch the leader already has (DUPLICATE_SEQUENCE_NUMBER path). */
export interface DuplicateBatch {
  readonly kind: "DuplicateBatch";
  readonly topic: string;
  readonly partition: number;
  readonly producerId: number;
  readonly baseSequence: number;
  readonly baseOffset: number;
}

export interface LeaderAppend {
  readonly kind: "LeaderAppend";
  readonly topic: string;
  readonly partition: number;
  readonly baseOffset: number;
  readonly records: number;
  readonly leaderEpoch: number;
}

/** A transaction marker a leader appended for WriteTxnMarkers (one per marker batch). */
export interface TxnMarkerWritten {
  readonly kind: "TxnMarkerWritten";
  readonly topic: string;
  readonly partition: number;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly result: "COMMIT" | "ABORT";
  readonly coordinatorEpoch: number;
  readonly offset: number;
}

export interface HighWatermark {
  readonly kind: "HighWatermark";
  readonly topic: string;
  readonly partition: number;
  readonly hw: number;
  /** The last stable offset, only while it is below the HW (an open transaction holds it back). */
  readonly lso?: number;
}

export interface IsrExpandRequested {
  readonly kind: "IsrExpandRequested";
  readonly topic: string;
  readonly partition: number;
  readonly isr: readonly number[];
  readonly newIsr: readonly number[];
}

export interface IsrShrinkRequested {
  readonly kind: "IsrShrinkRequested";
  readonly topic: string;
  readonly partition: number;
  readonly isr: readonly number[];
  readonly newIsr: readonly number[];
  readonly outOfSync: readonly number[];
}

/** The controller accepted a leader's AlterPartition. */
export interface IsrChanged {
  readonly kind: "IsrChanged";
  readonly topic: string;
  readonly partition: number;
  readonly isr: readonly number[];
  readonly previousIsr: readonly number[];
  readonly partitionEpoch: number;
}

export interface FollowerFetchError {
  readonly kind: "FollowerFetchError";
  readonly topic: string;
  readonly partition: number;
  readonly leader: number;
  readonly error: string;
}

/** The leader's log start moved past the follower's end: the follower starts over there. */
export interface FollowerLogReset {
  readonly kind: "FollowerLogReset";
  readonly topic: string;
  readonly partition: number;
  readonly from: number;
  readonly to: number;
}

export interface FollowerAppendFailed {
  readonly kind: "FollowerAppendFailed";
  readonly topic: string;
  readonly partition: number;
  readonly leader: number;
  readonly leo: number;
  readonly batchBaseOffset: number;
}

export interface FollowerFetched {
  readonly kind: "FollowerFetched";
  readonly topic: string;
  readonly partition: number;
  readonly leo: number;
  readonly hw: number;
}

export type ReplicationEvent = ProduceRejected | DuplicateBatch | LeaderAppend | TxnMarkerWritten | HighWatermark | IsrExpandRequested | IsrShrinkRequested | IsrChanged | FollowerFetchError | FollowerLogReset | FollowerAppendFailed | FollowerFetched;
