// The visualizer's model of a pipeline (Node, no browser): each instance is a producer lane with
// its transactions and a node of the cluster, and its group a group lane.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/index.ts";
import type { TraceRecord } from "../../sim/trace/trace.ts";
import { buildModel } from "../../viz/src/model/build-model.ts";
import { runTexts } from "../../viz/src/views/cluster-texts.ts";
import { repoRoot } from "./harness.ts";
import { storeOf } from "./store-of.ts";

describe("buildModel on pipeline-exactly-once", () => {
  const file = "scenarios/pipeline-exactly-once.yaml";
  const scenario = loadScenario(readFileSync(join(repoRoot, file), "utf8"), file);
  const records: TraceRecord[] = [];
  const { summary } = runScenario(scenario, { onTrace: (r) => records.push(r) });
  const model = buildModel(scenario, storeOf(records), summary);

  it("has a lane per instance, labelled with its processing.guarantee, with its committed transactions", () => {
    const lanes = model.producers.filter((p) => p.id.startsWith("enrich-"));
    expect(lanes.map((p) => p.id)).toEqual(["enrich-1", "enrich-2"]);
    expect(runTexts(model, scenario.producers).producerStates.get("enrich-1")).toBe("exactly_once_v2");
    const committed = lanes.flatMap((p) => p.transactions).filter((t) => t.outcome === "committed").length;
    expect(committed).toBe(summary.transactions!.committed);
  });

  it("has the instances among its nodes and the group among its groups", () => {
    expect(model.nodes).toEqual(expect.arrayContaining(["enrich-1", "enrich-2"]));
    expect(model.groups.map((g) => g.group)).toContain("enricher");
  });
});
