// Producer configs (a scenario's `producers[].config`), from ProducerConfig in apache/kafka
// (Kafka 4.x: linger.ms defaults to 5, KIP-1030), with the checks KafkaProducer makes
// when it is constructed: ProducerConfig.postProcessAndValidateIdempotenceConfigs and
// KafkaProducer.configureDeliveryTimeout.

import { defineCatalog, type ConfigError, type ConfigValue } from "./catalog.ts";
import { bytes, double, flag, int, listOf, ms, msInt, oneOf, text } from "./entry-builders.ts";
import { INT_MAX } from "./limits.ts";
import { bool, num, numOrNull, str, strOrNull, type Values } from "./read-values.ts";

/** ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_FOR_IDEMPOTENCE. */
const MAX_IN_FLIGHT_FOR_IDEMPOTENCE = 5;

export const PRODUCER_CATALOG = defineCatalog(
  "producer",
  [
    // ProducerConfig.parseAcks: "all" is stored as "-1"; YAML numbers 0, 1, -1 arrive as strings.
    oneOf("acks", "all", ["all", "-1", "0", "1"], "Acknowledgements the leader waits for: 0 none, 1 its own append, all (-1) the whole ISR.", { normalize: (v) => (v === "all" ? "-1" : v) }),
    bytes("batch.size", 16384, "Target size of a per-partition batch."),
    ms("linger.ms", 5, "Wait this long for a batch to fill before sending (Kafka 4 default 5, KIP-1030)."),
    bytes("buffer.memory", 33554432, "Bytes of unsent records the producer buffers before send() blocks.", { min: 0 }),
    ms("max.block.ms", 60000, "Longest send() blocks on a full buffer or missing metadata."),
    bytes("max.request.size", 1048576, "Largest produce request; send() refuses a record whose batch would exceed it (MESSAGE_TOO_LARGE)."),
    oneOf("compression.type", "none", ["none", "gzip", "snappy", "lz4", "zstd"], "Batch compression: fewer bytes on disk, on the wire and in the page cache, for producer and broker CPU (ratio and speed per codec: core/protocol/compression.ts)."),
    int("retries", INT_MAX, "Retries of a failed batch (bounded in practice by delivery.timeout.ms).", { min: 0, max: INT_MAX }),
    ms("retry.backoff.ms", 100, "First backoff before a retry."),
    ms("retry.backoff.max.ms", 1000, "Cap of the exponential retry backoff."),
    msInt("request.timeout.ms", 30000, "Wait this long for a response before retrying the request."),
    msInt("delivery.timeout.ms", 120000, "Upper bound from send() to success or failure; at least linger.ms + request.timeout.ms."),
    int("max.in.flight.requests.per.connection", 5, "Unacknowledged requests per broker connection.", { min: 1 }),
    flag("enable.idempotence", true, "Sequence numbers let the broker drop retried duplicates; needs acks=all, retries>0, in-flight<=5."),
    flag("partitioner.adaptive.partitioning.enable", true, "KIP-794: send more unkeyed records to faster brokers."),
    ms("partitioner.availability.timeout.ms", 0, "Skip a partition whose broker has not taken a batch for this long; 0 = never."),
    flag("partitioner.ignore.keys", false, "Partition keyed records as if they had no key."),
    ms("metadata.max.age.ms", 300000, "Refresh metadata at least this often."),
    ms("socket.connection.setup.timeout.ms", 10000, "Connection attempt timeout."),
    ms("socket.connection.setup.timeout.max.ms", 30000, "Cap of the exponential connection timeout."),
    ms("reconnect.backoff.ms", 50, "First wait before reconnecting."),
    ms("reconnect.backoff.max.ms", 1000, "Cap of the reconnect backoff."),
    ms("connections.max.idle.ms", 540000, "Close idle connections after this long."),
    text("transactional.id", null, "Enables transactions (implies idempotence)."),
    msInt("transaction.timeout.ms", 60000, "A transaction open longer than this is aborted by the coordinator."),
    text("client.id", "", "Client name in broker logs."),
    text("client.rack", "", "Kafka's producer has no client.rack (it always writes to the leader); kafkasim reads it as the zone the producer runs in (one of cluster.racks), for the network latency and the cross-zone bill."),
    double("kafkasim.compression.ratio", null, "NOT a Kafka key. Compressed over uncompressed size of this producer's records with its compression.type, for your data; unset: the codec's ratio on the Silesia corpus (lzbench).", { min: 0.01, max: 1, kafkasim: true }),
    listOf("bootstrap.servers", [], undefined, "Accepted and ignored: the simulator wires clients to its brokers.", { allowEmpty: true }),
    text("key.serializer", null, "Accepted and ignored: keys are strings."),
    text("value.serializer", null, "Accepted and ignored: values are opaque bytes."),
  ],
  producerPostProcess,
);

/**
 * ProducerConfig.postProcessAndValidateIdempotenceConfigs (same order, same messages):
 * an explicitly enabled idempotent producer with acks != all or retries = 0 is an error;
 * a default-enabled one is silently turned off. max.in.flight > 5 with idempotence on is
 * an error either way in Kafka 4 (3.x only warned). Then KafkaProducer.configureDeliveryTimeout.
 */
function producerPostProcess(values: Record<string, ConfigValue>, explicit: ReadonlySet<string>): ConfigError[] {
  const errors: ConfigError[] = [];
  const userIdempotence = explicit.has("enable.idempotence");
  if (bool(values, "enable.idempotence")) {
    let disable = false;
    if (num(values, "retries") === 0) {
      if (userIdempotence) errors.push(conflict("retries", "Must set retries to non-zero when using the idempotent producer."));
      disable = true;
    }
    if (str(values, "acks") !== "-1") {
      if (userIdempotence) errors.push(conflict("acks", "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence."));
      disable = true;
    }
    const inFlight = num(values, "max.in.flight.requests.per.connection");
    if (inFlight > MAX_IN_FLIGHT_FOR_IDEMPOTENCE) {
      errors.push(conflict("max.in.flight.requests.per.connection", `To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is ${inFlight}.`));
    }
    if (disable) values["enable.idempotence"] = false;
  }
  if (!bool(values, "enable.idempotence") && explicit.has("transactional.id")) {
    errors.push(conflict("transactional.id", "Cannot set a transactional.id without also enabling idempotence."));
  }
  const floor = Math.min(num(values, "linger.ms") + num(values, "request.timeout.ms"), INT_MAX);
  if (num(values, "delivery.timeout.ms") < floor) {
    if (explicit.has("delivery.timeout.ms")) {
      errors.push(conflict("delivery.timeout.ms", "delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms"));
    } else {
      // Kafka raises the default for backward compatibility (and logs a warning).
      values["delivery.timeout.ms"] = floor;
    }
  }
  return errors;
}

function conflict(key: string, message: string): ConfigError {
  return { key, kind: "conflict", message };
}

export interface ProducerSettings {
  readonly acks: -1 | 0 | 1;
  readonly batchSizeBytes: number;
  readonly lingerMs: number;
  readonly bufferMemoryBytes: number;
  readonly maxBlockMs: number;
  readonly maxRequestSizeBytes: number;
  readonly compressionType: string;
  /** kafkasim.compression.ratio; null: the codec's own. */
  readonly compressionRatio: number | null;
  readonly retries: number;
  readonly retryBackoffMs: number;
  readonly retryBackoffMaxMs: number;
  readonly requestTimeoutMs: number;
  /** After post-processing: never below lingerMs + requestTimeoutMs. */
  readonly deliveryTimeoutMs: number;
  readonly maxInFlightRequestsPerConnection: number;
  /** After post-processing: false when a conflicting setting silently disabled it. */
  readonly enableIdempotence: boolean;
  readonly partitionerAdaptivePartitioningEnable: boolean;
  readonly partitionerAvailabilityTimeoutMs: number;
  readonly partitionerIgnoreKeys: boolean;
  readonly metadataMaxAgeMs: number;
  readonly socketConnectionSetupTimeoutMs: number;
  readonly socketConnectionSetupTimeoutMaxMs: number;
  readonly reconnectBackoffMs: number;
  readonly reconnectBackoffMaxMs: number;
  readonly connectionsMaxIdleMs: number;
  readonly transactionalId: string | null;
  readonly transactionTimeoutMs: number;
}

export function producerSettings(values: Values): ProducerSettings {
  const acks = Number(str(values, "acks"));
  return {
    acks: acks === 0 ? 0 : acks === 1 ? 1 : -1,
    batchSizeBytes: num(values, "batch.size"),
    lingerMs: num(values, "linger.ms"),
    bufferMemoryBytes: num(values, "buffer.memory"),
    maxBlockMs: num(values, "max.block.ms"),
    maxRequestSizeBytes: num(values, "max.request.size"),
    compressionType: str(values, "compression.type"),
    compressionRatio: numOrNull(values, "kafkasim.compression.ratio"),
    retries: num(values, "retries"),
    retryBackoffMs: num(values, "retry.backoff.ms"),
    retryBackoffMaxMs: num(values, "retry.backoff.max.ms"),
    requestTimeoutMs: num(values, "request.timeout.ms"),
    deliveryTimeoutMs: num(values, "delivery.timeout.ms"),
    maxInFlightRequestsPerConnection: num(values, "max.in.flight.requests.per.connection"),
    enableIdempotence: bool(values, "enable.idempotence"),
    partitionerAdaptivePartitioningEnable: bool(values, "partitioner.adaptive.partitioning.enable"),
    partitionerAvailabilityTimeoutMs: num(values, "partitioner.availability.timeout.ms"),
    partitionerIgnoreKeys: bool(values, "partitioner.ignore.keys"),
    metadataMaxAgeMs: num(values, "metadata.max.age.ms"),
    socketConnectionSetupTimeoutMs: num(values, "socket.connection.setup.timeout.ms"),
    socketConnectionSetupTimeoutMaxMs: num(values, "socket.connection.setup.timeout.max.ms"),
    reconnectBackoffMs: num(values, "reconnect.backoff.ms"),
    reconnectBackoffMaxMs: num(values, "reconnect.backoff.max.ms"),
    connectionsMaxIdleMs: num(values, "connections.max.idle.ms"),
    transactionalId: strOrNull(values, "transactional.id"),
    transactionTimeoutMs: num(values, "transaction.timeout.ms"),
  };
}
