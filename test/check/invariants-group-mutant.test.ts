// The one-owner-per-generation invariant's seeded mutant: a range assignor that also hands
// every member partition 0 of each topic. vi.mock swaps the module for this file only.

import { describe, expect, it, vi } from "vitest";
import { loadScenarioFile } from "../../sim/scenario/read-file.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { failureOf } from "./failure-of.ts";

vi.mock(import("../../core/assignors/range.ts"), async (importOriginal) => {
  const real = await importOriginal();
  return {
    ...real,
    rangeAssign: (group) => {
      const assignment = real.rangeAssign(group);
      for (const [memberId, partitions] of assignment) {
        for (const topic of group.partitionsPerTopic.keys()) {
          if (!partitions.some((tp) => tp.topic === topic && tp.partition === 0)) assignment.set(memberId, [...partitions, { topic, partition: 0 }]);
        }
      }
      return assignment;
    },
  };
});

describe("one owner per partition per generation (--check)", () => {
  it("catches an assignor that gives one partition to two members of a generation", () => {
    const scenario = loadScenarioFile(new URL("../../scenarios/rebalance-eager-member-joins.yaml", import.meta.url).pathname);
    const failure = failureOf(() => runScenario(scenario, { check: true }));
    expect(failure.violation.invariant).toBe("one-owner-per-generation");
    expect(failure.violation.detail).toMatch(/^group \S+ generation \d+: \S+ and \S+ both own \S+-0$/);
  });
});
