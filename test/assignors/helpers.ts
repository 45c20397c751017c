// Shared helpers for the assignor tests, mirroring the helpers of Kafka's
// AbstractStickyAssignorTest / AbstractPartitionAssignorTest / CooperativeStickyAssignorTest.
import { expect } from "vitest";
import { assign } from "../../core/assignors/assign.ts";
import { buildGroupSubscription } from "../../core/assignors/group-subscription.ts";
import { abstractStickyAssign } from "../../core/assignors/sticky.ts";
import type { AssignmentStrategy, GroupAssignment, GroupMember, TopicPartition } from "../../core/assignors/types.ts";

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
  first: GroupAssignment = assign(strategy, members, partitionsPerTopic),
  generation = 1,
): { assignment: GroupAssignment; members: GroupMember[]; rounds: number } {
  let current = [...members];
  let assignment = first;
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
export function transferringOwnership(members: readonly GroupMember[], ppt: Record<string, number>): Record<string, string> | null {
  const result = abstractStickyAssign(buildGroupSubscription(members, ppt)).partitionsTransferringOwnership;
  if (result === null) return null;
  return Object.fromEntries([...result].map(([tp, c]) => [`${tp.topic}-${tp.partition}`, c]));
}

/** What Kafka's assertions see after verifyValidityAndBalance. */
export function finalAssignment(strategy: AssignmentStrategy, members: readonly GroupMember[], ppt: Record<string, number>): GroupAssignment {
  if (strategy === "sticky") return assign(strategy, members, ppt);
  return rebalanceUntilStable(strategy, members, ppt).assignment;
}

