// TransactionManager.canRetry's rules for an idempotent producer (clients/.../producer/internals/TransactionManager.java).
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
    createdUs: 0,
    attempts: 1,
    retryAtUs: 0,
    baseSequence: -1,
    producerId: -1,
    producerEpoch: -1,
    inFlight: false,
    closed: true,
  };
}

describe("IdempotenceState", () => {
  it("stamps consecutive sequences per partition", () => {
    const s = new IdempotenceState();
    s.assign(7, 0);
    const a = batch(0, 3);
    const b = batch(0, 2);
    const c = batch(1, 4);
    s.stamp(a);
    s.stamp(b);
    s.stamp(c);
    expect([a.baseSequence, b.baseSequence, c.baseSequence]).toEqual([0, 3, 0]);
    expect(a.producerId).toBe(7);
  });

  it("OUT_OF_ORDER_SEQUENCE_NUMBER on the next expected sequence bumps the epoch (the broker lost our state)", () => {
    const s = new IdempotenceState();
    s.assign(7, 0);
    const a = batch(0, 3);
    const b = batch(0, 2);
    s.stamp(a);
    s.stamp(b);
    s.acknowledged(a);
    let bumped = 0;
    expect(s.resolveSequenceError(b, Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, () => bumped++)).toBe(true);
    expect(bumped).toBe(1);
    expect(b.baseSequence).toBe(-1);
  });

  it("OUT_OF_ORDER_SEQUENCE_NUMBER on a later batch only waits for the earlier one", () => {
    const s = new IdempotenceState();
    s.assign(7, 0);
    const a = batch(0, 3);
    const b = batch(0, 2);
    s.stamp(a);
    s.stamp(b);
    let bumped = 0;
    expect(s.resolveSequenceError(b, Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, () => bumped++)).toBe(true);
    expect(bumped).toBe(0);
    expect(b.baseSequence).toBe(3);
  });

  it("a batch from an older epoch is resequenced, not failed; other errors are not its business", () => {
    const s = new IdempotenceState();
    s.assign(7, 0);
    const a = batch(0, 3);
    s.stamp(a);
    s.bumpEpoch([]);
    expect(s.resolveSequenceError(a, Errors.INVALID_PRODUCER_EPOCH, () => {})).toBe(true);
    expect(a.baseSequence).toBe(-1);
    const b = batch(0, 1);
    s.stamp(b);
    expect(b.baseSequence).toBe(0);
    expect(b.producerEpoch).toBe(1);
    expect(s.resolveSequenceError(b, Errors.NOT_LEADER_OR_FOLLOWER, () => {})).toBe(false);
  });
});
