// The scenario file is read only when it is a regular file within the size cap: a FIFO would
// block forever, a device would grow without end, a wrong path could be a disk image.
import { execFileSync } from "node:child_process";
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ScenarioError } from "../../sim/scenario/errors.ts";
import { loadScenarioFile, MAX_SCENARIO_FILE_BYTES } from "../../sim/scenario/read-file.ts";
import { kafkasim, repoRoot } from "../cli/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "kafkasim-read-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errorOf(path: string): string {
  try {
    loadScenarioFile(path);
  } catch (error) {
    if (error instanceof ScenarioError) return error.format();
    throw error;
  }
  return "accepted";
}

describe("reading a scenario file", () => {
  it("refuses a FIFO at once instead of blocking on it", () => {
    const fifo = join(dir, "pipe.yaml");
    execFileSync("mkfifo", [fifo]);
    expect(errorOf(fifo)).toBe(`${fifo}:1:1: cannot read the scenario file: it is not a regular file (a FIFO, a device or a socket)`);
  });

  it("refuses a device instead of reading it without end", () => {
    expect(errorOf("/dev/zero")).toMatch(/^\/dev\/zero:1:1: cannot read the scenario file: it is not a regular file/);
  });

  it("refuses a file above the cap without reading it", () => {
    const big = join(dir, "big.yaml");
    const fd = openSync(big, "w");
    closeSync(fd);
    execFileSync("truncate", ["-s", String(MAX_SCENARIO_FILE_BYTES + 1), big]); // sparse: no bytes written
    expect(errorOf(big)).toMatch(/it is 4,194,305 bytes, more than a scenario file may hold \(limit file-size: 4MiB; raise it with --limit file-size=8MiB\)$/);
  });

  it("names a directory and a missing file as such", () => {
    const sub = join(dir, "sub");
    mkdirSync(sub);
    expect(errorOf(sub)).toMatch(/it is a directory$/);
    expect(errorOf(join(dir, "nope.yaml"))).toMatch(/no such file$/);
  });

  it("kafkasim list goes past a FIFO in the folder, with a note, instead of hanging", async () => {
    const folder = join(dir, "library");
    mkdirSync(folder);
    execFileSync("mkfifo", [join(folder, "a-pipe.yaml")]);
    copyFileSync(join(repoRoot, "scenarios/acks1-leader-crash.yaml"), join(folder, "b-ok.yaml"));
    writeFileSync(join(folder, "c-notes.txt"), "not a scenario");
    const r = await kafkasim("list", folder);
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n").filter((l) => l !== "")).toEqual([
      "a-pipe  (invalid: cannot read the scenario file: it is not a regular file (a FIFO, a device or a socket))",
      expect.stringMatching(/^b-ok    acks=1: /),
    ]);
  });
});
