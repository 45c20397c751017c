// A `config:` map in a scenario, resolved against one of Kafka's catalogs
// (core/config). Catalog errors are located at the offending key or value; a key that
// belongs to another catalog says so ("acks is a producer config").

import { resolveConfig, type ConfigCatalog, type ConfigError, type ConfigValue } from "../../core/config/catalog.ts";
import { BROKER_CATALOG } from "../../core/config/broker-config.ts";
import { BROKER_SYNONYMS, TOPIC_CATALOG } from "../../core/config/topic-config.ts";
import { CONFIG_SECTIONS } from "./config-sections.ts";
import type { Field } from "./node-reader.ts";

export interface ConfigOptions {
  /** Replaces catalog defaults (a topic's defaults come from the broker). */
  readonly defaults?: Readonly<Record<string, ConfigValue>>;
  /** Values the scenario implies (a consumer's group.id), applied unless the config sets them. */
  readonly preset?: Readonly<Record<string, unknown>>;
}

export function readConfig(f: Field, catalog: ConfigCatalog, options: ConfigOptions = {}): Record<string, ConfigValue> {
  const view = f.missing ? null : f.map();
  // No prototype: a `__proto__` key is then a key like any other (and refused as unknown), not a prototype.
  const raw: Record<string, unknown> = Object.assign(Object.create(null) as Record<string, unknown>, options.preset);
  // An unknown key is the error to report, whatever its value holds.
  for (const e of view?.entries ?? []) raw[e.key] = catalog.byKey.has(e.key) ? e.value.plain() : null;
  const resolved = resolveConfig(catalog, raw, options.defaults);
  const first = resolved.errors[0];
  if (first !== undefined) fail(f, catalog, first);
  warnNotModelled(f, catalog, resolved.values, options.defaults);
  return resolved.values;
}

/** One warning per key the map sets away from its default that the simulator does not model. */
function warnNotModelled(f: Field, catalog: ConfigCatalog, values: Readonly<Record<string, ConfigValue>>, defaults: ConfigOptions["defaults"]): void {
  const view = f.missing ? null : f.map();
  if (view === null) return;
  let baseline: Readonly<Record<string, ConfigValue>> | null = null;
  for (const e of view.entries) {
    const note = catalog.byKey.get(e.key)?.notModelled;
    if (note === undefined) continue;
    baseline ??= resolveConfig(catalog, {}, defaults).values;
    if (JSON.stringify(values[e.key]) === JSON.stringify(baseline[e.key])) continue;
    f.src.warn(e.keyNode, [...f.path, e.key], `accepted, not modelled: ${note}`);
  }
}

function fail(f: Field, catalog: ConfigCatalog, error: ConfigError): never {
  const view = f.missing ? null : f.map();
  const entry = view?.entry(error.key);
  const path = [...f.path, error.key];
  if (entry === undefined) {
    // A cross-check on keys left at their defaults: point at the config map, or where it would be.
    return f.src.fail(f.node ?? f.near, path, error.message);
  }
  if (error.kind === "unknown") {
    // Knowing where the key belongs beats a spelling guess.
    const hint = elsewhere(catalog, error.key);
    const message = hint === "" ? error.message : `unknown ${catalog.name} config "${error.key}"${hint}`;
    return f.src.fail(entry.keyNode, path, message);
  }
  return entry.value.fail(error.message);
}

/** "; acks is a producer config (producers[].config)" and the log.* / topic key synonyms. */
function elsewhere(catalog: ConfigCatalog, key: string): string {
  if (catalog === TOPIC_CATALOG && Object.hasOwn(BROKER_SYNONYMS, key)) {
    return `; ${key} is the broker-wide default (cluster.config); a topic sets "${BROKER_SYNONYMS[key]}"`;
  }
  if (catalog === BROKER_CATALOG) {
    const brokerKey = Object.keys(BROKER_SYNONYMS).find((k) => BROKER_SYNONYMS[k] === key);
    if (brokerKey !== undefined) return `; ${key} is a topic config (topics[].config); the broker-wide default is "${brokerKey}"`;
  }
  const other = CONFIG_SECTIONS.find((s) => s.catalog !== catalog && s.catalog.byKey.has(key));
  return other === undefined ? "" : `; ${key} is a ${other.catalog.name} config (${other.where})`;
}
