// Turns one user-given value into a typed config value, as Kafka's ConfigDef.parseType
// plus its validators do. Accepts what a scenario author naturally writes: YAML numbers
// and booleans, the strings of a pasted .properties file ("5", "true"), duration strings
// for *.ms keys ("5s"), size strings for byte keys ("16KiB"), comma-separated lists.

import { closestKey } from "./closest-key.ts";
import type { ConfigEntry, ConfigValue } from "./catalog.ts";
import { INT_MAX, LONG_MAX } from "./limits.ts";
import { describe, isPlainNumber, parseDurationUs, parseSizeBytes } from "./units.ts";
import { assertNever } from "../assert-never.ts";

export type Coerced = { readonly ok: true; readonly value: ConfigValue } | { readonly ok: false; readonly error: string };

const ok = (value: ConfigValue): Coerced => ({ ok: true, value });
const fail = (error: string): Coerced => ({ ok: false, error });

export function coerceValue(entry: ConfigEntry, raw: unknown): Coerced {
  if (raw === null || raw === undefined) {
    return entry.default === null ? ok(null) : fail(`must have a value (default ${show(entry.default)})`);
  }
  switch (entry.type) {
    case "int":
    case "long":
      return checkRange(entry, toInteger(entry, raw));
    case "double":
      return checkRange(entry, toDouble(raw));
    case "duration-ms":
      return checkRange(entry, toDurationMs(raw));
    case "bytes":
      return checkRange(entry, toBytes(entry, raw));
    case "boolean":
      return toBoolean(raw);
    case "string":
      return isScalar(raw) ? ok(String(raw)) : fail(`expected a string, got ${describe(raw)}`);
    case "enum":
      return isScalar(raw) ? toEnum(entry, String(raw)) : fail(`expected one of ${listValues(entry)}, got ${describe(raw)}`);
    case "list":
      return toList(entry, raw);
    default:
      return assertNever(entry.type);
  }
}

function isScalar(raw: unknown): raw is string | number | boolean {
  return typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean";
}

function toNumber(raw: unknown): number | null {
  if (typeof raw === "number") return raw;
  if (typeof raw === "string" && isPlainNumber(raw)) return Number(raw);
  return null;
}

function toInteger(entry: ConfigEntry, raw: unknown): Coerced {
  const n = toNumber(raw);
  if (n === null || !Number.isFinite(n)) return fail(`expected a whole number, got ${describe(raw)}`);
  if (!Number.isInteger(n)) return fail(`expected a whole number, got ${n}`);
  return integerLimits(entry, n);
}

/** Java int and long bounds; a long beyond 2^53 means Long.MAX_VALUE in practice ("never"). */
function integerLimits(entry: ConfigEntry, n: number): Coerced {
  if (entry.type === "int" || (entry.type === "bytes" && (entry.max ?? LONG_MAX) <= INT_MAX)) {
    if (n > INT_MAX || n < -INT_MAX - 1) return fail(`${n} does not fit in a Java int (at most ${INT_MAX})`);
    return ok(n);
  }
  return ok(Math.max(Math.min(n, LONG_MAX), -LONG_MAX));
}

function toDouble(raw: unknown): Coerced {
  const n = toNumber(raw);
  return n === null || !Number.isFinite(n) ? fail(`expected a number, got ${describe(raw)}`) : ok(n);
}

function toDurationMs(raw: unknown): Coerced {
  const n = toNumber(raw);
  if (n !== null) return Number.isFinite(n) ? ok(Math.min(n, LONG_MAX)) : fail(`expected a duration, got ${n}`);
  const parsed = parseDurationUs(raw);
  return parsed.ok ? ok(parsed.value / 1000) : fail(parsed.error);
}

function toBytes(entry: ConfigEntry, raw: unknown): Coerced {
  const n = toNumber(raw);
  if (n !== null) return Number.isInteger(n) ? integerLimits(entry, n) : fail(`expected a whole number of bytes, got ${n}`);
  const parsed = parseSizeBytes(raw);
  return parsed.ok ? integerLimits(entry, parsed.value) : fail(parsed.error);
}

function checkRange(entry: ConfigEntry, result: Coerced): Coerced {
  if (!result.ok || typeof result.value !== "number") return result;
  const v = result.value;
  if (entry.min !== undefined && v < entry.min) return fail(`must be at least ${entry.min}, got ${v}`);
  if (entry.max !== undefined && v > entry.max) return fail(`must be at most ${entry.max}, got ${v}`);
  return result;
}

function toBoolean(raw: unknown): Coerced {
  if (typeof raw === "boolean") return ok(raw);
  if (typeof raw === "string") {
    const lower = raw.trim().toLowerCase();
    if (lower === "true" || lower === "false") return ok(lower === "true");
  }
  return fail(`expected true or false, got ${describe(raw)}`);
}

function toEnum(entry: ConfigEntry, text: string): Coerced {
  const canonical = canonicalItem(entry, text.trim());
  if (canonical !== null) return ok(canonical);
  // Then the aliases (Kafka's class names for assignors): a typo in a class name is answered
  // with the class name the user was writing.
  const near = closestKey(text, entry.values ?? []) ?? closestKey(text, Object.keys(entry.aliases ?? {}));
  const hint = near === null ? "" : `; did you mean "${near}"?`;
  return fail(`must be one of ${listValues(entry)}, got ${JSON.stringify(text)}${hint}`);
}

function canonicalItem(entry: ConfigEntry, text: string): string | null {
  const aliased = entry.aliases?.[text] ?? text;
  const values = entry.values ?? [];
  if (values.includes(aliased)) return aliased;
  if (entry.ignoreCase === true) return values.find((v) => v.toLowerCase() === aliased.toLowerCase()) ?? null;
  return null;
}

function toList(entry: ConfigEntry, raw: unknown): Coerced {
  let items: unknown[];
  if (Array.isArray(raw)) items = raw;
  else if (typeof raw === "string") items = raw.trim() === "" ? [] : raw.split(",");
  else return fail(`expected a list or a comma-separated string, got ${describe(raw)}`);
  const out: string[] = [];
  for (const item of items) {
    if (!isScalar(item)) return fail(`list items must be strings, got ${describe(item)}`);
    const text = String(item).trim();
    const canonical = entry.values === undefined ? text : canonicalItem(entry, text);
    if (canonical === null) return toEnum(entry, text);
    if (out.includes(canonical)) return fail(`lists ${JSON.stringify(canonical)} twice`);
    out.push(canonical);
  }
  if (out.length === 0 && entry.allowEmpty !== true) return fail("must not be empty");
  return ok(out);
}

function listValues(entry: ConfigEntry): string {
  return (entry.values ?? []).join(", ");
}

function show(value: ConfigValue): string {
  return Array.isArray(value) ? value.join(",") : String(value);
}
