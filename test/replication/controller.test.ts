// The controller's elections, seen through the trace of small runs: fencing after
// broker.session.timeout.ms, preferred leader election (auto.leader.rebalance.enable),
// controlled shutdown moving leaders before the broker exits, unclean election.

import { describe, expect, it } from "vitest";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { runScenario } from "../../sim/run/runner.ts";
import type { TraceRecord } from "../../sim/trace/trace.ts";

function changes(yaml: string): { atMs: number; partition: number; leader: number; reason: string }[] {
  const out: { atMs: number; partition: number; leader: number; reason: string }[] = [];
  const listen = (r: TraceRecord): void => {
    if (r.event.kind === "PartitionChanged") {
      out.push({ atMs: r.timeUs / 1000, partition: r.event.partition as number, leader: r.event.leader as number, reason: r.event.reason as string });
    }
  };
  runScenario(loadScenario(yaml, "t.yaml"), { onTrace: listen });
  return out;
}

const base = (config: string, faults: string, topicConfig = "{}", duration = "40s"): string => `name: t
seed: 1
duration: ${duration}
settle: 5s
cluster: { brokers: 3, config: ${config} }
topics: [ { name: t, partitions: 1, assignment: [[1, 2, 3]], config: ${topicConfig} } ]
producers: [ { id: p, topic: t, rate: 100/s, config: { acks: all } } ]
faults:
${faults}
`;

describe("controller elections", () => {
  it("fences a crashed leader after broker.session.timeout.ms and elects the next ISR replica in assignment order", () => {
    const c = changes(base("{ broker.session.timeout.ms: 6000 }", "  - { at: 5s, crash: 1 }"));
    const fenced = c.find((x) => x.reason.includes("fenced"))!;
    expect(fenced.leader).toBe(2);
    // The last heartbeat was at most broker.heartbeat.interval.ms (2 s) before the crash.
    expect(fenced.atMs).toBeGreaterThan(5000 + 6000 - 2000);
    expect(fenced.atMs).toBeLessThan(5000 + 6000 + 500);
  });

  it("moves leadership back to the preferred replica when auto.leader.rebalance.enable checks", () => {
    const c = changes(base("{ leader.imbalance.check.interval.seconds: 10 }", "  - { at: 5s, crash: 1, for: 8s }"));
    const back = c.find((x) => x.reason === "preferred leader election");
    expect(back).toMatchObject({ leader: 1 });
    expect(back!.atMs).toBeGreaterThan(13_000);
  });

  it("balances leader.imbalance.check.interval after the imbalance appears, whatever leader.imbalance.per.broker.percentage says (KRaft's QuorumController)", () => {
    // Broker 1 is fenced at its session expiry (~12-14 s); the balance follows 10 s after it
    // comes back and the partition's leader is no longer its preferred replica. 100% would
    // never trigger the ZooKeeper controller's per-broker check; KRaft does not read it.
    const c = changes(base("{ leader.imbalance.check.interval.seconds: 10, leader.imbalance.per.broker.percentage: 100 }", "  - { at: 5s, crash: 1, for: 8s }"));
    const moved = c.find((x) => x.reason.includes("fenced"))!;
    const back = c.find((x) => x.reason === "preferred leader election")!;
    expect(back.leader).toBe(1);
    expect(back.atMs - moved.atMs).toBeGreaterThanOrEqual(10_000);
    expect(back.atMs - moved.atMs).toBeLessThan(10_100);
  });

  it("keeps the leader elsewhere when auto.leader.rebalance.enable is false", () => {
    const c = changes(base("{ leader.imbalance.check.interval.seconds: 10, auto.leader.rebalance.enable: false }", "  - { at: 5s, crash: 1, for: 8s }"));
    expect(c.some((x) => x.reason === "preferred leader election")).toBe(false);
  });

  it("controlled shutdown moves the leadership within milliseconds, without waiting for fencing", () => {
    const c = changes(base("{}", "  - { at: 5s, stop: 1 }"));
    const moved = c.find((x) => x.reason.includes("controlled shutdown"))!;
    expect(moved.leader).toBe(2);
    expect(moved.atMs).toBeLessThan(5050);
  });

  it("elects no leader when the last in-sync replica dies and unclean election is off", () => {
    const c = changes(base("{}", "  - { at: 3s, partition: [[1], [2, 3]], for: 50s }\n  - { at: 50s, crash: 1 }", "{}", "70s"));
    const fenced = c.find((x) => x.reason.includes("fenced"))!;
    expect(fenced.leader).toBe(-1);
    expect(fenced.atMs).toBeLessThan(70_000);
  });

  it("elects an out-of-sync replica when unclean.leader.election.enable is on", () => {
    const c = changes(base("{}", "  - { at: 3s, partition: [[1], [2, 3]], for: 50s }\n  - { at: 50s, crash: 1 }", "{ unclean.leader.election.enable: true }", "70s"));
    const unclean = c.find((x) => x.reason.includes("unclean"))!;
    expect(unclean.leader).toBe(2);
  });
});
