// Random and mutated scenario files and flag sets for the CLI fuzz test (issue 19): a base
// scenario is cut, shuffled, retyped and spiked with hostile values (alias bombs, control
// characters, huge numbers, wrong types); flags get odd seeds, --set paths and limits. One
// seed gives one list of cases, so a failure replays from the seed printed with it.

import seedrandom from "seedrandom";

export interface FuzzCase {
  readonly name: string;
  readonly text: string;
  /** The argv after the file: command first. */
  readonly command: "run" | "validate" | "compare";
  readonly flags: readonly string[];
}

const HOSTILE_VALUES = [
  "-1", "0", "1e300", "-1e300", "1e9h", "365d", "0.5us", "NaN", ".inf", "-.inf", "null", "~", "[]", "{}", "[[[[[]]]]]",
  '"\\e[2J\\e]0;x\\a"', '"a\\nb"', '"\\u202e"', "__proto__", "constructor", "1/constructor", "5toString", "*nope", "&a [*a]",
  "true", "'", '"', "{ a: 1", "9007199254740993", "0x10", "1_000", "10000000/s", "1e6/us", "0bps", "0.0000001bps", "100000",
  "broker(99)", "leader(nope-0)", "all", "random-broker", "x".repeat(300), "-", "---", "? a", "!!binary aGk=", "!!js/function x",
];

const HOSTILE_KEYS = ["__proto__", "constructor", "dration", "partitions", "acks", "a\tb", "\"\\e[31m\"", "<<", "*a", "&b x", "0", "-1", "bootstrap.servers"];

const SET_PATHS = [
  "duration", "settle", "seed", "cluster.brokers", "cluster.network.latency", "cluster.disk.throughput", "cluster.config.min.insync.replicas",
  "topics.0.partitions", "topics.0.replicationFactor", "topics.0.name", "producers.0.rate", "producers.0.config.acks", "producers.0.config.__proto__",
  "producers.9.rate", "faults.0.at", "faults.0.crash", "expect.durability.acknowledgedLost", "nemesis.crash.every", "cluster.config",
];

const LIMIT_FLAGS = ["events=1", "events=2e9", "memory=1MiB", "memory=64MiB", "simulated-time=1ms", "faults=0", "clients=1", "events-at-one-instant=1", "bogus=1", "memory", "file-size=10B"];

export function fuzzCases(seed: number, count: number, bases: readonly string[]): FuzzCase[] {
  const rng = seedrandom(`kafkasim-fuzz-${seed}`);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    let lines = pick(bases).split("\n");
    const steps: string[] = [];
    // Light touches mostly, so that many cases get past the loader and run; a few heavy ones.
    const mutations = rng() < 0.3 ? 0 : rng() < 0.8 ? 1 : 1 + Math.floor(rng() * 4);
    for (let m = 0; m < mutations; m++) {
      const at = Math.floor(rng() * lines.length);
      const kind = rng() < 0.5 ? pick([3, 8]) : Math.floor(rng() * 9);
      steps.push(`${kind}@${at}`);
      if (kind === 0) lines.splice(at, 1); // a line goes
      else if (kind === 1) lines.splice(at, 0, lines[Math.floor(rng() * lines.length)] ?? ""); // a line twice
      else if (kind === 2) lines = lines.slice(0, at); // truncated
      else if (kind === 3) lines[at] = (lines[at] ?? "").replace(/:\s*(\S.*)?$/, `: ${pick(HOSTILE_VALUES)}`); // a value retyped
      else if (kind === 4) lines.splice(at, 0, `${" ".repeat(Math.floor(rng() * 3) * 2)}${pick(HOSTILE_KEYS)}: ${pick(HOSTILE_VALUES)}`);
      else if (kind === 5) lines[at] = `\t${lines[at] ?? ""}`; // a tab
      else if (kind === 6) lines[at] = (lines[at] ?? "").slice(0, Math.floor(rng() * (lines[at]?.length ?? 0))); // a cut line
      else if (kind === 7) lines.push("l0: &l0 [x, x, x, x, x, x, x, x, x]", ...[1, 2, 3, 4, 5, 6, 7].map((n) => `l${n}: &l${n} [${Array(9).fill(`*l${n - 1}`).join(", ")}]`));
      else lines[at] = (lines[at] ?? "").replace(/\d+/, () => pick(["0", "-3", "99999999999", "1e308", "3.5"]));
    }
    const flags: string[] = [];
    const flagCount = Math.floor(rng() * 3);
    for (let f = 0; f < flagCount; f++) {
      const kind = Math.floor(rng() * 4);
      if (kind === 0) flags.push("--set", `${pick(SET_PATHS)}=${pick(HOSTILE_VALUES)}`);
      else if (kind === 1) flags.push("--limit", pick(LIMIT_FLAGS));
      else if (kind === 2) flags.push("--seed", pick(["0", "-1", "1.5", "9007199254740993", "abc", "42"]));
      else flags.push(pick(["--json", "--check", "--strict-config", "--bogus", "--set", "--seed"]));
    }
    const command = rng() < 0.45 ? "validate" : rng() < 0.9 ? "run" : "compare";
    // Every run is bounded by a small event budget unless the case raises it: the test is about answers, not load.
    if (command !== "validate") flags.push("--limit", "events=300000");
    if (command === "compare") flags.unshift("--set", "producers.0.config.acks=1", "--vs", "producers.0.config.acks=all");
    cases.push({ name: `seed ${seed} case ${i} (${steps.join(" ")})`, text: lines.join("\n"), command, flags });
  }
  return cases;
}
