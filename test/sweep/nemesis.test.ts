import { describe, expect, it } from "vitest";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { ScenarioError } from "../../sim/scenario/errors.ts";
import { nemesisFaults } from "../../sim/run/nemesis.ts";
import { SeededRng } from "../../sim/kernel/rng.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { formatSummary } from "../../sim/cli/format-summary.ts";

const scenario = (nemesis: string): string => `name: n
duration: 60s
cluster: { brokers: 3 }
topics: [ { name: t, partitions: 3, replicationFactor: 3 } ]
nemesis:
${nemesis}
`;

function error(text: string): string {
  try {
    loadScenario(text, "n.yaml");
  } catch (e) {
    if (e instanceof ScenarioError) return e.format();
    throw e;
  }
  return "no error";
}

describe("nemesis", () => {
  const s = loadScenario(scenario("  maxDown: 1\n  crash: { every: 5s, for: 4s }\n  pause: { every: 7s, for: 3s }\n  partition: { every: 9s, for: 2s }"), "n.yaml");

  it("draws the same schedule from the same seed, another from another", () => {
    const draw = (seed: number) => nemesisFaults(s.nemesis!, SeededRng.root(seed).fork("nemesis"), 3, s.topics);
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it("never has more than maxDown faults active at once", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const faults = nemesisFaults(s.nemesis!, SeededRng.root(seed).fork("nemesis"), 3, s.topics);
      for (const f of faults) {
        const active = faults.filter((g) => g.atUs <= f.atUs && "forUs" in g && g.atUs + (g.forUs ?? 0) > f.atUs);
        expect(active.length).toBeLessThanOrEqual(1);
      }
      expect(faults.every((f) => f.atUs < 60_000_000)).toBe(true);
    }
  });

  it("puts the drawn schedule in the summary, as the faults that fired, and prints it", () => {
    const short = loadScenario(scenario("  maxDown: 1\n  crash: { every: 5s, for: 4s }\n  slowDisk: { every: 9s, for: 2s, factor: 5 }").replace("60s", "20s"), "n.yaml");
    const fired: { atMs: number; action: unknown; forMs: unknown }[] = [];
    const { summary } = runScenario(short, {
      onTrace: (r) => {
        if (r.event.kind === "Fault" && r.event.action !== "heal") fired.push({ atMs: r.timeUs / 1000, action: r.event.action, forMs: r.event.forMs });
      },
    });
    expect(summary.nemesis!.length).toBeGreaterThan(1);
    expect(summary.nemesis!.map(({ atMs, action, forMs }) => ({ atMs, action, forMs }))).toEqual(fired);
    expect(summary.nemesis!.every((f) => f.targets.length === 1 && /^[123]$/.test(f.targets[0]!))).toBe(true);
    const text = formatSummary(summary, false);
    expect(text).toContain(`nemesis      ${summary.nemesis!.length} faults drawn from seed 1:`);
    expect(text).toContain(`  at ${(summary.nemesis![0]!.atMs / 1000).toLocaleString("en-US", { maximumFractionDigits: 3 })} s  ${summary.nemesis![0]!.action} `);
  });

  it("leaves the summary without a nemesis field when the scenario has none", () => {
    const plain = loadScenario("name: n\nduration: 2s\ncluster: { brokers: 1 }\ntopics: [ { name: t, partitions: 1, replicationFactor: 1 } ]\n", "n.yaml");
    expect("nemesis" in runScenario(plain).summary).toBe(false);
  });

  it("rejects bad nemesis sections with one located line", () => {
    expect(error(scenario("  crash: { every: 5s, for: 4s }\n  maxDown: 4"))).toMatch(/^n\.yaml:\d+:\d+: at nemesis\.maxDown: /);
    expect(error(scenario("  crahs: { every: 5s, for: 4s }"))).toMatch(/did you mean "crash"/);
    expect(error(scenario("  maxDown: 1"))).toMatch(/needs at least one of crash/);
    expect(error(scenario("  crash: { every: -5s, for: 4s }"))).toMatch(/at nemesis\.crash\.every: a duration cannot be negative/);
    expect(error(scenario("  until: 90s\n  crash: { every: 5s, for: 4s }"))).toMatch(/at nemesis\.until: must be within the run/);
  });
});
