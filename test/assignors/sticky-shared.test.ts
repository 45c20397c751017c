// AbstractStickyAssignorTest's single-round cases (see sticky-cases.ts), run like Kafka runs
// them: once with the sticky assignor, once with cooperative-sticky (whose first round may leave
// partitions unassigned; CooperativeStickyAssignorTest.verifyValidityAndBalance rebalances until
// nothing is revoked, and Kafka's assertions see that final assignment).
import { describe, expect, it } from "vitest";
import { finalAssignment, isFullyBalanced, sorted, transferringOwnership, verifyValidityAndBalance } from "./helpers.ts";
import { STICKY_CASES } from "./sticky-cases.ts";

describe.each(["sticky", "cooperative-sticky"] as const)("%s (AbstractStickyAssignorTest)", (strategy) => {
  it.each(STICKY_CASES)("$kafkaTest", ({ partitionsPerTopic, members, expected, transferring, fullyBalanced }) => {
    if (transferring !== undefined) expect(transferringOwnership(members, partitionsPerTopic)).toEqual(transferring);
    const assignment = finalAssignment(strategy, members, partitionsPerTopic);
    verifyValidityAndBalance(members, assignment);
    if (expected !== undefined) {
      const want = Object.fromEntries(Object.entries(expected).map(([id, l]) => [id, sorted(l)]));
      expect(assignment).toEqual(want);
    }
    if (fullyBalanced !== false) expect(isFullyBalanced(assignment)).toBe(true);
  });
});
