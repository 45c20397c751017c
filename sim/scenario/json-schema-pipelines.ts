// `pipelines:` as JSON Schema, from the keys schema-pipelines.ts reads and the Streams catalog.

import { STREAMS_CATALOG } from "../../core/config/streams-config.ts";
import { sectionOf } from "./config-sections.ts";
import { configMap } from "./json-schema-config.ts";
import type { JsonSchema } from "./json-schema-type.ts";
import { clientName, closedMap, distribution, integer, text, withDefault } from "./json-schema-values.ts";
import { LIMITS } from "./schema-common.ts";
import { PIPELINE_KEYS } from "./schema-pipelines.ts";

export function pipelinesSchema(): JsonSchema {
  const pipeline = closedMap(
    "A consume-transform-produce application (Kafka Streams): each instance consumes `from` in `group` and produces one record per input record, with the same key, to `to`.",
    PIPELINE_KEYS,
    {
      id: clientName("The application id; its instances are <id>-1..<id>-<instances> (fault targets)."),
      group: clientName("The instances' consumer group."),
      from: text("The input topic (a name from topics)."),
      to: text("The output topic (a name from topics)."),
      instances: withDefault(integer("Application instances (one stream thread each).", { min: 1, max: LIMITS.instancesPerGroup }), 1),
      processingTime: withDefault(distribution("Time the application spends on each input record.", "time"), 0),
      config: configMap(sectionOf(STREAMS_CATALOG)),
    },
    ["id", "group", "from", "to"],
  );
  return { description: "The pipelines.", type: "array", items: pipeline };
}
