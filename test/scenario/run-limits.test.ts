// Load-time run limits (issue 19): each is checked where the file crosses it, so the one line
// names the key to change and how to raise the limit; `--limit` strings parse or say why not.
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../sim/scenario/index.ts";
import { defaultRunLimits, RunLimitUsageError, withLimitOverrides } from "../../sim/scenario/run-limits.ts";
import { errorLineOf } from "./error-line.ts";

const BASE = `name: h
duration: 100s
cluster: { brokers: 3 }
topics:
  - { name: t, partitions: 2, replicationFactor: 3 }
producers:
  - { id: p1, topic: t, rate: 10/s }
  - { id: p2, topic: t, rate: 10/s }
consumers:
  - { group: g, topic: t, instances: 3 }
faults:
  - { at: 1s, crash: 1, for: 1s }
  - { at: 5s, crash: 2, for: 1s }
`;

const errorOf = (text: string, limits: string[] = []): string => errorLineOf(() => loadScenario(text, "h.yaml", [], withLimitOverrides(defaultRunLimits(), limits)));

describe("load-time run limits", () => {
  it.each([
    ["a bare 1e300 duration", BASE.replace("duration: 100s", "duration: 1e300"), [], /^h\.yaml:2:11: at duration: duration \+ settle is 1\.2e\+292 days of simulated time, more than one run may take \(limit simulated-time: 31d; raise it with --limit simulated-time=62d\)$/],
    ["a year of settle", `${BASE}settle: 365d\n`, [], /^h\.yaml:14:9: at settle: duration \+ settle is 365\.0 days|^h\.yaml:14:9: at settle: duration \+ settle is 365 days/],
    ["a nemesis every microsecond", `${BASE}nemesis:\n  crash: { every: 1us, for: 1us }\n`, [], /^h\.yaml:\d+:\d+: at nemesis\.crash\.every: every 1us over 100s draws about 100,000,002 faults, more than one run may have \(limit faults: 100,000;/],
    ["more faults than the limit", BASE, ["faults=1"], /^h\.yaml:13:5: at faults\.1: more faults than one run may have \(limit faults: 1; raise it with --limit faults=2\)$/],
    ["more producers than the limit", BASE, ["clients=1"], /^h\.yaml:8:5: at producers\.1: more producers than one run may have \(limit clients: 1;/],
    ["consumer instances past the limit", BASE, ["clients=4"], /^h\.yaml:10:5: at consumers\.0: 5 producers and consumer instances so far, more than one run may have \(limit clients: 4;/],
    ["partition replicas past the limit", BASE, ["partition-replicas=5"], /^h\.yaml:5:28: at topics\.0\.partitions: 6 partition replicas so far, more than one run may hold \(limit partition-replicas: 5;/],
  ])("%s", (_name, text, limits, expected) => {
    expect(errorOf(text, limits)).toMatch(expected);
  });

  it("raised limits let the same file load", () => {
    expect(errorOf(`${BASE}settle: 365d\n`, ["simulated-time=400d"])).toBe("accepted");
    expect(errorOf(BASE, ["faults=2", "clients=5", "partition-replicas=6"])).toBe("accepted");
  });
});

describe("--limit strings", () => {
  it.each([
    ["events=2e9", "events", 2e9],
    ["events=1_000_000", "events", 1e6],
    ["memory=8GiB", "memory", 8 * 2 ** 30],
    ["simulated-time=90d", "simulated-time", 90 * 86_400_000_000],
    ["file-size=16MiB", "file-size", 16 * 2 ** 20],
  ] as const)("%s", (text, name, value) => {
    expect(withLimitOverrides(defaultRunLimits(), [text])[name]).toBe(value);
  });

  it.each([
    ["events", /write name=value, e\.g\. --limit events=1000000000$/],
    ["events=0", /a limit must be at least 1$/],
    ["events=2.5", /"2\.5" is not a whole number/],
    ["memory=lots", /"lots" is not a size/],
    ["speed=2", /unknown limit "speed"; the limits are simulated-time, /],
  ])("%s is refused", (text, expected) => {
    expect(() => withLimitOverrides(defaultRunLimits(), [text])).toThrow(RunLimitUsageError);
    expect(() => withLimitOverrides(defaultRunLimits(), [text])).toThrow(expected);
  });
});
