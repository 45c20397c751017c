// `kafkasim validate` over the bad-scenario corpus (test/fixtures/bad-scenarios/, also
// checked in-process by test/scenario/bad-scenarios.test.ts): through the CLI's entry
// point each file must exit 2 with exactly the one line written in its `# expect:` first
// line, prefixed by the path as given, with nothing on stdout and no stack trace.
// All 52 go through one process (kafkasimBatch); bad-input.test.ts checks the batch
// against the real bin.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { badInputProblems, kafkasimBatch, linesOf, repoRoot, type CliResult } from "./run-cli.ts";

const dir = "test/fixtures/bad-scenarios";
const files = readdirSync(join(repoRoot, dir)).filter((f) => f.endsWith(".yaml")).sort();

function expectedLine(file: string): string {
  const first = readFileSync(join(repoRoot, dir, file), "utf8").split("\n")[0] ?? "";
  const m = /^# expect: (.*)$/.exec(first);
  if (m === null) throw new Error(`${file} lacks its '# expect:' first line`);
  return `${dir}/${file}:${m[1] ?? ""}`;
}

describe("kafkasim validate <bad scenario>", () => {
  const results = new Map<string, CliResult>();

  beforeAll(async () => {
    const runs = await kafkasimBatch(files.map((f) => ["validate", `${dir}/${f}`]));
    files.forEach((f, i) => results.set(f, runs[i]!));
  });

  it("finds the whole corpus", () => {
    expect(files.length).toBeGreaterThanOrEqual(52);
  });

  it.for(files)("%s: exit 2 and its one expected line", (file) => {
    const r = results.get(file);
    if (r === undefined) throw new Error(`no result for ${file}`);
    expect(badInputProblems(r), r.stderr).toEqual([]);
    expect(linesOf(r.stderr)).toEqual([expectedLine(file)]);
  });
});
