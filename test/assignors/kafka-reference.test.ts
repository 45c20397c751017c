// Golden vectors: assignments computed by Kafka's own assignor code.
// fixtures/kafka-reference.ndjson holds random groups (1-21 members, 1-8 topics, owned partitions
// from the previous round, stale and missing generations, members joining and leaving, zombie
// double claims, static members), each run through a Java transcription of Kafka's RangeAssignor,
// RoundRobinAssignor, AbstractStickyAssignor (apache/kafka b3e65bd, rack logic off) and
// CooperativeStickyAssignor, with subscriptions in a java.util.HashMap filled in MemberInfo order
// as assign() does. The generator keeps only rounds where Kafka's result is a valid assignment
// (it drops the rare rounds hitting the "return to a stale owner that no longer subscribes" bug,
// which sticky-general.ts deliberately avoids).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assign } from "../../core/assignors/assign.ts";
import type { AssignmentStrategy, GroupMember } from "../../core/assignors/types.ts";

interface ReferenceCase {
  readonly name: string;
  readonly strategy: AssignmentStrategy;
  readonly partitionsPerTopic: Record<string, number>;
  readonly members: GroupMember[];
  readonly expected: Record<string, string[]>;
}

const cases: ReferenceCase[] = readFileSync(new URL("./fixtures/kafka-reference.ndjson", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as ReferenceCase);

describe("assign() matches Kafka's assignors on generated groups", () => {
  it.each(["range", "roundrobin", "sticky", "cooperative-sticky"] as const)("%s", (strategy) => {
    const mine = cases.filter((c) => c.strategy === strategy);
    expect(mine.length).toBeGreaterThan(50);
    const mismatches: string[] = [];
    for (const c of mine) {
      const got = assign(strategy, c.members, c.partitionsPerTopic);
      const asStrings = Object.fromEntries(Object.entries(got).map(([id, l]) => [id, l.map((p) => `${p.topic}-${p.partition}`)]));
      try {
        expect(asStrings).toEqual(c.expected);
      } catch {
        mismatches.push(c.name);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
