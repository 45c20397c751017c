import { describe, expect, it } from "vitest";
import { kafkasim } from "./run-cli.ts";

const SMALL = "test/fixtures/cli/small.yaml";
const runCli = (args: string[]) => kafkasim(...args);

describe("kafkasim compare", () => {
  it.concurrent("runs both sides on one seed and marks what differs", async () => {
    const r = await runCli(["compare", SMALL, "--set", "producers.0.config.acks=1", "--vs", "producers.0.config.acks=all"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/compare cli-small on seed 42/);
    expect(r.stdout).toMatch(/A: producers\.0\.config\.acks=1/);
    expect(r.stdout).toMatch(/≠ latency\.p50Ms/);
    expect(r.stdout).not.toMatch(/≠ produced\.attempted/); // same seed, same workload
  });

  it.concurrent("--json prints both summaries; same seed on both sides", async () => {
    const r = await runCli(["compare", SMALL, "--set", "producers.0.config.acks=1", "--vs", "producers.0.config.acks=all", "--seed", "5", "--json"]);
    const out = JSON.parse(r.stdout) as { a: { seed: number; traceHash: string }; b: { seed: number; traceHash: string } };
    expect(out.a.seed).toBe(5);
    expect(out.b.seed).toBe(5);
    expect(out.a.traceHash).not.toBe(out.b.traceHash);
  });

  it.concurrent("prints each side's fault warnings on stderr, marked A: and B:", async () => {
    const r = await runCli(["compare", "test/fixtures/cli/fault-noop.yaml", "--set", "producers.0.config.acks=1", "--vs", "producers.0.config.acks=all"]);
    expect(r.status).toBe(0);
    const what = "at 2.000 s: faults.1 (crash leader(orders-0)) does nothing: leader(orders-0) names no broker: the controller is down";
    expect(r.stderr.trim().split("\n")).toEqual([`kafkasim: warning: A: ${what}`, `kafkasim: warning: B: ${what}`]);
  });

  it.concurrent("one file without overrides is a usage error: exit 2, one line", async () => {
    const r = await runCli(["compare", SMALL]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^kafkasim: compare one file needs overrides/);
  });
});
