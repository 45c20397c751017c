// The golden-script runner itself: it reads etcd's datadriven format (blocks, comments,
// fenced output holding blank lines) and writes back, under UPDATE_GOLDEN=1, the same text
// when nothing changed.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runScript, type Command } from "./script.ts";

const SCRIPT = `# a comment
echo word=hello n=2 flag
----
hello hello flag

# output with a blank line is fenced
gap
----
----
a

b
----
----
`;

const handler = (cmd: Command): string => {
  if (cmd.name === "gap") return "a\n\nb";
  return [...Array(cmd.int("n"))].map(() => cmd.str("word")).join(" ") + (cmd.flag("flag") ? " flag" : "");
};

describe("runScript", () => {
  const dir = mkdtempSync(join(tmpdir(), "datadriven-"));
  const file = join(dir, "s.txt");
  afterEach(() => {
    delete process.env["UPDATE_GOLDEN"];
  });

  it("checks every block's output, fenced ones included", () => {
    writeFileSync(file, SCRIPT);
    runScript(file, handler);
  });

  it("UPDATE_GOLDEN=1 rewrites outputs and leaves a file that is up to date as it was", () => {
    writeFileSync(file, SCRIPT.replace("hello hello flag", "stale"));
    process.env["UPDATE_GOLDEN"] = "1";
    runScript(file, handler);
    expect(readFileSync(file, "utf8")).toBe(SCRIPT);
    runScript(file, handler);
    expect(readFileSync(file, "utf8")).toBe(SCRIPT);
    rmSync(dir, { recursive: true, force: true });
  });
});
