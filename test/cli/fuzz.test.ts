// The CLI against random and mutated scenarios and flags (issue 19): whatever the input, the
// answer is exit 0, 1 or 2, at most a few lines on stderr with no stack trace and no raw control
// characters, within a wall-time bound, in a Node whose heap is capped (a V8 out-of-memory abort
// would fail the batch). FUZZ_SEED=n explores other cases; the failing case's name replays it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fuzzCases } from "./fuzz-cases.ts";
import { kafkasimBatch, looksLikeStackTrace, repoRoot } from "./run-cli.ts";

const SEED = Number(process.env["FUZZ_SEED"] ?? 1);
const CASES = 72;
const BASES = ["test/fixtures/cli/small.yaml", "scenarios/acks1-leader-crash.yaml", "scenarios/nemesis-acks1.yaml", "scenarios/rebalance-cooperative-member-joins.yaml"].map((f) =>
  readFileSync(join(repoRoot, f), "utf8"),
);
const dir = mkdtempSync(join(tmpdir(), "kafkasim-fuzz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("CLI fuzz", () => {
  const cases = fuzzCases(SEED, CASES, BASES);
  const argvs = cases.map((c, i) => {
    const file = join(dir, `case-${i}.yaml`);
    writeFileSync(file, c.text);
    return [c.command, file, ...c.flags];
  });
  // Two batches, one per core; the heap cap is what a small CI runner has.
  const half = Math.ceil(argvs.length / 2);
  const results = Promise.all([argvs.slice(0, half), argvs.slice(half)].map((part) => kafkasimBatch(part, ["--max-old-space-size=1024"], 240_000))).then((parts) => parts.flat());

  it("answers every case with exit 0, 1 or 2 and a few clean lines, in bounded time", { timeout: 260_000 }, async () => {
    const all = await results;
    const problems: string[] = [];
    all.forEach((r, i) => {
      const c = cases[i]!;
      const lines = r.stderr.split("\n").filter((l) => l !== "");
      const why = [
        ![0, 1, 2].includes(r.status ?? -1) && `exit ${r.status}`,
        looksLikeStackTrace(r.stderr) && "a stack trace",
        lines.length > 40 && `${lines.length} stderr lines`,
        /[\u0000-\u0008\u000b-\u001f\u007f]/.test(r.stderr) && "a raw control character on stderr",
        r.status === 2 && lines.length === 0 && "exit 2 with nothing said",
        r.wallMs > 30_000 && `${Math.round(r.wallMs)} ms`,
      ].filter(Boolean);
      if (why.length > 0) problems.push(`${c.name} [${argvs[i]!.join(" ")}]: ${why.join(", ")}\n${r.stderr.slice(0, 400)}`);
    });
    expect(problems).toEqual([]);
    // The cases reach past the loader: some run, some fail an expect, most are refused.
    const statuses = new Set(all.map((r) => r.status));
    expect(statuses.has(2)).toBe(true);
    expect(statuses.has(0) || statuses.has(1)).toBe(true);
  });
});
