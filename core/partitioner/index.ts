// Re-exports only: the producer's partitioning (keyed: murmur2; unkeyed: sticky/adaptive).
export { murmur2, toPositive } from "./murmur2.ts";
export { utf8Bytes } from "./utf8.ts";
export { defaultPartition, defaultPartitionForString } from "./default-partition.ts";
export { StickyPartitioner } from "./sticky-partitioner.ts";
export type { RandomInt32, StickyPartitionInfo, TopicPartitionsView } from "./sticky-partitioner.ts";
