// A fault that does nothing says so (issue 19): each no-op condition of FaultInjector, run in
// process, gives exactly its warning in summary.faultWarnings, and a fault that acts gives
// none. The faults are built as data, past the loader, because the loader refuses those that
// certainly do nothing (test/scenario/fault-noops.test.ts); the world's rules they follow
// are sim/world/world.ts's (crash/stop of a down process, restart of one that is not down).
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/index.ts";
import type { Fault, NodeAction, Scenario, Target } from "../../sim/scenario/types.ts";

const BASE = loadScenario(
  `name: w
duration: 20s
settle: 1s
cluster: { brokers: 3 }
topics:
  - { name: t, partitions: 1, replicationFactor: 3 }
  - { name: solo, partitions: 1, assignment: [[1]] }
`,
  "w.yaml",
);

const where = { file: "w.yaml", line: 1, column: 1 };
const us = (s: number): number => Math.round(s * 1e6);
const broker = (id: number): Target => ({ kind: "broker", id });
const leader = (topic: string): Target => ({ kind: "leader", topic, partition: 0 });
const controller: Target = { kind: "controller" };
const all: Target = { kind: "all" };

function node(atS: number, action: NodeAction, targets: Target | Target[], forS: number | null = null): Fault {
  return { atUs: us(atS), action, targets: Array.isArray(targets) ? targets : [targets], forUs: forS === null ? null : us(forS), where };
}
const partition = (atS: number, groups: Target[][], forS: number | null = null): Fault => ({ atUs: us(atS), action: "partition", groups, oneWay: false, forUs: forS === null ? null : us(forS), where });
const slowDisk = (atS: number, id: number, factor: number): Fault => ({ atUs: us(atS), action: "slowDisk", broker: id, factor, forUs: null, where });
const heal = (atS: number): Fault => ({ atUs: us(atS), action: "heal", where });
const loss = (atS: number, probability: number): Fault => ({ atUs: us(atS), action: "loss", probability, delayUs: 0, forUs: null, where });
const delay = (atS: number, ms: number, probability = 1): Fault => ({ atUs: us(atS), action: "delay", probability, delayUs: ms * 1000, forUs: null, where });

function warnings(faults: Fault[], scenario: Partial<Scenario> = {}): string[] | undefined {
  return runScenario({ ...BASE, ...scenario, faults }).summary.faultWarnings?.map((w) => w.message);
}

describe("a fault that does nothing adds a warning", () => {
  it.each<[string, Fault[], string]>([
    ["restart of a running broker", [node(1, "restart", broker(2))], "at 1.000 s: faults.0 (restart broker 2) does nothing: broker 2 is running"],
    ["crash of a crashed broker", [node(1, "crash", broker(2)), node(2, "crash", broker(2))], "at 2.000 s: faults.1 (crash broker 2) does nothing: broker 2 is already down"],
    ["stop of a crashed broker", [node(1, "crash", broker(2)), node(2, "stop", broker(2))], "at 2.000 s: faults.1 (stop broker 2) does nothing: broker 2 is already down"],
    ["stop of a broker shutting down", [node(1, "stop", broker(2)), node(1, "stop", broker(2))], "at 1.000 s: faults.1 (stop broker 2) does nothing: broker 2 is already shutting down"],
    ["restart of a broker shutting down", [node(1, "stop", broker(2)), node(1, "restart", broker(2))], "at 1.000 s: faults.1 (restart broker 2) does nothing: broker 2 is still shutting down"],
    ["restart of a paused broker", [node(1, "pause", broker(2), 5), node(2, "restart", broker(2))], "at 2.000 s: faults.1 (restart broker 2) does nothing: broker 2 is paused, not down (a restart does not resume it)"],
    ["pause of a paused broker", [node(1, "pause", broker(2), 5), node(2, "pause", broker(2))], "at 2.000 s: faults.1 (pause broker 2) does nothing: broker 2 is already paused"],
    ["pause of a crashed broker", [node(1, "crash", broker(2)), node(2, "pause", broker(2))], "at 2.000 s: faults.1 (pause broker 2) does nothing: broker 2 is down"],
    ["pause of a broker shutting down", [node(1, "stop", broker(2)), node(1, "pause", broker(2))], "at 1.000 s: faults.1 (pause broker 2) does nothing: broker 2 is still shutting down"],
    ["power loss of a machine already powered off", [node(1, "powerLoss", broker(2)), node(2, "powerLoss", broker(2))], "at 2.000 s: faults.1 (powerLoss broker 2) does nothing: broker 2 is already down and powered off"],
    ["crash of a crashed client", [node(1, "crash", controller), node(2, "crash", controller)], "at 2.000 s: faults.1 (crash controller) does nothing: controller is already down"],
    ["leader(...) while the controller is down", [node(1, "crash", controller), node(2, "crash", leader("t"))], "at 2.000 s: faults.1 (crash leader(t-0)) does nothing: leader(t-0) names no broker: the controller is down"],
    ["leader(...) of a partition with no leader", [node(1, "crash", broker(1)), node(15, "stop", leader("solo"))], "at 15.000 s: faults.1 (stop leader(solo-0)) does nothing: solo-0 has no leader"],
    ["restart all with every broker running", [node(1, "restart", all)], "at 1.000 s: faults.0 (restart all) does nothing: every broker is running"],
    ["one of two targets", [node(1, "crash", broker(1)), node(2, "restart", [broker(1), broker(2)])], "at 2.000 s: faults.1 (restart broker 1, broker 2) does nothing to broker 2: broker 2 is running"],
    ["a for: whose stop outlasts it", [node(1, "stop", broker(2), 0.001)], "at 1.001 s: faults.0 (stop broker 2 for 1ms) ends without restarting broker 2: broker 2 is still shutting down"],
    ["a for: after an explicit restart", [node(1, "crash", broker(2), 5), node(2, "restart", broker(2))], "at 6.000 s: faults.0 (crash broker 2 for 5s) ends without restarting broker 2: broker 2 is running"],
    ["a pause's for: after a crash", [node(1, "pause", broker(2), 2), node(2, "crash", broker(2))], "at 3.000 s: faults.0 (pause broker 2 for 2s) ends without resuming broker 2: broker 2 is down"],
    ["partition of links already cut", [partition(1, [[broker(1)], [broker(2), broker(3)]]), partition(2, [[broker(1)], [broker(2)]])], "at 2.000 s: faults.1 (partition [broker 1] [broker 2]) does nothing: every link between its groups is already cut"],
    ["partition whose group names no node", [node(1, "crash", controller), partition(2, [[leader("t")], [broker(2)]])], "at 2.000 s: faults.1 (partition [leader(t-0)] [broker 2]) does nothing: leader(t-0) names no broker: the controller is down"],
    ["partition with one group naming no node", [node(1, "crash", controller), partition(2, [[leader("t")], [broker(1)], [broker(2)]])], "at 2.000 s: faults.1 (partition [leader(t-0)] [broker 1] [broker 2]) does nothing to leader(t-0): leader(t-0) names no broker: the controller is down"],
    ["heal with nothing to heal", [heal(1)], "at 1.000 s: faults.0 (heal) does nothing: no link is cut and no message loss or delay is in effect"],
    ["heal after the partition's for: ended", [partition(1, [[broker(1)], [broker(2)]], 1), heal(3)], "at 3.000 s: faults.1 (heal) does nothing: no link is cut and no message loss or delay is in effect"],
    ["slowDisk at the disk's factor", [slowDisk(1, 2, 10), slowDisk(2, 2, 10)], "at 2.000 s: faults.1 (slowDisk broker 2 factor 10) does nothing: broker 2's disk already runs 10 times slower"],
    ["slowDisk factor 1 on a normal disk", [slowDisk(1, 2, 1)], "at 1.000 s: faults.0 (slowDisk broker 2 factor 1) does nothing: broker 2's disk already runs at normal speed"],
    ["loss at the loss in effect", [loss(1, 0)], "at 1.000 s: faults.0 (loss 0) does nothing: message loss is already 0"],
    ["delay at the delay in effect", [delay(1, 50, 0.5), delay(2, 50, 0.5)], "at 2.000 s: faults.1 (delay 50ms probability 0.5) does nothing: messages are already delayed by 50ms with probability 0.5"],
  ])("%s", (_, faults, message) => {
    expect(warnings(faults)).toEqual([message]);
  });
});

describe("a fault that acts adds none", () => {
  it.each<[string, Fault[]]>([
    ["crash, then restart", [node(1, "crash", broker(2)), node(2, "restart", broker(2))]],
    ["crash for 1s", [node(1, "crash", broker(2), 1)]],
    ["stop of a paused broker (it resumes to shut down)", [node(1, "pause", broker(2)), node(2, "stop", broker(2))]],
    ["crash of a broker shutting down", [node(1, "stop", broker(2)), node(1, "crash", broker(2))]],
    ["power loss of a crashed broker (its page cache goes)", [node(1, "crash", broker(2)), node(2, "powerLoss", broker(2))]],
    ["power loss after a restart", [node(1, "powerLoss", broker(2), 1), node(3, "powerLoss", broker(2))]],
    ["restart all with one broker down", [node(1, "crash", broker(3)), node(2, "restart", all)]],
    ["leader(...) while it leads", [node(1, "crash", leader("t"), 1)]],
    ["a partition over one that left some links", [partition(1, [[broker(1)], [broker(2)]]), partition(2, [[broker(1)], [broker(2), broker(3)]])]],
    ["heal of a partition", [partition(1, [[broker(1)], [broker(2)]]), heal(2)]],
    ["heal of a loss", [loss(1, 0.01), heal(2)]],
    ["a second delay of another length", [delay(1, 50), delay(2, 20)]],
    ["slowDisk, then back to 1", [slowDisk(1, 2, 10), slowDisk(2, 2, 1)]],
  ])("%s", (_, faults) => {
    expect(warnings(faults)).toBeUndefined();
  });
});

describe("warnings in the summary", () => {
  it("carry the simulated time and the fault's index", () => {
    const s = runScenario({ ...BASE, faults: [node(1, "crash", broker(2), 1), node(4.5, "restart", broker(2))] }).summary;
    expect(s.faultWarnings).toEqual([{ atMs: 4500, fault: "faults.1", message: "at 4.500 s: faults.1 (restart broker 2) does nothing: broker 2 is running" }]);
  });

  it("name a nemesis fault by its index in summary.nemesis", () => {
    const nemesis: Scenario["nemesis"] = { fromUs: us(1), untilUs: us(10), maxDown: 1, target: "leaders", actions: [{ action: "crash", everyUs: us(3), forUs: us(0.5), factor: 1 }] };
    const s = runScenario({ ...BASE, nemesis, faults: [node(0.5, "crash", controller)] }).summary;
    expect(s.nemesis?.length).toBeGreaterThan(0);
    expect(s.faultWarnings?.map((w) => w.fault)).toEqual(s.nemesis?.map((_, i) => `nemesis.${i}`));
    const first = s.nemesis![0]!;
    expect(s.faultWarnings?.[0]?.message).toBe(`at ${(first.atMs / 1000).toFixed(3)} s: nemesis.0 (crash ${first.targets[0]} for 500ms) does nothing: ${first.targets[0]} names no broker: the controller is down`);
  });
});
