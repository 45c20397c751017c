// Trace events of a producer client (KafkaProducer, Sender, TransactionManager's producer id).

export interface ProduceSent {
  readonly kind: "ProduceSent";
  readonly broker: number;
  readonly batches: number;
  readonly records: number;
  readonly retry: boolean;
}

/** A batch's error response; `retry` says whether the Sender will send it again. */
export interface ProduceError {
  readonly kind: "ProduceError";
  readonly partition: number;
  readonly error: string;
  readonly attempt: number;
  readonly retry: boolean;
  readonly records: number;
  readonly baseSequence: number;
}

export interface ProduceAcked {
  readonly kind: "ProduceAcked";
  readonly partition: number;
  readonly baseOffset: number;
  readonly records: number;
  readonly latencyMs: number;
}

/** A batch given up on: its records' callbacks see `error`. */
export interface ProduceFailed {
  readonly kind: "ProduceFailed";
  readonly partition: number;
  readonly error: string;
  readonly records: number;
}

/**
 * The response to a batch that delivery.timeout.ms had already failed while it was in flight
 * (Sender.getExpiredInflightBatches): the application saw the failure, yet with NONE the
 * broker did write the records.
 */
export interface ProduceLateResponse {
  readonly kind: "ProduceLateResponse";
  readonly partition: number;
  readonly error: string;
  readonly records: number;
}

/** MESSAGE_TOO_LARGE for a batch of several records: it was split into `batches` of at most batch.size. */
export interface ProduceBatchSplit {
  readonly kind: "ProduceBatchSplit";
  readonly partition: number;
  readonly records: number;
  readonly sizeBytes: number;
  readonly batches: number;
}

export interface ProducerEpochBumped {
  readonly kind: "ProducerEpochBumped";
  readonly producerId: number;
  readonly producerEpoch: number;
}

/** send() waited max.block.ms for buffer space or metadata and threw. */
export interface SendBlockedTimeout {
  readonly kind: "SendBlockedTimeout";
  readonly rid: number;
  readonly waitedMs: number;
}

export interface ProducerMetadata {
  readonly kind: "ProducerMetadata";
  readonly leaders: readonly number[];
}

export interface ProducerIdAssigned {
  readonly kind: "ProducerIdAssigned";
  readonly producerId: number;
  readonly producerEpoch: number;
}

export type ProducerEvent = ProduceSent | ProduceError | ProduceAcked | ProduceFailed | ProduceLateResponse | ProduceBatchSplit | ProducerEpochBumped | SendBlockedTimeout | ProducerMetadata | ProducerIdAssigned;
