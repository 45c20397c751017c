// Shared helpers for the assignor tests, mirroring the helpers of Kafka's
// AbstractStickyAssignorTest / AbstractPartitionAssignorTest / CooperativeStickyAssignorTest.
import { expect } from "vitest";
import { assign, assignWithOptions } from "../../core/assignors/assign.ts";
import { buildGroupSubscription } from "../../core/assignors/group-subscription.ts";
import { abstractStickyAssign } from "../../core/assignors/sticky.ts";
import type { AssignmentStrategy, GroupAssignment, GroupMember, PartitionRacks, TopicPartition } from "../../core/assignors/types.ts";

export const tp = (topic: string, partition: number): TopicPartition => ({ topic, partition });

/** "t1-0, t1-3, t2-0" -> partitions (AbstractPartitionAssignorTest.ownedPartitions). */
export function parsePartitions(s: string): TopicPartition[] {
  if (s.trim() === "") return [];
  return s.split(", ").map((p) => {
    const i = p.lastIndexOf("-");
    return tp(p.slice(0, i), Number(p.slice(i + 1)));
  });
}

/** Kafka's toSortedString: partitions as "topic-p", sorted as strings, joined by ", ". */
export function toSortedString(partitions: readonly TopicPartition[]): string {
  return partitions.map((p) => `${p.topic}-${p.partition}`).sort().join(", ");
}

export const sorted = (partitions: readonly TopicPartition[]): TopicPartition[] =>
  [...partitions].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));

/** AbstractStickyAssignorTest.isFullyBalanced. */
export function isFullyBalanced(assignment: GroupAssignment): boolean {
  const sizes = Object.values(assignment).map((l) => l.length);
  return Math.max(...sizes) - Math.min(...sizes) <= 1;
}

/**
 * AbstractStickyAssignorTest.verifyValidityAndBalance: every partition is assigned to a subscriber
 * and to at most one member, and when two members differ by 2+ partitions they share no topic.
 */
export function verifyValidityAndBalance(members: readonly GroupMember[], assignment: GroupAssignment): void {
  const byId = new Map(members.map((m) => [m.id, m]));
  expect(new Set(Object.keys(assignment))).toEqual(new Set(byId.keys()));
  const ids = [...byId.keys()].sort();
  const owner = new Map<string, string>();
  for (const id of ids) {
    for (const p of assignment[id]!) {
      expect(byId.get(id)!.topics, `${id} got ${p.topic}-${p.partition} without subscribing`).toContain(p.topic);
      const key = `${p.topic}-${p.partition}`;
      expect(owner.get(key), `${key} assigned twice`).toBeUndefined();
      owner.set(key, id);
    }
  }
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = assignment[ids[i]!]!;
      const b = assignment[ids[j]!]!;
      if (Math.abs(a.length - b.length) <= 1) continue;
      const topicsA = new Set(a.map((p) => p.topic));
      for (const p of b) expect(topicsA.has(p.topic), `${ids[i]} and ${ids[j]} unbalanced on ${p.topic}`).toBe(false);
    }
  }
}

/**
 * CooperativeStickyAssignorTest.verifyValidityAndBalance's loop: while a round revokes something,
 * members rejoin owning what they were given (generation 1) and the group rebalances again; no
 * partition may be revoked and handed to a new owner in the same round. Returns the final round.
 */
export function rebalanceUntilStable(
  strategy: AssignmentStrategy,
  members: readonly GroupMember[],
  partitionsPerTopic: Record<string, number>,
  first?: GroupAssignment,
  generation = 1,
  rackConfig: RackConfig = "NONE",
): { assignment: GroupAssignment; members: GroupMember[]; rounds: number } {
  const assign = assignFor(rackConfig);
  let current = [...members];
  let assignment = first ?? assign(strategy, members, partitionsPerTopic);
  let rounds = 0;
  while (revokesAndVerifiesCooperative(current, assignment)) {
    current = current.map((m) => ({ ...m, owned: assignment[m.id]!, generation }));
    assignment = assign(strategy, current, partitionsPerTopic);
    rounds++;
    expect(rounds).toBeLessThanOrEqual(4);
  }
  return { assignment, members: current, rounds };
}

function revokesAndVerifiesCooperative(members: readonly GroupMember[], assignment: GroupAssignment): boolean {
  const added = new Set<string>();
  const revoked = new Set<string>();
  for (const m of members) {
    const owned = new Set((m.owned ?? []).map((p) => `${p.topic}-${p.partition}`));
    const now = new Set(assignment[m.id]!.map((p) => `${p.topic}-${p.partition}`));
    for (const k of now) if (!owned.has(k)) added.add(k);
    for (const k of owned) if (!now.has(k)) revoked.add(k);
  }
  const both = [...added].filter((k) => revoked.has(k));
  expect(both, "assigned to a new owner in the round it is revoked").toEqual([]);
  return revoked.size > 0;
}

/** A tiny seeded PRNG (mulberry32) for Kafka's tests that use java.util.Random. */
export function seededRandom(seed: number): { nextInt(bound: number): number } {
  let a = seed >>> 0;
  return {
    nextInt(bound: number): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * bound);
    },
  };
}

/** AbstractStickyAssignorTest.getCanonicalName: "t" + zero-padded index to the width of maxNum. */
export const canonicalName = (prefix: string, i: number, maxNum: number): string =>
  prefix + String(i).padStart(String(maxNum).length, "0");

/** assignor.partitionsTransferringOwnership as Kafka's tests read it, keyed "topic-partition". */
export function transferringOwnership(members: readonly GroupMember[], ppt: Record<string, number>, rackConfig: RackConfig = "NONE"): Record<string, string> | null {
  const racked = withRacks(rackConfig, members, ppt);
  const result = abstractStickyAssign(buildGroupSubscription(racked.members, ppt, racked.partitionRacks), rackConfig !== "NONE").partitionsTransferringOwnership;
  if (result === null) return null;
  return Object.fromEntries([...result].map(([tp, c]) => [`${tp.topic}-${tp.partition}`, c]));
}

/** What Kafka's assertions see after verifyValidityAndBalance. */
export function finalAssignment(strategy: AssignmentStrategy, members: readonly GroupMember[], ppt: Record<string, number>, rackConfig: RackConfig = "NONE"): GroupAssignment {
  if (strategy === "sticky") return assignFor(rackConfig)(strategy, members, ppt);
  return rebalanceUntilStable(strategy, members, ppt, undefined, 1, rackConfig).assignment;
}

/**
 * AbstractPartitionAssignorTest.RackConfig, as AbstractStickyAssignorTest.initializeRacks sets it
 * up (replication factor 3, preferRackAwareLogic on); "NONE" is a plain call without racks.
 * With broker racks, partitionInfos stripes each partition over three consecutive brokers of
 * racks a, b, c, so every partition has a replica in every rack; consumer n is in
 * ALL_RACKS[n % 3] (n % 6 without broker racks). Here n is the member's position in the list.
 */
export const RACK_CONFIGS = ["NO_BROKER_RACK", "NO_CONSUMER_RACK", "BROKER_AND_CONSUMER_RACK"] as const;
export type RackConfig = (typeof RACK_CONFIGS)[number] | "NONE";
const ALL_RACKS = ["a", "b", "c", "d", "e", "f"];

function withRacks(config: RackConfig, members: readonly GroupMember[], ppt: Record<string, number>): { members: GroupMember[]; partitionRacks: PartitionRacks } {
  if (config === "NONE") return { members: [...members], partitionRacks: {} };
  const brokerRacks = config !== "NO_BROKER_RACK";
  const racked = config === "NO_CONSUMER_RACK" ? [...members] : members.map((m, i) => ({ ...m, rackId: ALL_RACKS[i % (brokerRacks ? 3 : 6)]! }));
  const partitionRacks = brokerRacks ? Object.fromEntries(Object.entries(ppt).map(([t, n]) => [t, Array.from({ length: n }, () => ["a", "b", "c"])])) : {};
  return { members: racked, partitionRacks };
}

/** `assign` under a RackConfig: members and partitions given racks, preferRackAwareLogic on. */
export function assignFor(config: RackConfig): (strategy: AssignmentStrategy, members: readonly GroupMember[], ppt: Record<string, number>) => GroupAssignment {
  if (config === "NONE") return assign;
  return (strategy, members, ppt) => {
    const racked = withRacks(config, members, ppt);
    return assignWithOptions(strategy, racked.members, ppt, racked.partitionRacks, true);
  };
}

