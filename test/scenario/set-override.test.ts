// `--set key.path=value` overrides: applied to the YAML before validation, so they are
// checked like the file, and errors point into the override string.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadScenario, validateScenario } from "../../sim/scenario/loader.ts";

const example = readFileSync(fileURLToPath(new URL("./fixtures/design-example.yaml", import.meta.url)), "utf8");
const load = (...overrides: string[]) => loadScenario(example, "ex.yaml", overrides);
const error = (...overrides: string[]): string => {
  const r = validateScenario(example, "ex.yaml", overrides);
  return r.ok ? "no error" : r.error.format();
};

describe("--set", () => {
  it.each([
    ["producers.0.config.acks=1", (s: ReturnType<typeof load>) => s.producers[0]?.config["acks"], "1"],
    ["producers.0.config.acks=all", (s: ReturnType<typeof load>) => s.producers[0]?.config["acks"], "-1"],
    ["producers.0.config.linger.ms=20", (s: ReturnType<typeof load>) => s.producers[0]?.config["linger.ms"], 20],
    ["seed=7", (s: ReturnType<typeof load>) => s.seed, 7],
    ["duration=1m", (s: ReturnType<typeof load>) => s.durationUs, 60_000_000],
    ["cluster.brokers=5", (s: ReturnType<typeof load>) => s.cluster.brokers, 5],
    ["producers.0.rate=2000/s", (s: ReturnType<typeof load>) => s.producers[0]?.rate, [{ atUs: 0, perSec: 2000 }]],
    ["topics.1.assignment=[[3, 2, 1]]", (s: ReturnType<typeof load>) => s.topics[1]?.assignment, [[3, 2, 1]]],
    ["faults.3.partition=[[1, 2], [3]]", (s: ReturnType<typeof load>) => (s.faults[3]?.action === "partition" ? s.faults[3].groups.map((g) => g.length) : null), [2, 1]],
  ])("%s", (override, read, value) => {
    expect(read(load(override))).toEqual(value);
  });

  it("creates missing keys, including dotted config keys", () => {
    const s = load("cluster.config.log.retention.ms=1h", "consumers.0.config.session.timeout.ms=10s", "cluster.disk.pageCache=1GiB");
    expect(s.cluster.config["log.retention.ms"]).toBe(3_600_000);
    expect(s.topics[0]?.config["retention.ms"]).toBe(3_600_000);
    expect(s.consumers[0]?.config["session.timeout.ms"]).toBe(10_000);
    expect(s.cluster.disk.pageCacheBytes).toBe(1024 ** 3);
  });

  it("creates a whole missing section", () => {
    const s = loadScenario("name: t\nduration: 10s\ncluster: { brokers: 1 }\ntopics: [{ name: a }]\n", "t.yaml", ["producers=[{ id: p1, topic: a, rate: 5/s }]", "producers.0.config.acks=0"]);
    expect(s.producers[0]?.config["acks"]).toBe("0");
  });

  it("adds expectations with dotted paths", () => {
    expect(load("expect.durability.duplicates=== 0").expect.map((e) => `${e.path} ${e.raw}`)).toContain("durability.duplicates == 0");
  });

  it("applies overrides in order (the last wins)", () => {
    expect(load("seed=1", "seed=2").seed).toBe(2);
  });

  it.each([
    ["producers.0.config.acks=2", '--set:1:25: at producers.0.config.acks: must be one of all, -1, 0, 1, got "2" (in --set producers.0.config.acks=2)'],
    ["producers.0.config.lingr.ms=5", '--set:1:20: at producers.0.config.lingr.ms: unknown producer config "lingr.ms"; did you mean "linger.ms"? (in --set producers.0.config.lingr.ms=5)'],
    ["producers.5.rate=1/s", "--set:1:11: at producers: producers has 1 item(s), numbered from 0; there is no item 5 (use 1 to append one) (in --set producers.5.rate=1/s)"],
    ["producers.first.rate=1/s", '--set:1:11: at producers: producers is a list: expected an index, got "first" (in --set producers.first.rate=1/s)'],
    ["name.first=x", '--set:1:6: at name: name is the value "leader-failure-acks1"; it has no key "first" (in --set name.first=x)'],
    ["producers.0.rat=5/s", '--set:1:13: at producers.0.rat: unknown key "rat"; did you mean "rate"? (in --set producers.0.rat=5/s)'],
    ["cluster.brokers=[1", "--set:1:19: at cluster.brokers: the value is not valid YAML: Flow sequence must end with a ] (in --set cluster.brokers=[1)"],
    ["cluster.brokers=0", "--set:1:17: at cluster.brokers: must be at least 1, got 0 (in --set cluster.brokers=0)"],
    ["seed", "--set:1:1: expected key.path=value, like producers.0.config.acks=1 (in --set seed)"],
    ["=5", "--set:1:1: expected key.path=value, like producers.0.config.acks=1 (in --set =5)"],
    ["cluster..brokers=3", "--set:1:9: at cluster: empty key in the path (two dots in a row?) (in --set cluster..brokers=3)"],
    ["faults.0.at=45s", "--set:1:13: at faults.0.at: fault at 45s is after the end of the run (duration 30s) (in --set faults.0.at=45s)"],
  ])("%s fails", (override, message) => {
    expect(error(override)).toBe(message);
  });

  it("numbers the override that failed", () => {
    expect(error("seed=3", "cluster.brokers=x")).toBe('--set:2:17: at cluster.brokers: expected a number, got "x" (in --set cluster.brokers=x)');
  });

  it("still points into the file for problems the override did not cause", () => {
    expect(error("producers.0.topic=audt")).toBe('--set:1:19: at producers.0.topic: unknown topic "audt"; did you mean "audit"? (in --set producers.0.topic=audt)');
    expect(error("cluster.brokers=2")).toBe("ex.yaml:12:55: at topics.0.replicationFactor: replicationFactor 3 is larger than the number of brokers (2): Kafka refuses to create the topic");
  });
});

describe("--set appending to a list", () => {
  it("faults.N with N = length appends a fault", () => {
    const text = `name: a
duration: 30s
cluster: { brokers: 3 }
topics: [ { name: t, partitions: 1, replicationFactor: 3 } ]
faults:
  - { at: 5s, crash: 1 }
`;
    const s = loadScenario(text, "a.yaml", ["faults.1={ at: 10s, crash: 2, for: 5s }"]);
    expect(s.faults.map((f) => f.atUs)).toEqual([5_000_000, 10_000_000]);
  });
});
