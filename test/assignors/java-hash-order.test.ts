// The Java iteration orders the sticky assignors depend on. Expected orders were printed by
// OpenJDK 17's java.util.HashMap / HashSet for the same keys inserted in the same order.
import { describe, expect, it } from "vitest";
import { JavaHashOrder, javaHashMapOrder, javaStringHashCode, topicPartitionHashCode } from "../../core/assignors/java-hash-order.ts";
import type { TopicPartition } from "../../core/assignors/types.ts";

describe("javaStringHashCode (String.hashCode)", () => {
  it.each([
    ["", 0],
    ["hello", 99162322],
    ["polygenelubricants", -2147483648],
    ["Aa", 2112],
    ["BB", 2112],
  ])("%s -> %i", (s, h) => {
    expect(javaStringHashCode(s)).toBe(h);
  });
});

describe("topicPartitionHashCode (TopicPartition.hashCode)", () => {
  it("is 31 * (31 + partition) + topic.hashCode()", () => {
    expect(topicPartitionHashCode({ topic: "t", partition: 0 })).toBe(1077);
  });
});

describe("javaHashMapOrder (new HashMap<>() key order)", () => {
  it.each([
    [["consumer1", "consumer2", "consumer3", "consumer4"], "consumer4,consumer3,consumer2,consumer1"],
    [["banana", "apple", "cherry", "date", "elderberry", "fig", "grape"], "banana,date,apple,cherry,fig,grape,elderberry"],
    // 14 keys: the table grows from 16 to 32 buckets
    [["m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13"], "m0,m1,m2,m3,m4,m5,m6,m7,m8,m9,m11,m10,m13,m12"],
    // eight colliding keys share a bucket and keep insertion order
    [
      ["AaAaAa", "AaAaBB", "AaBBAa", "AaBBBB", "BBAaAa", "BBAaBB", "BBBBAa", "BBBBBB", "AaAaAaAa", "x", "y", "z"],
      "AaAaAa,AaAaBB,AaBBAa,AaBBBB,BBAaAa,BBAaBB,BBBBAa,BBBBBB,x,AaAaAaAa,y,z",
    ],
    // a ninth colliding key makes treeifyBin resize the small table instead of treeifying
    [
      ["AaAaAaAa", "AaAaAaBB", "AaAaBBAa", "AaAaBBBB", "AaBBAaAa", "AaBBAaBB", "AaBBBBAa", "AaBBBBBB", "BBAaAaAa", "q", "consumer7"],
      "consumer7,AaAaAaAa,AaAaAaBB,AaAaBBAa,AaAaBBBB,AaBBAaAa,AaBBAaBB,AaBBBBAa,AaBBBBBB,BBAaAaAa,q",
    ],
  ])("%j", (keys, expected) => {
    expect(javaHashMapOrder(keys).join(",")).toBe(expected);
  });
});

describe("JavaHashOrder (HashSet<TopicPartition> with removals)", () => {
  it("iterates as Java does after adds and removes", () => {
    const pool = new Map<string, TopicPartition>();
    const tp = (topic: string, partition: number) => {
      const k = `${topic}-${partition}`;
      if (!pool.has(k)) pool.set(k, { topic, partition });
      return pool.get(k)!;
    };
    const set = new JavaHashOrder<TopicPartition>(topicPartitionHashCode);
    for (let i = 0; i < 20; i++) set.add(tp("orders", i));
    for (let i = 0; i < 20; i += 3) set.delete(tp("orders", i));
    set.add(tp("orders", 3));
    set.add(tp("Aa", 1));
    set.add(tp("BB", 1));
    expect(set.ordered().map((p) => `${p.topic}-${p.partition}`).join(", ")).toBe(
      "orders-7, Aa-1, BB-1, orders-8, orders-10, orders-11, orders-13, orders-14, orders-16, orders-17, orders-19, orders-1, orders-2, orders-3, orders-4, orders-5",
    );

    const small = new JavaHashOrder<TopicPartition>(topicPartitionHashCode);
    small.add(tp("t", 5));
    small.add(tp("t", 2));
    small.add(tp("u", 0));
    expect(small.first()).toBe(tp("t", 5));
  });
});
