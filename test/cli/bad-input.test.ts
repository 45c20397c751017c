// What a new user gets wrong, through `kafkasim run` (and a few through validate/list):
// each must end with exit 2, nothing on stdout and ONE line on stderr —
// `file:line:col: at key.path: message` for scenario errors, `--set:n:col: ...` for an
// override, `kafkasim: ...` for command-line usage — never a stack trace (DESIGN.md, CLI).
import { beforeAll, describe, expect, it } from "vitest";
import { badInputProblems, kafkasim, kafkasimBatch, type CliResult } from "./run-cli.ts";

const BAD = "test/fixtures/cli/bad";
const SMALL = "test/fixtures/cli/small.yaml";

/** [what, argv, the one stderr line: exact string or pattern] */
const cases: [string, string[], string | RegExp][] = [
  ["an empty (0-byte) file", ["run", `${BAD}/empty.yaml`], `${BAD}/empty.yaml:1:1: the scenario is empty: it needs at least name, duration, cluster and topics`],
  ["a file indented with tabs", ["run", `${BAD}/tabs.yaml`], `${BAD}/tabs.yaml:4:1: tabs are not allowed for indentation in YAML; indent with spaces`],
  ["malformed YAML (an unclosed quote)", ["run", `${BAD}/malformed.yaml`], /^test\/fixtures\/cli\/bad\/malformed\.yaml:\d+:\d+: YAML syntax error: .*quote/],
  ["a directory instead of a file", ["run", "test/fixtures/cli"], "test/fixtures/cli:1:1: cannot read the scenario file: it is a directory"],
  ["a missing file", ["run", `${BAD}/no-such-file.yaml`], `${BAD}/no-such-file.yaml:1:1: cannot read the scenario file: no such file`],
  ["a wrong type (partitions: two)", ["run", `${BAD}/wrong-type.yaml`], `${BAD}/wrong-type.yaml:6:33: at topics.0.partitions: expected a number, got "two"`],
  ["a negative duration", ["run", `${BAD}/negative-duration.yaml`], `${BAD}/negative-duration.yaml:2:11: at duration: a duration cannot be negative, got "-10s"`],
  ["an unknown top-level key (producer:)", ["run", `${BAD}/unknown-key.yaml`], `${BAD}/unknown-key.yaml:7:1: at producer: unknown key "producer"; did you mean "producers"?`],
  ["an unknown broker id in a fault", ["run", `${BAD}/fault-unknown-broker.yaml`], `${BAD}/fault-unknown-broker.yaml:10:23: at faults.0.crash: there is no broker 5: broker ids are 1..3`],
  ["a fault after the end", ["run", `${BAD}/fault-after-end.yaml`], `${BAD}/fault-after-end.yaml:10:11: at faults.0.at: fault at 1m is after the end of the run (duration 30s)`],
  ["bad input with --json (still nothing on stdout)", ["run", `${BAD}/tabs.yaml`, "--json"], `${BAD}/tabs.yaml:4:1: tabs are not allowed for indentation in YAML; indent with spaces`],
  ["--set with a misspelt path", ["run", SMALL, "--set", "producers.0.confg.acks=1"], /^--set:1:13: at producers\.0\.confg: unknown key "confg"; did you mean "config"\? \(in --set producers\.0\.confg\.acks=1\)$/],
  ["--set with an index past the list", ["run", SMALL, "--set", "producers.3.rate=10/s"], /^--set:1:11: at producers: .*no item 3 \(use 1 to append one\) \(in --set producers\.3\.rate=10\/s\)$/],
  ["--set with a bad value", ["run", SMALL, "--set", "cluster.brokers=abc"], /^--set:1:17: at cluster\.brokers: expected a number, got "abc" \(in --set cluster\.brokers=abc\)$/],
  ["--set with a value that is not YAML", ["run", SMALL, "--set", "cluster.brokers=[1"], /^--set:1:\d+: at cluster\.brokers: the value is not valid YAML: /],
  ["--set without =", ["run", SMALL, "--set", "cluster.brokers"], "--set:1:1: expected key.path=value, like producers.0.config.acks=1 (in --set cluster.brokers)"],
  ["the second of two --set is bad", ["run", SMALL, "--set", "producers.0.rate=100/s", "--set", "cluster.brokers=x"], /^--set:2:17: at cluster\.brokers: /],
  ["validate with a bad --set", ["validate", SMALL, "--set", "topics.0.partitions=-1"], /^--set:1:\d+: at topics\.0\.partitions: /],
  ["--seed abc", ["run", SMALL, "--seed", "abc"], /^kafkasim: .*--seed.*'abc'.*integer/],
  ["--seed 1.5", ["run", SMALL, "--seed", "1.5"], /^kafkasim: .*--seed.*'1\.5'.*integer/],
  ["--seed without a value", ["run", SMALL, "--seed"], /^kafkasim: .*--seed.*missing/],
  ["an unknown command", ["frobnicate", SMALL], /^kafkasim: unknown command 'frobnicate'/],
  ["an unknown option", ["run", SMALL, "--frob"], /^kafkasim: unknown option '--frob'/],
  ["a missing file argument (run)", ["run"], /^kafkasim: missing required argument 'file'/],
  ["a missing file argument (validate)", ["validate"], /^kafkasim: missing required argument 'file'/],
  ["two files", ["run", SMALL, SMALL], /^kafkasim: too many arguments/],
  ["list of a missing directory", ["list", `${BAD}/no-such-dir`], /^kafkasim: test\/fixtures\/cli\/bad\/no-such-dir: /],
];

describe("kafkasim with bad input", () => {
  let results: CliResult[] = [];

  beforeAll(async () => {
    results = await kafkasimBatch(cases.map(([, argv]) => argv));
  });

  it.for(cases.map((c, i) => [...c, i] as const))("%s: exit 2, one line", ([, , line, i]) => {
    const r = results[i];
    if (r === undefined) throw new Error(`no result for case ${i}`);
    expect(badInputProblems(r, line), r.stderr).toEqual([]);
  });

  // The batch runs main.ts in one process; the bin must behave identically.
  const sample = ["an empty (0-byte) file", "a directory instead of a file", "--set with a misspelt path", "the second of two --set is bad", "--seed abc", "an unknown command", "a missing file argument (run)"];
  it.concurrent.for(sample)("bin/kafkasim.js agrees with the batch: %s", async (what, { expect }) => {
    const i = cases.findIndex((c) => c[0] === what);
    const argv = cases[i]?.[1];
    if (argv === undefined) throw new Error(`no case named ${what}`);
    const real = await kafkasim(...argv);
    const batched = results[i];
    expect({ status: real.status, stdout: real.stdout, stderr: real.stderr }).toEqual({ status: batched?.status, stdout: batched?.stdout, stderr: batched?.stderr });
  });

  it.concurrent("an unwritable --trace path: exit 2, one line", async ({ expect }) => {
    const r = await kafkasim("run", SMALL, "--trace", `${BAD}/no-such-dir/out.ndjson`);
    expect(badInputProblems(r), r.stderr).toEqual([]);
    expect(r.stderr).toMatch(/^kafkasim: .*no-such-dir\/out\.ndjson/);
  });

  it.concurrent("no command at all: exit 2, one line", async ({ expect }) => {
    const r = await kafkasim();
    expect(r.stderr).not.toContain("(outputHelp)");
    expect(badInputProblems(r), r.stderr).toEqual([]);
  });
});
