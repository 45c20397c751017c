// Where a keyed record goes when the producer has no explicit partition and no custom
// partitioner: BuiltInPartitioner.partitionForKey, called by KafkaProducer.partition() with the
// count of ALL partitions of the topic (available or not), so a key keeps its partition while
// that partition's leader is down (clients/.../producer/internals/BuiltInPartitioner.java).

import { murmur2, toPositive } from "./murmur2.ts";
import { utf8Bytes } from "./utf8.ts";

/** Kafka's keyed default partitioning: `toPositive(murmur2(keyBytes)) % numPartitions`. */
export function defaultPartition(keyBytes: Uint8Array, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions < 1) {
    // Java would throw ArithmeticException (/ by zero) for 0; anything else is a caller bug.
    throw new RangeError(`numPartitions must be a positive integer, got ${numPartitions}`);
  }
  return toPositive(murmur2(keyBytes)) % numPartitions;
}

/** The partition of a String key serialized by Kafka's StringSerializer (UTF-8). */
export function defaultPartitionForString(key: string, numPartitions: number): number {
  return defaultPartition(utf8Bytes(key), numPartitions);
}
