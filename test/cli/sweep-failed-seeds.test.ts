// A seed whose run throws does not end the sweep (issue 19): here `--limit events=` stops
// the runs on the seeds whose runs take the most events. The failed
// seeds are reported, in --json as {"seed","error"} lines; the others' results are kept as they
// are, and the exit code is 2 (see the help's exit codes) with one line on stderr.
import { describe, it } from "vitest";
import { kafkasim, linesOf } from "./run-cli.ts";

const TINY = ["sweep", "test/fixtures/cli/small.yaml", "--set", "duration=1s", "--set", "settle=1s", "--workers", "2"];
// Seeds 1 and 4 of TINY take 1,191 and 1,154 events, seeds 2 and 3 1,113 and 1,137.
const SOME_FAIL = [...TINY, "--seeds", "1..4", "--limit", "events=1150"];
const LIMIT = /^stopped at [\d.]+ s simulated: the run reached 1,150 events \(limit events: 1,150; raise it with --limit events=2300\)/;

describe("sweep with seeds that fail to run", () => {
  it.concurrent("--json: one error line per failed seed, the other lines as without the limit", async ({ expect }) => {
    const [limited, plain] = await Promise.all([kafkasim(...SOME_FAIL, "--json"), kafkasim(...TINY, "--seeds", "2..3", "--json")]);
    expect(limited.status).toBe(2);
    const lines = linesOf(limited.stdout).map((l) => JSON.parse(l) as { seed: number; error?: string });
    const failed = lines.filter((l) => l.error !== undefined).sort((a, b) => a.seed - b.seed);
    expect(failed.map((l) => Object.keys(l))).toEqual([["seed", "error"], ["seed", "error"]]);
    expect(failed.map((l) => l.seed)).toEqual([1, 4]);
    for (const l of failed) expect(l.error).toMatch(LIMIT);
    const ran = linesOf(limited.stdout).filter((l) => !l.includes('"error"'));
    expect(ran.sort()).toEqual(linesOf(plain.stdout).sort());
    expect(linesOf(limited.stderr)).toHaveLength(1);
    expect(limited.stderr).toMatch(/^kafkasim: sweep cli-small: 2 of 4 seeds failed to run \(seed 1: stopped at [\d.]+ s simulated: the run reached 1,150 events .*\)\n$/);
  });

  it.concurrent("the distributions count the failed seeds apart and list them with their error", async ({ expect }) => {
    const r = await kafkasim(...SOME_FAIL);
    expect(r.status).toBe(2);
    const out = linesOf(r.stdout);
    expect(out[0]).toMatch(/^sweep cli-small: 4 seeds, /);
    expect(out[1]).toBe("2 seeds failed to run (listed at the end); the figures are over the other 2");
    expect(out).toContain("duplicates in 0 seeds, reordering in 0 seeds; expectations held in 2/2");
    const listed = out.slice(out.indexOf("seeds that failed to run (2):") + 1);
    expect(listed.map((l) => l.replace(/: stopped at .*/, ""))).toEqual(["  seed 1", "  seed 4"]);
    expect(listed[0]?.replace(/^ {2}seed 1: /, "")).toMatch(LIMIT);
    expect(linesOf(r.stderr)).toHaveLength(1);
  });

  it.concurrent("past five failed seeds, the rest are counted", async ({ expect }) => {
    const r = await kafkasim(...TINY, "--seeds", "1..7", "--limit", "events=10");
    expect(r.status).toBe(2);
    const out = linesOf(r.stdout);
    expect(out[1]).toBe("7 seeds failed to run (listed at the end); the figures are over the other 0");
    expect(out.slice(-7).map((l) => l.replace(/: stopped at .*/, ""))).toEqual(["seeds that failed to run (7):", "  seed 1", "  seed 2", "  seed 3", "  seed 4", "  seed 5", "  and 2 more (every one: sweep --json)"]);
    expect(r.stderr).toMatch(/^kafkasim: sweep cli-small: 7 of 7 seeds failed to run \(seed 1: stopped at [\d.]+ s simulated: the run reached 10 events/);
  });

  it.concurrent("states the exit codes and --limit in its help", async ({ expect }) => {
    const r = await kafkasim("sweep", "--help");
    expect(r.stdout.replace(/\s+/g, " ")).toMatch(/--limit <name=value> raise or lower a run limit.* a seed that reaches a run limit fails to run/);
    expect(r.stdout.replace(/\s+/g, " ")).toContain("2 bad input or some seed failed to run");
  });
});
