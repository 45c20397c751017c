// Table tests of the coordinator's classic group state machine (GroupMetadataManager's
// classic half; cases after GroupMetadataManagerTest's testJoinGroup*, testSyncGroup*,
// testHeartbeat*, testStaticMember* and testLeaveGroup*), driven through a fake host on the
// test harness's clock (the real Scheduler), so every transition and every error code is
// checked in isolation.

import { describe, expect, it } from "vitest";
import { ClassicGroup } from "../../core/group/classic-group.ts";
import { ClassicGroupHandler } from "../../core/group/classic-group-handler.ts";
import { Errors } from "../../core/protocol/errors.ts";
import { TestClock } from "../harness/index.ts";
import type { JoinGroupRequest } from "../../core/protocol/group-messages.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";

class Harness {
  sent: { to: string; msg: KafkaMessage }[] = [];
  readonly clock = new TestClock();
  private ids = 0;
  readonly group = new ClassicGroup("g");
  readonly handler = new ClassicGroupHandler({
    now: this.clock.now,
    send: (to, msg) => this.sent.push({ to, msg }),
    schedule: this.clock.schedule,
    cancel: this.clock.cancel,
    write: (_record, done) => done(Errors.NONE),
    newMemberId: (client) => `${client}-m${++this.ids}`,
    emit: () => {},
    initialRebalanceDelayMs: 3000,
    minSessionTimeoutMs: 6000,
    maxSessionTimeoutMs: 1_800_000,
    maxSize: 100,
  });

  advanceTo(ms: number): void {
    this.clock.advanceTo(ms);
  }

  join(client: string, memberId = "", opts: Partial<JoinGroupRequest> = {}): void {
    this.handler.join(this.group, client, {
      kind: "JoinGroup",
      correlationId: 1,
      groupId: "g",
      sessionTimeoutMs: 10_000,
      rebalanceTimeoutMs: 60_000,
      memberId,
      groupInstanceId: null,
      protocolType: "consumer",
      protocols: [{ name: "range", metadata: { topics: ["t"], ownedPartitions: [], generationId: -1 } }],
      reason: "test",
      ...opts,
    });
  }

  /** Joins through KIP-394's two round trips; returns the member id. */
  joinDynamic(client: string): string {
    this.join(client);
    const resp = this.last(client, "JoinGroupResponse");
    expect(resp.error).toBe(Errors.MEMBER_ID_REQUIRED);
    this.join(client, resp.memberId);
    return resp.memberId;
  }

  last<K extends KafkaMessage["kind"]>(to: string, kind: K): Extract<KafkaMessage, { kind: K }> {
    const found = this.sent.filter((s) => s.to === to && s.msg.kind === kind).at(-1);
    if (found === undefined) throw new Error(`no ${kind} to ${to}`);
    return found.msg as Extract<KafkaMessage, { kind: K }>;
  }

  sync(client: string, memberId: string, generationId: number, assignments: { memberId: string; partitions: { topic: string; partition: number }[] }[] = []): void {
    this.handler.sync(this.group, client, { kind: "SyncGroup", correlationId: 2, groupId: "g", generationId, memberId, groupInstanceId: null, protocolName: "range", assignments });
  }

  heartbeat(memberId: string, generationId: number, groupInstanceId: string | null = null): string {
    return this.handler.heartbeat(this.group, { kind: "Heartbeat", correlationId: 3, groupId: "g", generationId, memberId, groupInstanceId });
  }

  /** Two dynamic members through the first rebalance to Stable, generation 1. */
  stableWithTwo(): { a: string; b: string } {
    const a = this.joinDynamic("c1");
    const b = this.joinDynamic("c2");
    this.advanceTo(6000);
    this.sync("c1", a, 1, [
      { memberId: a, partitions: [{ topic: "t", partition: 0 }] },
      { memberId: b, partitions: [{ topic: "t", partition: 1 }] },
    ]);
    this.sync("c2", b, 1);
    expect(this.group.state).toBe("Stable");
    return { a, b };
  }
}

describe("ClassicGroup state machine (GroupMetadataManager, classic protocol)", () => {
  it("JoinGroup without a member id gets MEMBER_ID_REQUIRED and a fresh id (KIP-394); the group stays Empty", () => {
    const h = new Harness();
    h.join("c1");
    const resp = h.last("c1", "JoinGroupResponse");
    expect(resp.error).toBe(Errors.MEMBER_ID_REQUIRED);
    expect(resp.memberId).toMatch(/^c1-/);
    expect(h.group.state).toBe("Empty");
    expect(h.group.pendingMembers.has(resp.memberId)).toBe(true);
  });

  it.each([
    [5999, Errors.INVALID_SESSION_TIMEOUT],
    [6000, Errors.MEMBER_ID_REQUIRED],
    [1_800_000, Errors.MEMBER_ID_REQUIRED],
    [1_800_001, Errors.INVALID_SESSION_TIMEOUT],
  ])("session.timeout.ms %i against group.min/max.session.timeout.ms → %s", (sessionTimeoutMs, error) => {
    const h = new Harness();
    h.join("c1", "", { sessionTimeoutMs });
    expect(h.last("c1", "JoinGroupResponse").error).toBe(error);
  });

  it("a known member id that the group never issued is UNKNOWN_MEMBER_ID", () => {
    const h = new Harness();
    h.join("c1", "nobody");
    expect(h.last("c1", "JoinGroupResponse").error).toBe(Errors.UNKNOWN_MEMBER_ID);
  });

  it("the first rebalance waits group.initial.rebalance.delay.ms, extended once per late joiner", () => {
    const h = new Harness();
    const a = h.joinDynamic("c1");
    expect(h.group.state).toBe("PreparingRebalance");
    h.advanceTo(1000);
    h.joinDynamic("c2");
    h.advanceTo(3000);
    expect(h.group.state).toBe("PreparingRebalance"); // a member came during the first delay: another 3 s
    h.advanceTo(6000);
    expect(h.group.state).toBe("CompletingRebalance");
    expect(h.group.generationId).toBe(1);
    const leader = h.last("c1", "JoinGroupResponse");
    expect(leader.leader).toBe(a);
    expect(leader.members.map((m) => m.memberId)).toHaveLength(2);
    expect(h.last("c2", "JoinGroupResponse").members).toHaveLength(0); // only the leader gets the members
  });

  it("the leader's SyncGroup makes the group Stable and hands every member its assignment", () => {
    const h = new Harness();
    const { b } = h.stableWithTwo();
    expect(h.last("c2", "SyncGroupResponse")).toMatchObject({ error: Errors.NONE, assignment: [{ topic: "t", partition: 1 }] });
    expect(h.group.members.get(b)?.assignment).toEqual([{ topic: "t", partition: 1 }]);
  });

  it.each([
    ["the current generation in Stable", 1, true, Errors.NONE],
    ["an old generation", 0, true, Errors.ILLEGAL_GENERATION],
    ["an unknown member", 1, false, Errors.UNKNOWN_MEMBER_ID],
  ])("Heartbeat from %s → %s", (_name, generation, known, error) => {
    const h = new Harness();
    const { a } = h.stableWithTwo();
    expect(h.heartbeat(known ? a : "stranger", generation)).toBe(error);
  });

  it("a joining member moves a Stable group to PreparingRebalance; heartbeats then say REBALANCE_IN_PROGRESS", () => {
    const h = new Harness();
    const { a, b } = h.stableWithTwo();
    h.joinDynamic("c3");
    expect(h.group.state).toBe("PreparingRebalance");
    expect(h.heartbeat(a, 1)).toBe(Errors.REBALANCE_IN_PROGRESS);
    h.join("c1", a);
    h.join("c2", b);
    expect(h.group.state).toBe("CompletingRebalance"); // all rejoined: no waiting for the timeout
    expect(h.group.generationId).toBe(2);
  });

  it("a member that stops heartbeating is removed after session.timeout.ms and the group rebalances", () => {
    const h = new Harness();
    const { a, b } = h.stableWithTwo();
    for (let t = 9000; t <= 15_000; t += 3000) {
      h.advanceTo(t);
      expect(h.heartbeat(a, 1)).toBe(Errors.NONE);
    }
    expect(h.group.members.has(b)).toBe(true);
    h.advanceTo(16_001); // b's last sign of life was at 6 s
    expect(h.group.members.has(b)).toBe(false);
    expect(h.group.state).toBe("PreparingRebalance");
    expect(h.heartbeat(a, 1)).toBe(Errors.REBALANCE_IN_PROGRESS);
  });

  it("a member that neither heartbeats nor rejoins is dropped; the rebalance completes with those who rejoined", () => {
    const h = new Harness();
    const { a, b } = h.stableWithTwo();
    h.joinDynamic("c3");
    h.join("c1", a);
    expect(h.group.state).toBe("PreparingRebalance"); // waiting for b
    h.advanceTo(16_001);
    expect(h.group.members.has(b)).toBe(false);
    expect(h.group.state).toBe("CompletingRebalance");
    expect([...h.group.members.keys()]).toHaveLength(2);
    expect(h.group.generationId).toBe(2);
  });

  it("SyncGroup during PreparingRebalance is REBALANCE_IN_PROGRESS; a wrong generation is ILLEGAL_GENERATION", () => {
    const h = new Harness();
    const { a } = h.stableWithTwo();
    h.sync("c1", a, 0);
    expect(h.last("c1", "SyncGroupResponse").error).toBe(Errors.ILLEGAL_GENERATION);
    h.joinDynamic("c3");
    h.sync("c1", a, 1);
    expect(h.last("c1", "SyncGroupResponse").error).toBe(Errors.REBALANCE_IN_PROGRESS);
  });

  it("LeaveGroup rebalances; when the last member leaves the group is Empty at the next generation", () => {
    const h = new Harness();
    const { a, b } = h.stableWithTwo();
    expect(h.handler.leave(h.group, { kind: "LeaveGroup", correlationId: 4, groupId: "g", memberId: a, groupInstanceId: null, reason: "bye" })).toBe(Errors.NONE);
    expect(h.group.state).toBe("PreparingRebalance");
    expect(h.handler.leave(h.group, { kind: "LeaveGroup", correlationId: 5, groupId: "g", memberId: b, groupInstanceId: null, reason: "bye" })).toBe(Errors.NONE);
    expect(h.group.state).toBe("Empty");
    expect(h.group.generationId).toBe(2);
  });

  it("a static member rejoining a Stable group gets its assignment back without a rebalance; the old id is fenced (KIP-345)", () => {
    const h = new Harness();
    h.join("c1", "", { groupInstanceId: "i1" }); // static members skip MEMBER_ID_REQUIRED
    const first = h.group.staticMembers.get("i1")!;
    h.advanceTo(3000);
    h.handler.sync(h.group, "c1", { kind: "SyncGroup", correlationId: 2, groupId: "g", generationId: 1, memberId: first, groupInstanceId: "i1", protocolName: "range", assignments: [{ memberId: first, partitions: [{ topic: "t", partition: 0 }] }] });
    expect(h.group.state).toBe("Stable");
    h.join("c1", "", { groupInstanceId: "i1" });
    const resp = h.last("c1", "JoinGroupResponse");
    expect(resp.error).toBe(Errors.NONE);
    expect(resp.generationId).toBe(1);
    expect(resp.memberId).not.toBe(first);
    expect(resp.skipAssignment).toBe(true); // the rejoined leader must not reassign (KIP-814)
    expect(h.group.state).toBe("Stable");
    expect(h.heartbeat(first, 1, "i1")).toBe(Errors.FENCED_INSTANCE_ID);
    expect(h.heartbeat(resp.memberId, 1, "i1")).toBe(Errors.NONE);
  });

  it("a static member that stops heartbeating still expires after session.timeout.ms", () => {
    const h = new Harness();
    h.join("c1", "", { groupInstanceId: "i1" });
    h.advanceTo(3000);
    const id = h.group.staticMembers.get("i1")!;
    h.handler.sync(h.group, "c1", { kind: "SyncGroup", correlationId: 2, groupId: "g", generationId: 1, memberId: id, groupInstanceId: "i1", protocolName: "range", assignments: [] });
    h.advanceTo(3000 + 10_001);
    expect(h.group.members.size).toBe(0);
    expect(h.group.state).toBe("Empty");
  });
});
