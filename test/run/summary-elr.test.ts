// summary.partitions[].elr: the eligible leader replicas (KIP-966) the controller holds when the
// run ends, present only when there are any (so summaries without them read as before).
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenarioFile } from "../../sim/scenario/read-file.ts";

const FILE = new URL("../../scenarios/elr-last-replica-standing.yaml", import.meta.url).pathname;

describe("summary.partitions[].elr", () => {
  it("lists the ELR of a partition whose ISR is below min.insync.replicas at the end", () => {
    // Stopped at 20 s: the ISR shrank to [1] at 15 s and broker 1 lost power at 17 s, unfenced still.
    const { summary } = runScenario(loadScenarioFile(FILE, ["duration=20s", "settle=1ms"]));
    expect(summary.partitions[0]).toMatchObject({ isr: [1], elr: [2, 3] });
  });

  it("is absent once the ISR is back", () => {
    const { summary } = runScenario(loadScenarioFile(FILE));
    expect(summary.partitions[0]!.isr).toEqual([1, 2, 3]);
    expect("elr" in summary.partitions[0]!).toBe(false);
  });

  it("is never there with eligible.leader.replicas.version=0", () => {
    const { summary } = runScenario(loadScenarioFile(FILE, ["duration=20s", "settle=1ms", "cluster.config.eligible.leader.replicas.version=0"]));
    expect(summary.partitions[0]!.isr).toEqual([1]);
    expect("elr" in summary.partitions[0]!).toBe(false);
  });
});
