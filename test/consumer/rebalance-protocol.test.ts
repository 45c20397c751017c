// Table tests of the consumer's side of the classic rebalance protocol, driving one
// KafkaConsumer through the test harness's NodeEnv (test/harness: the real Scheduler and
// SeededRng) and answering its requests by hand. Cases after ConsumerCoordinatorTest (testEagerRevokeAll…, testCooperative…,
// testOnJoinPrepare…), AbstractCoordinatorTest (testHeartbeatRebalanceInProgress…,
// testHeartbeatIllegalGenerationResponse…, testHeartbeatUnknownMemberResponse…) and
// KIP-345's static membership (no LeaveGroup on close, rejoin with the instance id).

import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../core/config/catalog.ts";
import { CONSUMER_CATALOG, consumerSettings } from "../../core/config/consumer-config.ts";
import { KafkaConsumer } from "../../core/consumer/consumer.ts";
import type { ConsumeObserver } from "../../core/consumer/observer.ts";
import { Errors, type ErrorCode } from "../../core/protocol/errors.ts";
import type { PartitionList } from "../../core/protocol/group-messages.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import { NodeEnv, recordBatch } from "../harness/index.ts";
import type { ConsumerTimer } from "../../core/consumer/consumer-timers.ts";

const TOPIC = "t";
const NONE_OBSERVER: ConsumeObserver = { processed() {}, delivered() {}, committed() {}, assigned() {}, positionInitialized() {}, logTruncation() {} };

function tps(...partitions: number[]): PartitionList {
  return partitions.map((partition) => ({ topic: TOPIC, partition }));
}

class Client {
  // Request timeouts never fire: the test answers (or deliberately ignores) every request.
  readonly env = new NodeEnv<KafkaMessage, ConsumerTimer>("g-1", { silenced: (timer) => timer.kind === "RequestTimeout" });
  readonly consumer: KafkaConsumer;

  constructor(strategy: string, instanceId: string | null = null, processingTimeUs = 1000) {
    const values = resolveConfig(CONSUMER_CATALOG, { "group.id": "g", "partition.assignment.strategy": strategy, "enable.auto.commit": false, "auto.offset.reset": "earliest" }).values;
    const settings = { ...consumerSettings(values), groupId: "g", groupInstanceId: instanceId };
    this.consumer = new KafkaConsumer("g", TOPIC, settings, [1, 2, 3], { processingTimeUs: () => processingTimeUs }, NONE_OBSERVER);
    this.env.start(this.consumer);
    this.answer("Metadata", (id) => ({
      kind: "MetadataResponse",
      correlationId: id,
      brokers: [1, 2, 3],
      topics: [{ name: TOPIC, error: Errors.NONE, partitions: [0, 1, 2].map((p) => ({ partition: p, error: Errors.NONE, leader: 1 + p, leaderEpoch: 0, replicas: [1, 2, 3], isr: [1, 2, 3] })) }],
    }));
    this.answer("FindCoordinator", (id) => ({ kind: "FindCoordinatorResponse", correlationId: id, error: Errors.NONE, nodeId: 1 }));
  }

  /** Answers the last request of `kind` the consumer sent. */
  answer<K extends KafkaMessage["kind"]>(kind: K, build: (correlationId: number) => KafkaMessage): void {
    const req = this.env.last(kind) as { correlationId: number };
    const to = [...this.env.sent].reverse().find((s) => s.msg.kind === kind)!.to;
    this.consumer.onMessage(to, build(req.correlationId));
  }

  /** Answers the pending JoinGroup: this member (as leader if `others` is given, else a follower) in `generation`. */
  joinOk(memberId: string, generation: number, leader = true): void {
    this.answer("JoinGroup", (id) => ({
      kind: "JoinGroupResponse",
      correlationId: id,
      error: Errors.NONE,
      generationId: generation,
      protocolName: this.env.last("JoinGroup").protocols[0]!.name,
      leader: leader ? memberId : "other",
      skipAssignment: false,
      memberId,
      members: leader ? [{ memberId, groupInstanceId: null, metadata: this.env.last("JoinGroup").protocols[0]!.metadata }] : [],
    }));
  }

  syncOk(assignment: PartitionList): void {
    this.answer("SyncGroup", (id) => ({ kind: "SyncGroupResponse", correlationId: id, error: Errors.NONE, protocolName: null, assignment }));
  }

  /** Joins as the only member and gets `assignment` in `generation`. */
  stable(memberId: string, generation: number, assignment: PartitionList): void {
    this.joinOk(memberId, generation);
    this.syncOk(assignment);
    expect(this.consumer.memberState).toBe("STABLE");
  }

  /** Lets the heartbeat thread send a Heartbeat and answers it with `error`. */
  heartbeat(error: ErrorCode): void {
    const before = this.env.sentOf("Heartbeat").length;
    this.env.advance(3000);
    expect(this.env.sentOf("Heartbeat").length).toBe(before + 1);
    this.answer("Heartbeat", (id) => ({ kind: "HeartbeatResponse", correlationId: id, error }));
  }

  /** Moves time by `ms`, the coordinator answering each Heartbeat with NONE. */
  run(ms: number): void {
    for (let t = 0; t < ms; t += 500) {
      const before = this.env.sentOf("Heartbeat").length;
      this.env.advance(Math.min(500, ms - t));
      if (this.env.sentOf("Heartbeat").length > before) this.answer("Heartbeat", (id) => ({ kind: "HeartbeatResponse", correlationId: id, error: Errors.NONE }));
    }
  }

  owned(): number[] {
    return this.consumer.ownedPartitions().map((p) => p.partition);
  }

  joins(): number {
    return this.env.sentOf("JoinGroup").length;
  }
}

describe("joining", () => {
  it("a dynamic member joins with an empty member id and retries with the one MEMBER_ID_REQUIRED gives (KIP-394)", () => {
    const c = new Client("range");
    expect(c.env.last("JoinGroup")).toMatchObject({ memberId: "", groupInstanceId: null, rebalanceTimeoutMs: 300000, sessionTimeoutMs: 45000 });
    c.answer("JoinGroup", (id) => ({ kind: "JoinGroupResponse", correlationId: id, error: Errors.MEMBER_ID_REQUIRED, generationId: -1, protocolName: null, leader: "", skipAssignment: false, memberId: "m1", members: [] }));
    expect(c.joins()).toBe(2);
    expect(c.env.last("JoinGroup").memberId).toBe("m1");
  });

  it("the leader runs the assignor and sends every member's assignment in SyncGroup", () => {
    const c = new Client("range");
    c.joinOk("m1", 1);
    expect(c.env.last("SyncGroup")).toMatchObject({ generationId: 1, memberId: "m1", assignments: [{ memberId: "m1", partitions: tps(0, 1, 2) }] });
  });

  it("a follower sends an empty SyncGroup and takes what the leader assigned", () => {
    const c = new Client("range");
    c.joinOk("m2", 4, false);
    expect(c.env.last("SyncGroup").assignments).toEqual([]);
    c.syncOk(tps(1));
    expect([c.consumer.memberState, c.consumer.generation, c.owned()]).toEqual(["STABLE", 4, [1]]);
  });
});

describe("eager rebalancing (range)", () => {
  it("revokes every partition before sending JoinGroup", () => {
    const c = new Client("range");
    c.stable("m1", 1, tps(0, 1, 2));
    const mark = c.env.events.length;
    c.heartbeat(Errors.REBALANCE_IN_PROGRESS);
    const kinds = c.env.kinds(mark).filter((k) => k === "PartitionsRevoked" || k === "JoinGroupSent");
    expect(kinds).toEqual(["PartitionsRevoked", "JoinGroupSent"]);
    expect(c.env.events.find((e) => e.kind === "PartitionsRevoked")).toMatchObject({ partitions: [0, 1, 2], protocol: "eager" });
    expect(c.owned()).toEqual([]);
    expect(c.env.last("JoinGroup")).toMatchObject({ memberId: "m1", reason: "group is rebalancing" });
  });
});

describe("cooperative rebalancing (cooperative-sticky, KIP-429)", () => {
  it("keeps its partitions while it rejoins and names them in the subscription", () => {
    const c = new Client("cooperative-sticky");
    c.stable("m1", 1, tps(0, 1, 2));
    const mark = c.env.events.length;
    c.heartbeat(Errors.REBALANCE_IN_PROGRESS);
    expect(c.env.kinds(mark)).not.toContain("PartitionsRevoked");
    expect(c.owned()).toEqual([0, 1, 2]);
    expect(c.env.last("JoinGroup").protocols[0]!.metadata).toMatchObject({ ownedPartitions: tps(0, 1, 2), generationId: 1 });
  });

  it("revokes only the partitions that moved, then rejoins for the second round", () => {
    const c = new Client("cooperative-sticky");
    c.stable("m1", 1, tps(0, 1, 2));
    c.heartbeat(Errors.REBALANCE_IN_PROGRESS);
    c.joinOk("m1", 2, false);
    const joinsBefore = c.joins();
    c.syncOk(tps(0, 1));
    expect(c.env.events.find((e) => e.kind === "AssignmentReceived" && e["generation"] === 2)).toMatchObject({ partitions: [0, 1], revoked: [2] });
    expect(c.owned()).toEqual([0, 1]);
    expect(c.joins()).toBe(joinsBefore + 1);
    expect(c.env.last("JoinGroup")).toMatchObject({ reason: "need to revoke partitions and re-join" });
    expect(c.env.last("JoinGroup").protocols[0]!.metadata.ownedPartitions).toEqual(tps(0, 1));
  });

  it("does not rejoin when nothing was revoked", () => {
    const c = new Client("cooperative-sticky");
    c.stable("m1", 1, tps(0));
    c.heartbeat(Errors.REBALANCE_IN_PROGRESS);
    c.joinOk("m1", 2, false);
    const joinsBefore = c.joins();
    c.syncOk(tps(0, 1));
    expect([c.joins(), c.owned()]).toEqual([joinsBefore, [0, 1]]);
  });
});

describe("static membership (KIP-345)", () => {
  it("joins with its group.instance.id and takes the current generation without a MEMBER_ID_REQUIRED round trip", () => {
    const c = new Client("range", "g-1");
    expect(c.env.last("JoinGroup")).toMatchObject({ memberId: "", groupInstanceId: "g-1" });
    c.joinOk("m7", 5, false);
    c.syncOk(tps(0, 2));
    expect([c.joins(), c.consumer.generation, c.owned()]).toEqual([1, 5, [0, 2]]);
  });

  it.each([
    [null, 1],
    ["g-1", 0],
  ] as const)("instance id %s: close sends %i LeaveGroup", (instanceId, leaves) => {
    const c = new Client("range", instanceId);
    c.stable("m1", 1, tps(0));
    let done = false;
    c.consumer.onStop(() => (done = true));
    expect([done, c.env.sentOf("LeaveGroup").length]).toEqual([true, leaves]);
  });

  it("a fenced instance (FENCED_INSTANCE_ID) stops for good", () => {
    const c = new Client("range", "g-1");
    c.stable("m1", 1, tps(0));
    c.heartbeat(Errors.FENCED_INSTANCE_ID);
    expect(c.env.kinds()).toContain("ConsumerFailed");
    expect(c.owned()).toEqual([]);
  });
});

describe("heartbeat errors", () => {
  it.each([
    [Errors.ILLEGAL_GENERATION, "m1"],
    [Errors.UNKNOWN_MEMBER_ID, ""],
  ] as const)("%s: the partitions are lost (not revoked), the generation resets and the member rejoins with member id %j", (error, memberId) => {
    for (const strategy of ["range", "cooperative-sticky"]) {
      const c = new Client(strategy);
      c.stable("m1", 3, tps(0, 1));
      const mark = c.env.events.length;
      c.heartbeat(error);
      expect(c.env.kinds(mark)).toContain("PartitionsLost");
      expect(c.env.kinds(mark)).not.toContain("PartitionsRevoked");
      expect(c.owned()).toEqual([]);
      expect(c.env.last("JoinGroup")).toMatchObject({ memberId, reason: `heartbeat: ${error}` });
      expect(c.env.last("JoinGroup").protocols[0]!.metadata.generationId).toBe(-1);
    }
  });

  it("REBALANCE_IN_PROGRESS keeps the member id and generation for the rejoin", () => {
    const c = new Client("range");
    c.stable("m1", 3, tps(0));
    c.heartbeat(Errors.REBALANCE_IN_PROGRESS);
    expect(c.env.last("JoinGroup").protocols[0]!.metadata.generationId).toBe(3);
    expect(c.env.last("JoinGroup").memberId).toBe("m1");
  });

  it("NOT_COORDINATOR forgets the coordinator and looks it up again, keeping the partitions", () => {
    const c = new Client("range");
    c.stable("m1", 1, tps(0, 1));
    const finds = c.env.sentOf("FindCoordinator").length;
    c.heartbeat(Errors.NOT_COORDINATOR);
    expect(c.env.kinds()).toContain("CoordinatorLost");
    expect(c.env.sentOf("FindCoordinator").length).toBe(finds + 1);
    expect(c.owned()).toEqual([0, 1]);
  });
});

describe("max.poll.interval.ms", () => {
  /** Stable on partition 0 at offset 0, then one record fetched: processing it takes the app's time. */
  function processingOneRecord(processingTimeUs: number): Client {
    const c = new Client("range", null, processingTimeUs);
    c.stable("m1", 1, tps(0));
    c.answer("OffsetFetch", (id) => ({ kind: "OffsetFetchResponse", correlationId: id, error: Errors.NONE, partitions: [{ topic: TOPIC, partition: 0, offset: 0 }] }));
    const batch = recordBatch({ sizeBytes: 100 }, [{ rid: 1, valueBytes: 10 }]);
    c.answer("Fetch", (id) => ({ kind: "FetchResponse", correlationId: id, error: Errors.NONE, partitions: [{ topic: TOPIC, partition: 0, error: Errors.NONE, highWatermark: 1, lastStableOffset: -1, logStartOffset: 0, abortedTransactions: null, divergingEpoch: null, batches: [batch] }] }));
    return c;
  }

  it("a member processing longer than max.poll.interval.ms (300 s) leaves the group and loses its partitions", () => {
    const c = processingOneRecord(400_000_000);
    c.run(290_000);
    expect(c.env.kinds()).not.toContain("PollTimeoutExpired");
    c.run(15_000);
    expect(c.env.events.find((e) => e.kind === "PollTimeoutExpired")).toMatchObject({ member: "m1" });
    expect(c.env.last("LeaveGroup")).toMatchObject({ memberId: "m1", reason: "consumer poll timeout has expired" });
    expect([c.owned(), c.consumer.memberState]).toEqual([[], "UNJOINED"]);
  });

  it("when the batch is done, the member polls again and rejoins with a new member id", () => {
    const c = processingOneRecord(400_000_000);
    const joins = c.joins();
    c.run(401_000);
    expect(c.env.kinds()).toContain("RecordsProcessed");
    expect(c.joins()).toBe(joins + 1);
    expect(c.env.last("JoinGroup").memberId).toBe("");
  });

  it("a member that polls in time keeps its heartbeats going and stays", () => {
    const c = processingOneRecord(200_000_000);
    c.run(305_000);
    expect(c.env.kinds()).not.toContain("PollTimeoutExpired");
    expect(c.env.sentOf("LeaveGroup")).toHaveLength(0);
    expect(c.env.sentOf("Heartbeat").length).toBeGreaterThan(90);
  });
});
