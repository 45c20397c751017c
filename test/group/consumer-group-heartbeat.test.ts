// Table tests of the KIP-848 coordinator (GroupMetadataManager.consumerGroupHeartbeat and
// CurrentAssignmentBuilder; cases after GroupMetadataManagerTest's testConsumerGroup* and
// CurrentAssignmentBuilderTest), driven through a fake host on the test harness's clock (the
// real Scheduler), plus the protocol's safety property as a fast-check invariant: whatever
// members join, heartbeat late, acknowledge slowly or leave, no partition is ever owned by two
// clients at once.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConsumerGroup } from "../../core/group/consumer-group.ts";
import { ConsumerGroupHeartbeatHandler } from "../../core/group/consumer-group-heartbeat.ts";
import { Errors } from "../../core/protocol/errors.ts";
import { TestClock } from "../harness/index.ts";
import type { ConsumerGroupEvent } from "../../core/trace/index.ts";
import type { ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResponse, PartitionList } from "../../core/protocol/group-messages.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";

class Harness {
  readonly sent: { to: string; msg: KafkaMessage }[] = [];
  readonly events: ConsumerGroupEvent[] = [];
  readonly clock = new TestClock();
  readonly group = new ConsumerGroup("g");
  readonly handler: ConsumerGroupHeartbeatHandler;

  constructor(partitions = 6, maxSize = 100) {
    this.handler = new ConsumerGroupHeartbeatHandler({
      now: this.clock.now,
      send: (to, msg) => this.sent.push({ to, msg }),
      schedule: this.clock.schedule,
      cancel: this.clock.cancel,
      write: (_groupId, _records, done) => done(Errors.NONE),
      partitionCount: () => partitions,
      emit: (e) => this.events.push(e),
      sessionTimeoutMs: 45_000,
      heartbeatIntervalMs: 5_000,
      assignors: ["uniform", "range"],
      maxSize,
    });
  }

  advanceTo(ms: number): void {
    this.clock.advanceTo(ms);
  }

  heartbeat(memberId: string, memberEpoch: number, owned: PartitionList = [], extra: Partial<ConsumerGroupHeartbeatRequest> = {}): ConsumerGroupHeartbeatResponse {
    this.handler.handle(this.group, memberId, {
      kind: "ConsumerGroupHeartbeat",
      correlationId: 1,
      groupId: "g",
      memberId,
      memberEpoch,
      instanceId: null,
      rebalanceTimeoutMs: 300_000,
      subscribedTopicNames: ["t"],
      serverAssignor: null,
      ownedPartitions: owned,
      ...extra,
    });
    const last = this.sent[this.sent.length - 1]!.msg;
    if (last.kind !== "ConsumerGroupHeartbeatResponse") throw new Error(last.kind);
    return last;
  }
}

const tps = (...ps: number[]): PartitionList => ps.map((partition) => ({ topic: "t", partition }));
const parts = (r: ConsumerGroupHeartbeatResponse): number[] => (r.assignment ?? []).map((tp) => tp.partition);

describe("ConsumerGroupHeartbeat on the coordinator", () => {
  it("testConsumerGroupMemberJoinsEmptyConsumerGroup: epoch 1, every partition, the broker's heartbeat interval", () => {
    const h = new Harness();
    const r = h.heartbeat("A", 0);
    expect(r).toMatchObject({ error: Errors.NONE, memberId: "A", memberEpoch: 1, heartbeatIntervalMs: 5000 });
    expect(parts(r)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(h.group.groupEpoch).toBe(1);
    expect(h.group.assignmentEpoch).toBe(1);
  });

  it("a joiner waits for partitions that their owner has not revoked (UNRELEASED_PARTITIONS)", () => {
    const h = new Harness();
    h.heartbeat("A", 0);
    const b = h.heartbeat("B", 0);
    expect(b.memberEpoch).toBe(2);
    expect(parts(b)).toEqual([]);
    expect(h.group.members.get("B")!.state).toBe("UNRELEASED_PARTITIONS");
    // A still owns everything: it must revoke 3..5 and stays at epoch 1.
    const a1 = h.heartbeat("A", 1, tps(0, 1, 2, 3, 4, 5));
    expect(a1.memberEpoch).toBe(1);
    expect(parts(a1)).toEqual([0, 1, 2]);
    expect(h.group.members.get("A")!.state).toBe("UNREVOKED_PARTITIONS");
    // B asks again: still nothing, A has not acknowledged.
    expect(parts(h.heartbeat("B", 2))).toEqual([]);
    // A acknowledges by no longer owning 3..5; it moves to epoch 2.
    const a2 = h.heartbeat("A", 1, tps(0, 1, 2));
    expect(a2.memberEpoch).toBe(2);
    expect(h.group.members.get("A")!.state).toBe("STABLE");
    // Now B gets them.
    const b2 = h.heartbeat("B", 2);
    expect(parts(b2)).toEqual([3, 4, 5]);
    expect(h.group.members.get("B")!.state).toBe("STABLE");
  });

  it("FENCED_MEMBER_EPOCH for an epoch the coordinator never gave, UNKNOWN_MEMBER_ID for an unknown member", () => {
    const h = new Harness();
    h.heartbeat("A", 0);
    expect(h.heartbeat("A", 7).error).toBe(Errors.FENCED_MEMBER_EPOCH);
    expect(h.heartbeat("Z", 3).error).toBe(Errors.UNKNOWN_MEMBER_ID);
  });

  it("a member may repeat its previous epoch if it owns nothing it should not (lost response)", () => {
    const h = new Harness();
    h.heartbeat("A", 0);
    h.heartbeat("B", 0);
    h.heartbeat("A", 1, tps(0, 1, 2, 3, 4, 5));
    h.heartbeat("A", 1, tps(0, 1, 2)); // now epoch 2, previous 1
    expect(h.heartbeat("A", 1, tps(0, 1, 2)).error).toBe(Errors.NONE);
    expect(h.heartbeat("A", 1, tps(0, 1, 2, 3)).error).toBe(Errors.FENCED_MEMBER_EPOCH);
  });

  it("leaving with epoch -1 removes the member and bumps the group epoch", () => {
    const h = new Harness();
    h.heartbeat("A", 0);
    h.heartbeat("B", 0);
    const r = h.heartbeat("B", -1);
    expect(r.memberEpoch).toBe(-1);
    expect(h.group.members.has("B")).toBe(false);
    expect(h.group.groupEpoch).toBe(3);
  });

  it("session expiry after group.consumer.session.timeout.ms fences the member", () => {
    const h = new Harness();
    h.heartbeat("A", 0);
    h.heartbeat("B", 0);
    h.advanceTo(40_000);
    h.heartbeat("A", 1, tps(0, 1, 2, 3, 4, 5));
    h.advanceTo(46_000);
    expect(h.group.members.has("B")).toBe(false);
    expect(h.events.some((e) => e.kind === "ConsumerGroupMemberFenced" && e.member === "B")).toBe(true);
    expect(h.group.members.has("A")).toBe(true);
  });

  it("a member that does not revoke within its rebalance timeout is fenced", () => {
    const h = new Harness();
    h.heartbeat("A", 0);
    h.heartbeat("B", 0);
    h.heartbeat("A", 1, tps(0, 1, 2, 3, 4, 5), { rebalanceTimeoutMs: 10_000 });
    for (let t = 5_000; t <= 12_000; t += 5_000) {
      h.advanceTo(t);
      if (h.group.members.has("A")) h.heartbeat("A", 1, tps(0, 1, 2, 3, 4, 5), { rebalanceTimeoutMs: 10_000 });
      h.heartbeat("B", 2);
    }
    expect(h.group.members.has("A")).toBe(false);
  });

  it("GROUP_MAX_SIZE_REACHED past group.consumer.max.size, UNSUPPORTED_ASSIGNOR for an unknown one", () => {
    const h = new Harness(6, 1);
    h.heartbeat("A", 0);
    expect(h.heartbeat("B", 0).error).toBe(Errors.GROUP_MAX_SIZE_REACHED);
    expect(h.heartbeat("C", 0, [], { serverAssignor: "sticky" }).error).toBe(Errors.UNSUPPORTED_ASSIGNOR);
  });

  it("the group uses the group.remote.assignor most members ask for (ConsumerGroup.computePreferredServerAssignor)", () => {
    const h = new Harness();
    h.heartbeat("A", 0, [], { serverAssignor: "uniform" });
    h.heartbeat("B", 0, [], { serverAssignor: "range" });
    h.heartbeat("C", 0, [], { serverAssignor: "range" });
    const targets = h.events.filter((e) => e.kind === "ConsumerGroupTargetAssignment").map((e) => e["assignor"]);
    expect(targets).toEqual(["uniform", "uniform", "range"]);
  });

  it("a static member that left with -2 comes back under a new id with its assignment; another one is UNRELEASED_INSTANCE_ID", () => {
    const h = new Harness();
    h.heartbeat("A", 0, [], { instanceId: "i-1" });
    h.heartbeat("B", 0, [], { instanceId: "i-2" });
    expect(h.heartbeat("X", 0, [], { instanceId: "i-2" }).error).toBe(Errors.UNRELEASED_INSTANCE_ID);
    h.heartbeat("A", 1, tps(0, 1, 2, 3, 4, 5), { instanceId: "i-1" });
    h.heartbeat("A", 1, tps(0, 1, 2), { instanceId: "i-1" });
    expect(h.heartbeat("A", -2, tps(0, 1, 2), { instanceId: "i-1" }).memberEpoch).toBe(-2);
    const epoch = h.group.groupEpoch;
    const back = h.heartbeat("A2", 0, [], { instanceId: "i-1" });
    expect(back.error).toBe(Errors.NONE);
    expect(parts(back)).toEqual([0, 1, 2]);
    expect(h.group.groupEpoch).toBe(epoch);
  });
});

describe("KIP-848 safety: a partition has one owner at a time", () => {
  type Step = { member: number; action: "heartbeat" | "ack" | "leave" | "join" };
  it("no two clients own a partition at once, whatever the interleaving (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ member: fc.integer({ min: 0, max: 3 }), action: fc.constantFrom<Step["action"]>("heartbeat", "ack", "ack", "leave", "join") }), { maxLength: 80 }),
        fc.integer({ min: 1, max: 9 }),
        (steps, partitions) => {
          const h = new Harness(partitions);
          // Per client: epoch (0 = not joined), what it owns, the last assignment it was sent.
          const clients = [0, 1, 2, 3].map((i) => ({ id: `m${i}`, epoch: -1, owned: [] as number[], target: null as number[] | null }));
          for (const s of steps) {
            const c = clients[s.member]!;
            if (s.action === "join" && c.epoch < 0) c.epoch = 0;
            if (c.epoch < 0) continue;
            if (s.action === "leave") {
              if (c.epoch > 0) h.heartbeat(c.id, -1, tps(...c.owned));
              Object.assign(c, { epoch: -1, owned: [], target: null });
              continue;
            }
            if (s.action === "ack" && c.target !== null) {
              // Reconcile: drop what the target no longer has, then take what it adds.
              c.owned = [...c.target];
              c.target = null;
            }
            const r = h.heartbeat(c.id, c.epoch, tps(...c.owned));
            if (r.error !== Errors.NONE) {
              Object.assign(c, { epoch: 0, owned: [], target: null });
              continue;
            }
            c.epoch = r.memberEpoch;
            c.target = parts(r);
            const owners = new Map<number, string>();
            for (const x of clients) {
              for (const p of x.owned) {
                const other = owners.get(p);
                if (other !== undefined) throw new Error(`partition ${p} owned by ${other} and ${x.id}`);
                owners.set(p, x.id);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
