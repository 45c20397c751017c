// Faults that certainly do nothing are refused at load time, with file:line:column and key
// path (issue 19): a restart of a node no earlier fault has taken down, a crash or stop of one
// certainly down, a pause of one paused or down, a second power loss, a heal with nothing to
// heal, a loss, delay or slowDisk already in effect. What the file cannot settle — whatever
// leader(...) names, a node after a clean stop, brokers under a nemesis — loads, and the run
// warns instead (test/run/fault-warnings.test.ts). A fault `at` or after the end of the run
// and an unknown broker id were refused before (fixtures fault-after-end, fault-unknown-broker).
import { describe, expect, it } from "vitest";
import { validateScenario } from "../../sim/scenario/loader.ts";

const BASE = `name: t
duration: 30s
cluster: { brokers: 3 }
topics:
  - { name: orders, partitions: 2, replicationFactor: 3 }
producers: [{ id: p1, topic: orders, rate: 1/s }]
consumers: [{ group: g, topic: orders, instances: 2 }]
`;

/** The faults start on line 9 of the file. */
function errorOf(faults: readonly string[], extra = "", overrides: string[] = []): string {
  const text = BASE + extra + `faults:\n${faults.map((f) => `  - ${f}\n`).join("")}`;
  const r = validateScenario(text, "t.yaml", overrides);
  return r.ok ? "accepted" : r.error.format();
}

const NEVER = "no earlier fault stops, crashes or powers it off";

describe("a fault that certainly does nothing is refused", () => {
  it.each<[string, string[], string, string?, string[]?]>([
    ["restart of a broker never taken down", ["{ at: 5s, restart: 2 }"], `9:24: at faults.0.restart: this restart does nothing at 5s: broker 2 is running (${NEVER})`],
    ["restart after the crash's for: restarted it", ["{ at: 1s, crash: 2, for: 2s }", "{ at: 5s, restart: 2 }"], "10:24: at faults.1.restart: this restart does nothing at 5s: broker 2 is running (faults.0's for: restarts it at 3s)"],
    ["restart of one of two", ["{ at: 1s, crash: 1 }", "{ at: 2s, restart: [1, 2] }"], `10:28: at faults.1.restart.1: this restart does nothing at 2s: broker 2 is running (${NEVER})`],
    ["restart all with every broker running", ["{ at: 1s, restart: all }"], `9:24: at faults.0.restart: this restart does nothing at 1s: every broker is running (${NEVER})`],
    ["restart of a paused consumer", ["{ at: 1s, pause: g-1, for: 10s }", "{ at: 2s, restart: g-1 }"], "10:24: at faults.1.restart: this restart does nothing at 2s: g-1 is paused, not down (faults.0 pauses it at 1s), and a restart does not resume it"],
    ["restart of the controller", ["{ at: 1s, restart: controller }"], `9:24: at faults.0.restart: this restart does nothing at 1s: controller is running (${NEVER})`],
    ["restart of a producer under a nemesis (it only hits brokers)", ["{ at: 6s, restart: p1 }"], `10:24: at faults.0.restart: this restart does nothing at 6s: p1 is running (${NEVER})`, "nemesis: { crash: { every: 5s, for: 1s } }\n"],
    ["crash of a crashed controller", ["{ at: 1s, crash: controller }", "{ at: 2s, crash: controller }"], "10:22: at faults.1.crash: this crash does nothing at 2s: controller is already down (faults.0 crashes it at 1s)"],
    ["crash within the crash's for:", ["{ at: 1s, crash: p1, for: 10s }", "{ at: 5s, crash: p1 }"], "10:22: at faults.1.crash: this crash does nothing at 5s: p1 is already down (faults.0 crashes it at 1s)"],
    ["stop of a crashed broker", ["{ at: 1s, crash: 2 }", "{ at: 2s, stop: 2 }"], "10:21: at faults.1.stop: this stop does nothing at 2s: broker 2 is already down (faults.0 crashes it at 1s)"],
    ["pause of a powered-off broker", ["{ at: 1s, powerLoss: 3 }", "{ at: 2s, pause: 3 }"], "10:22: at faults.1.pause: this pause does nothing at 2s: broker 3 is down (faults.0 powers it off at 1s)"],
    ["pause of a paused consumer", ["{ at: 1s, pause: g-2, for: 5s }", "{ at: 3s, pause: g-2, for: 1s }"], "10:22: at faults.1.pause: this pause does nothing at 3s: g-2 is already paused (faults.0 pauses it at 1s)"],
    ["a second power loss", ["{ at: 1s, powerLoss: all }", "{ at: 2s, powerLoss: all }"], "10:26: at faults.1.powerLoss: this powerLoss does nothing at 2s: every broker is already powered off (faults.0 powers it off at 1s)"],
    ["a fault written after another at the same instant", ["{ at: 5s, crash: 2 }", "{ at: 5s, crash: 2 }"], "10:22: at faults.1.crash: this crash does nothing at 5s: broker 2 is already down (faults.0 crashes it at 5s)"],
    ["heal with nothing before it", ["{ at: 5s, heal: all }"], "9:21: at faults.0.heal: this heal does nothing at 5s: nothing is cut, lost or delayed then (no partition, loss or delay fault before it is still in effect)"],
    ["heal: with no value", ["{ at: 5s, heal: }"], "9:15: at faults.0.heal: this heal does nothing at 5s: nothing is cut, lost or delayed then (no partition, loss or delay fault before it is still in effect)"],
    ["heal after the partition's for: ended", ["{ at: 1s, partition: [[1], [2, 3]], for: 2s }", "{ at: 5s, heal: all }"], "10:21: at faults.1.heal: this heal does nothing at 5s: nothing is cut, lost or delayed then (no partition, loss or delay fault before it is still in effect)"],
    ["a second heal", ["{ at: 1s, partition: [[1], [2, 3]] }", "{ at: 2s, heal: all }", "{ at: 3s, heal: all }"], "11:21: at faults.2.heal: this heal does nothing at 3s: nothing is cut, lost or delayed then (no partition, loss or delay fault before it is still in effect)"],
    ["loss 0 on a lossless network", ["{ at: 1s, loss: 0 }"], "9:21: at faults.0.loss: this loss does nothing at 1s: message loss is already 0 (cluster.network.loss; no earlier loss fault)"],
    ["loss at the cluster's own loss", ["{ at: 1s, loss: 0.01 }"], "9:21: at faults.0.loss: this loss does nothing at 1s: message loss is already 0.01 (cluster.network.loss; no earlier loss fault)", "", ["cluster.network.loss=0.01"]],
    ["loss repeated", ["{ at: 1s, loss: 0.1 }", "{ at: 2s, loss: 0.1 }"], "10:21: at faults.1.loss: this loss does nothing at 2s: message loss is already 0.1 (faults.0 sets it at 1s)"],
    ["loss 0 after a loss's for: ended", ["{ at: 1s, loss: 0.1, for: 1s }", "{ at: 5s, loss: 0 }"], "10:21: at faults.1.loss: this loss does nothing at 5s: message loss is already 0 (faults.0's for: ends it at 2s)"],
    ["delay repeated", ["{ at: 1s, delay: 5ms, probability: 0.5 }", "{ at: 2s, delay: 5ms, probability: 0.5 }"], "10:22: at faults.1.delay: this delay does nothing at 2s: messages are already delayed by 5ms with probability 0.5 (faults.0 at 1s)"],
    ["slowDisk factor 1 on a normal disk", ["{ at: 1s, slowDisk: { broker: 2, factor: 1 } }"], "9:25: at faults.0.slowDisk: this slowDisk does nothing at 1s: broker 2's disk already runs at normal speed (no earlier slowDisk of broker 2)"],
    ["slowDisk repeated within its for:", ["{ at: 1s, slowDisk: { broker: 2 }, for: 10s }", "{ at: 2s, slowDisk: { broker: 2, factor: 10 } }"], "10:25: at faults.1.slowDisk: this slowDisk does nothing at 2s: broker 2's disk already runs 10 times slower (faults.0 slows it at 1s)"],
  ])("%s", (_, faults, expected, extra = "", overrides: string[] = []) => {
    expect(errorOf(faults, extra, overrides)).toBe(`t.yaml:${expected}`);
  });

  it("points at a fault that --set adds", () => {
    expect(errorOf(["{ at: 1s, crash: 2 }"], "", ["faults.1={ at: 5s, restart: 3 }"])).toBe(
      `--set:1:29: at faults.1.restart: this restart does nothing at 5s: broker 3 is running (${NEVER}) (in --set faults.1={ at: 5s, restart: 3 })`,
    );
  });
});

describe("a fault the file cannot settle loads (the run warns if it does nothing)", () => {
  it.each<[string, string[], string?]>([
    ["restart after a crash", ["{ at: 1s, crash: 2 }", "{ at: 5s, restart: 2 }"]],
    ["restart at the instant the crash's for: ends (the restart fires first)", ["{ at: 1s, crash: 2, for: 4s }", "{ at: 5s, restart: 2 }"]],
    ["restart after a clean stop (its shutdown takes what it takes)", ["{ at: 1s, stop: 2, for: 1s }", "{ at: 3s, restart: 2 }"]],
    ["restart after a crash of leader(...)", ["{ at: 1s, crash: leader(orders-0) }", "{ at: 5s, restart: 2 }"]],
    ["restart all with one broker down", ["{ at: 1s, crash: 3 }", "{ at: 2s, restart: all }"]],
    ["restart of a broker under a nemesis", ["{ at: 6s, restart: 2 }"], "nemesis: { crash: { every: 5s, for: 1s } }\n"],
    ["crash after a restart", ["{ at: 1s, crash: 2 }", "{ at: 2s, restart: 2 }", "{ at: 3s, crash: 2 }"]],
    ["crash of a paused consumer", ["{ at: 1s, pause: g-1, for: 5s }", "{ at: 2s, crash: g-1 }"]],
    ["crash of a broker shutting down", ["{ at: 1s, stop: 2 }", "{ at: 1s, crash: 2 }"]],
    ["crash of leader(...) after a crash of its broker", ["{ at: 1s, crash: all }", "{ at: 2s, crash: leader(orders-0) }"]],
    ["stop of a paused broker", ["{ at: 1s, pause: 2, for: 5s }", "{ at: 2s, stop: 2 }"]],
    ["power loss of a crashed broker (its page cache goes)", ["{ at: 1s, crash: 2 }", "{ at: 2s, powerLoss: 2 }"]],
    ["power loss after the first one's for:", ["{ at: 1s, powerLoss: 2, for: 1s }", "{ at: 5s, powerLoss: 2 }"]],
    ["pause after the pause's for:", ["{ at: 1s, pause: g-1, for: 1s }", "{ at: 3s, pause: g-1 }"]],
    ["heal of a partition", ["{ at: 1s, partition: [[1], [2, 3]] }", "{ at: 5s, heal: all }"]],
    ["heal at the instant the partition's for: ends", ["{ at: 1s, partition: [[1], [2, 3]], for: 4s }", "{ at: 5s, heal: all }"]],
    ["heal of a partition of leader(...)", ["{ at: 1s, partition: [[leader(orders-0)], [3]] }", "{ at: 5s, heal: all }"]],
    ["heal of a loss, of a delay", ["{ at: 1s, loss: 0.1 }", "{ at: 2s, heal: all }", "{ at: 3s, delay: 5ms }", "{ at: 4s, heal: all }"]],
    ["heal under a nemesis that partitions", ["{ at: 5s, heal: all }"], "nemesis: { partition: { every: 5s, for: 1s } }\n"],
    ["loss again after a heal", ["{ at: 1s, loss: 0.1 }", "{ at: 2s, heal: all }", "{ at: 3s, loss: 0.1 }"]],
    ["a delay of another length", ["{ at: 1s, delay: 5ms }", "{ at: 2s, delay: 10ms }"]],
    ["slowDisk again after the first one's for:", ["{ at: 1s, slowDisk: { broker: 2 }, for: 1s }", "{ at: 5s, slowDisk: { broker: 2 } }"]],
    ["slowDisk factor 1 under a nemesis that slows disks", ["{ at: 6s, slowDisk: { broker: 2, factor: 1 } }"], "nemesis: { slowDisk: { every: 5s, for: 1s } }\n"],
  ])("%s", (_, faults, extra = "") => {
    expect(errorOf(faults, extra)).toBe("accepted");
  });

  it("heal after a loss's for: on a lossy network (the for: sets loss 0, the heal restores the cluster's)", () => {
    expect(errorOf(["{ at: 1s, loss: 0.2, for: 1s }", "{ at: 5s, heal: all }"], "", ["cluster.network.loss=0.01"])).toBe("accepted");
  });
});
