// The KIP-848 consumer group protocol across a coordinator failover (group.protocol=consumer;
// its delivery properties under random faults are in delivery.property.test.ts): the new
// coordinator reloads the group from its ConsumerGroup* records — same members, same epochs,
// nobody fenced, nothing moved.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { runScenario } from "../../sim/run/runner.ts";

describe("KIP-848 consumer groups end to end", () => {
  it("a coordinator failover reloads members, epochs and assignments: nobody is fenced, nothing moves", () => {
    const file = join(import.meta.dirname, "../../scenarios/coordinator-failover.yaml");
    const text = readFileSync(file, "utf8").replace("config: { auto.offset.reset: earliest }", "config: { auto.offset.reset: earliest, group.protocol: consumer }");
    expect(text).toContain("group.protocol: consumer");
    const events: { t: number; node: string; kind: string; groups?: unknown }[] = [];
    const { summary } = runScenario(loadScenario(text, "coordinator-failover.yaml"), {
      onTrace: ({ timeUs, node, event }) => {
        if (event.kind.startsWith("Coordinator") || event.kind.startsWith("ConsumerGroup")) events.push({ t: timeUs, node, kind: event.kind, groups: event.kind === "CoordinatorLoaded" ? event.groups : undefined });
      },
    });
    const loaded = events.find((e) => e.kind === "CoordinatorLoaded" && e.node === "broker-3" && Array.isArray(e.groups) && (e.groups as string[]).includes("billing"));
    expect(loaded).toBeDefined();
    const after = events.filter((e) => e.t >= loaded!.t);
    expect(after.filter((e) => e.kind === "ConsumerGroupMemberFenced" || e.kind === "ConsumerGroupEpochBumped")).toEqual([]);
    const g = summary.consumers["billing"]!;
    // The only moves are the group's formation (the first member takes all, then hands on).
    expect(g.rebalances).toBe(1);
    expect(g.processedTwice).toBe(0);
    expect(g.neverProcessed).toBe(0);
    expect(g.ownershipConflicts).toBe(0);
  }, 60_000);
});
