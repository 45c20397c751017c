// What a producer node needs from the application around it: when the next record is due
// and what it is (the workload, supplied by the simulation), and where to report each send's
// fate (the history the checker reads; like a Jepsen history it lives outside the process,
// so a producer crash does not erase what was acknowledged).

import type { KeyNames, RecordColumns } from "../protocol/records.ts";

export interface AppRecord {
  /** Run-unique id; the checker follows the record by it. */
  readonly rid: number;
  readonly key: string | null;
  /** The key's id in the source's `keyNames` (NO_KEY iff key is null): what the batch stores. */
  readonly keyId: number;
  /**
   * Utils.murmur2 of the key as StringSerializer writes it (UTF-8), null iff there is no key.
   * The application computes it once per distinct key, as Java's String caches its hashCode;
   * the partitioner uses it instead of hashing the key again for every record.
   */
  readonly keyHash: number | null;
  /** null = tombstone. */
  readonly valueBytes: number | null;
  /** Explicit partition, or null to let the partitioner choose. */
  readonly partition: number | null;
}

export interface RecordSource {
  /** What the key ids of this source's records stand for. */
  readonly keyNames: KeyNames;
  /** Simulated µs at which the next record is due, or null when the workload is done. */
  nextDueUs(): number | null;
  /** The record that was due (advances the source). The object may be reused by the next take(): copy it to keep it. */
  take(): AppRecord;
}

export interface ProduceObserver {
  /** send() handed the record to the producer (it is now attempted). */
  sent(rid: number, producer: string, topic: string, partition: number, key: string | null, atUs: number): void;
  /** The records of a batch were packed for sending (before any of them can be in a log); `transaction` is transactionBegan's id, -1 outside one. */
  sealed(producer: string, topic: string, partition: number, records: RecordColumns, transaction: number): void;
  /** The batch's callbacks reported success; baseOffset -1 when acks=0 or a duplicate ack. */
  acknowledged(records: RecordColumns, baseOffset: number, atUs: number): void;
  /** The batch's callbacks reported a final error. */
  failed(records: RecordColumns, error: string, atUs: number): void;
  /** send() itself threw for a record that never joined a batch (max.block.ms). */
  refused(rid: number, producer: string, topic: string, error: string, atUs: number): void;
  /** A produce attempt for `records` records got `error` (retried or not). */
  errorResponse(error: string, records: number): void;
  /** beginTransaction(): returns the transaction's run-unique id. */
  transactionBegan(producer: string, atUs: number): number;
  /**
   * commitTransaction() or abortTransaction() returned; "fenced": the producer was fenced with
   * the transaction open (the coordinator aborted it); "failed": it died of another fatal error.
   */
  transactionEnded(transaction: number, outcome: "committed" | "aborted" | "fenced" | "failed", atUs: number): void;
}
