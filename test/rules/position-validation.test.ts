// KIP-320 position validation against Kafka's own tests: the rules of
// core/consumer/position-validation.ts as tables (SubscriptionStateTest in
// clients/src/test/java/org/apache/kafka/clients/consumer/internals/), the broker's
// OffsetsForLeaderEpoch answer (Partition.lastOffsetForLeaderEpoch), and the consumer's
// Fetcher going through AWAIT_VALIDATION (OffsetFetcherTest's validation cases).

import { describe, expect, it } from "vitest";
import { offsetsForLeaderEpoch } from "../../core/broker/offsets-for-leader-epoch.ts";
import { resolveConfig } from "../../core/config/catalog.ts";
import { CONSUMER_CATALOG, consumerSettings } from "../../core/config/consumer-config.ts";
import type { ConsumerContext, ConsumerPending } from "../../core/consumer/consumer-context.ts";
import { Fetcher } from "../../core/consumer/fetcher.ts";
import { completeValidation, onLeaderUpdate, type ValidatedPosition, type ValidationOutcome } from "../../core/consumer/position-validation.ts";
import { Errors, type ErrorCode } from "../../core/protocol/errors.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import type { TraceEvent } from "../../core/trace/index.ts";
import { Fixture } from "./partition-fixture.ts";
import { batch } from "./batches.ts";

// SubscriptionStateTest's position: offset 10 read in epoch 5, leader broker 1 at epoch 10.
const POS: ValidatedPosition = { offset: 10, offsetEpoch: 5, leader: 1, leaderEpoch: 10 };

describe("completeValidation (SubscriptionState.maybeCompleteValidation)", () => {
  const rows: [name: string, end: [epoch: number, endOffset: number], policy: "earliest" | "latest" | "none", want: ValidationOutcome][] = [
    ["end offset past the position: valid (testMaybeCompleteValidation)", [5, 15], "latest", { kind: "valid" }],
    ["end offset equal to the position: valid", [5, 10], "none", { kind: "valid" }],
    ["truncated, a reset policy: seek to the end offset and its epoch (testTruncationDetectionWithResetPolicy)", [7, 5], "latest", { kind: "seek-to-divergence", offset: 5, offsetEpoch: 7 }],
    ["truncated, earliest: still the end offset, not the log start", [7, 5], "earliest", { kind: "seek-to-divergence", offset: 5, offsetEpoch: 7 }],
    ["truncated, none: LogTruncationException with the divergent offset (testTruncationDetectionWithoutResetPolicy)", [7, 5], "none", { kind: "log-truncation", divergentOffset: 5, divergentEpoch: 7 }],
    ["unknown end offset, a reset policy: reset by policy (testTruncationDetectionUnknownDivergentOffsetWithResetPolicy)", [-1, -1], "earliest", { kind: "reset-by-policy" }],
    ["unknown end offset, none: LogTruncationException without offset (testTruncationDetectionUnknownDivergentOffsetWithoutResetPolicy)", [-1, -1], "none", { kind: "log-truncation", divergentOffset: -1, divergentEpoch: -1 }],
    ["an offset with an undefined epoch counts as unknown (testOffsetValidationresetPositionForUndefinedEpochWithDefinedResetPolicy)", [-1, 5], "latest", { kind: "reset-by-policy" }],
    ["an epoch with an undefined offset counts as unknown (testOffsetValidationresetPositionForUndefinedOffsetWithDefinedResetPolicy)", [5, -1], "latest", { kind: "reset-by-policy" }],
  ];
  for (const [name, [epoch, endOffset], policy, want] of rows) {
    it(name, () => expect(completeValidation(POS, { epoch, endOffset }, policy)).toEqual(want));
  }
});

describe("onLeaderUpdate (TopicPartitionState.maybeValidatePosition / validatePosition)", () => {
  const rows: [name: string, pos: ValidatedPosition, leader: number, epoch: number, want: ReturnType<typeof onLeaderUpdate>][] = [
    ["same leader and epoch: nothing to validate", POS, 1, 10, "unchanged"],
    ["a new leader epoch: AWAIT_VALIDATION", POS, 1, 11, "await-validation"],
    ["a new leader at the same epoch: AWAIT_VALIDATION (LeaderAndEpoch differs)", POS, 2, 10, "await-validation"],
    ["no leader known: unchanged (maybeValidatePosition returns false)", POS, -1, -1, "unchanged"],
    ["no offsetEpoch: straight to FETCHING (testSeekUnvalidatedWithNoOffsetEpoch)", { ...POS, offsetEpoch: -1 }, 1, 11, "fetching"],
    ["no leader epoch in metadata: FETCHING", POS, 2, -1, "fetching"],
  ];
  for (const [name, pos, leader, epoch, want] of rows) {
    it(name, () => expect(onLeaderUpdate(pos, leader, epoch)).toBe(want));
  }
});

describe("offsetsForLeaderEpoch (Partition.lastOffsetForLeaderEpoch, fetchOnlyFromLeader)", () => {
  // Epoch 0 wrote offsets 0..9, epoch 1 wrote 10..14; the leader is now at epoch 1, LEO 15.
  const f = new Fixture().seed(10, 0).makeLeader(1, [0, 1, 2], [0, 1, 2]).seed(5, 1);
  const ask = (currentLeaderEpoch: number, leaderEpoch: number, partition = 0) =>
    offsetsForLeaderEpoch({ kind: "OffsetsForLeaderEpoch", correlationId: 1, replicaId: -1, partitions: [{ topic: "t", partition, currentLeaderEpoch, leaderEpoch }] }, (_t, p) => (p === 0 ? f.p : undefined)).partitions[0]!;
  const rows: [name: string, current: number, epoch: number, partition: number, want: [error: ErrorCode, epoch: number, endOffset: number]][] = [
    ["an older epoch ends where the next one starts", 1, 0, 0, [Errors.NONE, 0, 10]],
    ["the latest epoch ends at the log end offset, not the HW", 1, 1, 0, [Errors.NONE, 1, 15]],
    ["an epoch newer than any known: undefined (-1, -1)", 1, 7, 0, [Errors.NONE, -1, -1]],
    ["no current epoch (-1) skips the fencing check", -1, 0, 0, [Errors.NONE, 0, 10]],
    ["the consumer's current epoch is older: FENCED_LEADER_EPOCH", 0, 0, 0, [Errors.FENCED_LEADER_EPOCH, -1, -1]],
    ["the consumer's current epoch is newer: UNKNOWN_LEADER_EPOCH", 2, 0, 0, [Errors.UNKNOWN_LEADER_EPOCH, -1, -1]],
    ["a partition the broker does not host: UNKNOWN_TOPIC_OR_PARTITION", 1, 0, 3, [Errors.UNKNOWN_TOPIC_OR_PARTITION, -1, -1]],
  ];
  for (const [name, current, epoch, partition, [error, endEpoch, endOffset]] of rows) {
    it(name, () => expect(ask(current, epoch, partition)).toMatchObject({ error, leaderEpoch: endEpoch, endOffset }));
  }
  it("a follower answers NOT_LEADER_OR_FOLLOWER", () => {
    const g = new Fixture().seed(10, 0);
    g.p.makeFollower(1, 1, 1, [0, 1, 2], [0, 1, 2]);
    const r = offsetsForLeaderEpoch({ kind: "OffsetsForLeaderEpoch", correlationId: 1, replicaId: -1, partitions: [{ topic: "t", partition: 0, currentLeaderEpoch: 1, leaderEpoch: 0 }] }, () => g.p);
    expect(r.partitions[0]!.error).toBe(Errors.NOT_LEADER_OR_FOLLOWER);
  });
});

/** A Fetcher over a context that records what it sends and emits. */
class FetcherRig {
  nowUs = 0;
  readonly events: TraceEvent[] = [];
  readonly sent: { to: string; info: ConsumerPending; msg: KafkaMessage }[] = [];
  readonly truncations: [position: number, endOffset: number][] = [];
  readonly fatal: string[] = [];
  readonly fetcher: Fetcher;

  constructor(policy: "earliest" | "latest" | "none") {
    const settings = { ...consumerSettings(resolveConfig(CONSUMER_CATALOG, { "group.id": "g", "auto.offset.reset": policy }).values), groupId: "g", groupInstanceId: null };
    const ctx = {
      env: { now: () => this.nowUs, emit: (e: TraceEvent) => this.events.push(e) },
      settings,
      groupId: "g",
      topic: "t",
      observer: { positionInitialized() {}, logTruncation: (_g: string, _t: string, _p: number, position: number, end: number) => this.truncations.push([position, end]) },
      request: (to: string, info: ConsumerPending, _timeoutMs: number, build: (id: number) => KafkaMessage) => {
        this.sent.push({ to, info, msg: build(this.sent.length + 1) });
        return this.sent.length;
      },
      anyBroker: () => "broker-1",
      connections: { delayUs: () => 0 },
    } as unknown as ConsumerContext;
    this.fetcher = new Fetcher(ctx, (e) => this.fatal.push(e));
  }

  metadata(leader: number, leaderEpoch: number): this {
    this.fetcher.onMetadata({ kind: "MetadataResponse", correlationId: 0, brokers: [1, 2, 3], topics: [{ name: "t", error: Errors.NONE, partitions: [{ partition: 0, error: Errors.NONE, leader, leaderEpoch, replicas: [1, 2, 3], isr: [1, 2, 3] }] }] });
    return this;
  }

  /** Assigned t-0 at committed offset 0, fetched and consumed `n` records written in `epoch`. */
  consume(n: number, epoch: number): this {
    this.fetcher.setAssignment([{ topic: "t", partition: 0 }]);
    this.fetcher.onCommittedOffsets([{ topic: "t", partition: 0, offset: 0 }]);
    this.fetcher.onFetchResponse("broker-1", { kind: "FetchResponse", correlationId: 0, error: Errors.NONE, partitions: [{ topic: "t", partition: 0, error: Errors.NONE, highWatermark: n, lastStableOffset: -1, logStartOffset: 0, abortedTransactions: null, divergingEpoch: null, batches: [batch({ count: n, leaderEpoch: epoch })] }] }, [{ partition: 0, fetchOffset: 0 }]);
    this.fetcher.drain(500, []);
    return this;
  }

  get tp() {
    return this.fetcher.assigned.get("t-0")!;
  }

  /** Sends the validations due and answers the last one with (error, epoch, endOffset). */
  answer(error: ErrorCode, leaderEpoch: number, endOffset: number): void {
    const last = this.sent.at(-1)!;
    if (last.info.type !== "offsets-for-leader-epoch") throw new Error(`last request was ${last.info.type}`);
    this.fetcher.onOffsetsForLeaderEpoch({ kind: "OffsetsForLeaderEpochResponse", correlationId: 0, partitions: [{ topic: "t", partition: 0, error, leaderEpoch, endOffset }] }, last.info.positions);
  }
}

describe("Fetcher position validation (OffsetFetcher.validatePositionsAsync)", () => {
  it("a new leader epoch puts the position in AWAIT_VALIDATION: no Fetch, one OffsetsForLeaderEpoch with the last record's epoch", () => {
    const r = new FetcherRig("latest").metadata(1, 3).consume(20, 3).metadata(2, 4);
    expect(r.tp.phase).toBe("validate");
    expect(r.tp.offsetEpoch).toBe(3);
    r.fetcher.sendFetches();
    expect(r.sent).toHaveLength(0);
    r.fetcher.validatePositions();
    expect(r.sent[0]!.to).toBe("broker-2");
    expect(r.sent[0]!.msg).toMatchObject({ kind: "OffsetsForLeaderEpoch", replicaId: -1, partitions: [{ topic: "t", partition: 0, currentLeaderEpoch: 4, leaderEpoch: 3 }] });
    r.fetcher.validatePositions();
    expect(r.sent).toHaveLength(1); // one in flight at a time
  });

  it("Fetch sends currentLeaderEpoch and lastFetchedEpoch -1 (AbstractFetch.prepareFetchRequests: Optional.empty())", () => {
    const r = new FetcherRig("latest").metadata(1, 3).consume(20, 3);
    r.fetcher.sendFetches();
    expect(r.sent[0]!.msg).toMatchObject({ kind: "Fetch", partitions: [{ currentLeaderEpoch: 3, fetchOffset: 20, lastFetchedEpoch: -1 }] });
  });

  it("end offset at or past the position: FETCHING again, ConsumerPositionValidated", () => {
    const r = new FetcherRig("latest").metadata(1, 3).consume(20, 3).metadata(2, 4);
    r.fetcher.validatePositions();
    r.answer(Errors.NONE, 3, 20);
    expect(r.tp.phase).toBe("ready");
    expect(r.tp.position).toBe(20);
    expect(r.events.filter((e) => e.kind === "ConsumerPositionValidated")).toHaveLength(1);
  });

  it("truncated under the position with auto.offset.reset=latest: seek to the end offset (not the log end), ConsumerLogTruncation", () => {
    const r = new FetcherRig("latest").metadata(1, 3).consume(20, 3).metadata(2, 4);
    r.fetcher.validatePositions();
    r.answer(Errors.NONE, 3, 12);
    expect(r.tp).toMatchObject({ phase: "ready", position: 12, offsetEpoch: 3 });
    expect(r.truncations).toEqual([[20, 12]]);
    expect(r.events.find((e) => e.kind === "ConsumerLogTruncation")).toMatchObject({ position: 20, endOffset: 12, action: "seek" });
  });

  it("truncated with auto.offset.reset=none: LogTruncationException stops the partition, nothing committed for it", () => {
    const r = new FetcherRig("none").metadata(1, 3).consume(20, 3).metadata(2, 4);
    r.fetcher.validatePositions();
    r.answer(Errors.NONE, 3, 12);
    expect(r.tp.phase).toBe("truncated");
    expect(r.fetcher.consumedOffsets()).toEqual([]);
    expect(r.events.find((e) => e.kind === "ConsumerLogTruncation")).toMatchObject({ action: "LogTruncationException" });
  });

  it("FENCED_LEADER_EPOCH: retried after retry.backoff.ms, still awaiting validation (testOffsetValidationFencing)", () => {
    const r = new FetcherRig("latest").metadata(1, 3).consume(20, 3).metadata(2, 4);
    r.fetcher.validatePositions();
    r.answer(Errors.FENCED_LEADER_EPOCH, -1, -1);
    expect(r.tp.phase).toBe("validate");
    const metadataAsked = r.sent.at(-1)!.info.type;
    expect(metadataAsked).toBe("metadata");
    expect(r.fetcher.validatePositions()).toBe(100_000); // retry.backoff.ms=100
    r.nowUs += 100_000;
    r.fetcher.validatePositions();
    expect(r.sent.at(-1)!.info.type).toBe("offsets-for-leader-epoch");
  });

  it("an answer for a position that moved meanwhile is ignored (testMaybeCompleteValidationAfterPositionChange)", () => {
    const r = new FetcherRig("latest").metadata(1, 3).consume(20, 3).metadata(2, 4);
    r.fetcher.validatePositions();
    r.metadata(3, 5); // another leader change: the position now belongs to epoch 5
    r.answer(Errors.NONE, 3, 12);
    expect(r.tp).toMatchObject({ phase: "validate", position: 20, positionLeaderEpoch: 5 });
    expect(r.truncations).toEqual([]);
  });

  it("a position from a committed offset carries no epoch: a leader change needs no validation", () => {
    const r = new FetcherRig("latest").metadata(1, 3);
    r.fetcher.setAssignment([{ topic: "t", partition: 0 }]);
    r.fetcher.onCommittedOffsets([{ topic: "t", partition: 0, offset: 7 }]);
    r.metadata(2, 4);
    expect(r.tp).toMatchObject({ phase: "ready", position: 7, positionLeader: 2, positionLeaderEpoch: 4 });
  });
});
