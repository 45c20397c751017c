// Output files through the real CLI (issue 19): --trace, --report and schema --out appear
// whole or not at all. A run that fails late (an invariant, exit 3; an exception) leaves the
// old file as it was and no temporary file beside it; a full device is exit 2 and one line.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { badInputProblems, kafkasim, kafkasimWithPreload, linesOf, repoRoot } from "./run-cli.ts";

const SMALL = ["test/fixtures/cli/small.yaml", "--set", "duration=1s", "--set", "settle=1s"];
const root = mkdtempSync(join(tmpdir(), "kafkasim-atomic-out-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;

/** A fresh directory holding each named file with the text "old\n". */
function dirWith(...names: string[]): string {
  const dir = mkdtempSync(join(root, `d${dirs++}-`));
  for (const name of names) writeFileSync(join(dir, name), "old\n");
  return dir;
}

const contents = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), "utf8")]));

describe("a run that fails after its outputs are open", () => {
  it.concurrent("an invariant failure (exit 3) leaves the old trace and report untouched, no temporary file", async () => {
    const dir = dirWith("t.ndjson", "r.html");
    const r = await kafkasimWithPreload("./test/check/hw-past-isr-mutant.ts", "run", "scenarios/kip101-leader-epoch.yaml", "--check", "--seed", "7", "--trace", join(dir, "t.ndjson"), "--report", join(dir, "r.html"));
    expect(r.status).toBe(3);
    expect(linesOf(r.stderr)).toHaveLength(1);
    expect(contents(dir)).toEqual({ "r.html": "old\n", "t.ndjson": "old\n" });
  });

  it.concurrent("an exception part-way through leaves no new file and no temporary file", async () => {
    const dir = dirWith("t.ndjson");
    const r = await kafkasimWithPreload("./test/cli/run-throws-mutant.ts", "run", ...SMALL, "--trace", join(dir, "t.ndjson"), "--report", join(dir, "new.html"));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("run-throws-mutant: a bug part-way through the run");
    expect(contents(dir)).toEqual({ "t.ndjson": "old\n" });
  });

  it.concurrent("a bad --report path after a good --trace path is one line, and the trace's temporary file goes too", async () => {
    const dir = dirWith("t.ndjson");
    const r = await kafkasim("run", ...SMALL, "--trace", join(dir, "t.ndjson"), "--report", "/dev/full");
    expect(badInputProblems(r)).toEqual([]);
    expect(r.stderr).toBe("kafkasim: --report /dev/full: cannot write the file (no space left on device)\n");
    expect(contents(dir)).toEqual({ "t.ndjson": "old\n" });
  });
});

describe("a run that succeeds", () => {
  it.concurrent("renames the trace and the report over the old files, and leaves nothing else", async () => {
    const dir = dirWith("t.ndjson", "r.html");
    const r = await kafkasim("run", ...SMALL, "--trace", join(dir, "t.ndjson"), "--report", join(dir, "r.html"), "--json");
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
    expect(readdirSync(dir).sort()).toEqual(["r.html", "t.ndjson"]);
    const traceLines = linesOf(readFileSync(join(dir, "t.ndjson"), "utf8"));
    expect(traceLines.length).toBeGreaterThan(100);
    expect(() => traceLines.forEach((l) => JSON.parse(l))).not.toThrow();
    expect(readFileSync(join(dir, "r.html"), "utf8")).toMatch(/^<!doctype html>/i);
  });

  it.concurrent("an expect that fails (exit 1) still writes the trace: the run finished", async () => {
    const dir = dirWith();
    const r = await kafkasim("run", ...SMALL, "--set", "expect.produced.acknowledged=== 0", "--trace", join(dir, "t.ndjson"));
    expect(r.status).toBe(1);
    expect(readFileSync(join(dir, "t.ndjson"), "utf8")).toMatch(/^\{/);
    expect(readdirSync(dir)).toEqual(["t.ndjson"]);
  });
});

describe("an output that cannot be written: exit 2, one line naming the flag and the path", () => {
  const cases: [string, string[]][] = [
    ["run --trace /dev/full", ["run", ...SMALL, "--trace", "/dev/full"]],
    ["run --report /dev/full", ["run", ...SMALL, "--report", "/dev/full"]],
    ["compare --report /dev/full", ["compare", ...SMALL, "--vs", "duration=1s", "--vs", "settle=1s", "--vs", "producers.0.config.acks=1", "--report", "/dev/full"]],
    ["schema --out /dev/full", ["schema", "--out", "/dev/full"]],
  ];
  it.concurrent.each(cases)("%s: no space left on device", async (_, args) => {
    const r = await kafkasim(...args);
    expect(badInputProblems(r)).toEqual([]);
    const flag = args.at(-2);
    expect(r.stderr).toBe(`kafkasim: ${flag} /dev/full: cannot write the file (no space left on device)\n`);
  });

  it.concurrent("run --trace into a missing directory", async () => {
    const path = join(dirWith(), "no", "t.ndjson");
    const r = await kafkasim("run", ...SMALL, "--trace", path);
    expect(badInputProblems(r)).toEqual([]);
    expect(r.stderr).toBe(`kafkasim: --trace ${path}: cannot write the file (no such directory)\n`);
  });

  it.concurrent("run --trace at a directory", async () => {
    const dir = dirWith();
    const r = await kafkasim("run", ...SMALL, "--trace", dir);
    expect(badInputProblems(r)).toEqual([]);
    expect(r.stderr).toBe(`kafkasim: --trace ${dir}: cannot write the file (it is a directory)\n`);
  });

  it.concurrent("run --trace and --report at the same file are refused before the run", async () => {
    const dir = dirWith("same.out");
    const same = join(dir, "same.out");
    const r = await kafkasim("run", ...SMALL, "--trace", same, "--report", same);
    expect(badInputProblems(r)).toEqual([]);
    expect(r.stderr).toBe(`kafkasim: --report ${same}: that is the --trace file too; one would overwrite the other\n`);
    expect(contents(dir)).toEqual({ "same.out": "old\n" });
  });
});

describe("--trace /dev/stdout, a device written directly", () => {
  it("stops quietly when the reader closes the pipe, as the summary on stdout does", async () => {
    // A shell pipe: Node's own stdio "pipes" are sockets, which /dev/stdout cannot open (ENXIO).
    const script = `(node bin/kafkasim.js run ${SMALL.join(" ")} --trace /dev/stdout; echo "exit $?" >&2) | head -c 1 >/dev/null`;
    const child = spawn("sh", ["-c", script], { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"] });
    const err: Buffer[] = [];
    child.stderr.on("data", (b: Buffer) => err.push(b));
    await new Promise((resolve) => child.on("close", resolve));
    expect(Buffer.concat(err).toString()).toBe("exit 0\n");
  }, 30_000);
});
