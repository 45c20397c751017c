// A config catalog is Kafka's ConfigDef in miniature: each entry names a key with its
// Kafka type, default and valid range. `resolveConfig` does what AbstractConfig does on
// construction: fill defaults, coerce and range-check values, refuse unknown names, then
// run the client's own post-processing (ProducerConfig.postProcessParsedConfig and friends),
// which can both reject combinations and quietly change values.

import { closestKey } from "./closest-key.ts";
import { NOT_MODELLED } from "./not-modelled.ts";
import { coerceValue } from "./coerce.ts";

export type ConfigType =
  | "int"
  | "long"
  | "double"
  | "boolean"
  | "string"
  | "enum"
  | "list"
  | "duration-ms"
  | "bytes";

/** A resolved value: numbers (ms for *.ms keys, bytes for sizes), strings, booleans, lists; null = unset. */
export type ConfigValue = number | string | boolean | readonly string[] | null;

export { INT_MAX, LONG_MAX } from "./limits.ts";

export interface ConfigEntry {
  readonly key: string;
  readonly type: ConfigType;
  /** Kafka's default; null means "not set" (and that null is a valid value). */
  readonly default: ConfigValue;
  readonly min?: number;
  readonly max?: number;
  /** enum: the accepted values; list: the accepted items. */
  readonly values?: readonly string[];
  /** Other spellings accepted for an enum value or list item, mapped to the canonical one. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** enum values compared case-insensitively (Kafka's CaseInsensitiveValidString). */
  readonly ignoreCase?: boolean;
  /** list: an empty list is valid. */
  readonly allowEmpty?: boolean;
  /** Applied to every value, defaults included, after validation (acks "all" → "-1"). */
  readonly normalize?: (value: string) => string;
  /** Not a Kafka key: a kafkasim modelling switch (always prefixed `kafkasim.`). */
  readonly kafkasim?: boolean;
  /**
   * Accepted (so real config files paste cleanly) but not modelled: what that means for the
   * result. Set from not-modelled.ts by defineCatalog.
   */
  readonly notModelled?: string;
  readonly doc: string;
}

export interface ConfigError {
  readonly key: string;
  /** unknown: no such key; invalid: bad value for the key; conflict: a cross-check between keys. */
  readonly kind: "unknown" | "invalid" | "conflict";
  readonly message: string;
  /** For unknown keys: the closest known key, if any. */
  readonly suggestion?: string;
}

/** Post-processing: may change `values` (as Kafka's postProcessParsedConfig does) and report conflicts. */
export type PostProcess = (values: Record<string, ConfigValue>, explicit: ReadonlySet<string>) => ConfigError[];

export interface ConfigCatalog {
  /** "broker", "topic", "producer", "consumer": used in messages. */
  readonly name: string;
  readonly entries: readonly ConfigEntry[];
  readonly byKey: ReadonlyMap<string, ConfigEntry>;
  readonly postProcess?: PostProcess;
}

export interface ResolvedConfig {
  /** Every catalog key, in catalog order, with defaults filled in. */
  readonly values: Record<string, ConfigValue>;
  readonly errors: readonly ConfigError[];
  /** The keys the user set (Kafka's `originals()`), in the order given. */
  readonly explicit: readonly string[];
}

export function defineCatalog(name: string, declared: readonly ConfigEntry[], postProcess?: PostProcess): ConfigCatalog {
  const notes = NOT_MODELLED[name] ?? {};
  const entries = declared.map((e): ConfigEntry => (Object.hasOwn(notes, e.key) ? { ...e, notModelled: notes[e.key]! } : e));
  const byKey = new Map<string, ConfigEntry>();
  for (const entry of entries) {
    if (byKey.has(entry.key)) throw new Error(`catalog ${name}: duplicate key ${entry.key}`);
    byKey.set(entry.key, entry);
  }
  for (const key of Object.keys(notes)) if (!byKey.has(key)) throw new Error(`catalog ${name}: not-modelled note for unknown key ${key}`);
  return postProcess === undefined ? { name, entries, byKey } : { name, entries, byKey, postProcess };
}

/**
 * Resolves user-given values against a catalog. `defaults` replaces catalog defaults
 * key by key (a topic's defaults come from the broker's log.* settings). Post-processing
 * runs only when every value parsed, as in Kafka where parsing throws first.
 */
export function resolveConfig(
  catalog: ConfigCatalog,
  raw: Readonly<Record<string, unknown>>,
  defaults: Readonly<Record<string, ConfigValue>> = {},
): ResolvedConfig {
  const values: Record<string, ConfigValue> = {};
  for (const entry of catalog.entries) {
    const fallback = Object.hasOwn(defaults, entry.key) ? (defaults[entry.key] ?? null) : entry.default;
    values[entry.key] = normalizeValue(entry, fallback);
  }
  const errors: ConfigError[] = [];
  const explicit: string[] = [];
  for (const key of Object.keys(raw)) {
    const entry = catalog.byKey.get(key);
    if (entry === undefined) {
      errors.push(unknownKey(catalog, key));
      continue;
    }
    const result = coerceValue(entry, raw[key]);
    if (!result.ok) {
      errors.push({ key, kind: "invalid", message: result.error });
      continue;
    }
    values[key] = normalizeValue(entry, result.value);
    explicit.push(key);
  }
  if (errors.length === 0 && catalog.postProcess !== undefined) {
    errors.push(...catalog.postProcess(values, new Set(explicit)));
  }
  return { values, errors, explicit };
}

function normalizeValue(entry: ConfigEntry, value: ConfigValue): ConfigValue {
  const normalize = entry.normalize;
  if (normalize === undefined || value === null) return value;
  if (typeof value === "string") return normalize(value);
  if (Array.isArray(value)) return value.map((item: string) => normalize(item));
  return value;
}

function unknownKey(catalog: ConfigCatalog, key: string): ConfigError {
  const suggestion = closestKey(key, catalog.byKey.keys());
  const hint = suggestion === null ? "" : `; did you mean "${suggestion}"?`;
  const message = `unknown ${catalog.name} config "${key}"${hint}`;
  return suggestion === null ? { key, kind: "unknown", message } : { key, kind: "unknown", message, suggestion };
}
