// Re-exports only: the consumer group assignors.
export { assign, isAssignmentStrategy } from "./assign.ts";
export { ASSIGNMENT_STRATEGIES } from "./types.ts";
export type { AssignmentStrategy, GroupAssignment, GroupMember, TopicPartition } from "./types.ts";
