// A scenario's `config:` maps as JSON Schema: one property per key of the Kafka catalog the
// loader resolves the map against (core/config), with Kafka's doc, default, type and range,
// and for a key accepted but not modelled, what that leaves out. The values are those
// coerce.ts takes: numbers or their text, durations and sizes with units for *.ms and byte
// keys, "true"/"false" in any case, enum values (and Kafka's class names where the catalog
// has aliases), lists as YAML lists or comma-separated text. Cross-checks between keys
// (idempotence needs acks=all, heartbeat below session timeout, ...) stay with the loader.

import { INT_MAX, LONG_MAX, type ConfigEntry } from "../../core/config/catalog.ts";
import { defaultOf, defaultText, typeName, validOf } from "./config-docs.ts";
import type { ConfigSection } from "./config-sections.ts";
import type { JsonSchema } from "./json-schema-type.ts";
import { anyWord, bounds, durationValue, escapeRegex, plainNumber, sizeValue, typed, whole, type Bounds } from "./json-schema-values.ts";
import { assertNever } from "../../core/assert-never.ts";

/** `refused`: keys of the catalog the scenario sets another way, with how. */
export function configMap(section: ConfigSection, refused: Readonly<Record<string, string>> = {}): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const e of section.catalog.entries) {
    const how = refused[e.key];
    properties[e.key] = how === undefined ? entrySchema(e) : { description: `${e.doc} Not set here: ${how}.`, default: defaultOf(e.default), not: {} };
  }
  return {
    description: `${section.catalog.name} configs: Kafka's own keys and values (Kafka 4.x; \`kafkasim configs --scope ${section.scope}\` lists them). Unknown keys are refused.`,
    type: "object",
    properties,
    additionalProperties: false,
  };
}

function entrySchema(e: ConfigEntry): JsonSchema {
  return { description: describeEntry(e), default: defaultOf(e.default), ...valueSchema(e) };
}

function describeEntry(e: ConfigEntry): string {
  const parts = [e.doc, `Type: ${typeName(e)}.`];
  const valid = validOf(e);
  if (valid !== "") parts.push(`Valid: ${valid}.`);
  parts.push(`${e.kafkasim === true ? "Default" : "Kafka's default"}: ${defaultText(defaultOf(e.default))}.`);
  if (e.notModelled !== undefined) parts.push(`Accepted but NOT MODELLED: ${e.notModelled}.`);
  return parts.join(" ");
}

const INT_MIN = -INT_MAX - 1;
const ANY_SCALAR: JsonSchema = { type: ["string", "number", "boolean"] };

function valueSchema(e: ConfigEntry): JsonSchema {
  const nullable = e.default === null;
  switch (e.type) {
    case "int":
      // A Java int: a value outside it is refused, not clamped.
      return numberText(["integer", "string"], { min: e.min ?? INT_MIN, max: e.max ?? INT_MAX }, nullable);
    case "long":
      return numberText(["integer", "string"], rangeOf(e), nullable);
    case "double":
      return numberText(["number", "string"], rangeOf(e), nullable);
    case "duration-ms":
      return durationValue(rangeOf(e), nullable);
    case "bytes":
      return sizeValue(rangeOf(e), nullable);
    case "boolean":
      return { type: typed(["boolean", "string"], nullable), pattern: whole(`${caseless("true")}|${caseless("false")}`) };
    case "string":
      return nullable ? { type: ["string", "number", "boolean", "null"] } : ANY_SCALAR;
    case "enum":
      return nullable ? { anyOf: [enumValue(e), { type: "null" }] } : enumValue(e);
    case "list":
      return { anyOf: [listAsArray(e), listAsText(e), ...(nullable ? [{ type: "null" } as const] : [])] };
    default:
      return assertNever(e.type);
  }
}

/** Long.MAX_VALUE means "never" and anything above it is clamped to it, so it bounds nothing. */
function rangeOf(e: ConfigEntry): Bounds {
  const min = e.min === undefined ? {} : { min: e.min };
  return e.max === undefined || e.max === LONG_MAX ? min : { ...min, max: e.max };
}

function numberText(type: readonly ("integer" | "number" | "string")[], b: Bounds, nullable: boolean): JsonSchema {
  return { type: typed(type, nullable), ...bounds(b), pattern: whole(plainNumber(b)) };
}

/** `all` → [aA][lL][lL], for Kafka's case-insensitive values. */
function caseless(word: string): string {
  return [...word].map((c) => (c.toLowerCase() === c.toUpperCase() ? escapeRegex(c) : `[${c.toLowerCase()}${c.toUpperCase()}]`)).join("");
}

function wordsOf(e: ConfigEntry): string[] {
  return [...(e.values ?? []), ...Object.keys(e.aliases ?? {})];
}

/** One value of an enum (or list item) as a pattern alternative. */
function wordPattern(e: ConfigEntry): string {
  return e.ignoreCase === true ? `(?:${wordsOf(e).map(caseless).join("|")})` : anyWord(wordsOf(e));
}

/** The values, with their YAML number forms: `acks: 1` reaches the catalog as the number 1, read as "1". */
function enumValue(e: ConfigEntry): JsonSchema {
  const words = wordsOf(e);
  const numbers = words.filter((w) => w.trim() !== "" && String(Number(w)) === w).map(Number);
  const listed: JsonSchema = { enum: [...words, ...numbers] };
  return e.ignoreCase === true ? { anyOf: [listed, { type: "string", pattern: whole(wordPattern(e)) }] } : listed;
}

function listAsArray(e: ConfigEntry): JsonSchema {
  const items = e.values === undefined ? ANY_SCALAR : enumValue(e);
  return { description: "A YAML list.", type: "array", items, uniqueItems: true, ...(e.allowEmpty === true ? {} : { minItems: 1 }) };
}

function listAsText(e: ConfigEntry): JsonSchema {
  const description = "Comma-separated text, as in a .properties file.";
  if (e.values === undefined) return e.allowEmpty === true ? { description, type: "string" } : { description, type: "string", pattern: String.raw`\S` };
  const item = wordPattern(e);
  const items = String.raw`${item}(?:\s*,\s*${item})*`;
  return { description, type: "string", pattern: whole(e.allowEmpty === true ? `(?:${items})?` : items) };
}
