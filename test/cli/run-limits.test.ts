// Run limits through the real CLI (issue 19): a run-time limit stops the run between two events
// with one stderr line and a summary marked incomplete (exit 2); a load-time limit is one line
// naming the key; --limit raises or lowers either; `kafkasim limits` lists them.
import { describe, it } from "vitest";
import { kafkasim, linesOf } from "./run-cli.ts";

const SMALL = "test/fixtures/cli/small.yaml"; // 5,589 events

describe("run limits from the command line", () => {
  it.concurrent("events: stopped, one line, a summary marked incomplete with no expectation judged", async ({ expect }) => {
    const r = await kafkasim("run", SMALL, "--limit", "events=2000", "--json");
    expect(r.status).toBe(2);
    expect(linesOf(r.stderr)).toEqual([expect.stringMatching(/^kafkasim: stopped at [\d.]+ s simulated: the run reached 2,000 events \(limit events: 2,000; raise it with --limit events=4000\)/)]);
    const summary = JSON.parse(r.stdout) as { incomplete: { limit: string; atMs: number }; events: number; expectations: unknown[] };
    expect(summary.incomplete.limit).toBe("events");
    expect(summary.incomplete.atMs).toBeLessThan(5000);
    expect(summary.events).toBe(2001);
    expect(summary.expectations).toEqual([]);
  });

  it.concurrent("memory: a heap limit below what the run holds stops it at its first checkpoint", async ({ expect }) => {
    const r = await kafkasim("run", SMALL, "--limit", "memory=4MiB");
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^STOPPED {2}cli-small/);
    expect(linesOf(r.stderr)).toEqual([expect.stringMatching(/^kafkasim: stopped at [\d.]+ s simulated: the run held \d+ MiB \(heap and typed arrays\), more than a run may use \(limit memory: 4MiB; raise it with --limit memory=8MiB\)$/)]);
  });

  it.concurrent("a run within its limits is untouched by them", async ({ expect }) => {
    const [plain, limited] = await Promise.all([kafkasim("run", SMALL, "--json"), kafkasim("run", SMALL, "--json", "--limit", "events=5589", "--limit", "memory=1GiB")]);
    expect(limited.status).toBe(0);
    expect(limited.stdout).toBe(plain.stdout);
  });

  it.concurrent.for([
    [["validate", SMALL, "--set", "settle=365d"], /^--set:1:8: at settle: duration \+ settle is 365 days of simulated time, more than one run may take \(limit simulated-time: 31d; raise it with --limit simulated-time=62d\)/],
    [["validate", SMALL, "--limit", "simulated-time=9s"], /small\.yaml:9:9: at settle: duration \+ settle is 10s of simulated time, more than one run may take \(limit simulated-time: 9s; raise it with --limit simulated-time=18s\)$/],
    [["validate", SMALL, "--limit", "partition-replicas=5"], /small\.yaml:\d+:\d+: at topics\.0\.partitions: 6 partition replicas so far, more than one run may hold \(limit partition-replicas: 5;/],
    [["run", SMALL, "--limit", "bogus=1"], /^kafkasim: --limit bogus=1: unknown limit "bogus"; the limits are simulated-time, partition-replicas, clients, faults, file-size, events, events-at-one-instant, memory$/],
    [["run", SMALL, "--limit", "events=-3"], /^kafkasim: --limit events=-3: "-3" is not a whole number/],
    [["compare", SMALL, "--set", "producers.0.config.acks=1", "--vs", "producers.0.config.acks=all", "--limit", "events=2000"], /^kafkasim: side A stopped at [\d.]+ s simulated: the run reached 2,000 events/],
  ] as [string[], RegExp][])("%j is exit 2 and one line", async ([args, expected], { expect }) => {
    const r = await kafkasim(...args);
    expect(r.status).toBe(2);
    const lines = linesOf(r.stderr);
    expect(lines[0]).toMatch(expected);
    expect(lines.length).toBeLessThanOrEqual(2); // compare: one line per stopped side
  });

  it.concurrent("kafkasim limits lists every limit, with --limit applied", async ({ expect }) => {
    const r = await kafkasim("limits", "--json", "--limit", "events=7");
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as { name: string; value: number; checked: string }[];
    expect(rows.map((x) => x.name)).toEqual(["simulated-time", "partition-replicas", "clients", "faults", "file-size", "events", "events-at-one-instant", "memory"]);
    expect(rows.find((x) => x.name === "events")).toMatchObject({ value: 7, checked: "run" });
  });
});
