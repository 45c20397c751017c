// The shape of Kafka's message specs (clients/src/main/resources/common/message/*.json, read by
// Kafka's generator org.apache.kafka.message.MessageSpec / FieldSpec), and their version ranges
// ("0+", "3-7", "none"; org.apache.kafka.message.Versions).

export interface FieldSpec {
  readonly name: string;
  /** int8 … float64, bool, string, bytes, records, uuid, a struct name, or "[]" + any of those. */
  readonly type: string;
  readonly versions: string;
  readonly nullableVersions?: string;
  readonly taggedVersions?: string;
  readonly tag?: number;
  /** A field's own flexibleVersions override (RequestHeader's ClientId is never compact). */
  readonly flexibleVersions?: string;
  readonly default?: string | number | boolean;
  readonly fields?: readonly FieldSpec[];
  readonly [other: string]: unknown;
}

export interface StructSpec {
  readonly name: string;
  readonly versions: string;
  readonly fields: readonly FieldSpec[];
}

export interface MessageSpec {
  readonly apiKey?: number;
  readonly type: string;
  readonly name: string;
  readonly validVersions: string;
  readonly flexibleVersions: string;
  readonly fields: readonly FieldSpec[];
  readonly commonStructs?: readonly StructSpec[];
  readonly [other: string]: unknown;
}

/** An inclusive version range; `none` is the empty range (min > max). */
export interface Versions {
  readonly min: number;
  readonly max: number;
}

const NO_VERSIONS: Versions = { min: 0, max: -1 };
const parsed = new Map<string, Versions>();

/** Versions.parse: "none", "N", "N+" or "N-M". */
export function parseVersions(text: string): Versions {
  const hit = parsed.get(text);
  if (hit !== undefined) return hit;
  const t = text.trim();
  let v: Versions;
  if (t === "none") v = NO_VERSIONS;
  else if (t.endsWith("+")) v = { min: Number(t.slice(0, -1)), max: 0x7fff };
  else if (t.includes("-")) {
    const [a, b] = t.split("-");
    v = { min: Number(a), max: Number(b) };
  } else v = { min: Number(t), max: Number(t) };
  if (!Number.isInteger(v.min) || !Number.isInteger(v.max)) throw new Error(`bad version range "${text}"`);
  parsed.set(text, v);
  return v;
}

export function inVersions(text: string | undefined, version: number): boolean {
  if (text === undefined) return false;
  const v = parseVersions(text);
  return version >= v.min && version <= v.max;
}
