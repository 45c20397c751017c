// The scenario's five `config:` maps and the Kafka catalog each one is read against.

import { BROKER_CATALOG } from "../../core/config/broker-config.ts";
import type { ConfigCatalog } from "../../core/config/catalog.ts";
import { CONSUMER_CATALOG } from "../../core/config/consumer-config.ts";
import { PRODUCER_CATALOG } from "../../core/config/producer-config.ts";
import { TOPIC_CATALOG } from "../../core/config/topic-config.ts";
import { STREAMS_CATALOG } from "../../core/config/streams-config.ts";

export interface ConfigSection {
  /** The catalog's name, as `kafkasim configs --scope` takes it. */
  readonly scope: string;
  readonly catalog: ConfigCatalog;
  /** Where the map sits in a scenario file. */
  readonly where: string;
}

export const CONFIG_SECTIONS: readonly ConfigSection[] = [
  { scope: "broker", catalog: BROKER_CATALOG, where: "cluster.config" },
  { scope: "topic", catalog: TOPIC_CATALOG, where: "topics[].config" },
  { scope: "producer", catalog: PRODUCER_CATALOG, where: "producers[].config" },
  { scope: "consumer", catalog: CONSUMER_CATALOG, where: "consumers[].config" },
  { scope: "streams", catalog: STREAMS_CATALOG, where: "pipelines[].config" },
];

export function sectionOf(catalog: ConfigCatalog): ConfigSection {
  const section = CONFIG_SECTIONS.find((s) => s.catalog === catalog);
  if (section === undefined) throw new Error(`no config section reads the ${catalog.name} catalog`);
  return section;
}
