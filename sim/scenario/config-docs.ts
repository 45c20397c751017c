// How a catalog entry reads to people, in `kafkasim configs` and in the JSON Schema:
// its type with the unit, Kafka's default as a config file writes it, its valid values.

import { LONG_MAX, type ConfigEntry, type ConfigValue } from "../../core/config/catalog.ts";

const TYPE_NAMES: Readonly<Record<string, string>> = { "duration-ms": "duration (ms; also 5s, 2m, ...)", bytes: "size (bytes; also 16KiB, 1MiB, ...)" };

export function typeName(e: ConfigEntry): string {
  return TYPE_NAMES[e.type] ?? e.type;
}

/** Kafka's default as written in a config file (Long.MAX_VALUE as its digits); null = unset. */
export type ShownDefault = number | string | boolean | readonly string[] | null;

export function defaultOf(v: ConfigValue): ShownDefault {
  return v === LONG_MAX ? "9223372036854775807" : v;
}

/** The default as text: "(unset)", "(empty)", a list joined by commas. */
export function defaultText(v: ShownDefault): string {
  if (v === null) return "(unset)";
  if (Array.isArray(v)) return v.length === 0 ? "(empty)" : v.join(",");
  return String(v);
}

/** Accepted values or range, "" when any value of the type goes. */
export function validOf(e: ConfigEntry): string {
  if (e.values !== undefined) return e.values.join(", ");
  const max = e.max === LONG_MAX ? "Long.MAX_VALUE" : e.max;
  if (e.min !== undefined && e.max !== undefined) return `[${e.min}, ${max}]`;
  if (e.min !== undefined) return `>= ${e.min}`;
  if (e.max !== undefined) return `<= ${max}`;
  return "";
}
