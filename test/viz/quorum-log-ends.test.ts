// The controller quorum's log ends in the visualizer's model (viz/src/model/controller-quorum.ts,
// from RaftLogProgress) and the quorum box's tooltip text (cluster-texts.ts quorumTip), on
// controller-quorum-failover: while controller-2 leads every voter reports a log end, the
// crashed leader's stays where it died, the new leader's grows past it, and the metadata high
// watermark never moves back and never passes the active leader's log end.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/index.ts";
import type { TraceRecord } from "../../sim/trace/trace.ts";
import { buildModel } from "../../viz/src/model/build-model.ts";
import { quorumTip } from "../../viz/src/views/cluster-texts.ts";
import { repoRoot } from "./harness.ts";
import { storeOf } from "./store-of.ts";

describe("quorum log ends and metadata high watermark (controller-quorum-failover)", () => {
  const file = "scenarios/controller-quorum-failover.yaml";
  const scenario = loadScenario(readFileSync(join(repoRoot, file), "utf8"), file);
  const records: TraceRecord[] = [];
  const { summary } = runScenario(scenario, { onTrace: (r) => records.push(r) });
  const quorum = buildModel(scenario, storeOf(records), summary).quorum!;
  const end = (node: string, t: number): number => quorum.logEnds.get(node)!.at(t);

  it("has a log end for every voter and a high watermark at most the leader's log end", () => {
    expect([...quorum.logEnds.keys()].sort()).toEqual(["controller-1", "controller-2", "controller-3"]);
    for (const t of [5_000_000, 9_000_000, 20_000_000, 44_000_000]) {
      const hw = quorum.highWatermark.at(t);
      expect(hw).toBeGreaterThan(0);
      const leader = t < 10_000_000 ? "controller-2" : "controller-3";
      expect(hw).toBeLessThanOrEqual(end(leader, t));
    }
  });

  it("keeps the killed leader's log end while it is down and lets the new leader's grow past it", () => {
    const atDeath = end("controller-2", 10_000_000);
    expect(end("controller-2", 25_000_000)).toBe(atDeath);
    expect(end("controller-3", 25_000_000)).toBeGreaterThan(atDeath);
  });

  it("never moves the metadata high watermark back", () => {
    const v = quorum.highWatermark.values;
    for (let i = 1; i < v.length; i++) expect(v[i]!).toBeGreaterThan(v[i - 1]!);
  });

  it("spells the tooltip one voter a line, then the high watermark", () => {
    const lines = quorumTip(quorum, 12_000_000).split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^controller-1: follower, log end \d+$/);
    expect(lines[1]).toMatch(/^controller-2: crashed, log end \d+$/);
    expect(lines[2]).toMatch(/^controller-3: leader e2, log end \d+$/);
    expect(lines[3]).toBe(`metadata high watermark ${quorum.highWatermark.at(12_000_000)}`);
  });
});
