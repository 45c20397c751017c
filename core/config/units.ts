// Durations and sizes as people write them in Kafka configs and scenario files.
// Shared by the config catalogs (`linger.ms: 5s`, `batch.size: 16KiB`) and the scenario
// loader, which is why it lives in core/: core may not import from sim/.
// Durations come out in integer microseconds (the simulated clock's unit), sizes in bytes.

export type Parsed = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: string };

const ok = (value: number): Parsed => ({ ok: true, value });
const fail = (error: string): Parsed => ({ ok: false, error });

/** Microseconds per unit. `m` is minutes (as in Go and in `kafka-configs`' docs), never metres or months. */
export const DURATION_UNITS: Readonly<Record<string, number>> = {
  us: 1,
  "µs": 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  min: 60_000_000,
  h: 3_600_000_000,
  d: 86_400_000_000,
};

/** Bytes per unit: SI (KB = 1000) and binary (KiB = 1024), as `numfmt` and most tools read them. */
export const SIZE_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1e3,
  kB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
};

/** A number as text: `5`, `-1`, `0.5`, `1e3`. */
export const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DURATION_PART = /(\d+(?:\.\d+)?|\.\d+)\s*(µs|us|ms|min|s|m|h|d)/y;

export function isPlainNumber(text: string): boolean {
  return PLAIN_NUMBER.test(text.trim());
}

/** True when x is within float noise of an integer (0.1 + 0.2 style errors after scaling). */
function nearInteger(x: number): boolean {
  return Math.abs(x - Math.round(x)) < 1e-6;
}

/**
 * `200us`, `250ms`, `10s`, `2m`, `1h`, `7d`, compounds like `1m30s`, or a number of
 * milliseconds (as a number or a numeric string). Negative plain numbers pass through
 * (Kafka uses -1 for "infinite"); callers check their own ranges.
 */
/** A unit's factor from `table`, never from Object.prototype ("constructor" is not a unit). */
export function unitIn(table: Readonly<Record<string, number>>, name: string | undefined): number | undefined {
  return name !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
}

export function parseDurationUs(input: unknown): Parsed {
  if (typeof input === "number") return msToUs(input);
  if (typeof input !== "string") return fail(`expected a duration like 250ms, 10s or 2m, got ${describe(input)}`);
  const text = input.trim();
  if (PLAIN_NUMBER.test(text)) return msToUs(Number(text));
  if (text.startsWith("-")) return fail(`a duration cannot be negative, got "${input}"`);
  let total = 0;
  DURATION_PART.lastIndex = 0;
  while (DURATION_PART.lastIndex < text.length) {
    const start = DURATION_PART.lastIndex;
    const m = DURATION_PART.exec(text);
    if (m === null || m.index !== start) {
      return fail(`"${input}" is not a duration: use a number of ms or units us, ms, s, m, h, d (e.g. 250ms, 1m30s)`);
    }
    total += Number(m[1]) * (unitIn(DURATION_UNITS, m[2]) ?? Number.NaN);
  }
  if (text.length === 0) return fail("expected a duration like 250ms, got an empty string");
  if (!nearInteger(total)) return fail(`"${input}" is finer than the simulator's 1us resolution`);
  return ok(Math.round(total));
}

function msToUs(ms: number): Parsed {
  if (!Number.isFinite(ms)) return fail(`expected a finite number of milliseconds, got ${ms}`);
  const us = ms * 1000;
  if (!nearInteger(us)) return fail(`${ms}ms is finer than the simulator's 1us resolution`);
  return ok(Math.round(us));
}

/** `16KiB`, `1MiB`, `16KB`, `512B`, `1.5GiB`, or a number of bytes. Results are whole bytes. */
export function parseSizeBytes(input: unknown): Parsed {
  if (typeof input === "number") return wholeBytes(input, String(input));
  if (typeof input !== "string") return fail(`expected a size like 512B, 16KiB or 1MiB, got ${describe(input)}`);
  const text = input.trim();
  if (PLAIN_NUMBER.test(text)) return wholeBytes(Number(text), input);
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]+)$/.exec(text);
  const unit = m === null ? undefined : unitIn(SIZE_UNITS, m[2]);
  if (m === null || unit === undefined) {
    return fail(`"${input}" is not a size: use a number of bytes or units B, KB, MB, GB, KiB, MiB, GiB (e.g. 16KiB)`);
  }
  return wholeBytes(Number(m[1]) * unit, input);
}

function wholeBytes(bytes: number, written: string): Parsed {
  if (!Number.isFinite(bytes)) return fail(`expected a finite size, got ${written}`);
  if (!nearInteger(bytes)) return fail(`"${written}" is not a whole number of bytes`);
  return ok(Math.round(bytes));
}

/** The shortest exact spelling: 30000000 → "30s", 1500 → "1500us", 90000000 → "90s". */
export function formatDurationUs(us: number): string {
  if (us === 0) return "0s";
  const units: [string, number][] = [
    ["h", 3_600_000_000],
    ["m", 60_000_000],
    ["s", 1_000_000],
    ["ms", 1_000],
  ];
  for (const [name, size] of units) if (us % size === 0) return `${us / size}${name}`;
  return `${us}us`;
}

/** A value as it should appear inside an error message. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return "nothing (null)";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return String(value);
}
