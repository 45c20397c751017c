// Transactional offsets on the group coordinator (Kafka 4.x OffsetMetadataManager): TxnOffsetCommit
// validated against the group (validateTransactionalOffsetCommit, KIP-447), its offsets pending
// per producer id until the transaction's marker is replayed (replayEndTransactionMarker), an
// OffsetFetch with require_stable answered UNSTABLE_OFFSET_COMMIT meanwhile, and the same state
// rebuilt from the log on load. Cases after OffsetMetadataManagerTest's
// testGenericGroupTransactionalOffsetCommit*, testFetchOffsetsWithPendingTransactionalOffsets and
// testReplayTransactionEndMarker*.

import { describe, expect, it } from "vitest";
import { validateTxnOffsetCommit } from "../../core/group/txn-offset-commit.ts";
import { GroupStore } from "../../core/group/group-store.ts";
import { ControlBatchBuilder } from "../../core/protocol/control-batch.ts";
import { Errors } from "../../core/protocol/errors.ts";
import type { OffsetFetchRequest } from "../../core/protocol/group-messages.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import { ControlType } from "../../core/protocol/records.ts";
import type { TxnOffsetCommitRequest } from "../../core/protocol/txn-messages.ts";
import { CoordinatorHarness } from "./coordinator-harness.ts";

const PID = 4000;

function txnCommit(offset: number, over: Partial<TxnOffsetCommitRequest> = {}): TxnOffsetCommitRequest {
  return { kind: "TxnOffsetCommit", correlationId: 7, transactionalId: "app-1", groupId: "g", producerId: PID, producerEpoch: 0, generationId: -1, memberId: "", groupInstanceId: null, offsets: [{ topic: "t", partition: 0, offset }], ...over };
}

function fetchOffsets(h: CoordinatorHarness, requireStable: boolean): { offset: number; error?: string } {
  const req: OffsetFetchRequest = { kind: "OffsetFetch", correlationId: 8, groupId: "g", partitions: [{ topic: "t", partition: 0 }], ...(requireStable ? { requireStable: true as const } : {}) };
  h.request("c", req);
  const resp = h.take().sent.map((s) => s.msg).find((m): m is Extract<KafkaMessage, { kind: "OffsetFetchResponse" }> => m.kind === "OffsetFetchResponse")!;
  const p = resp.partitions[0]!;
  return p.error === undefined ? { offset: p.offset } : { offset: p.offset, error: p.error };
}

function committedTxn(h: CoordinatorHarness, offset: number): void {
  h.txnOffsetCommit("p", txnCommit(offset));
  const resp = h.take().sent.find((s) => s.msg.kind === "TxnOffsetCommitResponse")!.msg;
  expect(resp).toMatchObject({ partitions: [{ topic: "t", partition: 0, error: Errors.NONE }] });
}

describe("TxnOffsetCommit's pending offsets", () => {
  it("are written in a transactional batch of the producer, and are not the group's offsets yet", () => {
    const h = new CoordinatorHarness();
    committedTxn(h, 15);
    const batch = h.batches.at(-1)!;
    expect([batch.isTransactional, batch.producerId, batch.producerEpoch]).toEqual([true, PID, 0]);
    expect(fetchOffsets(h, false)).toEqual({ offset: -1 });
  });

  it("testFetchOffsetsWithPendingTransactionalOffsets: require_stable gets UNSTABLE_OFFSET_COMMIT while they are pending", () => {
    const h = new CoordinatorHarness();
    committedTxn(h, 15);
    expect(fetchOffsets(h, true)).toEqual({ offset: -1, error: Errors.UNSTABLE_OFFSET_COMMIT });
  });

  it("testReplayTransactionEndMarkerWithCommit: a COMMIT marker makes them the group's offsets", () => {
    const h = new CoordinatorHarness();
    committedTxn(h, 15);
    h.coordinator.onTransactionMarker(0, PID, true);
    expect(fetchOffsets(h, true)).toEqual({ offset: 15 });
  });

  it("testReplayTransactionEndMarkerWithAbort: an ABORT marker drops them", () => {
    const h = new CoordinatorHarness();
    committedTxn(h, 15);
    h.coordinator.onTransactionMarker(0, PID, false);
    expect(fetchOffsets(h, true)).toEqual({ offset: -1 });
  });

  it("a marker of another producer leaves them pending", () => {
    const h = new CoordinatorHarness();
    committedTxn(h, 15);
    h.coordinator.onTransactionMarker(0, PID + 1, true);
    expect(fetchOffsets(h, true)).toMatchObject({ error: Errors.UNSTABLE_OFFSET_COMMIT });
  });

  it("replay on load: the transactional batch is pending again, and a COMMIT marker in the log commits it", () => {
    const h = new CoordinatorHarness();
    committedTxn(h, 15);
    h.coordinator.onElected(0);
    h.tick(1);
    expect(fetchOffsets(h, true)).toMatchObject({ error: Errors.UNSTABLE_OFFSET_COMMIT });
    h.batches.push(new ControlBatchBuilder().build(PID, 0, { type: ControlType.COMMIT, coordinatorEpoch: 0 }, 0));
    h.coordinator.onElected(0);
    h.tick(1);
    expect(fetchOffsets(h, true)).toEqual({ offset: 15 });
  });

  it("NOT_COORDINATOR for a group whose partition this broker does not lead", () => {
    const h = new CoordinatorHarness();
    h.coordinator.onResigned(0);
    h.txnOffsetCommit("p", txnCommit(15));
    expect(h.take().sent[0]!.msg).toMatchObject({ kind: "TxnOffsetCommitResponse", partitions: [{ error: Errors.NOT_COORDINATOR }] });
  });
});

describe("validateTxnOffsetCommit (KIP-447 fencing)", () => {
  const store = new GroupStore();
  store.replay({
    type: "GroupMetadata",
    groupId: "g",
    generationId: 3,
    protocolName: "range",
    leader: "m1",
    members: [{ memberId: "m1", groupInstanceId: "i1", sessionTimeoutMs: 45000, rebalanceTimeoutMs: 300000, subscription: { topics: ["t"], ownedPartitions: [], generationId: 3 }, assignment: [] }],
  });
  const group = store.classic.get("g")!;
  const req = (over: Partial<TxnOffsetCommitRequest>): TxnOffsetCommitRequest => txnCommit(1, { generationId: 3, memberId: "m1", groupInstanceId: "i1", ...over });

  it.each([
    ["the member of the current generation", {}, Errors.NONE],
    ["testGenericGroupTransactionalOffsetCommitWithIllegalGenerationId: an older generation", { generationId: 2 }, Errors.ILLEGAL_GENERATION],
    ["testGenericGroupTransactionalOffsetCommitWithUnknownMemberId: an unknown member", { memberId: "m2", groupInstanceId: null }, Errors.UNKNOWN_MEMBER_ID],
    ["a static member's instance id with another member id: FENCED_INSTANCE_ID", { memberId: "m0" }, Errors.FENCED_INSTANCE_ID],
  ] as const)("%s → %s", (_name, over, error) => {
    expect(validateTxnOffsetCommit(group, undefined, req(over))).toBe(error);
  });

  it("testGenericGroupTransactionalOffsetCommitWithUnknownGroupId: no group and a generation → ILLEGAL_GENERATION; generation -1 → a simple group", () => {
    expect(validateTxnOffsetCommit(undefined, undefined, txnCommit(1, { generationId: 4 }))).toBe(Errors.ILLEGAL_GENERATION);
    expect(validateTxnOffsetCommit(undefined, undefined, txnCommit(1))).toBe(Errors.NONE);
  });
});
