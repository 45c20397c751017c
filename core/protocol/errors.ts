// Kafka's error codes (org.apache.kafka.common.protocol.Errors), by name, as the wire and
// the trace carry them. Only the ones the simulated protocol can produce are listed.

export const Errors = {
  NONE: "NONE",
  NOT_LEADER_OR_FOLLOWER: "NOT_LEADER_OR_FOLLOWER",
  UNKNOWN_TOPIC_OR_PARTITION: "UNKNOWN_TOPIC_OR_PARTITION",
  LEADER_NOT_AVAILABLE: "LEADER_NOT_AVAILABLE",
  NOT_ENOUGH_REPLICAS: "NOT_ENOUGH_REPLICAS",
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: "NOT_ENOUGH_REPLICAS_AFTER_APPEND",
  REQUEST_TIMED_OUT: "REQUEST_TIMED_OUT",
  NETWORK_EXCEPTION: "NETWORK_EXCEPTION",
  OFFSET_OUT_OF_RANGE: "OFFSET_OUT_OF_RANGE",
  FENCED_LEADER_EPOCH: "FENCED_LEADER_EPOCH",
  UNKNOWN_LEADER_EPOCH: "UNKNOWN_LEADER_EPOCH",
  DUPLICATE_SEQUENCE_NUMBER: "DUPLICATE_SEQUENCE_NUMBER",
  OUT_OF_ORDER_SEQUENCE_NUMBER: "OUT_OF_ORDER_SEQUENCE_NUMBER",
  INVALID_PRODUCER_EPOCH: "INVALID_PRODUCER_EPOCH",
  UNKNOWN_PRODUCER_ID: "UNKNOWN_PRODUCER_ID",
  INVALID_REQUIRED_ACKS: "INVALID_REQUIRED_ACKS",
  MESSAGE_TOO_LARGE: "MESSAGE_TOO_LARGE",
  RECORD_LIST_TOO_LARGE: "RECORD_LIST_TOO_LARGE",
  INVALID_RECORD: "INVALID_RECORD",
  STALE_BROKER_EPOCH: "STALE_BROKER_EPOCH",
  INVALID_UPDATE_VERSION: "INVALID_UPDATE_VERSION",
  INELIGIBLE_REPLICA: "INELIGIBLE_REPLICA",
  NEW_LEADER_ELECTED: "NEW_LEADER_ELECTED",
  BROKER_ID_NOT_REGISTERED: "BROKER_ID_NOT_REGISTERED",
  DUPLICATE_BROKER_REGISTRATION: "DUPLICATE_BROKER_REGISTRATION",
  KAFKA_STORAGE_ERROR: "KAFKA_STORAGE_ERROR",
  BROKER_NOT_AVAILABLE: "BROKER_NOT_AVAILABLE",
  NOT_CONTROLLER: "NOT_CONTROLLER",
  // Group coordinator (classic protocol) errors.
  COORDINATOR_NOT_AVAILABLE: "COORDINATOR_NOT_AVAILABLE",
  NOT_COORDINATOR: "NOT_COORDINATOR",
  COORDINATOR_LOAD_IN_PROGRESS: "COORDINATOR_LOAD_IN_PROGRESS",
  ILLEGAL_GENERATION: "ILLEGAL_GENERATION",
  UNKNOWN_MEMBER_ID: "UNKNOWN_MEMBER_ID",
  REBALANCE_IN_PROGRESS: "REBALANCE_IN_PROGRESS",
  MEMBER_ID_REQUIRED: "MEMBER_ID_REQUIRED",
  FENCED_INSTANCE_ID: "FENCED_INSTANCE_ID",
  INVALID_SESSION_TIMEOUT: "INVALID_SESSION_TIMEOUT",
  INCONSISTENT_GROUP_PROTOCOL: "INCONSISTENT_GROUP_PROTOCOL",
  GROUP_MAX_SIZE_REACHED: "GROUP_MAX_SIZE_REACHED",
  /** KIP-447: OffsetFetch with require_stable while the partition has transactional offsets pending. */
  UNSTABLE_OFFSET_COMMIT: "UNSTABLE_OFFSET_COMMIT",
  // KIP-848 consumer group protocol errors.
  FENCED_MEMBER_EPOCH: "FENCED_MEMBER_EPOCH",
  STALE_MEMBER_EPOCH: "STALE_MEMBER_EPOCH",
  UNRELEASED_INSTANCE_ID: "UNRELEASED_INSTANCE_ID",
  UNSUPPORTED_ASSIGNOR: "UNSUPPORTED_ASSIGNOR",
  GROUP_ID_NOT_FOUND: "GROUP_ID_NOT_FOUND",
  INVALID_REQUEST: "INVALID_REQUEST",
  // Transaction errors (KIP-98, KIP-360, KIP-588, KIP-890).
  INVALID_TXN_STATE: "INVALID_TXN_STATE",
  PRODUCER_FENCED: "PRODUCER_FENCED",
  CONCURRENT_TRANSACTIONS: "CONCURRENT_TRANSACTIONS",
  INVALID_PRODUCER_ID_MAPPING: "INVALID_PRODUCER_ID_MAPPING",
  INVALID_TRANSACTION_TIMEOUT: "INVALID_TRANSACTION_TIMEOUT",
  TRANSACTION_COORDINATOR_FENCED: "TRANSACTION_COORDINATOR_FENCED",
  TRANSACTION_ABORTABLE: "TRANSACTION_ABORTABLE",
  // Client-side outcomes (not wire codes) that the producer reports to the application.
  DELIVERY_TIMEOUT: "DELIVERY_TIMEOUT",
  /** TransactionAbortedException: a batch not yet sent when its transaction aborted. */
  TRANSACTION_ABORTED: "TRANSACTION_ABORTED",
} as const;

export type ErrorCode = (typeof Errors)[keyof typeof Errors];

/**
 * Errors a producer retries (RetriableException subclasses in Kafka). Sequence errors
 * (OUT_OF_ORDER_SEQUENCE_NUMBER, UNKNOWN_PRODUCER_ID) are not: the idempotent producer resolves
 * them itself first (TransactionManager.canRetry, core/producer/idempotence.ts). Leadership and ISR
 * errors are retriable; NOT_ENOUGH_REPLICAS_AFTER_APPEND is too, which is why acks=all with
 * idempotence off can duplicate: the record is in the log and the retry appends it again.
 */
export function isRetriable(error: ErrorCode): boolean {
  switch (error) {
    case Errors.NOT_LEADER_OR_FOLLOWER:
    case Errors.UNKNOWN_TOPIC_OR_PARTITION:
    case Errors.LEADER_NOT_AVAILABLE:
    case Errors.NOT_ENOUGH_REPLICAS:
    case Errors.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case Errors.REQUEST_TIMED_OUT:
    case Errors.NETWORK_EXCEPTION:
    case Errors.FENCED_LEADER_EPOCH:
    case Errors.UNKNOWN_LEADER_EPOCH:
    case Errors.KAFKA_STORAGE_ERROR:
    // ConcurrentTransactionsException: a transaction.version 2 leader's add that kept finding the previous transaction ending.
    case Errors.CONCURRENT_TRANSACTIONS:
      return true;
    default:
      return false;
  }
}

/** Errors after which a client should refresh its metadata (Kafka's InvalidMetadataException). */
export function invalidatesMetadata(error: ErrorCode): boolean {
  return (
    error === Errors.NOT_LEADER_OR_FOLLOWER ||
    error === Errors.UNKNOWN_TOPIC_OR_PARTITION ||
    error === Errors.LEADER_NOT_AVAILABLE ||
    error === Errors.FENCED_LEADER_EPOCH ||
    error === Errors.UNKNOWN_LEADER_EPOCH ||
    error === Errors.NETWORK_EXCEPTION ||
    error === Errors.REQUEST_TIMED_OUT
  );
}
