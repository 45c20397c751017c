// `kafkasim --help`, `run --help`, `list` and `validate` on a good file.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kafkasim, kafkasimBatch, linesOf, repoRoot } from "./run-cli.ts";

const scenarioFiles = readdirSync(join(repoRoot, "scenarios")).filter((f) => /\.ya?ml$/.test(f)).sort();

describe("kafkasim --help", () => {
  it.concurrent("exits 0 and lists the commands on stdout", async ({ expect }) => {
    const r = await kafkasim("--help");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    for (const command of ["run", "validate", "list"]) expect(r.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, "m"));
  });

  it.concurrent("shows examples", async ({ expect }) => {
    const r = await kafkasim("--help");
    expect(r.stdout).toMatch(/Examples?:/);
    expect(r.stdout).toMatch(/kafkasim run scenarios\/\S+\.yaml/);
  });
});

describe("kafkasim run --help", () => {
  const examplesOf = (stdout: string): string[] => [...stdout.matchAll(/kafkasim run (scenarios\/\S+\.yaml)/g)].map((m) => m[1] ?? "");

  it.concurrent("exits 0 with usage, options, examples and exit codes; `help run` says the same", async ({ expect }) => {
    const [r, viaHelp] = await Promise.all([kafkasim("run", "--help"), kafkasim("help", "run")]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^Usage: kafkasim run \[options\] <file>/);
    for (const option of ["--seed", "--json", "--trace", "--set"]) expect(r.stdout).toContain(option);
    expect(r.stdout).toContain("Examples:");
    expect(examplesOf(r.stdout).length).toBeGreaterThanOrEqual(2);
    expect(r.stdout).toMatch(/0 .*1 .*2 /); // the exit codes
    expect(viaHelp.status).toBe(0);
    expect(viaHelp.stdout).toBe(r.stdout);
  });

  it.concurrent("names only scenario files that exist", async ({ expect }) => {
    const r = await kafkasim("run", "--help");
    const missing = examplesOf(r.stdout).filter((f) => !scenarioFiles.includes(f.replace(/^scenarios\//, "")));
    expect(missing).toEqual([]);
  });
});

describe("kafkasim list", () => {
  it.concurrent("list scenarios prints one line per scenario file: its name, then its description", async ({ expect }) => {
    const [r, noArg] = await Promise.all([kafkasim("list", "scenarios"), kafkasim("list")]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const lines = linesOf(r.stdout);
    expect(scenarioFiles.length).toBeGreaterThan(0);
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(scenarioFiles.map((f) => f.replace(/\.ya?ml$/, "")));
    for (const line of lines) expect(line, line).toMatch(/^\S+\s{2,}\S.*$/);
    expect(noArg.status).toBe(0);
    expect(noArg.stdout).toBe(r.stdout); // the default directory is scenarios/
  });
});

describe("kafkasim validate <good file>", () => {
  it.concurrent("exits 0 with one ok line and runs nothing", async ({ expect }) => {
    const r = await kafkasim("validate", "test/fixtures/cli/small.yaml");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(linesOf(r.stdout)).toEqual([
      "test/fixtures/cli/small.yaml: ok — cli-small: 3 brokers, 1 topic(s), 1 producer(s), 0 consumer group(s), 0 fault(s), 2 expectation(s)",
    ]);
  });

  // One process for all of them (the CLI's real entry point per file): a process per file on a
  // loaded 2-core machine ran past the timeout.
  it.concurrent("validates every shipped scenario", async ({ expect }) => {
    const results = await kafkasimBatch(scenarioFiles.map((f) => ["validate", `scenarios/${f}`]));
    for (const v of results) expect({ args: v.args, status: v.status, stderr: v.stderr }).toEqual({ args: v.args, status: 0, stderr: "" });
  });
});
