// Units a scenario is written in. Durations and sizes are shared with the config
// catalogs (core/config/units.ts); rates and bandwidths only appear in scenarios.

export { describe, DURATION_UNITS, formatDurationUs, isPlainNumber, parseDurationUs, parseSizeBytes, PLAIN_NUMBER, SIZE_UNITS, type Parsed } from "../../core/config/units.ts";
import { isPlainNumber, unitIn, type Parsed } from "../../core/config/units.ts";

const ok = (value: number): Parsed => ({ ok: true, value });
const fail = (error: string): Parsed => ({ ok: false, error });

/** Records per second per unit of `1000/s`-style rates. */
export const RATE_UNITS: Readonly<Record<string, number>> = { us: 1e6, ms: 1e3, s: 1, sec: 1, m: 1 / 60, min: 1 / 60, h: 1 / 3600 };

/** Records per second: `1000/s`, `50/ms`, `3000/m`, `10/h`, or a number per second. */
export function parseRate(input: unknown): Parsed {
  if (typeof input === "number") return finiteNonNegative(input, String(input));
  if (typeof input !== "string") return fail("expected a rate like 1000/s");
  const text = input.trim();
  if (isPlainNumber(text)) return finiteNonNegative(Number(text), input);
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*\/\s*([a-z]+)$/.exec(text);
  const per = m === null ? undefined : unitIn(RATE_UNITS, m[2]);
  if (m === null || per === undefined) return fail(`"${input}" is not a rate: write records per unit of time, e.g. 1000/s, 50/ms, 3000/m`);
  return ok(Number(m[1]) * per);
}

/** SI prefixes of bit rates (`1Gbps`), and byte units of byte rates (`125MiB/s`). */
export const BIT_PREFIXES: Readonly<Record<string, number>> = { "": 1, K: 1e3, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
export const BYTE_UNITS: Readonly<Record<string, number>> = {
  B: 1, KB: 1e3, kB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3,
};

/**
 * Bytes per second from `1Gbps`, `100Mbps`, `10Kbps` (bits per second, SI) or
 * `125MiB/s`, `500MB/s` (bytes per second). A bare number is refused: bits or bytes?
 */
export function parseBandwidth(input: unknown): Parsed {
  const text = typeof input === "string" ? input.trim() : typeof input === "number" ? String(input) : "";
  const bits = /^(\d+(?:\.\d+)?|\.\d+)\s*([kKMGT]?)(?:bps|bit\/s)$/.exec(text);
  if (bits !== null) return ok((Number(bits[1]) * (unitIn(BIT_PREFIXES, bits[2] ?? "") ?? Number.NaN)) / 8);
  const bytes = /^(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]+)\/s$/.exec(text);
  const unit = bytes === null ? undefined : unitIn(BYTE_UNITS, bytes[2]);
  if (bytes !== null && unit !== undefined) return ok(Number(bytes[1]) * unit);
  return fail(`${typeof input === "string" ? JSON.stringify(input) : String(input)} is not a bandwidth: use bits per second (1Gbps, 100Mbps) or bytes per second (125MiB/s)`);
}

function finiteNonNegative(n: number, written: string): Parsed {
  if (!Number.isFinite(n)) return fail(`expected a finite rate, got ${written}`);
  if (n < 0) return fail(`a rate cannot be negative, got ${written}`);
  return ok(n);
}
