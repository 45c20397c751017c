// Short constructors for catalog entries, so each catalog reads like Kafka's ConfigDef:
// one line per key with its type, default and range.

import type { ConfigEntry, ConfigValue } from "./catalog.ts";
import { INT_MAX } from "./limits.ts";

export interface Range {
  readonly min?: number;
  readonly max?: number;
}

type Extra = Omit<Partial<ConfigEntry>, "key" | "type" | "default" | "doc">;

/** A Kafka LONG in milliseconds; accepts "5s"-style durations too. */
export function ms(key: string, def: number | null, doc: string, range: Range = { min: 0 }): ConfigEntry {
  return { key, type: "duration-ms", default: def, doc, ...range };
}

/** A Kafka INT in milliseconds (at most Integer.MAX_VALUE ms, about 24.8 days). */
export function msInt(key: string, def: number | null, doc: string, min = 0): ConfigEntry {
  return { key, type: "duration-ms", default: def, doc, min, max: INT_MAX };
}

export function int(key: string, def: number | null, doc: string, range: Range = {}): ConfigEntry {
  return { key, type: "int", default: def, doc, ...range };
}

export function long(key: string, def: number | null, doc: string, range: Range = {}): ConfigEntry {
  return { key, type: "long", default: def, doc, ...range };
}

/** A size in bytes; accepts "16KiB"-style sizes. Kafka INT sizes pass `max: INT_MAX`. */
export function bytes(key: string, def: number | null, doc: string, range: Range = { min: 0, max: INT_MAX }): ConfigEntry {
  return { key, type: "bytes", default: def, doc, ...range };
}

export function double(key: string, def: number | null, doc: string, range: Range & Extra = {}): ConfigEntry {
  return { key, type: "double", default: def, doc, ...range };
}

export function flag(key: string, def: boolean, doc: string): ConfigEntry {
  return { key, type: "boolean", default: def, doc };
}

export function text(key: string, def: string | null, doc: string, extra: Extra = {}): ConfigEntry {
  return { key, type: "string", default: def, doc, ...extra };
}

export function oneOf(key: string, def: string, values: readonly string[], doc: string, extra: Extra = {}): ConfigEntry {
  return { key, type: "enum", default: def, values, doc, ...extra };
}

export function listOf(key: string, def: readonly string[], values: readonly string[] | undefined, doc: string, extra: Extra = {}): ConfigEntry {
  const entry: ConfigEntry = { key, type: "list", default: def as ConfigValue, doc, ...extra };
  return values === undefined ? entry : { ...entry, values };
}
