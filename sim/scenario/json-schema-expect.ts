// `expect:` (and a lesson caption's `when:`) as JSON Schema. Expectation keys are the summary paths
// schema-expect.ts knows: fixed ones are listed (so an editor completes them), the ones with
// a group, topic, partition or broker in the middle are patterns; that the group or topic
// exists stays with the loader.

import type { JsonSchema } from "./json-schema-type.ts";
import { anyWord } from "./json-schema-values.ts";
import { BROKER_FIELDS, COMPARISON, CROSS_RACK_CAUSES, END_TO_END_FIELDS, FIXED, GROUP_FIELDS, PARTITION_FIELDS, PIPELINE_FIELDS, TOP_LEVEL, TOPIC_FIELDS, TOPIC_GROUP_FIELDS } from "./schema-expect.ts";

/** What the summary's fields count (sim/run/summary.ts, sim/check/consumers.ts); the others read as their names. */
const FIELD_NOTES: Readonly<Record<string, string>> = {
  simulatedMs: "Simulated milliseconds the run took, settle included.",
  events: "Events the scheduler processed.",
  "durability.acknowledgedLost": "Records acknowledged to the producer but missing from the final committed log of their partition, after every fault healed and the cluster settled.",
  "durability.duplicates": "Records present more than once in the committed log.",
  "durability.outOfOrder": "Pairs of records from one producer to one partition whose log order differs from their send order.",
  "durability.unacknowledgedPresent": "Records never acknowledged (failed or pending) that are in the committed log anyway.",
  "durability.divergentReplicas": "Replicas whose log below their own high watermark differs from the leader's (0 since KIP-101).",
  "durability.removedByRetention": "Acknowledged records that retention deleted: not lost.",
  "durability.removedByCompaction": "Acknowledged records that compaction removed: not lost.",
  "produced.attempted": "Records the producers sent.",
  "produced.acknowledged": "Records acknowledged.",
  "produced.failed": "Records whose send finally failed.",
  "produced.pending": "Records neither acknowledged nor failed at the end.",
  "latency.p50Ms": "Median acknowledgement latency (send() to callback) of acknowledged records, ms.",
  "latency.p99Ms": "99th percentile acknowledgement latency, ms.",
  "latency.maxMs": "Largest acknowledgement latency, ms.",
  consumed: "Distinct records the group processed.",
  maxLag: "Largest total offset lag (sum over partitions of HW minus committed offset) during duration.",
  finalLag: "That lag at the end of duration, before faults are healed.",
  rebalances: "Rebalances after the group first formed (a cooperative two-round rebalance counts once).",
  processedTwice: "Distinct records the group processed more than once.",
  neverProcessed: "Records below the group's final committed offset that no member processed.",
  committedNotConsumed: "Records in the final committed log that the group never processed.",
  seenNotCommitted: "Records processed that are not in the final committed log (0 unless an unclean election truncated records a consumer had read).",
  logTruncations: "Log truncations the group's consumers detected when validating their positions after a leader change (KIP-320).",
  truncatedBehindPosition: "Offsets the consumers had read past the point where the new leader's log diverged (sum over detected truncations).",
  maxTimeLagMs: "Age of the oldest uncommitted record, the largest during duration.",
  finalTimeLagMs: "Age of the oldest uncommitted record at the end of duration.",
  generations: "Generations that handed out assignments.",
  members: "Members in the last generation.",
  idleMembers: "Members of the last generation that got no partition.",
  longestStallMs: "Longest time a partition went without a processed record.",
  stalledPartitions: "Partitions that went more than 1 s without a processed record at some point.",
  deliveredAtOrAboveHw: "Records delivered at or above the high watermark (an invariant: must be 0).",
  ownershipConflicts: "Partitions delivered to two members of one generation (an invariant: must be 0).",
  outOfSendOrder: "Records processed after one their producer sent later (order holds per partition only).",
  keyOrderViolations: "Of those, records that share a key with the later one (must be 0 for keyed ordering).",
};

const CONDITION_HINT = `A condition on the value: "> 0", "<= 2", "!= 1", "== 0", or a bare number (==).`;

function condition(path: string, note: string | undefined): JsonSchema {
  const what = note ?? `The summary's ${path}.`;
  return { description: `${what} ${CONDITION_HINT}`, type: ["number", "string"], pattern: COMPARISON.source };
}

const NAME = "[A-Za-z0-9._-]+";
/** A topic or group between dots of a path that is split on dots. */
const DOTLESS = "[A-Za-z0-9_-]+";

export function expectSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const f of TOP_LEVEL) properties[f] = condition(f, FIELD_NOTES[f]);
  properties["network.crossRackBytes"] = condition("network.crossRackBytes", "Bytes that crossed from one zone to another (cluster.racks only), every message counted.");
  for (const [section, fields] of Object.entries(FIXED)) {
    for (const f of fields) {
      const path = `${section}.${f}`;
      const note = section === "errors" ? `Records whose send finally failed with ${f}.` : section === "errorResponses" ? `Error responses ${f} that producers got, retried or final.` : FIELD_NOTES[path];
      properties[path] = condition(path, note);
    }
  }
  const perGroup = GROUP_FIELDS.map((f) => `${f}: ${FIELD_NOTES[f] ?? f}`).join(" ");
  return {
    description: "Conditions on the run's summary (kafkasim run --json), checked after it settles: a summary path, then a condition. The run exits 1 when one fails.",
    type: "object",
    properties,
    patternProperties: {
      [`^consumers\\.${NAME}\\.${anyWord(GROUP_FIELDS)}$`]: condition("consumers.<group>.<field>", `consumers.<group>.<field> of a group in consumers. ${perGroup}`),
      [`^pipelines\\.${NAME}\\.${anyWord(PIPELINE_FIELDS)}$`]: condition("pipelines.<id>.<field>", "pipelines.<id>.<field>: inputConsumed (input records the instances processed, repeats counted), outputCommitted (its records in the output topic's committed, read_committed view), outputDuplicates (input records with more than one committed output), outputMissing (input records below the group's final committed offset with no committed output)."),
      [`^topics\\.${DOTLESS}\\.${anyWord(TOPIC_FIELDS)}$`]: condition("topics.<topic>.<field>", `topics.<topic>.<field>: ${TOPIC_FIELDS.join(", ")}: the topic's keys and what a reader of the final log rebuilds per key.`),
      [`^topics\\.${DOTLESS}\\.${anyWord(TOPIC_GROUP_FIELDS)}\\.${DOTLESS}$`]: condition("topics.<topic>.<field>.<group>", `topics.<topic>.<field>.<group>: ${TOPIC_GROUP_FIELDS.join(", ")}: what one group rebuilt per key against the history.`),
      [`^partitions\\.${NAME}-\\d+\\.${anyWord(PARTITION_FIELDS)}$`]: condition("partitions.<topic>-<p>.<field>", `partitions.<topic>-<partition>.<field>: ${PARTITION_FIELDS.join(", ")} of the leader's log.`),
      [`^network\\.crossRackBytesByCause\\.${anyWord(CROSS_RACK_CAUSES)}$`]: condition("network.crossRackBytesByCause.<cause>", `network.crossRackBytesByCause.<cause>: cross-zone bytes of ${CROSS_RACK_CAUSES.join(", ")} (Produce, replica Fetch between brokers, consumer Fetch, the rest); cluster.racks only.`),
      [`^endToEnd\\.${NAME}\\.${anyWord(END_TO_END_FIELDS)}$`]: condition("endToEnd.<group>.<field>", "endToEnd.<group>.<field>: p50Ms, p99Ms, maxMs from a record's send() to its processing by the group; cluster.racks only."),
      [`^network\\.bytesByRackPair\\.${DOTLESS}\\.${DOTLESS}$`]: condition("network.bytesByRackPair.<from>.<to>", "network.bytesByRackPair.<from>.<to>: bytes sent from a node in rack <from> to one in rack <to>; cluster.racks only."),
      [`^brokers\\.[1-9]\\d*\\.${anyWord(BROKER_FIELDS)}$`]: condition("brokers.<id>.<field>", `brokers.<id>.<field>: ${BROKER_FIELDS.join(", ")}: the broker's disk reads and writes, appends throttled by the dirty limit, network-thread time on cold sendfile and TLS.`),
    },
    additionalProperties: false,
  };
}
