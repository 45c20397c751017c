// KIP-848's server-side assignors (group.consumer.assignors; ConsumerGroupPartitionAssignor in
// group-coordinator): the coordinator, not a group leader, computes the target assignment from
// every member's subscription and the current target. Members arrive in the order Kafka's
// GroupSpecImpl walks them (a HashMap of member ids; the caller orders them).

import type { TopicPartition } from "../assignors/types.ts";

export const SERVER_ASSIGNORS = ["uniform", "range"] as const;
export type ServerAssignorName = (typeof SERVER_ASSIGNORS)[number];

export interface AssignorMemberSpec {
  readonly id: string;
  readonly topics: readonly string[];
  /** The member's partitions in the current target assignment, per topic. */
  readonly target: ReadonlyMap<string, readonly number[]>;
}

/** member id -> topic -> partitions (ascending). Every member is present. */
export type ServerAssignment = Map<string, Map<string, number[]>>;

/** PartitionAssignorException. */
export class PartitionAssignorError extends Error {
  override readonly name = "PartitionAssignorError";
}

export function isServerAssignor(name: string): name is ServerAssignorName {
  return (SERVER_ASSIGNORS as readonly string[]).includes(name);
}

/** A member's partitions as a sorted TopicPartition list. */
export function flatten(assignment: ReadonlyMap<string, readonly number[]> | undefined): TopicPartition[] {
  const out: TopicPartition[] = [];
  for (const [topic, partitions] of assignment ?? []) for (const partition of partitions) out.push({ topic, partition });
  return out.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}

export function addPartition(assignment: Map<string, number[]>, topic: string, partition: number): void {
  let list = assignment.get(topic);
  if (list === undefined) assignment.set(topic, (list = []));
  list.push(partition);
}

/** Sorts every topic's partitions, as Kafka's HashSet<Integer> of small ints iterates. */
export function sortAssignment(a: ServerAssignment): ServerAssignment {
  for (const m of a.values()) for (const list of m.values()) list.sort((x, y) => x - y);
  return a;
}
