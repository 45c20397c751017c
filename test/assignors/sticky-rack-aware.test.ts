// KIP-881 rack-aware sticky and cooperative-sticky assignment against Kafka's
// AbstractStickyAssignorTest.testRackAwareAssignmentWithUniformSubscription and
// testRackAwareAssignmentWithNonEqualSubscription
// (clients/src/test/java/org/apache/kafka/clients/consumer/internals/AbstractStickyAssignorTest.java),
// each step as Kafka writes it, through AbstractPartitionAssignorTest.verifyRackAssignment:
// brokers 0..n-1 in `brokerRacks`, partition i of a topic on brokers (i + j + offset) mod n, the
// offset growing by each earlier topic's partition count; consumerN in consumerRacks[N]; one
// assignPartitions call (for cooperative-sticky that is one round, with partitions changing
// owner withheld). `mismatch` is numPartitionsWithRackMismatch (-1: not checked).
// Kafka's StickyAssignor reads owned partitions from user data, which verifyRackAssignment's
// subscriptions do not carry, so the "owned" steps run as fresh assignments for it; its
// CooperativeStickyAssignor reads Subscription.ownedPartitions (generation unknown).
import { describe, expect, it } from "vitest";
import { assignWithOptions } from "../../core/assignors/assign.ts";
import type { AssignmentStrategy, GroupMember, PartitionRacks } from "../../core/assignors/types.ts";
import { parsePartitions, toSortedString } from "./helpers.ts";

type Rack = string | null;
const racks = (n: number): Rack[] => ["a", "b", "c", "d", "e", "f"].slice(0, n);
const nullRacks = (n: number): Rack[] => Array.from({ length: n }, () => null);

function partitionRacks(topics: Record<string, number>, rf: number, brokerRacks: readonly Rack[]): PartitionRacks {
  const out: Record<string, string[][]> = {};
  let next = 0;
  for (const [topic, n] of Object.entries(topics)) {
    out[topic] = Array.from({ length: n }, (_, i) => Array.from({ length: rf }, (_, j) => brokerRacks[(i + j + next) % brokerRacks.length]).filter((r): r is string => r !== null && r !== undefined));
    next += n;
  }
  return out;
}

interface Step {
  readonly rf: number;
  readonly brokerRacks: Rack[];
  readonly consumerRacks: Rack[];
  readonly owned?: string[] | undefined;
  readonly expected: string[];
  readonly mismatch: number;
  readonly preferRackAwareLogic: boolean;
}

function verifyRackAssignment(strategy: AssignmentStrategy, topics: Record<string, number>, consumerTopics: string[][], step: Step): void {
  const members: GroupMember[] = consumerTopics.map((t, i) => {
    const rack = step.consumerRacks[i];
    const owned = strategy === "cooperative-sticky" && step.owned !== undefined ? parsePartitions(step.owned[i]!) : undefined;
    return { id: `consumer${i}`, topics: t, ...(rack === null || rack === undefined ? {} : { rackId: rack }), ...(owned === undefined ? {} : { owned }) };
  });
  const placed = partitionRacks(topics, step.rf, step.brokerRacks);
  const result = assignWithOptions(strategy, members, topics, placed, step.preferRackAwareLogic);
  expect(members.map((m) => toSortedString(result[m.id]!))).toEqual(step.expected);
  if (step.mismatch < 0) return;
  const mismatched = members.flatMap((m, i) => {
    const rack = step.consumerRacks[i];
    return rack === null || rack === undefined ? [] : result[m.id]!.filter((tp) => !placed[tp.topic]![tp.partition]!.includes(rack));
  });
  expect(mismatched.length).toBe(step.mismatch);
}

/** verifyUniformSubscription / verifyNonEqualSubscription: fresh, then owning the expected result (unchanged). */
function verifyTwice(strategy: AssignmentStrategy, topics: Record<string, number>, consumerTopics: string[][], step: Omit<Step, "owned">): void {
  verifyRackAssignment(strategy, topics, consumerTopics, step);
  verifyRackAssignment(strategy, topics, consumerTopics, { ...step, owned: step.expected });
}

const TOPICS = { t1: 6, t2: 7, t3: 2 };
const ALL = ["t1", "t2", "t3"];
const MISALIGNED_OWNED = ["t1-0, t1-1, t1-2, t1-3, t1-4", "t1-5, t2-0, t2-1, t2-2, t2-3", "t2-4, t2-5, t2-6, t3-0, t3-1"];

/** The steps both tests start with: racks that cannot or need not change the rack-unaware result. */
function verifyNonRackAware(strategy: AssignmentStrategy, consumerTopics: string[][], nonRackAware: string[]): void {
  const run = (rf: number, brokerRacks: Rack[], consumerRacks: Rack[], mismatch: number, preferRackAwareLogic: boolean) =>
    verifyTwice(strategy, TOPICS, consumerTopics, { rf, brokerRacks, consumerRacks, expected: nonRackAware, mismatch, preferRackAwareLogic });
  run(3, nullRacks(3), racks(3), -1, false);
  run(3, racks(3), nullRacks(3), -1, false);
  run(3, racks(3), racks(3), 0, true);
  run(4, racks(4), racks(3), 0, true);
  run(3, racks(3), racks(3), 0, false);
  run(3, racks(3), ["d", "e", "f"], -1, false);
  run(3, racks(3), [null, "e", "f"], -1, false);
}

describe.each(["sticky", "cooperative-sticky"] as const)("%s, rack-aware (KIP-881)", (strategy) => {
  it("testRackAwareAssignmentWithUniformSubscription", () => {
    const subs = [ALL, ALL, ALL];
    const nonRackAware = ["t1-0, t1-3, t2-0, t2-3, t2-6", "t1-1, t1-4, t2-1, t2-4, t3-0", "t1-2, t1-5, t2-2, t2-5, t3-1"];
    verifyNonRackAware(strategy, subs, nonRackAware);
    // Rack-aligned for lower replication factors, where each rack holds a subset of the partitions.
    verifyTwice(strategy, TOPICS, subs, { rf: 1, brokerRacks: racks(3), consumerRacks: racks(3), expected: nonRackAware, mismatch: 0, preferRackAwareLogic: false });
    verifyTwice(strategy, TOPICS, subs, { rf: 2, brokerRacks: racks(3), consumerRacks: racks(3), expected: nonRackAware, mismatch: 0, preferRackAwareLogic: false });
    // One member in a rack with no replicas: it gets misaligned partitions to keep the balance.
    verifyTwice(strategy, TOPICS, subs, { rf: 3, brokerRacks: racks(2), consumerRacks: racks(3), expected: nonRackAware, mismatch: 5, preferRackAwareLogic: false });

    // Owned partitions that are misaligned move to improve locality (cooperative: first round
    // keeps only the aligned owned ones and withholds everything changing owner).
    const improved = strategy === "cooperative-sticky" ? ["t1-0, t1-3", "t2-1", "t2-5, t3-1"] : nonRackAware;
    verifyRackAssignment(strategy, TOPICS, subs, { rf: 1, brokerRacks: racks(3), consumerRacks: racks(3), owned: MISALIGNED_OWNED, expected: improved, mismatch: 0, preferRackAwareLogic: false });
    // Stickiness is kept when the racks match.
    verifyRackAssignment(strategy, TOPICS, subs, { rf: 3, brokerRacks: racks(3), consumerRacks: racks(3), owned: nonRackAware, expected: nonRackAware, mismatch: 0, preferRackAwareLogic: true });
  });

  it("testRackAwareAssignmentWithNonEqualSubscription", () => {
    const subs = [ALL, ALL, ["t1", "t3"]];
    const nonRackAware = ["t1-5, t2-0, t2-2, t2-4, t2-6", "t1-3, t2-1, t2-3, t2-5, t3-0", "t1-0, t1-1, t1-2, t1-4, t3-1"];
    verifyNonRackAware(strategy, subs, nonRackAware);
    // Best effort: with few rack choices some partitions stay misaligned.
    const rf1 = ["t1-3, t2-0, t2-2, t2-3, t2-6", "t1-4, t2-1, t2-4, t2-5, t3-0", "t1-0, t1-1, t1-2, t1-5, t3-1"];
    verifyTwice(strategy, TOPICS, subs, { rf: 1, brokerRacks: racks(3), consumerRacks: racks(3), expected: rf1, mismatch: 4, preferRackAwareLogic: false });
    const rf2 = ["t1-3, t2-0, t2-2, t2-5, t2-6", "t1-0, t2-1, t2-3, t2-4, t3-0", "t1-1, t1-2, t1-4, t1-5, t3-1"];
    verifyTwice(strategy, TOPICS, subs, { rf: 2, brokerRacks: racks(3), consumerRacks: racks(3), expected: rf2, mismatch: 0, preferRackAwareLogic: false });
    verifyTwice(strategy, TOPICS, subs, { rf: 3, brokerRacks: racks(2), consumerRacks: racks(3), expected: nonRackAware, mismatch: 5, preferRackAwareLogic: false });

    const aligned = { rf: 1, brokerRacks: racks(3), consumerRacks: racks(3), preferRackAwareLogic: false };
    const allMatch = { rf: 3, brokerRacks: racks(3), consumerRacks: racks(3), mismatch: 0 };
    if (strategy === "sticky") {
      verifyRackAssignment(strategy, TOPICS, subs, { ...aligned, owned: MISALIGNED_OWNED, expected: rf1, mismatch: 4 });
      // All racks match: the result is the rack-unaware one, with or without preferRackAwareLogic.
      for (const preferRackAwareLogic of [false, true]) verifyRackAssignment(strategy, TOPICS, subs, { ...allMatch, owned: MISALIGNED_OWNED, expected: nonRackAware, preferRackAwareLogic });
    } else {
      const intermediate = ["t1-3", "t2-1", "t3-1"];
      verifyRackAssignment(strategy, TOPICS, subs, { ...aligned, owned: MISALIGNED_OWNED, expected: intermediate, mismatch: 0 });
      verifyRackAssignment(strategy, TOPICS, subs, { ...aligned, owned: intermediate, expected: rf1, mismatch: 4 });
      const firstRound = ["t1-2, t1-3, t1-4", "t2-0, t2-1, t2-2, t2-3", "t3-0, t3-1"];
      const secondRound = ["t1-2, t1-3, t1-4, t2-4, t2-5", "t2-0, t2-1, t2-2, t2-3, t2-6", "t1-0, t1-1, t1-5, t3-0, t3-1"];
      for (const preferRackAwareLogic of [false, true]) {
        verifyRackAssignment(strategy, TOPICS, subs, { ...allMatch, owned: MISALIGNED_OWNED, expected: firstRound, preferRackAwareLogic });
        verifyRackAssignment(strategy, TOPICS, subs, { ...allMatch, owned: firstRound, expected: secondRound, preferRackAwareLogic });
      }
    }
  });
});

// Two branches of ConstrainedAssignmentBuilder no Kafka test pins down, checked on the smallest
// groups that reach them (expected values follow AbstractStickyAssignor's code step by step).
describe("ConstrainedAssignmentBuilder, rack-aware details", () => {
  it("RackInfo.sortPartitionsByRackConsumers: the partition only one member can read in-rack is placed first", () => {
    // t-0 has replicas in a and b, t-1 only in a. In partition order, ca (rack a) would take t-0
    // and reach its quota, leaving t-1 to cb across racks; sorted, ca takes t-1 and cb t-0.
    const members: GroupMember[] = [{ id: "ca", topics: ["t"], rackId: "a" }, { id: "cb", topics: ["t"], rackId: "b" }];
    for (const strategy of ["sticky", "cooperative-sticky"] as const) {
      const result = assignWithOptions(strategy, members, { t: 2 }, { t: [["a", "b"], ["a"]] }, false);
      expect({ ca: toSortedString(result.ca!), cb: toSortedString(result.cb!) }).toEqual({ ca: "t-1", cb: "t-0" });
    }
  });

  it("maybeRevokedPartitions: a partition revoked for a rack mismatch that comes back to its owner is not changing owner", () => {
    // ca (rack a) owns t-0, whose only replica rack is b: revoked, but no member in b is below
    // its quota, so the round-robin step gives it back to ca; cooperative-sticky keeps it there
    // instead of withholding it for a revocation round (Kafka 3.8's allRevokedPartitions would).
    const members: GroupMember[] = [
      { id: "ca", topics: ["t"], rackId: "a", owned: parsePartitions("t-0"), generation: 1 },
      { id: "cb", topics: ["t"], rackId: "b", owned: parsePartitions("t-1"), generation: 1 },
    ];
    const result = assignWithOptions("cooperative-sticky", members, { t: 2 }, { t: [["b"], ["a", "b"]] }, false);
    expect({ ca: toSortedString(result.ca!), cb: toSortedString(result.cb!) }).toEqual({ ca: "t-0", cb: "t-1" });
  });
});
