// The benchmark compares like with like: the kernel and the bare loop must run the same
// history (same event times, same order, same cancellations), and the scenarios it builds
// must load. Sizes are tiny; this checks the bench, not the speed.

import { describe, expect, it } from "vitest";
import { BareLoop } from "../../sim/bench/bare-loop.ts";
import { clusterYaml, scaleYaml } from "../../sim/bench/bench-scenarios.ts";
import { echoSpec, echoWorld } from "../../sim/bench/echo-world.ts";
import { KernelLoop } from "../../sim/bench/kernel-loop.ts";
import { median, si } from "../../sim/bench/measure.ts";
import { horizonUs, mixSpec, mixTable, type MixLoop } from "../../sim/bench/mix.ts";
import { loadScenario } from "../../sim/scenario/index.ts";

function run(loop: MixLoop, untilUs: number): ReturnType<MixLoop["result"]> {
  loop.fill();
  loop.runUntil(untilUs);
  return loop.result();
}

describe("bench mix", () => {
  it.each([1, 10, 1000])("KernelLoop and BareLoop run the same history with %i chains", (chains) => {
    const spec = mixSpec(chains);
    const table = mixTable(spec);
    const untilUs = horizonUs(spec, 50_000);
    const k = run(new KernelLoop(spec, table), untilUs);
    const b = run(new BareLoop(spec, table), untilUs);
    expect(b).toEqual(k);
    expect(k.events).toBeGreaterThan(40_000);
    expect(k.timeouts).toBeGreaterThan(0); // some timeouts fire, the rest are cancelled
  });

  it("runUntil in steps equals one runUntil", () => {
    const spec = mixSpec(100);
    const table = mixTable(spec);
    const whole = run(new BareLoop(spec, table), 20_000);
    const stepped = new BareLoop(spec, table);
    stepped.fill();
    for (let t = 1000; t <= 20_000; t += 1000) stepped.runUntil(t);
    expect(stepped.result()).toEqual(whole);
  });
});

describe("bench echo world", () => {
  it("keeps clients × window messages in flight", () => {
    const world = echoWorld(echoSpec(100));
    expect(world.scheduler.pending).toBe(100);
    world.scheduler.runUntil(20_000);
    expect(world.scheduler.processed).toBeGreaterThan(1000);
    expect(world.scheduler.pending).toBe(100);
  });
});

describe("bench cluster scenario", () => {
  it("loads with the asked-for shape", () => {
    const s = loadScenario(clusterYaml({ durationS: 60, settleS: 1, wallBudgetMs: 1 }), "bench-cluster.yaml");
    expect(s.durationUs).toBe(60_000_000);
    expect(s.settleUs).toBe(1_000_000);
    expect(s.cluster.brokers).toBe(3);
    expect(s.topics[0]).toMatchObject({ partitions: 12, replicationFactor: 3 });
    expect(s.producers).toHaveLength(1);
  });

  it("scaleYaml shares the rate among 10 producers and has one 12-member group", () => {
    const s = loadScenario(scaleYaml({ ratePerSec: 1_000_000, durationS: 5, settleS: 1, wallBudgetMs: 1 }), "bench-scale.yaml");
    expect(s.cluster.brokers).toBe(6);
    expect(s.topics[0]).toMatchObject({ partitions: 60, replicationFactor: 3 });
    expect(s.producers).toHaveLength(10);
    expect(s.producers.map((p) => p.rate)).toEqual(Array(10).fill([{ atUs: 0, perSec: 100_000 }]));
    expect(s.consumers).toMatchObject([{ group: "g1", topic: "bench", instances: 12 }]);
  });
});

describe("bench helpers", () => {
  it("median of odd and even lengths", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
  it("si(1000) is 1k, si(12345678) is 12.3M", () => {
    expect(si(1000)).toBe("1k");
    expect(si(12_345_678)).toBe("12.3M");
  });
});
