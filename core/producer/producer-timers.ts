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

/** A transaction request's retry backoff ended (TransactionManager's retriable errors). */
export interface TransactionRetryTimer {
  readonly kind: "TransactionRetryTimer";
  readonly request: "find-txn-coordinator" | "init-txn-pid" | "add-partitions" | "add-offsets" | "find-group-coordinator" | "txn-offset-commit" | "end-txn";
}

/** The application's transaction is due to end (`transactions: { every }`). */
export interface TransactionEndTimer {
  readonly kind: "TransactionEndTimer";
  /** The application's transaction count when armed: a stale timer is ignored. */
  readonly transaction: number;
}

/** A send() blocked on buffer.memory or metadata reaches max.block.ms. */
export interface MaxBlockTimer {
  readonly kind: "MaxBlockTimer";
}

export type ProducerTimer = RecordDueTimer | SenderWakeupTimer | ProducerMetadataRetryTimer | InitProducerIdRetryTimer | MaxBlockTimer | TransactionRetryTimer | TransactionEndTimer | RequestTimeout;

export const RECORD_DUE: RecordDueTimer = Object.freeze({ kind: "RecordDueTimer" });
export const SENDER_WAKEUP: SenderWakeupTimer = Object.freeze({ kind: "SenderWakeupTimer" });
export const PRODUCER_METADATA_RETRY: ProducerMetadataRetryTimer = Object.freeze({ kind: "ProducerMetadataRetryTimer" });
export const INIT_PRODUCER_ID_RETRY: InitProducerIdRetryTimer = Object.freeze({ kind: "InitProducerIdRetryTimer" });
export const MAX_BLOCK: MaxBlockTimer = Object.freeze({ kind: "MaxBlockTimer" });

const TRANSACTION_RETRIES = {
  "find-txn-coordinator": Object.freeze({ kind: "TransactionRetryTimer", request: "find-txn-coordinator" }),
  "init-txn-pid": Object.freeze({ kind: "TransactionRetryTimer", request: "init-txn-pid" }),
  "add-partitions": Object.freeze({ kind: "TransactionRetryTimer", request: "add-partitions" }),
  "add-offsets": Object.freeze({ kind: "TransactionRetryTimer", request: "add-offsets" }),
  "find-group-coordinator": Object.freeze({ kind: "TransactionRetryTimer", request: "find-group-coordinator" }),
  "txn-offset-commit": Object.freeze({ kind: "TransactionRetryTimer", request: "txn-offset-commit" }),
  "end-txn": Object.freeze({ kind: "TransactionRetryTimer", request: "end-txn" }),
} as const satisfies Record<TransactionRetryTimer["request"], TransactionRetryTimer>;

export function transactionRetry(request: TransactionRetryTimer["request"]): TransactionRetryTimer {
  return TRANSACTION_RETRIES[request];
}
