// The visualizer's model of orphaned tails, network cuts, the controller's own ISR shrinks and
// time offline, on the scenario library (Node, no browser).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/index.ts";
import type { TraceRecord } from "../../sim/trace/trace.ts";
import { buildModel } from "../../viz/src/model/build-model.ts";
import { cutsAt } from "../../viz/src/model/network-cuts.ts";
import { timeOffline } from "../../viz/src/model/time-offline.ts";
import { repoRoot } from "./harness.ts";
import { storeOf } from "./store-of.ts";

const modelOf = (name: string, overrides: string[] = []) => {
  const file = `scenarios/${name}.yaml`;
  const scenario = loadScenario(readFileSync(join(repoRoot, file), "utf8"), file, overrides);
  const records: TraceRecord[] = [];
  const { summary } = runScenario(scenario, { onTrace: (r) => records.push(r) });
  return buildModel(scenario, storeOf(records), summary);
};

describe("orphaned tails, cuts and ISR shrinks in the model", () => {
  it("acks1-leader-crash: broker 1's orders-0 is orphaned from 17,430 between broker 2's BecameLeader (17.26 s) and its truncation (20.05 s); broker 3's for the 17 ms until it truncates; the fencing's six shrinks are the controller's", () => {
    const m = modelOf("acks1-leader-crash");
    const p0 = m.partitions.find((p) => p.key === "orders-0")!;
    const b1 = p0.orphanFrom.get(1)!;
    expect([b1.at(17_250_000), b1.at(17_259_956), b1.at(20_045_656), b1.at(20_045_657)]).toEqual([-1, 17430, 17430, -1]);
    expect(p0.orphanFrom.get(3)!.times).toEqual([17_259_956, 17_276_708]);
    expect(p0.orphanFrom.get(2)?.times ?? []).toEqual([]);
    expect(m.metrics.controllerIsrShrinksUs).toEqual(Array(6).fill(17_250_000));
    expect(m.cuts).toEqual([]);
    expect(timeOffline(m).summedUs).toBe(0);
  });

  it("min-isr-1-unclean-election: broker 1 cut from brokers 2 and 3 from 5 s to 65 s; the ISR shrink at 45 s is the leader's, not the controller's; unclean election off leaves events-0 offline 12.77 s", () => {
    const m = modelOf("min-isr-1-unclean-election");
    expect(m.cuts).toEqual([{ fromUs: 5_000_000, toUs: 65_000_000, groups: [["broker-1"], ["broker-2", "broker-3"]], oneWay: false }]);
    expect(cutsAt(m.cuts, 64_999_999)).toHaveLength(1);
    expect(cutsAt(m.cuts, 65_000_000)).toHaveLength(0);
    expect(m.metrics.controllerIsrShrinksUs).toEqual([]);
    const off = timeOffline(modelOf("min-isr-1-unclean-election", ["topics.0.config.unclean.leader.election.enable=false"]));
    expect(off.longestKey).toBe("events-0");
    expect(Math.round(off.summedUs / 10_000) / 100).toBe(12.77);
  });
});
