// Unit parsing for scenario values: durations (to integer µs), sizes (bytes), rates
// (records/s) and bandwidths (bytes/s).
import { describe, expect, it } from "vitest";
import { formatDurationUs, parseBandwidth, parseDurationUs, parseRate, parseSizeBytes } from "../../sim/scenario/units.ts";

const value = (p: { ok: true; value: number } | { ok: false; error: string }): number | string => (p.ok ? p.value : `error: ${p.error}`);

describe("parseDurationUs", () => {
  it.each([
    ["200us", 200],
    ["200µs", 200],
    ["250ms", 250_000],
    ["10s", 10_000_000],
    ["1.5s", 1_500_000],
    ["2m", 120_000_000],
    ["2min", 120_000_000],
    ["1h", 3_600_000_000],
    ["7d", 604_800_000_000],
    ["1m30s", 90_000_000],
    ["250", 250_000],
    [250, 250_000],
    [0.5, 500],
    [-1, -1000],
  ] as const)("%s → %d µs", (input, us) => {
    expect(value(parseDurationUs(input))).toBe(us);
  });

  it.each([["10 parsecs"], ["s"], ["-5s"], ["0.0001ms"], [""], [true], [[1]]] as const)("refuses %j", (input) => {
    expect(parseDurationUs(input).ok).toBe(false);
  });
});

describe("parseSizeBytes", () => {
  it.each([
    ["512B", 512],
    ["16KiB", 16_384],
    ["1MiB", 1_048_576],
    ["1GiB", 1_073_741_824],
    ["16KB", 16_000],
    ["1MB", 1_000_000],
    ["1.5KiB", 1536],
    ["4096", 4096],
    [200, 200],
  ] as const)("%s → %d bytes", (input, bytes) => {
    expect(value(parseSizeBytes(input))).toBe(bytes);
  });

  it.each([["16kb"], ["1.5B"], ["lots"], [null]] as const)("refuses %j", (input) => {
    expect(parseSizeBytes(input).ok).toBe(false);
  });
});

describe("parseRate", () => {
  it.each([
    ["1000/s", 1000],
    ["50/ms", 50_000],
    ["3000/m", 50],
    ["3000/min", 50],
    ["36/h", 0.01],
    ["0.5/s", 0.5],
    [250, 250],
    ["250", 250],
  ] as const)("%s → %d records/s", (input, perSec) => {
    expect(value(parseRate(input))).toBeCloseTo(perSec, 9);
  });

  it.each([["1000/fortnight"], ["fast"], [-5], [{}]] as const)("refuses %j", (input) => {
    expect(parseRate(input).ok).toBe(false);
  });
});

describe("parseBandwidth", () => {
  it.each([
    ["1Gbps", 125_000_000],
    ["100Mbps", 12_500_000],
    ["10Kbps", 1_250],
    ["10kbps", 1_250],
    ["8bps", 1],
    ["125MiB/s", 131_072_000],
    ["500MB/s", 500_000_000],
  ] as const)("%s → %d bytes/s", (input, bytesPerSec) => {
    expect(value(parseBandwidth(input))).toBe(bytesPerSec);
  });

  it.each([[1000], ["1000"], ["1Gb"], ["fast"]] as const)("refuses %j (bits or bytes must be explicit)", (input) => {
    expect(parseBandwidth(input).ok).toBe(false);
  });
});

describe("formatDurationUs", () => {
  it.each([
    [0, "0s"],
    [30_000_000, "30s"],
    [90_000_000, "90s"],
    [120_000_000, "2m"],
    [3_600_000_000, "1h"],
    [1_500, "1500us"],
    [2_000, "2ms"],
  ] as const)("%d µs → %s", (us, text) => {
    expect(formatDurationUs(us)).toBe(text);
  });
});
