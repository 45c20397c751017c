// OutputFile (sim/cli/atomic-file.ts) in one process: the target changes only on commit(),
// whole; discard() leaves it as it was; every system error is one OutputError line.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { commitAll, OutputFile } from "../../sim/cli/atomic-file.ts";
import { OutputError } from "../../sim/cli/output-error.ts";

const root = mkdtempSync(join(tmpdir(), "kafkasim-atomic-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;

/** A fresh directory holding `old.txt` = "old\n". */
function dirWithOld(): { dir: string; old: string } {
  const dir = join(root, `d${dirs++}`);
  mkdirSync(dir);
  const old = join(dir, "old.txt");
  writeFileSync(old, "old\n");
  return { dir, old };
}

function openError(path: string): string {
  try {
    OutputFile.open("--out", path).discard();
  } catch (error) {
    expect(error).toBeInstanceOf(OutputError);
    return (error as Error).message;
  }
  throw new Error(`${path} opened`);
}

describe("OutputFile", () => {
  it("open + write leaves the target as it was until commit(), which replaces it whole", () => {
    const { dir, old } = dirWithOld();
    const out = OutputFile.open("--out", old);
    out.write("new ");
    out.write("text\n");
    expect(readFileSync(old, "utf8")).toBe("old\n");
    out.commit();
    expect(readFileSync(old, "utf8")).toBe("new text\n");
    expect(readdirSync(dir)).toEqual(["old.txt"]);
  });

  it("discard() removes the temporary file and keeps the old one", () => {
    const { dir, old } = dirWithOld();
    const out = OutputFile.open("--out", old);
    out.write("half");
    expect(readdirSync(dir)).toEqual([`.old.txt.${process.pid}.tmp`, "old.txt"]);
    out.discard();
    expect(readFileSync(old, "utf8")).toBe("old\n");
    expect(readdirSync(dir)).toEqual(["old.txt"]);
  });

  it("discard() after commit() changes nothing", () => {
    const { old } = dirWithOld();
    const out = OutputFile.open("--out", old);
    out.write("new\n");
    out.commit();
    out.discard();
    expect(readFileSync(old, "utf8")).toBe("new\n");
  });

  it("creates a new file only on commit()", () => {
    const { dir } = dirWithOld();
    const path = join(dir, "new.txt");
    const out = OutputFile.open("--out", path);
    out.write("x");
    expect(readdirSync(dir)).not.toContain("new.txt");
    out.commit();
    expect(readFileSync(path, "utf8")).toBe("x");
  });

  it("writes through a link to the file it names and keeps the old file's mode", () => {
    const { dir, old } = dirWithOld();
    chmodSync(old, 0o600);
    const link = join(dir, "link.txt");
    symlinkSync("old.txt", link);
    const out = OutputFile.open("--out", link);
    out.write("via link\n");
    out.commit();
    expect(readlinkSync(link)).toBe("old.txt");
    expect(readFileSync(old, "utf8")).toBe("via link\n");
    expect(statSync(old).mode & 0o777).toBe(0o600);
  });

  it("replaces a stale temporary file, and a link planted at its name is removed, not followed", () => {
    const { dir, old } = dirWithOld();
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "keep\n");
    symlinkSync(victim, join(dir, `.old.txt.${process.pid}.tmp`));
    const out = OutputFile.open("--out", old);
    out.write("new\n");
    out.commit();
    expect(readFileSync(victim, "utf8")).toBe("keep\n");
    expect(readFileSync(old, "utf8")).toBe("new\n");
  });

  it("commitAll finishes and renames every file", () => {
    const { dir, old } = dirWithOld();
    const a = OutputFile.open("--trace", old);
    const b = OutputFile.open("--report", join(dir, "b.txt"));
    a.write("a\n");
    b.write("b\n");
    commitAll([a, null, b]);
    expect(readdirSync(dir).sort().map((f) => readFileSync(join(dir, f), "utf8"))).toEqual(["b\n", "a\n"]);
  });

  it("writes a device directly; a full one is one line naming the flag and the path", () => {
    const out = OutputFile.open("--trace", "/dev/full");
    expect(() => out.write("x")).toThrow(new OutputError("--trace", "/dev/full", { code: "ENOSPC" }));
    expect(() => out.write("x")).toThrow(/written after it was finished/);
  });

  it("names each reason an open fails", () => {
    const { dir, old } = dirWithOld();
    expect(openError(join(dir, "no/such.txt"))).toBe(`--out ${dir}/no/such.txt: cannot write the file (no such directory)`);
    expect(openError(dir)).toBe(`--out ${dir}: cannot write the file (it is a directory)`);
    expect(openError(`${dir}/new/`)).toBe(`--out ${dir}/new/: cannot write the file (it is a directory)`);
    expect(openError(`${old}/x`)).toBe(`--out ${old}/x: cannot write the file (a parent in the path is not a directory)`);
  });

  it.skipIf(process.getuid?.() === 0)("a read-only directory is permission denied; an existing file there says why", () => {
    const { dir, old } = dirWithOld();
    chmodSync(old, 0o666);
    chmodSync(dir, 0o555);
    try {
      expect(openError(join(dir, "new.txt"))).toBe(`--out ${dir}/new.txt: cannot write the file (permission denied)`);
      expect(openError(old)).toBe(`--out ${old}: cannot write the file (permission denied in its directory, where it is written first and renamed)`);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it.skipIf(process.getuid?.() === 0)("a read-only file stays refused, as open(2) refuses it", () => {
    const { old } = dirWithOld();
    chmodSync(old, 0o444);
    expect(openError(old)).toBe(`--out ${old}: cannot write the file (permission denied)`);
  });
});
