// `sweep --merge` (issue 19): parts with failed seeds merge like results and exit the same way
// (2); anything that is not a part — a scenario, text, a line cut short, JSON of another shape,
// a device, a missing file — is exit 2 and one line naming the file (and line).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badInputProblems, kafkasim, kafkasimBatch, linesOf, type CliResult } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "kafkasim-merge-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// Seeds 1 and 4 fail to run under this limit (see sweep-failed-seeds.test.ts), 2 and 3 run.
const SWEEP = ["sweep", "test/fixtures/cli/small.yaml", "--set", "duration=1s", "--set", "settle=1s", "--seeds", "1..4", "--limit", "events=1150", "--json"];
let part = "";
let direct: CliResult;

beforeAll(async () => {
  const [json, human] = await Promise.all([kafkasim(...SWEEP), kafkasim(...SWEEP.slice(0, -1))]);
  part = json.stdout;
  direct = human;
  expect(linesOf(part)).toHaveLength(4);
});

describe("sweep --merge of parts with failed seeds", () => {
  it("counts and lists them as the sweep did, and exits 2 with one line", async () => {
    const lines = linesOf(part);
    const r = await kafkasim("sweep", "--merge", at("a.ndjson", lines.slice(0, 2).join("\n") + "\n"), at("b.ndjson", lines.slice(2).join("\n") + "\n"));
    expect(r.status).toBe(2);
    // All but the header (wall time) and the replay hint (the parts do not name their scenario).
    const body = (text: string): string[] => linesOf(text).slice(1).filter((l) => !l.startsWith("worst seeds (replay with"));
    expect(body(r.stdout)).toEqual(body(direct.stdout));
    expect(linesOf(r.stdout)[0]).toBe("sweep merged: 4 seeds");
    expect(r.stdout).toContain("worst seeds (replay with: kafkasim run SCENARIO.yaml --seed N):");
    expect(r.stderr).toBe(direct.stderr.replace("sweep cli-small:", "sweep merged:"));
  });
});

describe("sweep --merge of what is not a part", () => {
  const cases: [string, () => string[], string][] = [
    ["a scenario YAML", () => ["test/fixtures/cli/small.yaml"], "kafkasim: test/fixtures/cli/small.yaml:1: not a sweep result line (not JSON)"],
    ["random text", () => [at("text.ndjson", "\nhello world\n")], `kafkasim: ${dir}/text.ndjson:2: not a sweep result line (not JSON)`],
    ["a line cut short", () => [at("cut.ndjson", part.slice(0, -40))], `kafkasim: ${dir}/cut.ndjson:4: not a sweep result line (not JSON)`],
    ["JSON of another shape", () => [at("shape.ndjson", part + '{"seed":9,"events":3}\n')], `kafkasim: ${dir}/shape.ndjson:5: not a sweep result line (field "traceHash" is missing or not a string)`],
    ["the second file bad", () => [at("good.ndjson", part), at("array.ndjson", "[1,2,3]\n")], `kafkasim: ${dir}/array.ndjson:1: not a sweep result line (JSON array, not an object)`],
    ["a seed that failed in one part and ran in another", () => [at("p.ndjson", part), at("q.ndjson", '{"seed":2,"error":"boom"}\n')], `kafkasim: ${dir}/q.ndjson:1: seed 2 failed to run in one part and ran in another (parts of different sweeps, or different --limit flags?)`],
    ["a line of 100,000 characters", () => [at("long.ndjson", "x".repeat(100_000))], `kafkasim: ${dir}/long.ndjson:1: not a sweep result line (longer than 64 KiB)`],
    ["a missing file", () => [join(dir, "part9.ndjson")], `kafkasim: ${dir}/part9.ndjson: cannot read the file: no such file`],
    ["a directory", () => [dir], `kafkasim: ${dir}: cannot read the file: it is a directory`],
    ["/dev/zero", () => ["/dev/zero"], "kafkasim: /dev/zero: cannot read the file: it is not a regular file or a pipe (a device or a socket)"],
  ];
  let results: CliResult[] = [];

  beforeAll(async () => {
    results = await kafkasimBatch(cases.map(([, files]) => ["sweep", "--merge", ...files()]));
  });

  it.for(cases.map((c, i) => [c[0], c[2], i] as const))("%s: exit 2, one line", ([, line, i]) => {
    const r = results[i];
    if (r === undefined) throw new Error(`no result for case ${i}`);
    expect(badInputProblems(r, line), r.stderr).toEqual([]);
  });
});

describe("sweep --merge from a pipe", () => {
  it("reads a FIFO as it reads a file (as `--merge <(cat part)` does)", async () => {
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    const [r] = await Promise.all([kafkasim("sweep", "--merge", fifo), writeFile(fifo, readFileSync(at("whole.ndjson", part)))]);
    expect(r.status).toBe(2);
    expect(linesOf(r.stdout)[1]).toBe("2 seeds failed to run (listed at the end); the figures are over the other 2");
  });
});
