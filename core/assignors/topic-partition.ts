// TopicPartition identity and orderings shared by the assignors. Kafka compares TopicPartitions
// by value; here each (topic, partition) is interned once per assignment run so that ===, Set and
// Map work by identity, and every ordering below is Java's (String.compareTo = UTF-16 code units,
// which is also what JS `<` compares; never localeCompare).

import type { TopicPartition } from "./types.ts";

/** Java's `String.compareTo` sign. */
export function javaCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Kafka's `TopicPartitionComparator`: topic, then partition. */
export function compareTopicPartition(a: TopicPartition, b: TopicPartition): number {
  return javaCompare(a.topic, b.topic) || a.partition - b.partition;
}

/** One canonical object per (topic, partition) for the duration of one assign call. */
export class TopicPartitionPool {
  private readonly byTopic = new Map<string, TopicPartition[]>();

  get(topic: string, partition: number): TopicPartition {
    let partitions = this.byTopic.get(topic);
    if (partitions === undefined) {
      partitions = [];
      this.byTopic.set(topic, partitions);
    }
    let tp = partitions[partition];
    if (tp === undefined) {
      tp = Object.freeze({ topic, partition });
      partitions[partition] = tp;
    }
    return tp;
  }

  /** `AbstractPartitionAssignor.partitions(topic, n)`: partitions 0..n-1 in order. */
  partitionsOf(topic: string, count: number): TopicPartition[] {
    const out: TopicPartition[] = [];
    for (let i = 0; i < count; i++) out.push(this.get(topic, i));
    return out;
  }
}

/** Removes the first occurrence, like Java's `List.remove(Object)`. */
export function removeFirst<T>(list: T[], item: T): boolean {
  const i = list.indexOf(item);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}
