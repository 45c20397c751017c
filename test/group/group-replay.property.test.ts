// The group coordinator's one-replay-path property (issue 17; Kafka's GroupMetadataManager
// changes state only by replaying the records its handlers return, GroupCoordinatorShard.replay):
// whatever classic members join, sync, heartbeat, leave, expire and commit, and whatever
// KIP-848 members heartbeat, acknowledge, change subscription and leave, after every step
// the records written so far, replayed into a fresh GroupStore (what a new coordinator
// loads), give the live groups: members, generations and epochs, assignments and targets,
// committed offsets. A handler that changes persisted state without a record fails it.
// Classic groups are compared when Stable or Empty: mid-rebalance Kafka too holds the next
// generation in memory only, until the leader's assignment is written.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ClassicGroup } from "../../core/group/classic-group.ts";
import type { ConsumerGroup } from "../../core/group/consumer-group.ts";
import { toList } from "../../core/group/consumer-group-records.ts";
import { replayGroupRecords } from "../../core/group/group-loader.ts";
import type { GroupStore } from "../../core/group/group-store.ts";
import { CoordinatorHarness, observe, roundRobin, type ClassicClient, type ConsumerClient } from "./coordinator-harness.ts";

const CLASSIC = ["c1", "c2", "c3"] as const;
const CONSUMER = ["k1", "k2", "k3"] as const;

type Op =
  | { readonly k: "join" | "sync" | "heartbeat" | "leave" | "restart"; readonly c: number }
  | { readonly k: "commit"; readonly c: number; readonly p: number; readonly offset: number; readonly stale: boolean }
  | { readonly k: "cg"; readonly c: number; readonly topics: number; readonly revoke: boolean }
  | { readonly k: "cgLeave"; readonly c: number; readonly temporary: boolean }
  | { readonly k: "cgCommit"; readonly c: number; readonly p: number; readonly offset: number }
  | { readonly k: "simpleCommit"; readonly p: number; readonly offset: number }
  | { readonly k: "tick"; readonly ms: number }
  | { readonly k: "round" };

const client = fc.integer({ min: 0, max: 2 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constantFrom("join", "sync", "heartbeat", "leave", "restart"), c: client }), weight: 6 },
  { arbitrary: fc.record({ k: fc.constant("commit"), c: client, p: fc.integer({ min: 0, max: 3 }), offset: fc.nat(100), stale: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant("cg"), c: client, topics: fc.integer({ min: 0, max: 3 }), revoke: fc.boolean() }), weight: 6 },
  { arbitrary: fc.record({ k: fc.constant("cgLeave"), c: client, temporary: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant("cgCommit"), c: client, p: fc.integer({ min: 0, max: 3 }), offset: fc.nat(100) }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant("simpleCommit"), p: fc.integer({ min: 0, max: 3 }), offset: fc.nat(100) }), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant("tick"), ms: fc.constantFrom(10, 500, 3000, 12_000, 50_000) }), weight: 3 },
  { arbitrary: fc.constant({ k: "round" } as const), weight: 2 },
);

/** Drives one sequence, checking the replay after every step. */
class Run {
  readonly h = new CoordinatorHarness({ "group.initial.rebalance.delay.ms": 0 });
  readonly classic = new Map<string, ClassicClient>(CLASSIC.map((name, i) => [name, { memberId: "", generation: -1, leader: false, members: [], instance: i === 2 ? "static-c3" : null }]));
  readonly consumer = new Map<string, ConsumerClient>(CONSUMER.map((name, i) => [name, { memberId: name, epoch: 0, assigned: [], owned: [], instance: i === 2 ? "static-k3" : null }]));
  private correlation = 0;

  step(o: Op): void {
    this.apply(o);
    observe(this.h.take(), this.classic, this.consumer);
    const live = views((id) => this.h.coordinator.group(id), (id) => this.h.coordinator.consumerGroup(id));
    const store: GroupStore = replayGroupRecords(this.h.batches);
    const replayed = views((id) => store.classic.get(id), (id) => store.consumer.get(id));
    // Mid-rebalance a classic group is ahead of its log (as in Kafka): compare its offsets only.
    const state = this.h.coordinator.group("c")?.state;
    if (state === "PreparingRebalance" || state === "CompletingRebalance") {
      live.c = { offsets: live.c.offsets };
      replayed.c = { offsets: replayed.c.offsets };
    }
    expect(live).toEqual(replayed);
  }

  private apply(o: Op): void {
    const base = { correlationId: ++this.correlation };
    if (o.k === "tick") return this.h.tick(o.ms);
    if (o.k === "round") return this.round();
    if (o.k === "simpleCommit") return this.h.request("admin", { ...base, kind: "OffsetCommit", groupId: "s", generationId: -1, memberId: "", groupInstanceId: null, offsets: [{ topic: "t", partition: o.p, offset: o.offset }] });
    if (o.k === "cg" || o.k === "cgLeave" || o.k === "cgCommit") return this.consumerOp(o, base.correlationId);
    const name = CLASSIC[o.c]!;
    const c = this.classic.get(name)!;
    const who = { groupId: "c", memberId: c.memberId, groupInstanceId: c.instance };
    switch (o.k) {
      case "join": {
        const join = { ...base, kind: "JoinGroup", sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 20_000, protocolType: "consumer", protocols: [{ name: "range", metadata: { topics: ["t"], ownedPartitions: [], generationId: c.generation } }], reason: "test" } as const;
        this.h.request(name, { ...join, ...who });
        // KIP-394: a dynamic member asked for a member id comes straight back with it.
        if (c.memberId !== "" || who.groupInstanceId !== null) return;
        observe(this.h.take(), this.classic, this.consumer);
        if (c.memberId !== "") this.h.request(name, { ...join, ...who, memberId: c.memberId });
        return;
      }
      case "sync":
        return this.h.request(name, { ...base, ...who, kind: "SyncGroup", generationId: c.generation, protocolName: "range", assignments: c.leader ? roundRobin(c.members) : [] });
      case "heartbeat":
        return this.h.request(name, { ...base, ...who, kind: "Heartbeat", generationId: c.generation });
      case "leave":
        this.h.request(name, { ...base, ...who, kind: "LeaveGroup", reason: "test" });
        c.memberId = "";
        return;
      case "restart":
        // A restarted process forgets its member id; a static one rejoins under its instance id.
        c.memberId = "";
        c.generation = -1;
        return;
      case "commit":
        return this.h.request(name, { ...base, ...who, kind: "OffsetCommit", generationId: o.stale ? c.generation - 1 : c.generation, offsets: [{ topic: "t", partition: o.p, offset: o.offset }] });
    }
  }

  /** A whole classic rebalance: everyone joins, the join completes, everyone syncs. */
  private round(): void {
    for (let c = 0; c < CLASSIC.length; c++) this.step({ k: "join", c });
    this.step({ k: "tick", ms: 10 });
    for (let c = 0; c < CLASSIC.length; c++) this.step({ k: "sync", c });
  }

  private consumerOp(o: Extract<Op, { k: "cg" | "cgLeave" | "cgCommit" }>, correlationId: number): void {
    const name = CONSUMER[o.c]!;
    const k = this.consumer.get(name)!;
    const beat = { kind: "ConsumerGroupHeartbeat", correlationId, groupId: "k", memberId: k.memberId, instanceId: k.instance, rebalanceTimeoutMs: 30_000, serverAssignor: "range" } as const;
    if (o.k === "cgCommit") return this.h.request(name, { kind: "OffsetCommit", correlationId, groupId: "k", generationId: k.epoch, memberId: k.memberId, groupInstanceId: null, offsets: [{ topic: "t", partition: o.p, offset: o.offset }] });
    if (o.k === "cgLeave") {
      const epoch = o.temporary && k.instance !== null ? -2 : -1;
      return this.h.request(name, { ...beat, memberEpoch: epoch, subscribedTopicNames: [], ownedPartitions: [] });
    }
    const topics = [["t"], ["t"], ["t", "u"], ["u"]][o.topics]!;
    // A member that has revoked owns just what it was last given; one that has not yet also
    // still holds what it owned before.
    const kept = o.revoke ? [] : k.owned.filter((a) => !k.assigned.some((b) => a.topic === b.topic && a.partition === b.partition));
    k.owned = [...k.assigned, ...kept];
    this.h.request(name, { ...beat, memberEpoch: k.epoch, subscribedTopicNames: topics, ownedPartitions: k.owned });
  }
}

function views(classic: (id: string) => ClassicGroup | undefined, consumer: (id: string) => ConsumerGroup | undefined): { c: { offsets: unknown }; s: unknown; k: unknown } {
  return { c: classicView(classic("c")), s: classicView(classic("s")), k: consumerView(consumer("k")) };
}

function classicView(g: ClassicGroup | undefined) {
  const offsets = [...(g?.offsets ?? [])].sort();
  // A group nobody finished joining and nothing was committed to is not in the log at all.
  if (g === undefined || (g.generationId === 0 && g.members.size === 0)) return { generation: 0, protocol: null as string | null, leader: null as string | null, members: [] as unknown[], offsets };
  const members = [...g.members.values()].map((m) => ({ id: m.memberId, instance: m.groupInstanceId, sessionMs: m.sessionTimeoutMs, rebalanceMs: m.rebalanceTimeoutMs, subscription: g.metadataOf(m), assignment: m.assignment }));
  return { generation: g.generationId, protocol: g.protocolName, leader: g.leaderId, members, offsets };
}

function consumerView(g: ConsumerGroup | undefined): unknown {
  if (g === undefined) return { epoch: 0, assignmentEpoch: 0, members: [], target: [], statics: [], offsets: [] };
  return {
    epoch: g.groupEpoch,
    assignmentEpoch: g.assignmentEpoch,
    members: [...g.members.values()].map((m) => ({ id: m.memberId, instance: m.instanceId, epoch: m.memberEpoch, previous: m.previousMemberEpoch, state: m.state, rebalanceMs: m.rebalanceTimeoutMs, topics: m.subscribedTopics, assignor: m.serverAssignor, assigned: toList(m.assigned), revoking: toList(m.pendingRevocation) })),
    target: [...g.target].map(([id, t]) => [id, toList(t)]),
    statics: [...g.staticMembers],
    offsets: [...g.offsets].sort(),
  };
}

describe("group coordinator: replaying the records written gives the live groups", () => {
  it("after every join, sync, heartbeat, leave, expiry, commit and KIP-848 heartbeat", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 80, size: "medium" }), (ops) => {
        const run = new Run();
        for (const o of ops) run.step(o);
      }),
      { numRuns: 200, seed: 848 },
    );
  });
});
