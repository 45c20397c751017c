// The controller-quorum-failover scenario against its one-controller twin: with three
// controllers a new active controller takes over within the fetch timeout plus an election,
// so the dead broker is fenced (and writes resume) about 9 s later; with one controller
// fencing waits for the controller to come back. Also: targets of a quorum resolve and
// refuse as the loader's other targets do.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { errorLineOf } from "../scenario/error-line.ts";

const FILE = "scenarios/controller-quorum-failover.yaml";
const text = readFileSync(FILE, "utf8");

describe("controller-quorum-failover", () => {
  const quorum = runScenario(loadScenario(text, FILE)).summary;

  it("meets its expect: a new active controller within 4 s, nothing lost or failed", () => {
    expect(quorum.expectations.filter((e) => !e.ok)).toEqual([]);
    expect(quorum.controllerQuorum?.controllers).toBe(3);
    expect(quorum.controllerQuorum?.longestWithoutActiveMs).toBeGreaterThanOrEqual(1000);
    expect(quorum.controllerQuorum?.activeController).toMatch(/^controller-[123]$/);
  });

  it("with one controller, writes wait for it to return and no quorum figure is reported", () => {
    const single = runScenario(loadScenario(text, FILE, ["cluster.controllers=1"])).summary;
    expect(single.controllerQuorum).toBeUndefined();
    expect(single.durability.acknowledgedLost).toBe(0);
    // The controller is down 10 s → 30 s and fences broker 1 only 9 s after it returns.
    expect(single.latency.maxMs).toBeGreaterThan(28_000);
    expect(quorum.latency.maxMs).toBeLessThan(single.latency.maxMs / 2);
  });
});

describe("controller-quorum-failover with the active controller stopped (SIGTERM) instead of killed", () => {
  const trace: { t: number; node: string; kind: string; role?: string; reason?: string }[] = [];
  const stopped = { summary: runScenario(loadScenario(text, FILE, ["faults.1={ at: 10s, stop: controller, for: 20s }"]), { onTrace: (r) => trace.push({ t: r.timeUs, node: r.node, ...(r.event as { kind: string }) }) }).summary, trace };
  const raft = trace.filter((e) => e.kind === "RaftStateChanged" && e.t >= 10_000_000 && e.t < 12_000_000);

  it("resigns and sends EndQuorumEpoch: a new active controller within 1 s, not a fetch timeout (KafkaRaftClientTest.testLeaderGracefulShutdown)", () => {
    expect(stopped.summary.expectations.filter((e) => !e.ok)).toEqual([]);
    expect(stopped.summary.controllerQuorum?.longestWithoutActiveMs).toBeLessThan(1000);
    expect(quorumOf(runScenario(loadScenario(text, FILE)).summary)).toBeGreaterThanOrEqual(1000);
    expect(raft[0]).toMatchObject({ role: "resigned", reason: "shutting down" });
  });

  it("the first preferred successor starts at once and wins its pre-vote with the resigned leader's grant (KafkaRaftClient.endEpochElectionBackoff; KafkaRaftClientPreVoteTest.testHandlePreVoteRequestAsResigned)", () => {
    const prospective = raft.filter((e) => e.role === "prospective");
    // Only the first successor asks: the other follower, which has fetched from the leader,
    // refuses its pre-vote, but the resigned leader grants it (2 of 3), so the second
    // successor's 500 ms backoff never runs out: the Vote of the new epoch reaches it first.
    expect(prospective.map((e) => e.reason)).toEqual(["leader ended its epoch"]);
    expect(prospective[0]!.t - 10_000_000).toBeLessThan(20_000);
    const candidate = raft.find((e) => e.role === "candidate");
    expect(candidate).toMatchObject({ reason: "pre-vote won", node: prospective[0]!.node });
    expect(candidate!.t - 10_000_000).toBeLessThan(20_000);
    expect(stopped.summary.controllerQuorum?.longestWithoutActiveMs).toBeLessThan(100);
  });

  it("the stopped controller exits once another leads (GracefulShutdown completes on hasRemoteLeader)", () => {
    const stoppedAt = stopped.trace.find((e) => e.kind === "NodeStopped" && e.t >= 10_000_000);
    const leader = raft.find((e) => e.role === "leader");
    expect(leader).toBeDefined();
    expect(stoppedAt!.t).toBeGreaterThan(leader!.t);
    expect(stoppedAt!.t - 10_000_000).toBeLessThan(5_000_000);
  });
});

function quorumOf(s: { controllerQuorum?: { longestWithoutActiveMs: number } }): number {
  return s.controllerQuorum?.longestWithoutActiveMs ?? -1;
}

describe("quorum fault targets (sim/scenario/targets.ts)", () => {
  const base = (controllers: number, target: string): string => `name: t
duration: 10s
cluster: { brokers: 3, controllers: ${controllers} }
topics: [{ name: orders, partitions: 1, replicationFactor: 3 }]
faults:
  - { at: 5s, crash: ${target} }
`;
  const error = (controllers: number, target: string): string => errorLineOf(() => loadScenario(base(controllers, target), "t.yaml"));

  it("accepts controller-2 and controller(2) in a quorum of three", () => {
    expect(error(3, "controller-2")).toBe("accepted");
    expect(error(3, "controller(2)")).toBe("accepted");
    expect(error(3, "controller")).toBe("accepted");
  });

  it("refuses a controller the quorum does not have, with file:line:col", () => {
    expect(error(3, "controller-4")).toMatch(/^t\.yaml:6:\d+: .*there is no controller-4: the quorum's controllers are controller-1\.\.controller-3/);
    expect(error(1, "controller-1")).toMatch(/cluster\.controllers is 1: its one controller is named controller/);
  });

  it("suggests a controller for a near miss", () => {
    expect(error(3, "controler-2")).toMatch(/did you mean "controller-2"/);
  });

  it("refuses cluster.controllers outside 1..9", () => {
    const at = (n: string): string => errorLineOf(() => loadScenario(`name: t\nduration: 10s\ncluster: { brokers: 3, controllers: ${n} }\ntopics: [{ name: orders }]\n`, "c.yaml"));
    expect(at("3")).toBe("accepted");
    expect(at("0")).toMatch(/^c\.yaml:3:\d+: .*cluster\.controllers/);
    expect(at("10")).toMatch(/^c\.yaml:3:\d+: /);
    expect(at("two")).toMatch(/^c\.yaml:3:\d+: /);
  });
});
