// The clean-election invariant's seeded mutant: a controller that elects unclean leaders
// although the topic does not allow it. vi.mock swaps the module for this file only.

import { describe, expect, it, vi } from "vitest";
import { loadScenarioFile } from "../../sim/scenario/read-file.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { failureOf } from "./failure-of.ts";

vi.mock(import("../../core/controller/partition-change.ts"), async (importOriginal) => {
  const real = await importOriginal();
  return { ...real, buildPartitionChange: (image, p, targetIsr, _election, reason, elr, uncleanShutdown) => real.buildPartitionChange(image, p, targetIsr, "unclean", reason, elr, uncleanShutdown) };
});

describe("clean elections (--check)", () => {
  it("catch a controller electing a replica from outside the ISR with unclean.leader.election.enable=false", () => {
    const scenario = loadScenarioFile(new URL("../../scenarios/unclean-election-disabled.yaml", import.meta.url).pathname);
    const failure = failureOf(() => runScenario(scenario, { check: true }));
    expect(failure.violation.invariant).toBe("clean-election");
    expect(failure.violation.detail).toMatch(/^controller, \S+: broker \d was elected from outside the ISR [\d,]* and ELR [\d,]* with unclean\.leader\.election\.enable=false$/);
  });
});
