// TransactionManager's rules for an idempotent producer (clients/.../producer/internals/TransactionManager.java):
// canRetry, markSequenceUnresolved / maybeResolveSequences, and the epoch bump's renumbering.
import { describe, expect, it } from "vitest";
import { IdempotenceState } from "../../core/producer/idempotence.ts";
import type { ProducerBatch } from "../../core/producer/producer-batch.ts";
import { Errors } from "../../core/protocol/errors.ts";

function batch(partition: number, records: number): ProducerBatch {
  return {
    topic: "t",
    partition,
    recordCount: records,
    records: null,
    sizeBytes: 100,
    wireBytes: 100,
    createdUs: 0,
    attempts: 1,
    retryAtUs: 0,
    baseSequence: -1,
    sequenceHasBeenReset: false,
    producerId: -1,
    producerEpoch: -1,
    inFlight: false,
    closed: true,
    done: false,
  };
}

function stamped(s: IdempotenceState, ...batches: ProducerBatch[]): ProducerBatch[] {
  for (const b of batches) s.stamp(b);
  return batches;
}

const OUT_OF_ORDER = Errors.OUT_OF_ORDER_SEQUENCE_NUMBER;

describe("IdempotenceState", () => {
  it("stamps consecutive sequences per partition", () => {
    const s = new IdempotenceState();
    s.assign(7, 0);
    const [a, b, c] = stamped(s, batch(0, 3), batch(0, 2), batch(1, 4));
    expect([a!.baseSequence, b!.baseSequence, c!.baseSequence]).toEqual([0, 3, 0]);
    expect(a!.producerId).toBe(7);
  });

  it("OUT_OF_ORDER_SEQUENCE_NUMBER on the next expected sequence asks for an epoch bump (the broker lost our state)", () => {
    const s = new IdempotenceState();
    s.assign(7, 0);
    const [a, b] = stamped(s, batch(0, 3), batch(0, 2));
    s.acknowledged(a!);
    expect(s.resolveSequenceError(b!, OUT_OF_ORDER)).toBe(true);
    expect(s.epochBumpRequired).toBe(true);
  });

  it("OUT_OF_ORDER_SEQUENCE_NUMBER on a later batch only waits for the earlier one", () => {
    const s = new IdempotenceState();
    s.assign(7, 0);
    const [, b] = stamped(s, batch(0, 3), batch(0, 2));
    expect(s.resolveSequenceError(b!, OUT_OF_ORDER)).toBe(true);
    expect(s.epochBumpRequired).toBe(false);
    expect(b!.baseSequence).toBe(3);
  });

  it("the bump renumbers the gap's partition from 0 in sequence order; other partitions wait until nothing of theirs is pending", () => {
    const s = new IdempotenceState();
    s.assign(7, 0);
    const [a, b, c] = stamped(s, batch(0, 3), batch(0, 2), batch(1, 4));
    s.acknowledged(a!);
    s.resolveSequenceError(b!, OUT_OF_ORDER);
    s.bumpEpoch((p) => (p === 0 ? [b!] : [c!]));
    expect([b!.producerEpoch, b!.baseSequence, b!.sequenceHasBeenReset]).toEqual([1, 0, true]);
    expect([c!.producerEpoch, c!.baseSequence]).toEqual([0, 0]); // partition 1 had no gap: untouched
    expect(s.isStale(0)).toBe(false);
    expect(s.isStale(1)).toBe(true);
    const [d, e] = stamped(s, batch(0, 1), batch(1, 1));
    expect([d!.producerEpoch, d!.baseSequence]).toEqual([1, 2]); // after b's renumbered 0..1
    expect([e!.producerEpoch, e!.baseSequence]).toEqual([1, 0]); // a stale partition restarts at 0
    expect(s.isStale(1)).toBe(false);
  });

  it("UNKNOWN_PRODUCER_ID asks for a bump, except for a batch a bump already renumbered", () => {
    const s = new IdempotenceState();
    s.assign(7, 0);
    const [a] = stamped(s, batch(0, 3));
    expect(s.resolveSequenceError(a!, Errors.UNKNOWN_PRODUCER_ID)).toBe(true);
    expect(s.epochBumpRequired).toBe(true);
    s.bumpEpoch(() => [a!]);
    expect(s.resolveSequenceError(a!, Errors.UNKNOWN_PRODUCER_ID)).toBe(true);
    expect(s.epochBumpRequired).toBe(false);
  });

  it("INVALID_PRODUCER_EPOCH is not resolved here (InvalidProducerEpochException is not retriable: the batch fails), nor are other errors", () => {
    const s = new IdempotenceState();
    s.assign(7, 0);
    const [a] = stamped(s, batch(0, 3));
    s.requestEpochBumpForPartition(1);
    s.bumpEpoch(() => []);
    expect(s.resolveSequenceError(a!, Errors.INVALID_PRODUCER_EPOCH)).toBe(false);
    expect(a!.baseSequence).toBe(0); // kept: the Sender fails it with its sequence
    const [b] = stamped(s, batch(0, 1));
    expect([b!.producerEpoch, b!.baseSequence]).toEqual([1, 0]);
    expect(s.resolveSequenceError(b!, Errors.NOT_LEADER_OR_FOLLOWER)).toBe(false);
  });

  it("an expired batch's sequences resolve when a later batch was acknowledged (maybeResolveSequences)", () => {
    const s = new IdempotenceState();
    s.assign(7, 0);
    const [a, b] = stamped(s, batch(0, 3), batch(0, 2));
    s.markSequenceUnresolved(a!);
    expect(s.hasUnresolvedSequence(0)).toBe(true);
    s.maybeResolveSequences(() => true); // b still pending: wait
    expect(s.hasUnresolvedSequence(0)).toBe(true);
    s.acknowledged(b!); // sequences 3..4 acknowledged: the broker has 0..2 too
    s.maybeResolveSequences(() => false);
    expect(s.hasUnresolvedSequence(0)).toBe(false);
    expect(s.epochBumpRequired).toBe(false);
  });

  it("an expired batch that left a gap asks for an epoch bump once nothing of its partition is pending", () => {
    const s = new IdempotenceState();
    s.assign(7, 0);
    const [a] = stamped(s, batch(0, 3));
    s.markSequenceUnresolved(a!);
    s.maybeResolveSequences(() => false);
    expect(s.hasUnresolvedSequence(0)).toBe(false);
    expect(s.epochBumpRequired).toBe(true);
  });

  it("while sequences are unresolved, OUT_OF_ORDER bumps only for the batch right after them (isNextSequenceForUnresolvedPartition)", () => {
    const s = new IdempotenceState();
    s.assign(7, 0);
    const [a, b, c] = stamped(s, batch(0, 3), batch(0, 2), batch(0, 1));
    s.markSequenceUnresolved(a!); // next sequence after it: 3 (b)
    expect(s.resolveSequenceError(c!, OUT_OF_ORDER)).toBe(true);
    expect(s.epochBumpRequired).toBe(false);
    expect(s.resolveSequenceError(b!, OUT_OF_ORDER)).toBe(true);
    expect(s.epochBumpRequired).toBe(true);
  });

  it("an expired batch from an epoch the partition left leaves nothing unresolved", () => {
    const s = new IdempotenceState();
    s.assign(7, 0);
    const [a] = stamped(s, batch(0, 3));
    s.requestEpochBumpForPartition(0);
    s.bumpEpoch(() => []);
    s.markSequenceUnresolved(a!);
    expect(s.hasUnresolvedSequence(0)).toBe(false);
  });
});
