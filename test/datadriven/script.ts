// A runner for golden scripts in the format of etcd's datadriven package (cockroachdb/datadriven,
// used by etcd-io/raft's testdata/*.txt): a command line `name key=value key=v1,v2 flag`,
// a `----` line, then the output expected, up to a blank line. Output that itself holds blank
// lines is fenced by a doubled separator (`----` `----` output `----` `----`), as datadriven does.
// Lines starting with `#` between blocks are comments. UPDATE_GOLDEN=1 rewrites every script
// with the output the code gives now, so a change of behaviour shows as a diff to review.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

export class Command {
  constructor(
    readonly name: string,
    private readonly args: ReadonlyMap<string, string | null>,
    /** Where it stands, `file:line`, for error messages. */
    readonly where: string,
  ) {}

  has(key: string): boolean {
    return this.args.has(key);
  }

  str(key: string, fallback?: string): string {
    const v = this.args.get(key);
    if (v !== undefined && v !== null) return v;
    if (fallback !== undefined) return fallback;
    throw new Error(`${this.where}: ${this.name} needs ${key}=`);
  }

  int(key: string, fallback?: number): number {
    const v = this.args.get(key);
    if (v === undefined || v === null) {
      if (fallback !== undefined) return fallback;
      throw new Error(`${this.where}: ${this.name} needs ${key}=`);
    }
    const n = Number(v);
    if (!Number.isInteger(n)) throw new Error(`${this.where}: ${key}=${v} is not an integer`);
    return n;
  }

  /** `key=1,2,3`; `key=` is the empty list. */
  ints(key: string, fallback?: readonly number[]): number[] {
    const v = this.args.get(key);
    if (v === undefined || v === null) {
      if (fallback !== undefined) return [...fallback];
      throw new Error(`${this.where}: ${this.name} needs ${key}=`);
    }
    return v === "" ? [] : v.split(",").map((s) => Number(s));
  }

  /** A bare `key`, or `key=true` / `key=false`. */
  flag(key: string): boolean {
    if (!this.args.has(key)) return false;
    const v = this.args.get(key);
    return v === null || v === "true";
  }

  /** The keys given, for handlers that reject unknown ones. */
  keys(): string[] {
    return [...this.args.keys()];
  }
}

interface Block {
  readonly comments: readonly string[];
  readonly line: number;
  readonly input: string;
  readonly expected: string;
}

const SEP = "----";

function parse(text: string, file: string): Block[] {
  const lines = text.split("\n");
  const blocks: Block[] = [];
  let comments: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === "" || line.startsWith("#")) {
      comments.push(line);
      i++;
      continue;
    }
    const at = i + 1;
    if (lines[i + 1] !== SEP) throw new Error(`${file}:${at}: expected ${SEP} after the command`);
    i += 2;
    const out: string[] = [];
    if (lines[i] === SEP) {
      // Fenced output: up to `----` `----`.
      i++;
      while (i < lines.length && !(lines[i] === SEP && lines[i + 1] === SEP)) out.push(lines[i++]!);
      if (i >= lines.length) throw new Error(`${file}:${at}: fenced output without its closing ${SEP} ${SEP}`);
      i += 2;
    } else {
      while (i < lines.length && lines[i]!.trim() !== "") out.push(lines[i++]!);
    }
    blocks.push({ comments: trimComments(comments), line: at, input: line, expected: out.join("\n") });
    comments = [];
  }
  return blocks;
}

/** Comments without the blank lines that separate blocks (the writer puts those back). */
function trimComments(lines: readonly string[]): string[] {
  return lines.filter((l) => l.trim() !== "");
}

function parseCommand(input: string, where: string): Command {
  const [name, ...words] = input.trim().split(/\s+/);
  const args = new Map<string, string | null>();
  for (const w of words) {
    const eq = w.indexOf("=");
    if (eq < 0) args.set(w, null);
    else args.set(w.slice(0, eq), w.slice(eq + 1));
  }
  return new Command(name!, args, where);
}

function render(blocks: readonly (Block & { readonly actual: string })[]): string {
  const parts = blocks.map((b) => {
    const head = [...b.comments, b.input, SEP];
    const fenced = b.actual.split("\n").some((l) => l.trim() === "");
    const body = fenced ? [SEP, b.actual, SEP, SEP] : [b.actual];
    return [...head, ...body].join("\n");
  });
  return parts.join("\n\n") + "\n";
}

/**
 * Runs every block of the script at `path` through `handler` (a fresh one per file) and checks
 * its output; with UPDATE_GOLDEN=1 it writes the outputs back into the file instead.
 */
export function runScript(path: string, handler: (cmd: Command) => string): void {
  const text = readFileSync(path, "utf8");
  const blocks = parse(text, path);
  const update = process.env["UPDATE_GOLDEN"] === "1";
  const results = blocks.map((b) => {
    const where = `${path}:${b.line}`;
    const actual = handler(parseCommand(b.input, where)).trimEnd();
    if (!update) expect(actual, `${where}: ${b.input}`).toBe(b.expected);
    return { ...b, actual };
  });
  if (update) {
    const next = render(results);
    if (next !== text) writeFileSync(path, next);
  }
}

/** A test per script in the folder `dir` (a file: URL), each run by a fresh handler. */
export function describeScripts(title: string, dir: URL, newHandler: () => (cmd: Command) => string): void {
  const path = fileURLToPath(dir);
  describe(title, () => {
    for (const file of readdirSync(path).filter((f) => f.endsWith(".txt")).sort()) {
      it(file, () => runScript(join(path, file), newHandler()));
    }
  });
}
