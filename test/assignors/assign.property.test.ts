// Property tests for assign(): validity for every strategy, balance and stickiness for the sticky
// ones, and independence from the order members are listed in.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assign } from "../../core/assignors/assign.ts";
import { ASSIGNMENT_STRATEGIES, type AssignmentStrategy, type GroupAssignment, type GroupMember } from "../../core/assignors/types.ts";
import { rebalanceUntilStable } from "./helpers.ts";

const TOPICS = ["a", "b", "c", "orders", "Aa", "BB"]; // "Aa" and "BB" share a Java hash code

const partitionsPerTopicArb = fc
  .tuple(...TOPICS.map(() => fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined })))
  .map((counts) => Object.fromEntries(TOPICS.flatMap((t, i) => (counts[i] === undefined ? [] : [[t, counts[i]!]]))));

const idArb = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map((i) => `consumer${i}`),
  fc.stringMatching(/^consumer-[0-9a-f]{6}$/),
  fc.stringMatching(/^[a-z]{1,3}$/),
);

const memberArb = (sameTopics: readonly string[] | null) =>
  fc.record({
    topics: sameTopics === null ? fc.subarray(TOPICS, { minLength: 1 }) : fc.constant([...sameTopics]),
    staticId: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
    owned: fc.array(fc.record({ topic: fc.constantFrom(...TOPICS), partition: fc.integer({ min: 0, max: 10 }) }), { maxLength: 6 }),
    generation: fc.option(fc.integer({ min: -1, max: 4 }), { nil: undefined }),
  });

const groupArb = (uniform: boolean) =>
  fc
    .record({
      ppt: partitionsPerTopicArb,
      ids: fc.uniqueArray(idArb, { minLength: 1, maxLength: 8 }),
      same: fc.subarray(TOPICS, { minLength: 1 }),
    })
    .chain(({ ppt, ids, same }) =>
      fc.tuple(fc.constant(ppt), fc.tuple(...ids.map(() => memberArb(uniform ? same : null)))).map(([p, specs]) => {
        const usedStatic = new Set<number>();
        const members: GroupMember[] = specs.map((s, i) => {
          const staticId = s.staticId !== undefined && !usedStatic.has(s.staticId) ? s.staticId : undefined;
          if (staticId !== undefined) usedStatic.add(staticId);
          return {
            id: ids[i]!,
            topics: s.topics,
            ...(staticId !== undefined ? { groupInstanceId: `instance-${staticId}` } : {}),
            owned: s.owned,
            ...(s.generation !== undefined ? { generation: s.generation } : {}),
          };
        });
        return { ppt: p, members };
      }),
    );

/** All existing partitions of topics someone subscribes to. */
function subscribedPartitions(members: readonly GroupMember[], ppt: Record<string, number>): string[] {
  const topics = new Set(members.flatMap((m) => m.topics));
  return [...topics].flatMap((t) => Array.from({ length: ppt[t] ?? 0 }, (_, p) => `${t}-${p}`));
}

function checkValid(members: readonly GroupMember[], ppt: Record<string, number>, a: GroupAssignment, complete: boolean): void {
  expect(Object.keys(a).sort()).toEqual(members.map((m) => m.id).sort());
  const owner = new Map<string, string>();
  for (const m of members) {
    const list = a[m.id]!;
    const keys = list.map((p) => `${p.topic}-${p.partition}`);
    const sorted = [...list].sort((x, y) => (x.topic < y.topic ? -1 : x.topic > y.topic ? 1 : x.partition - y.partition));
    expect(list).toEqual(sorted);
    for (const [i, p] of list.entries()) {
      expect(m.topics).toContain(p.topic);
      expect(p.partition).toBeLessThan(ppt[p.topic]!);
      expect(owner.has(keys[i]!), `${keys[i]} assigned twice`).toBe(false);
      owner.set(keys[i]!, m.id);
    }
  }
  if (complete) expect([...owner.keys()].sort()).toEqual(subscribedPartitions(members, ppt).sort());
}

const spread = (a: GroupAssignment) => {
  const sizes = Object.values(a).map((l) => l.length);
  return Math.max(...sizes) - Math.min(...sizes);
};

describe("assign() properties", () => {
  it.each(ASSIGNMENT_STRATEGIES)("%s: every subscribed partition goes to exactly one subscribed member", (strategy: AssignmentStrategy) => {
    fc.assert(
      fc.property(groupArb(false), ({ ppt, members }) => {
        const first = assign(strategy, members, ppt);
        // cooperative-sticky may hold back partitions that change owner until the next round
        checkValid(members, ppt, first, strategy !== "cooperative-sticky");
        if (strategy === "cooperative-sticky") {
          const { assignment, members: last } = rebalanceUntilStable(strategy, members, ppt, first);
          checkValid(last, ppt, assignment, true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each(["sticky", "cooperative-sticky"] as const)("%s: balanced (max - min <= 1) when all members share subscriptions", (strategy) => {
    fc.assert(
      fc.property(groupArb(true), ({ ppt, members }) => {
        const a = strategy === "sticky" ? assign(strategy, members, ppt) : rebalanceUntilStable(strategy, members, ppt).assignment;
        expect(spread(a)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it.each(["sticky", "cooperative-sticky"] as const)("%s: an unchanged group keeps its assignment", (strategy) => {
    fc.assert(
      fc.property(groupArb(false), fc.integer({ min: 0, max: 5 }), ({ ppt, members }, generation) => {
        const fresh = members.map(({ id, topics, groupInstanceId }) => ({ id, topics, ...(groupInstanceId ? { groupInstanceId } : {}) }));
        const before = rebalanceUntilStable(strategy, fresh, ppt).assignment;
        const again = fresh.map((m) => ({ ...m, owned: before[m.id]!, generation }));
        expect(assign(strategy, again, ppt)).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it.each(["sticky", "cooperative-sticky"] as const)(
    "%s: with shared subscriptions each member keeps min(owned, floor(total / members)) of what it owned",
    (strategy) => {
      fc.assert(
        fc.property(groupArb(true), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), ({ ppt, members }, joiners, leavers) => {
          const topics = members[0]!.topics;
          const fresh = members.map(({ id }) => ({ id, topics }));
          const before = rebalanceUntilStable(strategy, fresh, ppt).assignment;
          const stay = fresh.slice(0, Math.max(1, fresh.length - leavers));
          const next: GroupMember[] = [
            ...stay.map((m) => ({ ...m, owned: before[m.id]!, generation: 1 })),
            ...Array.from({ length: joiners }, (_, i) => ({ id: `joiner-${i}`, topics })),
          ];
          const total = topics.reduce((s, t) => s + (ppt[t] ?? 0), 0);
          const minQuota = Math.floor(total / next.length);
          const after = assign(strategy, next, ppt);
          for (const m of stay) {
            const now = new Set(after[m.id]!.map((p) => `${p.topic}-${p.partition}`));
            const kept = before[m.id]!.filter((p) => now.has(`${p.topic}-${p.partition}`)).length;
            expect(kept).toBeGreaterThanOrEqual(Math.min(before[m.id]!.length, minQuota));
          }
        }),
        { numRuns: 300 },
      );
    },
  );

  it.each(ASSIGNMENT_STRATEGIES)("%s: the order members are listed in does not matter", (strategy) => {
    fc.assert(
      fc.property(groupArb(false), fc.integer(), ({ ppt, members }, seed) => {
        const shuffled = [...members].sort((x, y) => ((hash(x.id) ^ seed) >>> 0) - ((hash(y.id) ^ seed) >>> 0));
        expect(assign(strategy, shuffled, ppt)).toEqual(assign(strategy, members, ppt));
      }),
      { numRuns: 150 },
    );
  });
});

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
