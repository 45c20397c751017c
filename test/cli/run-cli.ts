// Spawns the real `kafkasim` (node bin/kafkasim.js, from the repo root) as a user would.
// Asynchronous on purpose: Vitest's concurrent tests then run several CLI processes at
// once, so the ~0.3–0.9 s start-up of each one overlaps instead of adding up.

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface CliResult {
  readonly args: readonly string[];
  /** The exit code, or null if a signal ended the process. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const TIMEOUT_MS = 30_000;

export function kafkasim(...args: string[]): Promise<CliResult> {
  return spawnNode(["bin/kafkasim.js", ...args]).then((r) => ({ ...r, args }));
}

/** The CLI with a module loaded first (a seeded mutant that patches core/ for this process). */
export function kafkasimWithPreload(preload: string, ...args: string[]): Promise<CliResult> {
  return spawnNode(["--import", "tsx", "--import", preload, "sim/cli/main.ts", ...args]).then((r) => ({ ...r, args }));
}

function spawnNode(nodeArgs: readonly string[], timeoutMs = TIMEOUT_MS): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: timeoutMs,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (status) => {
      resolve({ args: nodeArgs, status, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/**
 * Runs each argv through the CLI's real entry point, all in one Node process
 * (batch-main.ts): the same stdout, stderr and exit code as separate `kafkasim` runs,
 * for a fraction of the start-up cost. bad-input.test.ts checks that it agrees with the bin.
 */
export async function kafkasimBatch(argvs: readonly (readonly string[])[], nodeFlags: readonly string[] = [], timeoutMs = TIMEOUT_MS): Promise<(CliResult & { wallMs: number })[]> {
  const child = await spawnNode([...nodeFlags, "--import", "tsx", "test/cli/batch-main.ts", JSON.stringify(argvs)], timeoutMs);
  if (child.status !== 0) throw new Error(`batch-main failed (exit ${child.status}): ${child.stderr}`);
  const parsed = JSON.parse(child.stdout) as { status: number; stdout: string; stderr: string; wallMs: number }[];
  if (parsed.length !== argvs.length) throw new Error(`batch-main returned ${parsed.length} results for ${argvs.length} runs`);
  return parsed.map((r, i) => ({ ...r, args: argvs[i] ?? [] }));
}

/** Lines of a stream's output, without the final newline's empty tail. */
export function linesOf(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** Signs of a leaked exception: V8 stack frames, Node's source excerpt, a bare `Error:`. */
const STACK_SIGNS = [/^\s+at .*(:\d+:\d+\)?|\(native\)|<anonymous>)$/m, /\bat Object\./, /^node:\S+:\d+$/m, /^\s*\^+\s*$/m, /^(\w*Error|TypeError|RangeError)(: |$)/m, /^Node\.js v\d+/m];

export function looksLikeStackTrace(text: string): boolean {
  return STACK_SIGNS.some((re) => re.test(text));
}

/** What a bad-input run must look like: exit 2, nothing on stdout, one clean line on stderr (`line`, when given: exact or a pattern). */
export function badInputProblems(r: CliResult, line?: string | RegExp): string[] {
  const problems: string[] = [];
  if (r.status !== 2) problems.push(`exit code ${r.status}, expected 2`);
  if (r.stdout !== "") problems.push(`stdout not empty: ${JSON.stringify(r.stdout.slice(0, 200))}`);
  if (!r.stderr.endsWith("\n")) problems.push("stderr does not end with a newline");
  const lines = linesOf(r.stderr);
  if (lines.length !== 1) problems.push(`stderr has ${lines.length} lines, expected 1`);
  if (lines.some((l) => l.trim() === "")) problems.push("stderr has a blank line");
  if (looksLikeStackTrace(r.stderr)) problems.push("stderr looks like a stack trace");
  const first = lines[0] ?? "";
  if (typeof line === "string" ? first !== line : line !== undefined && !line.test(first)) problems.push(`stderr is ${JSON.stringify(first)}, expected ${line}`);
  return problems;
}

/** Runs `run FILE --json ...` and parses stdout, which must be exactly one JSON object. */
export async function runJson(...args: string[]): Promise<{ result: CliResult; summary: Record<string, unknown> }> {
  const result = await kafkasim("run", ...args, "--json");
  const lines = linesOf(result.stdout);
  if (lines.length !== 1) throw new Error(`expected one line of JSON on stdout, got ${lines.length}: ${result.stdout.slice(0, 300)}\nstderr: ${result.stderr}`);
  const summary: unknown = JSON.parse(lines[0] ?? "");
  if (typeof summary !== "object" || summary === null || Array.isArray(summary)) throw new Error(`stdout is JSON but not an object: ${lines[0]}`);
  return { result, summary: summary as Record<string, unknown> };
}
