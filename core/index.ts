// kafkasim's library surface (DESIGN.md "Library exports"): Kafka's partitioning and assignors.
export { murmur2, toPositive, defaultPartition, defaultPartitionForString, utf8Bytes, StickyPartitioner } from "./partitioner/index.ts";
export type { RandomInt32, StickyPartitionInfo, TopicPartitionsView } from "./partitioner/index.ts";
export { assign, isAssignmentStrategy, ASSIGNMENT_STRATEGIES } from "./assignors/index.ts";
export type { AssignmentStrategy, GroupMember, GroupAssignment, TopicPartition as AssignedPartition } from "./assignors/index.ts";
