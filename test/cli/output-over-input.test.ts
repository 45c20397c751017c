// --trace and --report never overwrite the scenario they were asked to run (or link to).
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kafkasim, repoRoot } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "kafkasim-out-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const original = readFileSync(join(repoRoot, "scenarios/acks1-leader-crash.yaml"), "utf8");

function scenarioCopy(name: string): string {
  const path = join(dir, name);
  copyFileSync(join(repoRoot, "scenarios/acks1-leader-crash.yaml"), path);
  return path;
}

describe("an output path that names an input", () => {
  it.concurrent("run --trace at the scenario file: exit 2, one line, the file intact", async () => {
    const file = scenarioCopy("a.yaml");
    const r = await kafkasim("run", file, "--trace", file);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 2, stderr: `kafkasim: --trace ${file}: that is the scenario file; writing the trace would overwrite it\n` });
    expect(readFileSync(file, "utf8")).toBe(original);
  });

  it.concurrent("run --report at a link to the scenario file: exit 2, the file intact", async () => {
    const file = scenarioCopy("b.yaml");
    const link = join(dir, "b-link.html");
    symlinkSync(file, link);
    const r = await kafkasim("run", file, "--report", link);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`kafkasim: --report ${link}: that is an input file; writing the report would overwrite it\n`);
    expect(readFileSync(file, "utf8")).toBe(original);
  });

  it.concurrent("compare --report at the scenario file: exit 2, the file intact", async () => {
    const file = scenarioCopy("c.yaml");
    const r = await kafkasim("compare", file, "--set", "producers.0.config.acks=1", "--vs", "producers.0.config.acks=all", "--report", file);
    expect(r.status).toBe(2);
    expect(readFileSync(file, "utf8")).toBe(original);
  });
});
