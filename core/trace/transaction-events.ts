// Trace events of transactions: the transaction coordinator's state machine for each
// transactional.id (TransactionMetadata), the markers it has written, its loads of
// __transaction_state partitions, and the transactional producer's begin/commit/abort.

export interface TransactionStateChanged {
  readonly kind: "TransactionStateChanged";
  readonly transactionalId: string;
  /** Empty, Ongoing, PrepareCommit, PrepareAbort, CompleteCommit, CompleteAbort, PrepareEpochFence. */
  readonly state: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly partitions: number;
}

export interface TransactionMarkersSent {
  readonly kind: "TransactionMarkersSent";
  readonly transactionalId: string;
  readonly result: "COMMIT" | "ABORT";
  readonly broker: number;
  readonly partitions: number;
}

export interface TransactionTimedOut {
  readonly kind: "TransactionTimedOut";
  readonly transactionalId: string;
  readonly producerId: number;
  /** The epoch the fence gave it: the producer's own requests are refused from now on. */
  readonly producerEpoch: number;
  readonly openMs: number;
}

export interface TransactionCoordinatorLoaded {
  readonly kind: "TransactionCoordinatorLoaded";
  readonly partition: number;
  readonly coordinatorEpoch: number;
  readonly transactions: number;
}

export interface TransactionCoordinatorUnloaded {
  readonly kind: "TransactionCoordinatorUnloaded";
  readonly partition: number;
}

/** The producer's view: beginTransaction, commitTransaction / abortTransaction returned, or failed. */
export interface ProducerTransaction {
  readonly kind: "ProducerTransaction";
  readonly transactionalId: string;
  readonly step: "begin" | "commit" | "abort" | "committed" | "aborted" | "failed" | "fenced";
  readonly records: number;
  readonly error?: string;
}

export type TransactionEvent = TransactionStateChanged | TransactionMarkersSent | TransactionTimedOut | TransactionCoordinatorLoaded | TransactionCoordinatorUnloaded | ProducerTransaction;
