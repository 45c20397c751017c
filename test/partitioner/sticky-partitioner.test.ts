// Ports of clients/src/test/java/org/apache/kafka/clients/producer/internals/BuiltInPartitionerTest.java.
import { describe, expect, it } from "vitest";
import { StickyPartitioner } from "../../core/partitioner/sticky-partitioner.ts";
import type { RandomInt32, TopicPartitionsView } from "../../core/partitioner/sticky-partitioner.ts";

/** Kafka's test mocks the random source with `mockRandom.getAndAdd(1)`: 0, 1, 2, ... */
function sequentialRandom(): RandomInt32 {
  let next = 0;
  return { int32: () => next++ };
}

/** A small deterministic LCG standing in for ThreadLocalRandom where Kafka's test uses real randomness. */
function lcgRandom(seed: number): RandomInt32 {
  let s = seed >>> 0;
  return {
    int32: () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s | 0;
    },
  };
}

const view = (partitionCount: number, availablePartitions: number[]): TopicPartitionsView => ({
  partitionCount,
  availablePartitions,
});

describe("StickyPartitioner (BuiltInPartitioner)", () => {
  it("testStickyPartitioning: stays on a partition until batch.size bytes, then switches", () => {
    const topicA = view(3, [0, 1, 2]);
    const a = new StickyPartitioner("topicA", 3, sequentialRandom());
    let info = a.peekCurrentPartitionInfo(topicA);
    const partA = info.partition;
    a.updatePartitionInfo(info, 1, topicA);
    info = a.peekCurrentPartitionInfo(topicA);
    expect(info.partition).toBe(partA);
    a.updatePartitionInfo(info, 1, topicA);
    info = a.peekCurrentPartitionInfo(topicA);
    expect(info.partition).toBe(partA);
    a.updatePartitionInfo(info, 1, topicA);
    expect(a.peekCurrentPartitionInfo(topicA).partition).not.toBe(partA);

    // Switching works even when there is one partition.
    const topicB = view(1, [0]);
    const b = new StickyPartitioner("topicB", 1, sequentialRandom());
    for (let c = 0; c < 10; c++) {
      const i = b.peekCurrentPartitionInfo(topicB);
      expect(i.partition).toBe(0);
      b.updatePartitionInfo(i, 1, topicB);
    }
  });

  it("unavailablePartitionsTest: never picks a partition without a leader; falls back to all", () => {
    const topicA = view(3, [0, 2]); // partition 1 has no leader
    const a = new StickyPartitioner("topicA", 1, lcgRandom(42));
    let info = a.peekCurrentPartitionInfo(topicA);
    const partA = info.partition;
    a.updatePartitionInfo(info, 1, topicA);
    expect(partA).not.toBe(1);
    let foundAnother = false;
    for (let i = 0; i < 100; i++) {
      info = a.peekCurrentPartitionInfo(topicA);
      expect(info.partition).not.toBe(1);
      foundAnother ||= info.partition !== partA;
      a.updatePartitionInfo(info, 1, topicA);
    }
    expect(foundAnother).toBe(true);

    const topicB = view(2, [1]); // only partition 1 has a leader
    const b = new StickyPartitioner("topicB", 1, lcgRandom(7));
    for (let i = 0; i < 100; i++) {
      info = b.peekCurrentPartitionInfo(topicB);
      expect(info.partition).toBe(1);
      b.updatePartitionInfo(info, 1, topicB);
    }

    const topicC = view(1, []); // no partition available: still choose among all
    const c = new StickyPartitioner("topicC", 1, lcgRandom(9));
    info = c.peekCurrentPartitionInfo(topicC);
    expect(info.partition).toBe(0);
    c.updatePartitionInfo(info, 1, topicC);
    expect(c.peekCurrentPartitionInfo(topicC).partition).toBe(0);
  });

  it("adaptivePartitionsTest: partitions are chosen with frequency max(queue)+1 - queue", () => {
    const p = new StickyPartitioner("topicA", 1, sequentialRandom());
    const queueSizes = [5, 0, 3, 0, 1];
    const ids = [0, 1, 2, 3, 4];
    const expectedFrequencies = queueSizes.map((q) => 6 - q);
    p.updatePartitionLoadStats(queueSizes, ids, queueSizes.length);
    const topic = view(5, ids);

    const cycles = 2;
    const iterations = p.loadStatsRangeEnd() * cycles;
    expect(p.loadStatsRangeEnd()).toBe(21);
    const frequencies = [0, 0, 0, 0, 0];
    for (let i = 0; i < iterations; i++) {
      const info = p.peekCurrentPartitionInfo(topic);
      frequencies[info.partition]!++;
      p.updatePartitionInfo(info, 1, topic);
    }
    expect(frequencies).toEqual(expectedFrequencies.map((f) => f * cycles));
  });

  it("testStickyBatchSizeMoreThatZero", () => {
    expect(() => new StickyPartitioner("topicA", 0, sequentialRandom())).toThrow(RangeError);
    expect(() => new StickyPartitioner("topicA", 1, sequentialRandom())).not.toThrow();
  });

  it("waits for the batch to fill when enableSwitch is false, but not past 2 x batch.size", () => {
    const topic = view(3, [0, 1, 2]);
    const p = new StickyPartitioner("t", 10, sequentialRandom());
    const first = p.peekCurrentPartitionInfo(topic);
    p.updatePartitionInfo(first, 12, topic, false); // >= batch.size but the batch is not full
    expect(p.peekCurrentPartitionInfo(topic)).toBe(first);
    p.updatePartitionInfo(first, 7, topic, false); // 19 < 20
    expect(p.peekCurrentPartitionInfo(topic)).toBe(first);
    p.updatePartitionInfo(first, 1, topic, false); // 20 >= 2 x 10: switch regardless
    expect(p.peekCurrentPartitionInfo(topic)).not.toBe(first);
  });

  it("uses uniform choice when all queues are equal or the topic has one partition", () => {
    const p = new StickyPartitioner("t", 1, sequentialRandom());
    p.updatePartitionLoadStats([2, 2, 2], [0, 1, 2], 3);
    expect(() => p.loadStatsRangeEnd()).toThrow();
    p.updatePartitionLoadStats([4], [0], 1);
    expect(() => p.loadStatsRangeEnd()).toThrow();
    // Equal sizes but one partition excluded (length < queueSizes.length): still adaptive.
    p.updatePartitionLoadStats([2, 2, 2], [0, 1, 2], 2);
    expect(p.loadStatsRangeEnd()).toBe(2);
  });

  it("maps the draw through the cumulative frequency table (first entry strictly greater)", () => {
    // Kafka's comment example: queue sizes 0 3 1 -> table 4 5 8; draws 0..3 -> p0, 4 -> p1, 5..7 -> p2.
    const p = new StickyPartitioner("t", 1, sequentialRandom());
    p.updatePartitionLoadStats([0, 3, 1], [10, 11, 12], 3);
    const topic = view(13, [10, 11, 12]);
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      const info = p.peekCurrentPartitionInfo(topic);
      seen.push(info.partition);
      p.updatePartitionInfo(info, 1, topic);
    }
    expect(seen).toEqual([10, 10, 10, 10, 11, 12, 12, 12]);
  });

  it("applies toPositive to the raw draw (negative ints from the source)", () => {
    const p = new StickyPartitioner("t", 1, { int32: () => -1 }); // toPositive(-1) = 2147483647
    expect(p.peekCurrentPartitionInfo(view(5, [0, 1, 2, 3, 4])).partition).toBe(2147483647 % 5);
  });
});
