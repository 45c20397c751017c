// `expect:`: conditions on the run's summary, checked after it settles (lesson captions'
// `when:` reads the same conditions: schema-lesson.ts).

import { Errors } from "../../core/protocol/errors.ts";
import { didYouMean } from "./did-you-mean.ts";
import type { Field } from "./node-reader.ts";
import type { Known } from "./schema-common.ts";
import { EXPECT_OPS, type ExpectOp, type Expectation } from "./types.ts";

/** Summary fields by section; consumers and partitions have a name in the middle. */
export const FIXED: Readonly<Record<string, readonly string[]>> = {
  durability: ["acknowledgedLost", "duplicates", "outOfOrder", "unacknowledgedPresent", "divergentReplicas", "removedByRetention", "removedByCompaction"],
  produced: ["attempted", "acknowledged", "failed", "pending", "aborted"],
  latency: ["p50Ms", "p99Ms", "maxMs"],
  // Final send failures by Kafka error name (absent errors count as 0).
  errors: Object.keys(Errors),
  // Every error response producers got, retried or final.
  errorResponses: Object.keys(Errors),
  // With cluster.controllers > 1 only (absent, so never met, with one controller).
  controllerQuorum: ["controllers", "elections", "longestWithoutActiveMs", "withoutActiveMs", "epoch"],
  // With a transactional producer only (absent, so never met, without one).
  transactions: ["committed", "aborted", "timedOut", "fenced", "failed", "open", "abortedRecords", "abortedInLog", "hangingInLog"],
};
export const TOP_LEVEL = ["simulatedMs", "events"];
export const GROUP_FIELDS = [
  "consumed", "maxLag", "finalLag", "rebalances", "processedTwice", "neverProcessed", "committedNotConsumed", "seenNotCommitted",
  "logTruncations", "truncatedBehindPosition",
  "maxTimeLagMs", "finalTimeLagMs", "generations", "members", "idleMembers", "longestStallMs", "stalledPartitions",
  "deliveredAtOrAboveHw", "ownershipConflicts", "outOfSendOrder", "keyOrderViolations",
  // With a transactional producer only.
  "abortedRead", "uncommittedRead",
];
/** summary.pipelines.<id> (sim/check/pipelines.ts). */
export const PIPELINE_FIELDS = ["inputConsumed", "outputCommitted", "outputDuplicates", "outputMissing"];
export const TOPIC_FIELDS = ["keys", "liveKeys", "deletedKeys", "recordsInLog", "tombstonesInLog", "stateMismatches"];
export const TOPIC_GROUP_FIELDS = ["consumerStateMismatches", "consumerEventMismatches", "consumerUnreadRemoved"];
export const PARTITION_FIELDS = ["records", "highWatermark", "logEndOffset", "logStartOffset", "bytes"];
/** summary.endToEnd.<group> (sim/check/end-to-end.ts). */
export const END_TO_END_FIELDS = ["p50Ms", "p99Ms", "maxMs"];
/** summary.network's per-cause keys (sim/run/zones.ts). */
export const CROSS_RACK_CAUSES = ["produce", "replication", "consume", "other"] as const;
const CAUSES: readonly string[] = CROSS_RACK_CAUSES;
export const BROKER_FIELDS = ["diskReadBytes", "diskWrittenBytes", "appendsThrottled", "appendThrottledMs", "networkDiskWaitMs", "networkTlsMs", "networkBusy"];

export const COMPARISON = /^\s*(==|!=|<=|>=|<|>|=)?\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*$/;

export function readExpect(f: Field, known: Known): Expectation[] {
  if (f.missing) return [];
  return f.map().entries.map((e) => {
    const where = f.src.loc(e.keyNode);
    const fail = (message: string): never => f.src.fail(e.keyNode, e.value.path, message);
    checkPath(e.key, known, fail);
    const { op, value } = comparison(e.value);
    return { path: e.key, op, value, raw: `${op} ${value}`, where };
  });
}

function checkPath(path: string, known: Known, fail: (message: string) => never): void {
  const parts = path.split(".");
  const section = parts[0] ?? "";
  const field = parts[parts.length - 1] ?? "";
  const middle = parts.slice(1, -1).join(".");
  if (TOP_LEVEL.includes(section) && parts.length === 1) return;
  const fixed = FIXED[section];
  if (fixed !== undefined && parts.length === 2 && fixed.includes(field)) return;
  if (section === "consumers" && parts.length >= 3) {
    if (!known.groups.has(middle)) fail(`unknown consumer group "${middle}"${didYouMean(middle, known.groups.keys())}`);
    if (!GROUP_FIELDS.includes(field)) fail(`consumers.<group> has ${GROUP_FIELDS.join(", ")}; got "${field}"${didYouMean(field, GROUP_FIELDS)}`);
    return;
  }
  if (section === "pipelines" && parts.length >= 3) {
    const pipelines = known.pipelines ?? new Map<string, number>();
    if (!pipelines.has(middle)) fail(`unknown pipeline "${middle}"${didYouMean(middle, pipelines.keys())}`);
    if (!PIPELINE_FIELDS.includes(field)) fail(`pipelines.<id> has ${PIPELINE_FIELDS.join(", ")}; got "${field}"${didYouMean(field, PIPELINE_FIELDS)}`);
    return;
  }
  if (section === "topics" && parts.length >= 3) {
    if (!known.topics.has(parts[1] ?? "")) fail(`unknown topic "${parts[1]}"${didYouMean(parts[1] ?? "", known.topics.keys())}`);
    const perGroup = parts.length === 4 && TOPIC_GROUP_FIELDS.includes(parts[2] ?? "") && known.groups.has(field);
    if (!(parts.length === 3 && TOPIC_FIELDS.includes(field)) && !perGroup) fail(`topics.<topic> has ${TOPIC_FIELDS.join(", ")}, and ${TOPIC_GROUP_FIELDS.join(", ")}.<group>; got "${path}"`);
    return;
  }
  if (section === "partitions" && parts.length >= 3) {
    checkTopicPartition(middle, known, fail);
    if (!PARTITION_FIELDS.includes(field)) fail(`partitions.<topic>-<p> has ${PARTITION_FIELDS.join(", ")}; got "${field}"${didYouMean(field, PARTITION_FIELDS)}`);
    return;
  }
  if (section === "network") return checkNetworkPath(parts, known, fail);
  if (section === "endToEnd" && parts.length >= 3) {
    if ((known.racks ?? []).length === 0) fail("summary.endToEnd exists only when the cluster has racks: set cluster.racks");
    if (!known.groups.has(middle)) fail(`unknown consumer group "${middle}"${didYouMean(middle, known.groups.keys())}`);
    if (!END_TO_END_FIELDS.includes(field)) fail(`endToEnd.<group> has ${END_TO_END_FIELDS.join(", ")}; got "${field}"${didYouMean(field, END_TO_END_FIELDS)}`);
    return;
  }
  if (section === "brokers" && parts.length === 3) {
    if (!/^[1-9]\d*$/.test(middle) || Number(middle) > known.brokers) fail(`the brokers are 1..${known.brokers}; there is no broker "${middle}"`);
    if (!BROKER_FIELDS.includes(field)) fail(`brokers.<id> has ${BROKER_FIELDS.join(", ")}; got "${field}"${didYouMean(field, BROKER_FIELDS)}`);
    return;
  }
  fail(`unknown summary path "${path}"${didYouMean(path, knownPaths(known))}`);
}

/** network.crossRackBytes, network.crossRackBytesByCause.<cause>, network.bytesByRackPair.<from>.<to>: with racks only. */
function checkNetworkPath(parts: readonly string[], known: Known, fail: (message: string) => never): void {
  const racks = known.racks ?? [];
  if (racks.length === 0) fail("summary.network (cross-zone bytes) exists only when the cluster has racks: set cluster.racks");
  const [, field, a, b] = parts;
  if (field === "crossRackBytes" && parts.length === 2) return;
  if (field === "crossRackBytesByCause" && parts.length === 3) {
    if (!CAUSES.includes(a ?? "")) fail(`network.crossRackBytesByCause has ${CAUSES.join(", ")}; got "${a}"${didYouMean(a ?? "", CAUSES)}`);
    return;
  }
  if (field === "bytesByRackPair" && parts.length === 4) {
    for (const r of [a ?? "", b ?? ""]) if (!racks.includes(r)) fail(`there is no rack "${r}": cluster.racks has ${racks.join(", ")}${didYouMean(r, racks)}`);
    if (a === b) fail(`network.bytesByRackPair.<from>.<to> counts bytes between two different racks; got ${a} twice`);
    return;
  }
  fail(`summary.network has crossRackBytes, crossRackBytesByCause.<${CROSS_RACK_CAUSES.join("|")}> and bytesByRackPair.<from>.<to>; got "${parts.join(".")}"`);
}

function checkTopicPartition(tp: string, known: Known, fail: (message: string) => never): void {
  const m = /^(.+)-(\d+)$/.exec(tp);
  if (m === null) fail(`expected partitions.<topic>-<partition>.<field>, like partitions.orders-0.records`);
  const topic = m[1] ?? "";
  const partitions = known.topics.get(topic);
  if (partitions === undefined) fail(`unknown topic "${topic}"${didYouMean(topic, known.topics.keys())}`);
  if (Number(m[2]) >= partitions) fail(`${topic} has ${partitions} partition(s), numbered 0..${partitions - 1}; there is no ${tp}`);
}

function knownPaths(known: Known): string[] {
  const paths = [...TOP_LEVEL];
  for (const [section, fields] of Object.entries(FIXED)) for (const f of fields) paths.push(`${section}.${f}`);
  for (const group of known.groups.keys()) for (const f of GROUP_FIELDS) paths.push(`consumers.${group}.${f}`);
  for (const id of known.pipelines?.keys() ?? []) for (const f of PIPELINE_FIELDS) paths.push(`pipelines.${id}.${f}`);
  for (const [topic, n] of known.topics) for (let p = 0; p < Math.min(n, 50); p++) for (const f of PARTITION_FIELDS) paths.push(`partitions.${topic}-${p}.${f}`);
  for (let b = 1; b <= Math.min(known.brokers, 50); b++) for (const f of BROKER_FIELDS) paths.push(`brokers.${b}.${f}`);
  if ((known.racks ?? []).length > 0) paths.push("network.crossRackBytes", ...CROSS_RACK_CAUSES.map((c) => `network.crossRackBytesByCause.${c}`));
  return paths;
}

/** `"> 0"`, `"<= 2"`, `"== 0"`, or a bare number meaning ==. */
function comparison(f: Field): { op: ExpectOp; value: number } {
  const v = f.scalar;
  if (typeof v === "number" && Number.isFinite(v)) return { op: "==", value: v };
  const m = typeof v === "string" ? COMPARISON.exec(v) : null;
  if (m === null) return f.fail(`expected a comparison like "> 0", "== 0" or "<= 2", got ${f.describe()}`);
  const op = m[1] === undefined || m[1] === "=" ? "==" : (EXPECT_OPS.find((o) => o === m[1]) ?? "==");
  return { op, value: Number(m[2]) };
}
