import { describe, expect, it } from "vitest";
import { RecordKeys, type KeyedRecordSource } from "../../sim/check/retention-removals.ts";
import { NO_KEY } from "../../core/protocol/records.ts";

/** A source of `n` records: record i has key id i (none for every 7th), every 5th a tombstone. */
function source(n: number): KeyedRecordSource & { lastKeyId: number } {
  let i = 0;
  const s = {
    lastKeyId: -1,
    keyIds: { name: (id: number) => `k${id}`, idCount: n },
    keyNames: { name: (id: number) => `k${id}` },
    nextDueUs: () => (i < n ? i : null),
    take: () => {
      const rid = i++;
      const keyId = rid % 7 === 0 ? NO_KEY : rid;
      s.lastKeyId = keyId;
      return { rid, key: keyId < 0 ? null : `k${keyId}`, keyId, keyHash: null, valueBytes: rid % 5 === 0 ? null : 1, partition: null };
    },
  };
  return s;
}

describe("RecordKeys", () => {
  it("keeps every key and tombstone flag as keys pass 65,535 and the columns grow", () => {
    const keys = new RecordKeys();
    const n = 70_000;
    const wrapped = keys.wrap(source(n));
    for (let i = 0; i < n; i++) wrapped.take();
    const ids = new Map<string, number>();
    for (let rid = 0; rid < n; rid++) {
      const k = keys.keyOf(rid);
      expect(k < 0).toBe(rid % 7 === 0);
      if (k >= 0) expect(keys.keys[k]).toBe(`k${rid}`);
      if (k >= 0) ids.set(keys.keys[k]!, k);
      expect(keys.isTombstone(rid)).toBe(rid % 5 === 0);
    }
    expect(ids.size).toBe(n - Math.ceil(n / 7));
    expect(keys.keyOf(n + 5)).toBe(-1);
    expect(keys.isTombstone(n + 5)).toBe(false);
  });
});
