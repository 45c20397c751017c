// A batch being built or in flight in the producer: Kafka's ProducerBatch.

import type { RecordColumns } from "../protocol/records.ts";

export interface ProducerBatch {
  readonly topic: string;
  readonly partition: number;
  /** Records appended so far. */
  recordCount: number;
  /** The packed records, once the batch is closed (RecordAccumulator seals it); shared by every send. */
  records: RecordColumns | null;
  /** Bytes of the batch uncompressed (what batch.size and buffer.memory count). */
  sizeBytes: number;
  /** Bytes once closed and compressed (sizeBytes without compression): what the wire and the logs carry. */
  wireBytes: number;
  readonly createdUs: number;
  /** Sends so far (0 = never sent). */
  attempts: number;
  /** Earliest time a retry may be sent (retry.backoff.ms, exponential). */
  retryAtUs: number;
  baseSequence: number;
  /** An epoch bump renumbered this batch (ProducerBatch.sequenceHasBeenReset). */
  sequenceHasBeenReset: boolean;
  producerId: number;
  producerEpoch: number;
  inFlight: boolean;
  /** Closed for appends: full, sent once, or drained. */
  closed: boolean;
  /**
   * The application has its answer (ProducerBatch.finalState is set): acknowledged, or failed —
   * possibly while a request still carries it (delivery.timeout.ms expired it in flight), so a
   * late response changes nothing the application sees.
   */
  done: boolean;
}
