// The issue's "last replica standing" pair (Vanlightly, "KIP-966: fixing the last replica
// standing issue"): the sole ISR member loses power after its followers left an ISR already
// below min.insync.replicas. With Kafka 4.1's default the controller elects a follower from the
// ELR and nothing acknowledged is lost (PartitionChangeBuilder.isValidNewLeader accepts an ELR
// member); with eligible.leader.replicas.version=0 (Kafka 4.0's default) the partition waits for
// broker 1, which comes back with the shortened log its power loss left, and acknowledged
// records are lost although two live replicas had them.
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenarioFile } from "../../sim/scenario/read-file.ts";

const FILE = new URL("../../scenarios/elr-last-replica-standing.yaml", import.meta.url).pathname;

describe("elr-last-replica-standing with ELR on against off", () => {
  it("loses nothing acknowledged with eligible.leader.replicas.version=1 (Kafka 4.1's default)", () => {
    const { summary } = runScenario(loadScenarioFile(FILE));
    expect(summary.expectations.filter((e) => !e.ok)).toEqual([]);
    expect(summary.durability.acknowledgedLost).toBe(0);
  });

  it("loses acknowledged records with eligible.leader.replicas.version=0 (Kafka 4.0's default)", () => {
    const { summary } = runScenario(loadScenarioFile(FILE, ["cluster.config.eligible.leader.replicas.version=0"]));
    expect(summary.durability.acknowledgedLost).toBeGreaterThan(0);
    expect(summary.produced.failed).toBe(0);
  });
});
