// What a producer asks to be woken for: constant frozen objects (no data), plus the
// deadlines of its in-flight requests.

import type { RequestTimeout } from "../client/request-timeout.ts";

/** The workload's next record is due (send() is called). */
export interface RecordDueTimer {
  readonly kind: "RecordDueTimer";
}

/** The Sender's next wakeup: linger.ms, retry backoff or delivery timeout. */
export interface SenderWakeupTimer {
  readonly kind: "SenderWakeupTimer";
}

export interface ProducerMetadataRetryTimer {
  readonly kind: "ProducerMetadataRetryTimer";
}

export interface InitProducerIdRetryTimer {
  readonly kind: "InitProducerIdRetryTimer";
}

/** A send() blocked on buffer.memory or metadata reaches max.block.ms. */
export interface MaxBlockTimer {
  readonly kind: "MaxBlockTimer";
}

export type ProducerTimer = RecordDueTimer | SenderWakeupTimer | ProducerMetadataRetryTimer | InitProducerIdRetryTimer | MaxBlockTimer | RequestTimeout;

export const RECORD_DUE: RecordDueTimer = Object.freeze({ kind: "RecordDueTimer" });
export const SENDER_WAKEUP: SenderWakeupTimer = Object.freeze({ kind: "SenderWakeupTimer" });
export const PRODUCER_METADATA_RETRY: ProducerMetadataRetryTimer = Object.freeze({ kind: "ProducerMetadataRetryTimer" });
export const INIT_PRODUCER_ID_RETRY: InitProducerIdRetryTimer = Object.freeze({ kind: "InitProducerIdRetryTimer" });
export const MAX_BLOCK: MaxBlockTimer = Object.freeze({ kind: "MaxBlockTimer" });
