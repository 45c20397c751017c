// AbstractStickyAssignorTest's single-round cases (see sticky-cases.ts), run like Kafka runs
// them: once with the sticky assignor, once with cooperative-sticky (whose first round may leave
// partitions unassigned; CooperativeStickyAssignorTest.verifyValidityAndBalance rebalances until
// nothing is revoked, and Kafka's assertions see that final assignment). Kafka parameterizes all
// but the testRackAware* cases with @EnumSource(RackConfig.class) (initializeRacks: racks on,
// preferRackAwareLogic on) and expects the same assignment under every RackConfig; so do we.
import { describe, expect, it } from "vitest";
import { finalAssignment, isFullyBalanced, RACK_CONFIGS, type RackConfig, sorted, transferringOwnership, verifyValidityAndBalance } from "./helpers.ts";
import { STICKY_CASES } from "./sticky-cases.ts";

const PARAMETERIZED = STICKY_CASES.filter((c) => !c.kafkaTest.startsWith("testRackAware"));
const RUNS: readonly { rackConfig: RackConfig; cases: typeof STICKY_CASES }[] = [
  { rackConfig: "NONE", cases: STICKY_CASES },
  ...RACK_CONFIGS.map((rackConfig) => ({ rackConfig, cases: PARAMETERIZED })),
];

describe.each(["sticky", "cooperative-sticky"] as const)("%s (AbstractStickyAssignorTest)", (strategy) => {
  describe.each(RUNS)("rackConfig = $rackConfig", ({ rackConfig, cases }) => {
    it.each(cases)("$kafkaTest", ({ partitionsPerTopic, members, expected, transferring, fullyBalanced }) => {
      if (transferring !== undefined) expect(transferringOwnership(members, partitionsPerTopic, rackConfig)).toEqual(transferring);
      const assignment = finalAssignment(strategy, members, partitionsPerTopic, rackConfig);
      verifyValidityAndBalance(members, assignment);
      if (expected !== undefined) {
        const want = Object.fromEntries(Object.entries(expected).map(([id, l]) => [id, sorted(l)]));
        expect(assignment).toEqual(want);
      }
      if (fullyBalanced !== false) expect(isFullyBalanced(assignment)).toBe(true);
    });
  });
});
