// Multi-round cases of AbstractStickyAssignorTest (clients/src/test/java/org/apache/kafka/clients/
// consumer/internals/AbstractStickyAssignorTest.java), run for both sticky assignors. Each round
// feeds the previous round's (final) assignment back as the members' owned partitions, as
// Kafka's tests do with buildSubscriptionV2Above(..., assignment.get(consumer), generationId, ...).
// Kafka parameterizes them by RackConfig (initializeRacks: racks on, preferRackAwareLogic on;
// helpers.ts) and expects the same outcome under each; so do we, plus a run without racks.
// testSubscriptionNotEqualAndAssignSamePartitionWith3Generation is a plain @Test in Kafka.
import { describe, expect, it } from "vitest";
import { assign } from "../../core/assignors/assign.ts";
import type { AssignmentStrategy, GroupAssignment, GroupMember } from "../../core/assignors/types.ts";
import { canonicalName, finalAssignment, isFullyBalanced, RACK_CONFIGS, type RackConfig, seededRandom, tp, transferringOwnership, verifyValidityAndBalance } from "./helpers.ts";

const GEN = 1;
const keyOf = (p: { topic: string; partition: number }) => `${p.topic}-${p.partition}`;
const keys = (l: readonly { topic: string; partition: number }[]) => new Set(l.map(keyOf));
const owning = (id: string, topics: string[], a: GroupAssignment | undefined, generation = GEN): GroupMember => ({
  id,
  topics,
  owned: a?.[id] ?? [],
  generation,
});

const RUNS: readonly RackConfig[] = ["NONE", ...RACK_CONFIGS];

describe.each(["sticky", "cooperative-sticky"] as const)("%s (AbstractStickyAssignorTest, several rounds)", (strategy: AssignmentStrategy) => {
  describe.each(RUNS)("rackConfig = %s", (rackConfig) => {
    const run = (members: GroupMember[], ppt: Record<string, number>): GroupAssignment => {
      const a = finalAssignment(strategy, members, ppt, rackConfig);
      verifyValidityAndBalance(members, a);
      return a;
    };

    it("testAddRemoveConsumerOneTopic", () => {
      const ppt = { topic: 3 };
      let a = run([{ id: "consumer1", topics: ["topic"] }], ppt);
      expect(a.consumer1).toEqual([tp("topic", 0), tp("topic", 1), tp("topic", 2)]);

      const two = [owning("consumer1", ["topic"], a), owning("consumer2", ["topic"], undefined)];
      expect(transferringOwnership(two, ppt, rackConfig)).toEqual({ "topic-2": "consumer2" });
      a = run(two, ppt);
      expect(a).toEqual({ consumer1: [tp("topic", 0), tp("topic", 1)], consumer2: [tp("topic", 2)] });

      const one = [owning("consumer2", ["topic"], a)];
      expect(transferringOwnership(one, ppt, rackConfig)).toEqual({});
      a = run(one, ppt);
      expect(keys(a.consumer2!)).toEqual(new Set(["topic-0", "topic-1", "topic-2"]));
    });

    it("testTopicBalanceAfterReassignment", () => {
      const all = ["topic1", "topic2"];
      const ppt = { topic1: 12, topic2: 12 };
      const perTopic = (a: GroupAssignment, n: number) => {
        for (const l of Object.values(a)) for (const t of all) expect(l.filter((p) => p.topic === t)).toHaveLength(n);
        expect(isFullyBalanced(a)).toBe(true);
      };
      let a = run([{ id: "consumer1", topics: all }], ppt);
      perTopic(a, 12);
      a = run([owning("consumer1", all, a), owning("consumer2", all, undefined)], ppt);
      perTopic(a, 6);
      a = run(["consumer1", "consumer2", "consumer3", "consumer4"].map((c) => owning(c, all, a)), ppt);
      perTopic(a, 3);
      const last = [owning("consumer3", all, a), owning("consumer4", all, a)];
      expect(transferringOwnership(last, ppt, rackConfig)).toEqual({});
      perTopic(run(last, ppt), 6);
    });

    it("testAddRemoveTwoConsumersTwoTopics", () => {
      const all = ["topic1", "topic2"];
      const ppt = { topic1: 3, topic2: 4 };
      let a = run([{ id: "consumer1", topics: all }, { id: "consumer2", topics: all }], ppt);
      expect(a).toEqual({
        consumer1: [tp("topic1", 0), tp("topic1", 2), tp("topic2", 1), tp("topic2", 3)],
        consumer2: [tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)],
      });
      const four = ["consumer1", "consumer2", "consumer3", "consumer4"].map((c) => owning(c, all, a));
      expect(transferringOwnership(four, ppt, rackConfig)).toEqual({ "topic1-2": "consumer3", "topic2-3": "consumer3", "topic2-2": "consumer4" });
      a = run(four, ppt);
      expect(a).toEqual({
        consumer1: [tp("topic1", 0), tp("topic2", 1)],
        consumer2: [tp("topic1", 1), tp("topic2", 0)],
        consumer3: [tp("topic1", 2), tp("topic2", 3)],
        consumer4: [tp("topic2", 2)],
      });
      const two = [owning("consumer3", all, a), owning("consumer4", all, a)];
      expect(transferringOwnership(two, ppt, rackConfig)).toEqual({});
      a = run(two, ppt);
      expect(a).toEqual({
        consumer3: [tp("topic1", 0), tp("topic1", 2), tp("topic2", 1), tp("topic2", 3)],
        consumer4: [tp("topic1", 1), tp("topic2", 0), tp("topic2", 2)],
      });
    });

    it("testAddRemoveTopicTwoConsumers", () => {
      const ppt: Record<string, number> = { topic: 3 };
      const a1 = run([{ id: "consumer1", topics: ["topic"] }, { id: "consumer2", topics: ["topic"] }], ppt);
      expect(isFullyBalanced(a1)).toBe(true);
      const ppt2 = { topic: 3, topic2: 3 };
      const a2 = run([owning("consumer1", ["topic", "topic2"], a1), owning("consumer2", ["topic", "topic2"], a1)], ppt2);
      expect(a2.consumer1).toHaveLength(3);
      expect(a2.consumer2).toHaveLength(3);
      for (const c of ["consumer1", "consumer2"]) expect(keys(a2[c]!)).toEqual(new Set([...keys(a2[c]!), ...keys(a1[c]!)]));
      const ppt3 = { topic2: 3 };
      const a3 = run([owning("consumer1", ["topic2"], a2), owning("consumer2", ["topic2"], a2)], ppt3);
      expect(isFullyBalanced(a3)).toBe(true);
      for (const c of ["consumer1", "consumer2"]) for (const k of keys(a3[c]!)) expect(keys(a2[c]!).has(k)).toBe(true);
    });

    it("testReassignmentAfterOneConsumerLeaves", () => {
      const ppt: Record<string, number> = {};
      for (let i = 1; i < 20; i++) ppt[canonicalName("t", i, 20)] = i;
      const topicsOf = (i: number) => Array.from({ length: i }, (_, j) => canonicalName("t", j + 1, 20));
      const ids = Array.from({ length: 19 }, (_, k) => k + 1);
      const a = run(ids.map((i) => ({ id: canonicalName("c", i, 20), topics: topicsOf(i) })), ppt);
      const next = ids.filter((i) => i !== 10).map((i) => owning(canonicalName("c", i, 20), topicsOf(i), a));
      const b = run(next, ppt);
      expectSticky(next, b);
    });

    it("testReassignmentAfterOneConsumerAdded", () => {
      const ppt = { topic: 20 };
      const members = Array.from({ length: 9 }, (_, k) => ({ id: canonicalName("c", k + 1, 10), topics: ["topic"] }));
      expect(transferringOwnership(members, ppt, rackConfig)).toEqual({});
      run(members, ppt);
      const more = [...members, { id: canonicalName("c", 10, 10), topics: ["topic"] }];
      expect(transferringOwnership(more, ppt, rackConfig)).toEqual({});
      run(more, ppt);
    });

    it("testSameSubscriptions", () => {
      const ppt: Record<string, number> = {};
      for (let i = 1; i < 15; i++) ppt[canonicalName("t", i, 15)] = i;
      const all = Object.keys(ppt);
      const members = Array.from({ length: 8 }, (_, k) => ({ id: canonicalName("c", k + 1, 9), topics: all }));
      expect(transferringOwnership(members, ppt, rackConfig)).toEqual({});
      const a = run(members, ppt);
      const next = members.filter((m) => m.id !== canonicalName("c", 5, 9)).map((m) => owning(m.id, all, a));
      expect(transferringOwnership(next, ppt, rackConfig)).toEqual({});
      expectSticky(next, run(next, ppt));
    });

    it("testStickiness", () => {
      const ppt = { topic1: 3 };
      const ids = ["consumer1", "consumer2", "consumer3", "consumer4"];
      const a = run(ids.map((id) => ({ id, topics: ["topic1"] })), ppt);
      for (const l of Object.values(a)) expect(l.length).toBeLessThanOrEqual(1);
      const next = ids.slice(1).map((id) => owning(id, ["topic1"], a));
      expect(transferringOwnership(next, ppt, rackConfig)).toEqual({});
      const b = run(next, ppt);
      for (const id of ids.slice(1)) {
        expect(b[id]).toHaveLength(1);
        if (a[id]!.length === 1) expect(b[id]).toEqual(a[id]);
      }
    });

    it("testNoExceptionThrownWhenOnlySubscribedTopicDeleted", () => {
      const a = run([{ id: "consumer", topics: ["topic"] }], { topic: 3 });
      const b = run([owning("consumer", ["topic"], a)], {});
      expect(b).toEqual({ consumer: [] });
    });

    it.runIf(rackConfig === "NONE")("testSubscriptionNotEqualAndAssignSamePartitionWith3Generation", () => {
      const ppt = { topic: 6, topic1: 1 };
      for (const [g1, g2, g3] of [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]] as const) {
        const members: GroupMember[] = [
          { id: "consumer1", topics: ["topic"], owned: [tp("topic", 0), tp("topic", 2)], generation: g1 },
          { id: "consumer2", topics: ["topic"], owned: [tp("topic", 1), tp("topic", 2), tp("topic", 3)], generation: g2 },
          { id: "consumer3", topics: ["topic"], owned: [tp("topic", 2), tp("topic", 4), tp("topic", 5)], generation: g3 },
          { id: "consumer4", topics: ["topic1"], owned: [tp("topic1", 0)], generation: 2 },
        ];
        // Kafka checks the first round itself here (assignPartitions, no follow-up rebalance).
        const a = assign(strategy, members, ppt);
        const all = Object.values(a).flat().map(keyOf);
        expect(new Set(all).size).toBe(all.length);
        for (const l of Object.values(a)) expect(l.length >= 1 && l.length <= 2).toBe(true);
      }
    });

    it("testNewSubscription", () => {
      const ppt: Record<string, number> = {};
      for (let i = 1; i < 5; i++) ppt[canonicalName("t", i, 5)] = 1;
      const members: GroupMember[] = [0, 1, 2].map((i) => {
        const topics: string[] = [];
        for (let j = i; j <= 3 * i - 2; j++) topics.push(canonicalName("t", j, 5));
        return { id: canonicalName("c", i, 3), topics };
      });
      run(members, ppt);
      const changed = members.map((m, i) => (i === 0 ? { ...m, topics: [...m.topics, canonicalName("t", 1, 5)] } : m));
      run(changed, ppt);
    });

    it("testReassignmentWithRandomSubscriptionsAndChanges (seeded, 30 rounds)", () => {
      const rand = seededRandom(20240101);
      const sublist = (list: string[]) => {
        const out = [...list];
        const remove = rand.nextInt(list.length);
        for (let i = 0; i < remove; i++) out.splice(rand.nextInt(out.length), 1);
        return out.sort();
      };
      for (let round = 0; round < 30; round++) {
        const numTopics = 10 + rand.nextInt(10);
        const topics = Array.from({ length: numTopics }, (_, i) => canonicalName("t", i, 20));
        const ppt = Object.fromEntries(topics.map((t, i) => [t, i + 1]));
        const numConsumers = 20 + rand.nextInt(20);
        const ids = Array.from({ length: numConsumers }, (_, i) => canonicalName("c", i, 40));
        const a = run(ids.map((id) => ({ id, topics: sublist(topics) })), ppt);
        const next = ids.map((id) => owning(id, sublist(topics), a));
        expectSticky(next, run(next, ppt));
      }
    });

    it("testLargeAssignmentWithMultipleConsumersLeavingAndRandomSubscription (seeded, scaled to 100 members)", () => {
      const rand = seededRandom(7);
      const topicCount = 40;
      const ppt: Record<string, number> = {};
      for (let i = 0; i < topicCount; i++) ppt[canonicalName("t", i, topicCount)] = rand.nextInt(10) + 1;
      const members: GroupMember[] = Array.from({ length: 100 }, (_, i) => {
        const topics = new Set<string>();
        const n = rand.nextInt(20);
        for (let j = 0; j < n; j++) topics.add(canonicalName("t", rand.nextInt(topicCount), topicCount));
        return { id: canonicalName("c", i, 100), topics: [...topics] };
      });
      const a = run(members, ppt);
      const leaving = new Set(Array.from({ length: 25 }, () => canonicalName("c", rand.nextInt(100), 100)));
      const next = members.filter((m) => !leaving.has(m.id)).map((m) => owning(m.id, [...m.topics], a));
      expectSticky(next, run(next, ppt));
    });
  });
});

/**
 * Kafka's assignor.isSticky() (PartitionMovements.hasCycles): within one topic, no two members
 * swap partitions, i.e. no partition moved A -> B while another moved B -> A. A move is an owned
 * partition of a still-subscribed topic that ended up with another member.
 */
function expectSticky(members: readonly GroupMember[], a: GroupAssignment): void {
  const owner = new Map<string, string>();
  for (const [id, l] of Object.entries(a)) for (const p of l) owner.set(keyOf(p), id);
  const moves = new Set<string>();
  for (const m of members) {
    for (const p of m.owned ?? []) {
      const now = owner.get(keyOf(p));
      if (now !== undefined && now !== m.id && m.topics.includes(p.topic)) moves.add(JSON.stringify([p.topic, m.id, now]));
    }
  }
  for (const mv of moves) {
    const [topic, from, to] = JSON.parse(mv) as [string, string, string];
    expect(moves.has(JSON.stringify([topic, to, from])), `${from} and ${to} swapped partitions of ${topic}`).toBe(false);
  }
}
