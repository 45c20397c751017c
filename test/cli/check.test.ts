// `kafkasim run --check` through the real CLI: a clean run prints what it prints without
// --check; a run that breaks an invariant (a seeded mutant loaded first) stops with one line
// naming the invariant, scenario, seed and simulated time, and exit code 3.

import { describe, expect, it } from "vitest";
import { kafkasim, kafkasimWithPreload, linesOf } from "./run-cli.ts";

const scenario = "scenarios/kip101-leader-epoch.yaml";

describe("kafkasim run --check", () => {
  it.concurrent("changes nothing in a clean run", async () => {
    const [checked, plain] = await Promise.all([kafkasim("run", scenario, "--check", "--json"), kafkasim("run", scenario, "--json")]);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toBe(plain.stdout);
  });

  it.concurrent("exits 3 with one line when an invariant breaks", async () => {
    const r = await kafkasimWithPreload("./test/check/hw-past-isr-mutant.ts", "run", scenario, "--check", "--seed", "7");
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    const lines = linesOf(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kafkasim: invariant hw-within-isr violated in kip101-leader-epoch seed 7 at [\d,.]+ ms simulated: broker 1, events-0: high watermark \d+ passes ISR member 2's log end offset \d+ \(ISR 1,2\)$/);
  });

  it.concurrent("lists --check and exit code 3 in its help", async () => {
    const r = await kafkasim("run", "--help");
    expect(r.stdout).toMatch(/--check +check invariants after every event/);
    expect(r.stdout).toContain("3 an invariant broke");
  });
});
