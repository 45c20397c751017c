// `kafkasim schema [--out FILE]`: prints the scenario JSON Schema, or writes it; the
// checked-in scenarios/kafkasim.schema.json is byte for byte what it prints.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { badInputProblems, kafkasim, linesOf, repoRoot } from "./run-cli.ts";

describe("kafkasim schema", () => {
  it.concurrent("exits 0 and prints the draft-07 JSON Schema, the checked-in file's bytes", async ({ expect }) => {
    const r = await kafkasim("schema");
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
    const schema = JSON.parse(r.stdout) as { $schema: string; properties: Record<string, unknown> };
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(Object.keys(schema.properties)).toContain("cluster");
    expect(r.stdout.startsWith('{\n  "$schema"')).toBe(true); // 2-space indent
    const checkedIn = readFileSync(join(repoRoot, "scenarios/kafkasim.schema.json"), "utf8");
    expect(r.stdout === checkedIn, "scenarios/kafkasim.schema.json is stale: run `npx kafkasim schema --out scenarios/kafkasim.schema.json`").toBe(true);
  });

  it.concurrent("--out FILE writes the same bytes and prints nothing", async ({ expect }) => {
    const dir = mkdtempSync(join(tmpdir(), "kafkasim-schema-"));
    try {
      const out = join(dir, "kafkasim.schema.json");
      const [r, printed] = await Promise.all([kafkasim("schema", "--out", out), kafkasim("schema")]);
      expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: "", stderr: "" });
      expect(readFileSync(out, "utf8")).toBe(printed.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.concurrent("--out into a missing directory is bad input: exit 2, one line", async ({ expect }) => {
    const r = await kafkasim("schema", "--out", "no/such/dir/kafkasim.schema.json");
    expect(badInputProblems(r)).toEqual([]);
    expect(linesOf(r.stderr)).toEqual(["kafkasim: --out no/such/dir/kafkasim.schema.json: cannot write the file (no such directory)"]);
  });

  it.concurrent("--help says what it prints, with an example and the editor header", async ({ expect }) => {
    const r = await kafkasim("schema", "--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: kafkasim schema \[options\]/);
    expect(r.stdout).toContain("--out <file>");
    expect(r.stdout).toContain("kafkasim schema --out scenarios/kafkasim.schema.json");
    expect(r.stdout).toContain("# yaml-language-server: $schema=./kafkasim.schema.json");
  });
});

describe("a reader that stops early", () => {
  it("closes the pipe: the command stops quietly, no stack trace", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, ["bin/kafkasim.js", "schema"], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    const err: Buffer[] = [];
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.stdout.once("data", () => child.stdout.destroy()); // like `| head -1`
    const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    expect(Buffer.concat(err).toString()).toBe("");
    expect(status).toBe(0);
  }, 30_000);
});
