import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { defaultPartition, defaultPartitionForString } from "../../core/partitioner/default-partition.ts";

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

// Partitions derived from UtilsTest.testMurmur2's hashes by BuiltInPartitioner.partitionForKey's
// formula, toPositive(hash) % n, computed here with the hash Kafka's test asserts.
const kafkaHash: Record<string, number> = {
  "21": -973932308,
  foobar: -790332482,
  "a-little-bit-long-string": -985981536,
  "a-little-bit-longer-string": -1486304829,
};

describe("defaultPartition", () => {
  const cases: Array<[string, number]> = [];
  for (const key of Object.keys(kafkaHash)) for (const n of [1, 3, 6, 12, 100]) cases.push([key, n]);

  it.each(cases)("defaultPartition(%s, %i) = toPositive(murmur2) %% n (BuiltInPartitioner.partitionForKey)", (key, n) => {
    expect(defaultPartition(ascii(key), n)).toBe((kafkaHash[key]! & 0x7fffffff) % n);
  });

  it("gives literal partitions for a few vectors", () => {
    // (-790332482 & 0x7fffffff) = 1357151166; 1357151166 % 6 = 0, % 12 = 6, % 100 = 66
    expect(defaultPartition(ascii("foobar"), 6)).toBe(0);
    expect(defaultPartition(ascii("foobar"), 12)).toBe(6);
    expect(defaultPartition(ascii("foobar"), 100)).toBe(66);
  });

  it("is stable for the same key (DefaultPartitionerTest.testKeyPartitionIsStable)", () => {
    expect(defaultPartitionForString("key", 3)).toBe(defaultPartitionForString("key", 3));
  });

  it("always lands inside [0, numPartitions)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.integer({ min: 1, max: 10_000 }), (key, n) => {
        const p = defaultPartition(key, n);
        expect(Number.isInteger(p) && p >= 0 && p < n).toBe(true);
      }),
    );
  });

  it("rejects a topic with no partitions", () => {
    expect(() => defaultPartition(ascii("k"), 0)).toThrow(RangeError);
  });
});
