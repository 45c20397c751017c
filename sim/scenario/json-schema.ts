// A JSON Schema (draft-07) of the whole scenario format, for editors (completion, hover
// docs, typos flagged as they are typed, via the YAML language server) and for other tools.
// It is built from what the loader itself reads: its key lists, defaults and parameter
// tables, and the Kafka config catalogs. It checks each value's shape; what needs the rest of
// the file (a topic or target that exists, a fault before the end of the run, Kafka's
// cross-checks between config keys) stays with `kafkasim validate`. Where the loader reads
// an explicit null as "not set", the schema asks for a value or no key, except for Kafka
// keys whose default is unset.

import { clusterSchema, topicsSchema } from "./json-schema-cluster.ts";
import { consumersSchema, producersSchema } from "./json-schema-clients.ts";
import { expectSchema } from "./json-schema-expect.ts";
import { pipelinesSchema } from "./json-schema-pipelines.ts";
import { lessonSchema } from "./json-schema-lesson.ts";
import { faultsSchema, nemesisSchema } from "./json-schema-faults.ts";
import type { JsonSchema } from "./json-schema-type.ts";
import { closedMap, duration, integer, text, withDefault } from "./json-schema-values.ts";
import { DEFAULT_SETTLE_US, TOP_LEVEL_KEYS } from "./schema.ts";
import { formatDurationUs } from "./units.ts";

export const JSON_SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#";

export function scenarioJsonSchema(): JsonSchema {
  const scenario = closedMap(
    "A kafkasim scenario: a cluster, its topics, the clients' workload, the faults, and what the run must show.",
    TOP_LEVEL_KEYS,
    {
      name: text("The scenario's name, shown by the CLI and the visualizer."),
      description: withDefault({ description: "Markdown shown in the CLI and the visualizer: what the scenario shows and why.", type: "string" }, ""),
      seed: withDefault(integer("Seed of every random draw: one seed, one history.", { min: 0, max: Number.MAX_SAFE_INTEGER }), 1),
      duration: duration("Simulated time with the workload and faults, before every fault is healed and the run settles.", { positive: true }),
      settle: withDefault(duration("Time after healing every fault for the cluster to converge before the checker reads the logs."), formatDurationUs(DEFAULT_SETTLE_US)),
      cluster: clusterSchema(),
      topics: topicsSchema(),
      producers: producersSchema(),
      consumers: consumersSchema(),
      pipelines: pipelinesSchema(),
      faults: faultsSchema(),
      nemesis: nemesisSchema(),
      expect: expectSchema(),
      lesson: lessonSchema(),
    },
    ["name", "duration", "cluster", "topics"],
  );
  return { $schema: JSON_SCHEMA_DRAFT, title: "kafkasim scenario", ...scenario };
}
