// `producers:` and `consumers:` as JSON Schema, from the keys schema-clients.ts and keys.ts
// read. That `topic` names a topic of the file, and that a value fits max.request.size,
// stay with the loader.

import { CONSUMER_CATALOG } from "../../core/config/consumer-config.ts";
import { PRODUCER_CATALOG } from "../../core/config/producer-config.ts";
import { sectionOf } from "./config-sections.ts";
import { configMap } from "./json-schema-config.ts";
import type { JsonSchema } from "./json-schema-type.ts";
import { clientName, closedMap, distribution, duration, flag, integer, number, probability, rate, text, withDefault } from "./json-schema-values.ts";
import { KEY_DEFAULTS, KEY_PARAMS } from "./keys.ts";
import { CONSUMER_KEYS, DEFAULT_VALUE_SIZE_BYTES, PRODUCER_KEYS, RATE_STEP_KEYS, TRANSACTION_KEYS } from "./schema-clients.ts";
import { LIMITS } from "./schema-common.ts";
import { KEY_DISTRIBUTIONS, type KeySpec } from "./types.ts";

export function producersSchema(): JsonSchema {
  const producer = closedMap(
    "A producer client: what it sends, how fast, and its Kafka config.",
    PRODUCER_KEYS,
    {
      id: clientName("The producer's id; fault targets name it by this."),
      topic: text("The topic it writes to (a name from topics)."),
      rate: rateSchema(),
      keys: keysSchema(),
      valueSize: withDefault(distribution("Bytes of each record's value.", "size"), DEFAULT_VALUE_SIZE_BYTES),
      tombstones: withDefault(probability("Share of records sent with a null value (deletes, on a compacted topic)."), 0),
      partition: integer("Send every record to this partition (from 0) instead of letting the partitioner choose.", { min: 0 }),
      maxRecords: integer("Stop after this many records; without it the producer sends until the end of duration.", { min: 1 }),
      transactions: closedMap(
        "With config.transactional.id: the application begins a transaction with its first record and commits after `records` records or `every` since it began (give one); `abort` is the share of transactions it aborts instead (seeded).",
        TRANSACTION_KEYS,
        {
          records: integer("Commit after this many records.", { min: 1 }),
          every: duration("Commit this long after the transaction began."),
          abort: withDefault(probability("Share of transactions aborted instead of committed."), 0),
        },
      ),
      config: configMap(sectionOf(PRODUCER_CATALOG)),
    },
    ["id", "topic", "rate"],
  );
  return { description: "The producers.", type: "array", items: producer };
}

function rateSchema(): JsonSchema {
  const step = closedMap("One step: from `at` on, send at `rate`.", RATE_STEP_KEYS, { at: duration("When the step starts (before duration); steps in increasing order."), rate: rate("The rate from then on.", LIMITS.recordsPerSecPerProducer) }, RATE_STEP_KEYS);
  return {
    description: "Records per second: one rate, or a schedule of steps [{ at: 0s, rate: 100/s }, { at: 10s, rate: 5000/s }] (0 before the first step).",
    oneOf: [rate("A constant rate.", LIMITS.recordsPerSecPerProducer), { description: "A rate schedule.", type: "array", minItems: 1, items: step }],
  };
}

type KeyDistribution = KeySpec["distribution"];

const KEY_NOTES: Readonly<Record<KeyDistribution, string>> = {
  none: "null keys: the sticky partitioner spreads records, and compaction has nothing to keep.",
  uniform: "keys k0..k{count-1}, each equally likely.",
  zipf: "the same key space ranked by zipf(exponent): a few keys take most records.",
  fixed: "one hot `key` for `share` of records, the rest uniform over count keys.",
  composite: "the hot `key` joined with a uniform sub-key (\"US-123\") for `share` of records, the rest uniform over count keys: the hot key's records spread over partitions.",
  salted: "the hot `key` with a salt suffix 0..salts-1 (\"US#3\"): it spreads over a few partitions, and per-key order is lost.",
};

function keysSchema(): JsonSchema {
  const shorthand = KEY_DISTRIBUTIONS.filter((d) => !KEY_PARAMS[d].includes("key"));
  const notes = KEY_DISTRIBUTIONS.map((d) => `${d}: ${KEY_NOTES[d]}`).join(" ");
  return withDefault(
    {
      description: `Record keys, which choose the partition (murmur2 of the key) and what compaction keeps. ${notes}`,
      oneOf: [{ description: `Shorthand for { distribution: ... } with default parameters.`, enum: shorthand }, ...KEY_DISTRIBUTIONS.map(keyMap)],
    },
    KEY_DEFAULTS.distribution,
  );
}

function keyMap(d: KeyDistribution): JsonSchema {
  const params: Readonly<Record<string, JsonSchema>> = {
    count: withDefault(integer("How many keys in the key space.", { min: 1, max: LIMITS.keyCount }), KEY_DEFAULTS.count),
    exponent: withDefault(number("Zipf exponent, above 0 and at most 100: higher puts more records on the top keys.", { positive: true, max: 100 }), KEY_DEFAULTS.exponent),
    key: text("The hot key, e.g. US."),
    share: withDefault(probability("Share of records that carry the hot key."), KEY_DEFAULTS.share),
    salts: withDefault(integer("How many salted forms of the hot key.", { min: 1, max: 1_000_000 }), KEY_DEFAULTS.salts),
  };
  const own = KEY_PARAMS[d];
  const properties: Record<string, JsonSchema> = { distribution: { description: KEY_NOTES[d], const: d } };
  for (const p of own) properties[p] = params[p]!;
  return closedMap(`${d} keys.`, ["distribution", ...own], properties, own.includes("key") ? ["distribution", "key"] : ["distribution"]);
}

export function consumersSchema(): JsonSchema {
  const group = closedMap(
    "A consumer group: its instances, how long each record takes, and their Kafka config.",
    CONSUMER_KEYS,
    {
      group: clientName("The group (its group.id); its instances are <group>-1..<group>-<instances>."),
      topic: text("The topic it reads (a name from topics)."),
      instances: withDefault(integer("Consumers in the group.", { min: 1, max: LIMITS.instancesPerGroup }), 1),
      static: withDefault(flag("Static membership (KIP-345): instance n gets group.instance.id <group>-<n>."), false),
      processingTime: withDefault(distribution("Time the application spends on each record.", "time"), 0),
      racks: {
        description: "With cluster.racks: one zone per instance, [az1, az2, az3]: instance n's client.rack is racks[n-1] (over config.client.rack), for the network, follower fetching (KIP-392) and rack-aware range and sticky assignment (KIP-881).",
        type: "array",
        items: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" },
        minItems: 1,
      },
      // schema-clients.ts checkGroupKeys: the scenario sets this one through `static`.
      config: configMap(sectionOf(CONSUMER_CATALOG), { "group.instance.id": "write `static: true`, which gives instance n the id <group>-<n>" }),
    },
    ["group", "topic"],
  );
  return { description: "The consumer groups, one entry per group.", type: "array", items: group };
}
