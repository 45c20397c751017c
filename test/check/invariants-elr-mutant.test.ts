// The ELR invariants' seeded mutants: a controller whose eligible leader replicas overlap the
// ISR, and one that keeps them once the ISR is back at min.insync.replicas. vi.mock swaps the
// module for this file only; `mutant` picks the fault.

import { describe, expect, it, vi } from "vitest";
import type { PartitionChange } from "../../core/controller/partition-change.ts";
import { loadScenarioFile } from "../../sim/scenario/read-file.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { failureOf } from "./failure-of.ts";

const mutant = vi.hoisted(() => ({ kind: "overlap" as "overlap" | "kept" }));

vi.mock(import("../../core/controller/partition-change.ts"), async (importOriginal) => {
  const real = await importOriginal();
  return {
    ...real,
    buildPartitionChange: (...args: Parameters<typeof real.buildPartitionChange>): PartitionChange | null => {
      const change = real.buildPartitionChange(...args);
      if (change === null) return null;
      const p = args[1];
      if (mutant.kind === "overlap" && change.elr !== null && change.elr.length > 0) return { ...change, elr: [...new Set([...change.elr, ...(change.isr ?? p.isr)])] };
      if (mutant.kind === "kept" && change.elr !== null && change.elr.length === 0) {
        const isr = change.isr ?? p.isr;
        return { ...change, elr: p.elr.filter((id) => !isr.includes(id)) };
      }
      return change;
    },
  };
});

describe("eligible leader replicas (--check)", () => {
  const scenario = () => loadScenarioFile(new URL("../../scenarios/elr-last-replica-standing.yaml", import.meta.url).pathname);

  it("catch an ELR that overlaps the ISR", () => {
    mutant.kind = "overlap";
    const failure = failureOf(() => runScenario(scenario(), { check: true }));
    expect(failure.violation.invariant).toBe("elr-apart-from-isr");
  });

  it("catch an ELR kept after the ISR is back at min.insync.replicas", () => {
    mutant.kind = "kept";
    const failure = failureOf(() => runScenario(scenario(), { check: true }));
    expect(failure.violation.invariant).toBe("elr-below-min-isr");
  });
});
