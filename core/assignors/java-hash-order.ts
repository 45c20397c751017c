// Kafka's sticky assignors walk java.util.HashMap/HashSet in a few places where the walk order
// changes the result: which over-quota owner keeps its extra partition, which stale owner wins
// a tie, which previously-moved partition is moved back. To give the same assignment as a Java
// group leader, we reproduce that iteration order: Java 8+ HashMap iterates bucket by bucket
// (bucket = (h ^ h>>>16) & (capacity-1)) and, inside a bucket, in insertion order; capacity starts
// at 16 and doubles when size exceeds 3/4 of it, or when a bucket reaches 9 entries while the
// table is smaller than 64 (treeifyBin resizes instead of treeifying).
// Not modelled: the order inside a treeified bucket (9+ colliding keys in a table of 64+).
//
// Sources: java.util.HashMap (putVal, resize, treeifyBin), java.lang.String.hashCode,
// clients/src/main/java/org/apache/kafka/common/TopicPartition.java (hashCode).

import type { TopicPartition } from "./types.ts";

const DEFAULT_CAPACITY = 16;
const TREEIFY_THRESHOLD = 8;
const MIN_TREEIFY_CAPACITY = 64;

/** Java's `String.hashCode`: s[0]*31^(n-1) + ... + s[n-1] over UTF-16 code units, as an int. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Kafka's `TopicPartition.hashCode`: 31 * (31 + partition) + topic.hashCode(). */
export function topicPartitionHashCode(tp: TopicPartition): number {
  return (Math.imul(31, (31 + tp.partition) | 0) + javaStringHashCode(tp.topic)) | 0;
}

/** HashMap.hash: spreads the high bits down because the table index uses only the low bits. */
function spread(h: number): number {
  return h ^ (h >>> 16);
}

/**
 * The iteration order of a `new HashSet<>()` (or the key set of a `new HashMap<>()`) that has seen
 * exactly these add/delete calls. Capacity never shrinks, as in Java.
 */
export class JavaHashOrder<K> {
  private capacity = DEFAULT_CAPACITY;
  private nextSeq = 0;
  private readonly entries = new Map<K, { readonly hash: number; readonly seq: number }>();
  /** Entries per bucket at the current capacity (to spot a bucket reaching TREEIFY_THRESHOLD). */
  private readonly binSizes = new Map<number, number>();

  constructor(private readonly hashOf: (key: K) => number) {}

  get size(): number {
    return this.entries.size;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  add(key: K): void {
    if (this.entries.has(key)) return;
    const hash = spread(this.hashOf(key));
    const binCount = this.binSizes.get(hash & (this.capacity - 1)) ?? 0;
    this.entries.set(key, { hash, seq: this.nextSeq++ });
    this.binSizes.set(hash & (this.capacity - 1), binCount + 1);
    if (binCount >= TREEIFY_THRESHOLD && this.capacity < MIN_TREEIFY_CAPACITY) this.resize();
    if (this.entries.size > (this.capacity * 3) / 4) this.resize();
  }

  private resize(): void {
    this.capacity *= 2;
    this.binSizes.clear();
    const mask = this.capacity - 1;
    for (const e of this.entries.values()) this.binSizes.set(e.hash & mask, (this.binSizes.get(e.hash & mask) ?? 0) + 1);
  }

  delete(key: K): boolean {
    const e = this.entries.get(key);
    if (e === undefined) return false;
    this.entries.delete(key);
    const bucket = e.hash & (this.capacity - 1);
    this.binSizes.set(bucket, this.binSizes.get(bucket)! - 1);
    return true;
  }

  /** What `iterator().next()` returns. */
  first(): K | undefined {
    const mask = this.capacity - 1;
    let best: K | undefined;
    let bestBucket = Infinity;
    let bestSeq = Infinity;
    for (const [key, e] of this.entries) {
      const bucket = e.hash & mask;
      if (bucket < bestBucket || (bucket === bestBucket && e.seq < bestSeq)) {
        best = key;
        bestBucket = bucket;
        bestSeq = e.seq;
      }
    }
    return best;
  }

  /** Every key in iteration order. */
  ordered(): K[] {
    const mask = this.capacity - 1;
    return [...this.entries]
      .sort(([, a], [, b]) => (a.hash & mask) - (b.hash & mask) || a.seq - b.seq)
      .map(([key]) => key);
  }
}

/** Key order of a `new HashMap<>()` after putting `keys` in the given order. */
export function javaHashMapOrder(keys: readonly string[]): string[] {
  const order = new JavaHashOrder<string>(javaStringHashCode);
  for (const k of keys) order.add(k);
  return order.ordered();
}
