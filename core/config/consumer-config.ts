// Consumer configs (a scenario's `consumers[].config`), from ConsumerConfig in apache/kafka,
// with the checks made when a KafkaConsumer is built (ConsumerConfig.checkUnsupportedConfigsPostProcess,
// and the Heartbeat's "heartbeat must be lower than the session timeout").

import { defineCatalog, type ConfigError, type ConfigValue } from "./catalog.ts";
import { bytes, flag, int, listOf, ms, msInt, oneOf, text } from "./entry-builders.ts";
import { bool, list, num, oneOf as pick, str, strOrNull, type Values } from "./read-values.ts";

export const ASSIGNORS = ["range", "roundrobin", "sticky", "cooperative-sticky"] as const;
export type AssignorName = (typeof ASSIGNORS)[number];

export const COMMIT_MODES = ["auto", "sync-after-processing", "async-after-processing", "before-processing"] as const;
export type CommitMode = (typeof COMMIT_MODES)[number];

/** Kafka's assignor class names (full and simple) to the short names the core uses. */
const ASSIGNOR_CLASSES: Readonly<Record<string, AssignorName>> = {
  "org.apache.kafka.clients.consumer.RangeAssignor": "range",
  "org.apache.kafka.clients.consumer.RoundRobinAssignor": "roundrobin",
  "org.apache.kafka.clients.consumer.StickyAssignor": "sticky",
  "org.apache.kafka.clients.consumer.CooperativeStickyAssignor": "cooperative-sticky",
  RangeAssignor: "range",
  RoundRobinAssignor: "roundrobin",
  StickyAssignor: "sticky",
  CooperativeStickyAssignor: "cooperative-sticky",
};

/** ConsumerConfig.CONSUMER_PROTOCOL_UNSUPPORTED_CONFIGS (KIP-848 moves these to the broker). */
const CONSUMER_PROTOCOL_UNSUPPORTED = ["partition.assignment.strategy", "heartbeat.interval.ms", "session.timeout.ms"];
const CLASSIC_PROTOCOL_UNSUPPORTED = ["group.remote.assignor"];

export const CONSUMER_CATALOG = defineCatalog(
  "consumer",
  [
    text("group.id", null, "The consumer group (kafkasim sets it from the scenario's `group`)."),
    text("group.instance.id", null, "KIP-345 static membership id (kafkasim sets <group>-<n> when `static: true`)."),
    msInt("session.timeout.ms", 45000, "The coordinator removes a member that has not heartbeated for this long."),
    msInt("heartbeat.interval.ms", 3000, "Heartbeat period; must be below session.timeout.ms."),
    msInt("max.poll.interval.ms", 300000, "A member that does not poll for this long leaves the group.", 1),
    int("max.poll.records", 500, "Records one poll() returns at most.", { min: 1 }),
    flag("enable.auto.commit", true, "Commit consumed positions every auto.commit.interval.ms from poll()."),
    msInt("auto.commit.interval.ms", 5000, "Auto-commit period."),
    oneOf("auto.offset.reset", "latest", ["earliest", "latest", "none"], "Where to start without a committed offset.", { ignoreCase: true }),
    listOf("partition.assignment.strategy", ["range", "cooperative-sticky"], ASSIGNORS, "Assignors in preference order; Kafka class names are accepted.", { aliases: ASSIGNOR_CLASSES }),
    bytes("fetch.min.bytes", 1, "Bytes a fetch waits for before the broker answers.", { min: 0 }),
    msInt("fetch.max.wait.ms", 500, "Longest the broker parks a fetch waiting for fetch.min.bytes."),
    bytes("fetch.max.bytes", 52428800, "Bytes per fetch response (soft: the first batch always comes back)."),
    bytes("max.partition.fetch.bytes", 1048576, "Bytes per partition per fetch (soft, as above)."),
    oneOf("isolation.level", "read_uncommitted", ["read_uncommitted", "read_committed"], "read_committed stops at the last stable offset."),
    oneOf("group.protocol", "classic", ["classic", "consumer"], "classic (JoinGroup/SyncGroup) or consumer (KIP-848).", { ignoreCase: true, normalize: (v) => v.toLowerCase() }),
    text("group.remote.assignor", null, "KIP-848 server-side assignor name (group.protocol=consumer only)."),
    msInt("request.timeout.ms", 30000, "Wait this long for a response."),
    msInt("default.api.timeout.ms", 60000, "Timeout of blocking calls such as commitSync()."),
    ms("retry.backoff.ms", 100, "First backoff before a retry."),
    ms("retry.backoff.max.ms", 1000, "Cap of the exponential retry backoff."),
    ms("metadata.max.age.ms", 300000, "Refresh metadata at least this often."),
    ms("reconnect.backoff.ms", 50, "First wait before reconnecting."),
    ms("reconnect.backoff.max.ms", 1000, "Cap of the reconnect backoff."),
    text("client.id", "", "Client name in broker logs."),
    text("client.rack", "", "The zone this consumer runs in (one of cluster.racks): where its traffic goes over the network, and, with the brokers' replica.selector.class, which replica it fetches from (KIP-392)."),
    listOf("bootstrap.servers", [], undefined, "Accepted and ignored: the simulator wires clients to its brokers.", { allowEmpty: true }),
    text("key.deserializer", null, "Accepted and ignored."),
    text("value.deserializer", null, "Accepted and ignored."),
    oneOf("kafkasim.commit.mode", "auto", COMMIT_MODES, "NOT a Kafka key. Where the application commits: auto (enable.auto.commit does it from poll()), sync-after-processing (commitSync() after each batch is processed), async-after-processing (commitAsync() likewise), before-processing (commitSync() right after poll(), before processing: at-most-once).", { kafkasim: true }),
  ],
  consumerPostProcess,
);

function consumerPostProcess(values: Record<string, ConfigValue>, explicit: ReadonlySet<string>): ConfigError[] {
  const protocol = str(values, "group.protocol");
  const unsupported = protocol === "consumer" ? CONSUMER_PROTOCOL_UNSUPPORTED : CLASSIC_PROTOCOL_UNSUPPORTED;
  const invalid = unsupported.filter((key) => explicit.has(key) && values[key] !== null);
  const errors: ConfigError[] = [];
  const first = invalid[0];
  if (first !== undefined) {
    errors.push({ key: first, kind: "conflict", message: `${invalid.join(", ")} cannot be set when group.protocol=${protocol.toUpperCase()}` });
  }
  // Heartbeat's constructor (classic protocol): IllegalArgumentException otherwise.
  const heartbeat = num(values, "heartbeat.interval.ms");
  const session = num(values, "session.timeout.ms");
  if (protocol === "classic" && heartbeat >= session) {
    const key = explicit.has("heartbeat.interval.ms") || !explicit.has("session.timeout.ms") ? "heartbeat.interval.ms" : "session.timeout.ms";
    errors.push({ key, kind: "conflict", message: `heartbeat.interval.ms (${heartbeat}) must be lower than session.timeout.ms (${session})` });
  }
  return errors;
}

export interface ConsumerSettings {
  readonly groupId: string | null;
  readonly groupInstanceId: string | null;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly maxPollIntervalMs: number;
  readonly maxPollRecords: number;
  readonly enableAutoCommit: boolean;
  readonly autoCommitIntervalMs: number;
  readonly autoOffsetReset: "earliest" | "latest" | "none";
  readonly partitionAssignmentStrategy: readonly AssignorName[];
  readonly fetchMinBytes: number;
  readonly fetchMaxWaitMs: number;
  readonly fetchMaxBytes: number;
  readonly maxPartitionFetchBytes: number;
  readonly isolationLevel: "read_uncommitted" | "read_committed";
  readonly groupProtocol: "classic" | "consumer";
  readonly groupRemoteAssignor: string | null;
  readonly requestTimeoutMs: number;
  readonly defaultApiTimeoutMs: number;
  readonly retryBackoffMs: number;
  readonly retryBackoffMaxMs: number;
  readonly metadataMaxAgeMs: number;
  readonly reconnectBackoffMs: number;
  readonly reconnectBackoffMaxMs: number;
  readonly commitMode: CommitMode;
  /** client.rack; "" for none. */
  readonly clientRack: string;
}

export function consumerSettings(values: Values): ConsumerSettings {
  return {
    groupId: strOrNull(values, "group.id"),
    groupInstanceId: strOrNull(values, "group.instance.id"),
    sessionTimeoutMs: num(values, "session.timeout.ms"),
    heartbeatIntervalMs: num(values, "heartbeat.interval.ms"),
    maxPollIntervalMs: num(values, "max.poll.interval.ms"),
    maxPollRecords: num(values, "max.poll.records"),
    enableAutoCommit: bool(values, "enable.auto.commit"),
    autoCommitIntervalMs: num(values, "auto.commit.interval.ms"),
    autoOffsetReset: pick(values, "auto.offset.reset", ["earliest", "latest", "none"] as const),
    partitionAssignmentStrategy: list(values, "partition.assignment.strategy").map((name) => pickAssignor(name)),
    fetchMinBytes: num(values, "fetch.min.bytes"),
    fetchMaxWaitMs: num(values, "fetch.max.wait.ms"),
    fetchMaxBytes: num(values, "fetch.max.bytes"),
    maxPartitionFetchBytes: num(values, "max.partition.fetch.bytes"),
    isolationLevel: pick(values, "isolation.level", ["read_uncommitted", "read_committed"] as const),
    groupProtocol: pick(values, "group.protocol", ["classic", "consumer"] as const),
    groupRemoteAssignor: strOrNull(values, "group.remote.assignor"),
    requestTimeoutMs: num(values, "request.timeout.ms"),
    defaultApiTimeoutMs: num(values, "default.api.timeout.ms"),
    retryBackoffMs: num(values, "retry.backoff.ms"),
    retryBackoffMaxMs: num(values, "retry.backoff.max.ms"),
    metadataMaxAgeMs: num(values, "metadata.max.age.ms"),
    reconnectBackoffMs: num(values, "reconnect.backoff.ms"),
    reconnectBackoffMaxMs: num(values, "reconnect.backoff.max.ms"),
    clientRack: strOrNull(values, "client.rack") ?? "",
    commitMode: pick(values, "kafkasim.commit.mode", COMMIT_MODES),
  };
}

function pickAssignor(name: string): AssignorName {
  const found = ASSIGNORS.find((a) => a === name);
  if (found === undefined) throw new Error(`config partition.assignment.strategy: unknown assignor ${name}`);
  return found;
}
