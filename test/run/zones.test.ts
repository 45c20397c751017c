// Zones in a run: the controller places replicas exactly as `kafkasim validate` prints
// (sim/run/placement.ts), the bill counts only bytes that cross between zones, and
// rack(...) targets name the zone's nodes; validate's placement lines.
import { describe, expect, it } from "vitest";
import { placementLines } from "../../sim/cli/placement-lines.ts";
import { activeController } from "../../sim/run/active-controller.ts";
import { placeTopics } from "../../sim/run/placement.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/loader.ts";

const ZONED = `
name: zones
seed: 9
duration: 4s
settle: 1s
cluster:
  brokers: 6
  racks: [az1, az1, az2, az2, az3, az3]
  network: { racks: { latency: 3ms } }
topics:
  - { name: t, partitions: 6, replicationFactor: 3 }
  - { name: u, partitions: 4, replicationFactor: 2 }
producers:
  - { id: p1, topic: t, rate: 500/s, valueSize: 100 }
`;

describe("zones in a run", () => {
  it("places every partition as validate prints it, one replica per zone with RF 3", () => {
    const s = loadScenario(ZONED, "zones.yaml");
    const { cluster } = runScenario(s);
    const image = activeController(cluster.world, cluster.controllerNodes)!.metadata();
    const printed = placeTopics(s.seed, s.cluster.racks, [1, 2, 3, 4, 5, 6], s.topics);
    s.topics.forEach((t, i) => {
      for (let p = 0; p < t.partitions; p++) expect(image.partition(t.name, p)?.replicas).toEqual(printed[i]![p]);
    });
    for (const replicas of printed[0]!) expect(new Set(replicas.map((b) => s.cluster.racks![b - 1])).size).toBe(3);
  });

  it("bills a producer's bytes only when it runs in a zone", () => {
    const without = runScenario(loadScenario(ZONED, "zones.yaml")).summary.network!;
    const inAz1 = runScenario(loadScenario(ZONED, "zones.yaml", ["producers.0.config.client.rack=az1"])).summary.network!;
    expect(without.crossRackBytesByCause.produce).toBe(0);
    expect(inAz1.crossRackBytesByCause.produce).toBeGreaterThan(0);
    expect(without.crossRackBytesByCause.replication).toBeGreaterThan(0);
    const pairs = Object.values(inAz1.bytesByRackPair).flatMap((row) => Object.values(row));
    expect(pairs.reduce((a, b) => a + b, 0)).toBe(inAz1.crossRackBytes);
  });

  it("has no network section without racks", () => {
    const s = loadScenario(ZONED.replace("  racks: [az1, az1, az2, az2, az3, az3]\n  network: { racks: { latency: 3ms } }\n", ""), "plain.yaml");
    expect(runScenario(s).summary.network).toBeUndefined();
  });

  it("takes down every broker and controller of a zone with rack(az2)", () => {
    // Fenced after broker.session.timeout.ms (9 s): by 14 s leadership has left az2.
    const s = loadScenario(`${ZONED}faults:\n  - { at: 2s, crash: rack(az2) }\n`, "zones.yaml", ["duration=14s"]);
    const { summary } = runScenario(s);
    const crashed = summary.partitions.filter((p) => p.topic === "t").every((p) => p.leader !== 3 && p.leader !== 4);
    expect(crashed).toBe(true);
  });
});

describe("kafkasim validate's placement lines", () => {
  it("lists each partition's replicas with their zones, and flags two replicas in one zone", () => {
    const s = loadScenario(`${ZONED.replace("replicationFactor: 2", "assignment: [[1, 2], [3, 5], [5, 6], [2, 4]]")}`, "zones.yaml");
    const lines = placementLines(s);
    expect(lines[0]).toBe("placement (seed 9; replicas, preferred leader first):");
    expect(lines.filter((l) => l.startsWith("  t-"))).toHaveLength(6);
    expect(lines).toContain("  u-0  [1, 2]  az1, az1  (two replicas share a rack)");
    expect(lines).toContain("  u-1  [3, 5]  az2, az3");
    expect(placementLines(loadScenario(ZONED.replace("  racks: [az1, az1, az2, az2, az3, az3]\n  network: { racks: { latency: 3ms } }\n", ""), "plain.yaml"))).toEqual([]);
  });
});
