// The unit values of the scenario JSON Schema read what the loader's parsers read (units.ts):
// every spelling a parser takes, the schema takes, and every spelling it refuses, the schema
// refuses — except where only the value is wrong (finer than 1 us, not a whole byte), which
// a pattern cannot see and the loader still reports.
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { bandwidth, duration, rate, size } from "../../sim/scenario/json-schema-values.ts";
import type { JsonSchema } from "../../sim/scenario/json-schema-type.ts";
import { parseBandwidth, parseDurationUs, parseRate, parseSizeBytes, type Parsed } from "../../sim/scenario/units.ts";

const ajv = new Ajv({ strict: true, allowUnionTypes: true });

interface Case {
  readonly schema: JsonSchema;
  /** What the loader accepts for such a field. */
  readonly loader: (input: string) => boolean;
  readonly inputs: readonly string[];
  /** Refused by the parser for their value, not their spelling. */
  readonly valueOnly: readonly string[];
}

const nonNegative = (parse: (input: unknown) => Parsed) => (input: string) => {
  const p = parse(input);
  return p.ok && p.value >= 0;
};

const CASES: Readonly<Record<string, Case>> = {
  "a duration (schema-common duration)": {
    schema: duration("d"),
    loader: nonNegative(parseDurationUs),
    inputs: ["200us", "200µs", "250ms", "10s", "2m", "2min", "1h", "7d", "1m30s", "1h2m3s4ms", "1.5s", ".5s", " 10s ", "10 s", "5", "0", "+5", "1e3", "-1", "-5s", "10 seconds", "1y", "s", "", "10S", "1.5.5s", "5ms s", "ten", "1m 30s"],
    valueOnly: ["0.5us", "1.0001ms"],
  },
  "a size (schema-common size)": {
    schema: size("s"),
    loader: nonNegative(parseSizeBytes),
    inputs: ["512B", "16KB", "16kB", "16KiB", "1MiB", "1.5GiB", "2TiB", "1TB", "1024", " 1 KiB ", "16kb", "16K", "1MiBs", "KiB", "-1KiB", "-1", "1 MB/s", "16 KiB"],
    valueOnly: ["1.5B", "1.0001KB", "0.5"],
  },
  "a rate (producers[].rate)": {
    schema: rate("r", Number.MAX_SAFE_INTEGER),
    loader: nonNegative(parseRate),
    inputs: ["1000/s", "50/ms", "3000/m", "10/h", "5/min", "2/sec", "1/us", "100", " 100 / s ", "0.5/s", "100/d", "100/S", "fast", "100 per s", "-5", "/s", "1e3"],
    valueOnly: [],
  },
  "a bandwidth (cluster.network.bandwidth)": {
    schema: bandwidth("b"),
    loader: (input) => parseBandwidth(input).ok,
    inputs: ["1Gbps", "100Mbps", "10Kbps", "10kbps", "1Tbps", "8bps", "1Gbit/s", "125MiB/s", "500MB/s", "1kB/s", "1B/s", "1 Gbps", " 1Gbps ", "1000", "1GB", "1Gb/s", "1TiB/s", "1TB/s", "fast", "1gbps"],
    valueOnly: [],
  },
};

describe("unit values in the JSON Schema", () => {
  for (const [name, c] of Object.entries(CASES)) {
    const check = ajv.compile(c.schema);
    it(`${name}: the schema accepts what the loader accepts, and refuses what it refuses`, () => {
      const disagree = c.inputs.filter((input) => check(input) !== c.loader(input));
      expect(disagree).toEqual([]);
      expect(c.inputs.filter((input) => c.loader(input)).length).toBeGreaterThan(0);
      expect(c.inputs.filter((input) => !c.loader(input)).length).toBeGreaterThan(0);
    });
    if (c.valueOnly.length > 0) {
      it(`${name}: a value wrong only in size passes the schema and not the loader`, () => {
        for (const input of c.valueOnly) expect({ input, schema: check(input), loader: c.loader(input) }).toEqual({ input, schema: true, loader: false });
      });
    }
  }

  it("a negative duration as a number is refused, a number of ms accepted", () => {
    const check = ajv.compile(duration("d"));
    expect([check(-5), check(0), check(1.5), check(30000)]).toEqual([false, true, true, true]);
    const positive = ajv.compile(duration("d", { positive: true }));
    expect([positive(0), positive(1)]).toEqual([false, true]);
  });
});
