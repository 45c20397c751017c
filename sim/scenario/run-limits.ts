// What one scenario may ask of the machine, as data: each limit has a name, a default, a unit and
// the sentence that says what it bounds. The loader checks the ones a file states (simulated
// time, replicas, clients, faults, file size) and names the key that crosses one; the runner
// checks the ones only a run can show (events, heap) and stops with a partial summary. A user who
// means it raises any of them with `--limit name=value`. Per-item bounds that no one needs raised
// (brokers, partitions per topic, alias expansion, nesting) stay fixed in the schema.

import { formatDurationUs, parseDurationUs, parseSizeBytes, type Parsed } from "./units.ts";

export type RunLimitName = "simulated-time" | "partition-replicas" | "clients" | "faults" | "file-size" | "events" | "events-at-one-instant" | "memory";

export type RunLimits = Readonly<Record<RunLimitName, number>>;

interface LimitSpec {
  readonly name: RunLimitName;
  readonly unit: "duration" | "bytes" | "count";
  readonly what: string;
  /** Checked while running (events, heap), not when the file loads. */
  readonly atRunTime: boolean;
}

const MIB = 1024 * 1024;
const DAY_US = 86_400_000_000;

export const RUN_LIMIT_SPECS: readonly LimitSpec[] = [
  { name: "simulated-time", unit: "duration", what: "duration + settle", atRunTime: false },
  { name: "partition-replicas", unit: "count", what: "partitions × replication factor, summed over the topics", atRunTime: false },
  { name: "clients", unit: "count", what: "producers plus consumer instances", atRunTime: false },
  { name: "faults", unit: "count", what: "fault entries plus the faults a nemesis is expected to draw (its window ÷ every, per kind)", atRunTime: false },
  { name: "file-size", unit: "bytes", what: "the scenario file", atRunTime: false },
  { name: "events", unit: "count", what: "simulation events in one run", atRunTime: true },
  { name: "events-at-one-instant", unit: "count", what: "events in a row without simulated time moving (a model that loops in zero time)", atRunTime: true },
  { name: "memory", unit: "bytes", what: "memory a run holds: the JavaScript heap plus typed arrays (checked every 65,536 events)", atRunTime: true },
];

/**
 * The defaults, far above every scenario in scenarios/ and below what exhausts a laptop.
 * `heapLimitBytes` is the heap the runtime was started with (v8's heap_size_limit in Node): the
 * memory limit leaves a quarter of it for the summary and the checker, which run after a stop.
 */
export function defaultRunLimits(heapLimitBytes = 4096 * MIB): RunLimits {
  return {
    "simulated-time": 31 * DAY_US,
    "partition-replicas": 100_000,
    clients: 10_000,
    faults: 100_000,
    "file-size": 4 * MIB,
    events: 500_000_000,
    "events-at-one-instant": 1_000_000,
    memory: Math.floor((heapLimitBytes * 0.75) / MIB) * MIB,
  };
}

export class RunLimitUsageError extends Error {}

/** Applies `--limit name=value` strings over `base`; a bad one throws RunLimitUsageError (one line). */
export function withLimitOverrides(base: RunLimits, overrides: readonly string[]): RunLimits {
  const out: Record<RunLimitName, number> = { ...base };
  for (const text of overrides) {
    const eq = text.indexOf("=");
    const name = (eq < 0 ? text : text.slice(0, eq)).trim();
    const spec = RUN_LIMIT_SPECS.find((s) => s.name === name);
    if (spec === undefined) throw new RunLimitUsageError(`--limit ${text}: unknown limit "${name}"; the limits are ${RUN_LIMIT_SPECS.map((s) => s.name).join(", ")}`);
    if (eq < 0) throw new RunLimitUsageError(`--limit ${text}: write name=value, e.g. --limit ${name}=${formatLimit(spec.name, base[spec.name] * 2).replace(/,/g, "")}`);
    const parsed = parseLimit(spec, text.slice(eq + 1));
    if (!parsed.ok) throw new RunLimitUsageError(`--limit ${text}: ${parsed.error}`);
    out[spec.name] = parsed.value;
  }
  return out;
}

function parseLimit(spec: LimitSpec, value: string): Parsed {
  const parsed = spec.unit === "duration" ? parseDurationUs(value) : spec.unit === "bytes" ? parseSizeBytes(value) : count(value);
  if (parsed.ok && !(parsed.value >= 1)) return { ok: false, error: "a limit must be at least 1" };
  if (parsed.ok && !Number.isSafeInteger(parsed.value)) return { ok: false, error: `at most ${Number.MAX_SAFE_INTEGER}` };
  return parsed;
}

function count(value: string): Parsed {
  const text = value.trim().replace(/_/g, "");
  const n = /^\d+(\.\d+)?(e\d+)?$/i.test(text) ? Number(text) : Number.NaN;
  return Number.isInteger(n) ? { ok: true, value: n } : { ok: false, error: `"${value}" is not a whole number (write 2000000 or 2e6)` };
}

/** A limit's value as a user writes it: 31d, 3GiB, 100,000. */
export function formatLimit(name: RunLimitName, value: number): string {
  const spec = RUN_LIMIT_SPECS.find((s) => s.name === name)!;
  if (spec.unit === "duration") return value % DAY_US === 0 ? `${value / DAY_US}d` : formatDurationUs(value);
  if (spec.unit === "bytes") return value % (1024 * MIB) === 0 ? `${value / (1024 * MIB)}GiB` : value % MIB === 0 ? `${value / MIB}MiB` : `${value}B`;
  return value.toLocaleString("en-US");
}

/** "(limit clients: 10,000; raise it with --limit clients=20000)" for the end of a message. */
export function limitHint(name: RunLimitName, value: number): string {
  const raised = formatLimit(name, value * 2).replace(/,/g, "");
  return `(limit ${name}: ${formatLimit(name, value)}; raise it with --limit ${name}=${raised})`;
}
