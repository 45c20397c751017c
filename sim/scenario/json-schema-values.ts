// Scenario values as JSON Schema: durations, sizes, rates and bandwidths in the spellings
// the loader's parsers take (the patterns are built from units.ts's own unit tables),
// bounded numbers, names, fault targets and random distributions. A pattern sees a
// string's shape, not its value: "0s" passes where a positive duration is needed, and the
// loader still refuses it.

import { DISTRIBUTION_KINDS, DISTRIBUTION_PARAMS, type DistributionKind } from "./distributions.ts";
import type { JsonSchema, JsonType } from "./json-schema-type.ts";
import { RESERVED_NAMES } from "./schema-clients.ts";
import { BIT_PREFIXES, BYTE_UNITS, DURATION_UNITS, PLAIN_NUMBER, RATE_UNITS, SIZE_UNITS } from "./units.ts";

/** The number in front of a unit, as the parsers read it. */
const NUMBER = String.raw`(?:\d+(?:\.\d+)?|\.\d+)`;
/** A plain number as text ("5", "-1", "1e3"), which the parsers take as a bare number. */
const SIGNED = PLAIN_NUMBER.source.slice(1, -1);
const UNSIGNED = SIGNED.replace("[+-]?", String.raw`\+?`);
if (UNSIGNED === SIGNED) throw new Error(`PLAIN_NUMBER changed shape (${PLAIN_NUMBER.source}): the schema's unsigned number pattern needs updating`);

export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}

/** An alternation of literal words, sorted so that the pattern does not depend on a table's order. */
export function anyWord(words: Iterable<string>): string {
  const sorted = [...words].filter((w) => w !== "").sort((a, b) => b.length - a.length || a.localeCompare(b));
  return `(?:${sorted.map(escapeRegex).join("|")})`;
}

/** The whole value, with the surrounding spaces the parsers trim. */
export function whole(body: string): string {
  return String.raw`^\s*(?:${body})\s*$`;
}

const DURATION_TEXT = String.raw`(?:${NUMBER}\s*${anyWord(Object.keys(DURATION_UNITS))})+`;
const SIZE_TEXT = String.raw`${NUMBER}\s*${anyWord(Object.keys(SIZE_UNITS))}`;
const RATE_TEXT = String.raw`${NUMBER}\s*/\s*${anyWord(Object.keys(RATE_UNITS))}`;
const BANDWIDTH_TEXT = String.raw`${NUMBER}\s*(?:${anyWord(Object.keys(BIT_PREFIXES))}?(?:bps|bit/s)|${anyWord(Object.keys(BYTE_UNITS))}/s)`;

const DURATION_HINT = `Duration: a number of milliseconds, or units ${Object.keys(DURATION_UNITS).join(", ")} (m is minutes), e.g. 250ms, 10s, 2m, 1m30s.`;
const SIZE_HINT = `Size: a number of bytes, or units ${Object.keys(SIZE_UNITS).join(", ")} (KB = 1000 bytes, KiB = 1024), e.g. 16KiB, 1MiB.`;
const RATE_HINT = `Rate: records per second as a number, or per unit of time (${Object.keys(RATE_UNITS).join(", ")}), e.g. 1000/s, 50/ms, 3000/m.`;
const BANDWIDTH_HINT = "Bandwidth: bits per second (1Gbps, 100Mbps, 10Kbps) or bytes per second (125MiB/s, 500MB/s); a bare number is refused (bits or bytes?).";

/** Bounds on a number; for durations in milliseconds. `positive`: above 0. */
export interface Bounds {
  readonly min?: number;
  readonly max?: number;
  readonly positive?: boolean;
}

export function bounds(b: Bounds): Pick<JsonSchema, "minimum" | "maximum" | "exclusiveMinimum"> {
  const low = b.positive === true ? { exclusiveMinimum: 0 } : b.min === undefined ? {} : { minimum: b.min };
  return b.max === undefined ? low : { ...low, maximum: b.max };
}

/** Negative numbers as text only where the bounds allow them (Kafka's -1 for "forever"). */
export function plainNumber(b: Bounds): string {
  return b.positive === true || (b.min !== undefined && b.min >= 0) ? UNSIGNED : SIGNED;
}

export function typed(base: readonly JsonType[], nullable: boolean): JsonType[] {
  return nullable ? [...base, "null"] : [...base];
}

/** A number of milliseconds, its text, or a duration with units; no description. */
export function durationValue(b: Bounds, nullable = false): JsonSchema {
  return { type: typed(["number", "string"], nullable), ...bounds(b), pattern: whole(`${plainNumber(b)}|${DURATION_TEXT}`) };
}

/** A whole number of bytes, its text, or a size with units; no description. */
export function sizeValue(b: Bounds, nullable = false): JsonSchema {
  return { type: typed(["integer", "string"], nullable), ...bounds(b), pattern: whole(`${plainNumber(b)}|${SIZE_TEXT}`) };
}

export function duration(description: string, b: Bounds = { min: 0 }): JsonSchema {
  return { description: `${description} ${DURATION_HINT}`, ...durationValue(b) };
}

export function size(description: string, b: Bounds = { min: 0 }): JsonSchema {
  return { description: `${description} ${SIZE_HINT}`, ...sizeValue(b) };
}

export function rate(description: string, max: number): JsonSchema {
  return { description: `${description} ${RATE_HINT}`, type: ["number", "string"], minimum: 0, maximum: max, pattern: whole(`${UNSIGNED}|${RATE_TEXT}`) };
}

export function bandwidth(description: string): JsonSchema {
  return { description: `${description} ${BANDWIDTH_HINT}`, type: "string", pattern: whole(BANDWIDTH_TEXT) };
}

/** A YAML number (the loader refuses "3" in quotes where it reads a count). */
export function number(description: string, b: Bounds = {}): JsonSchema {
  return { description, type: "number", ...bounds(b) };
}

export function integer(description: string, b: Bounds = {}): JsonSchema {
  return { description, type: "integer", ...bounds(b) };
}

export function probability(description: string): JsonSchema {
  return number(`${description} A probability from 0 to 1.`, { min: 0, max: 1 });
}

export function flag(description: string): JsonSchema {
  return { description, type: "boolean" };
}

/** Text that is not blank. */
export function text(description: string): JsonSchema {
  return { description, type: "string", pattern: String.raw`\S` };
}

const NAME = "[A-Za-z0-9._-]+";

/** A producer id or consumer group: it names nodes in fault targets, so it must not read as one of the other targets. */
export function clientName(description: string): JsonSchema {
  return {
    description: `${description} Letters, digits, '.', '_' and '-'; not ${RESERVED_NAMES.join(" or ")}, and not a number or broker-<n> (those name brokers).`,
    type: "string",
    pattern: `^${NAME}$`,
    not: { anyOf: [{ enum: RESERVED_NAMES }, { pattern: String.raw`^(broker-?)?\d+$` }] },
  };
}

const TARGET_HINT = "A node: a broker id (2, \"broker-2\"), controller (the active controller), leader(<topic>-<partition>) (that partition's leader when the fault fires), a producer id, a consumer instance <group>-<n> (n from 1), all (every broker), or rack(<zone>) (every node in a zone of cluster.racks).";

export function target(description: string): JsonSchema {
  return {
    description: `${description} ${TARGET_HINT}`,
    type: ["integer", "string"],
    minimum: 1,
    pattern: whole(String.raw`${NAME}|leader\(\s*${NAME}-\d+\s*\)|rack\(\s*[A-Za-z0-9_-]+\s*\)`),
    examples: [2, "controller", "all", "leader(orders-0)", "p1", "billing-1", "rack(az1)"],
  };
}

/** One node, or a list of them. */
export function targets(description: string): JsonSchema {
  return { description: `${description} ${TARGET_HINT}`, oneOf: [target("One node."), { description: "Several nodes.", type: "array", minItems: 1, items: target("One node.") }] };
}

export type Quantity = "time" | "size";

const PARAM_NOTES: Readonly<Record<string, string>> = {
  value: "The value every draw gives.",
  min: "The smallest value.",
  max: "The largest value (not below min).",
  mean: "The mean.",
  stddev: "The standard deviation (draws are cut at 0).",
  median: "The median (above 0).",
  sigma: "The standard deviation of the logarithm, 0 to 10: 0.5 gives a moderate right tail, 1 a heavy one.",
};

/** A fixed value, or `{ distribution: <kind>, ...params }` in the quantity's units. */
export function distribution(description: string, quantity: Quantity, kinds: readonly DistributionKind[] = DISTRIBUTION_KINDS): JsonSchema {
  const fixed = quantityOf(quantity, "A fixed value.", { min: 0 });
  return { description: `${description} A fixed value, or { distribution: ${kinds.join(" | ")}, ... } with its parameters.`, oneOf: [fixed, ...kinds.map((k) => distributionMap(k, quantity))] };
}

function distributionMap(kind: DistributionKind, quantity: Quantity): JsonSchema {
  const params = DISTRIBUTION_PARAMS[kind];
  const properties: Record<string, JsonSchema> = { distribution: { description: `The ${kind} distribution.`, const: kind } };
  for (const p of params) {
    const note = PARAM_NOTES[p] ?? p;
    // sigma is a plain number (a spread of ln x), every other parameter is in the quantity's units.
    properties[p] = p === "sigma" ? number(note, { min: 0, max: 10 }) : quantityOf(quantity, note, p === "median" ? { positive: true } : { min: 0 });
  }
  return { description: `${kind}: ${params.join(", ")}.`, type: "object", properties, required: ["distribution", ...params], additionalProperties: false };
}

function quantityOf(quantity: Quantity, description: string, b: Bounds): JsonSchema {
  return quantity === "time" ? duration(description, b) : size(description, b);
}

/**
 * A map with exactly the loader's keys, in its order; other keys are refused as
 * MapView.allowOnly refuses them. Throws when `properties` and `keys` disagree, so the
 * schema cannot fall out of step with the reader it describes.
 */
export function closedMap(description: string, keys: readonly string[], properties: Readonly<Record<string, JsonSchema>>, required: readonly string[] = []): JsonSchema {
  const problems = [...keys.filter((k) => !Object.hasOwn(properties, k)).map((k) => `no schema for "${k}"`), ...Object.keys(properties).filter((k) => !keys.includes(k)).map((k) => `"${k}" is not a key the loader reads`)];
  if (problems.length > 0) throw new Error(`scenario JSON Schema: ${problems.join("; ")} (${description})`);
  const ordered = Object.fromEntries(keys.map((k) => [k, properties[k]!]));
  return { description, type: "object", properties: ordered, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

export function withDefault(schema: JsonSchema, value: unknown): JsonSchema {
  return { ...schema, default: value };
}
