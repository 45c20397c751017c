// TargetAssignmentBuilder: runs the group's server-side assignor over every member's
// subscription and current target, and returns the new target per member. The members are
// walked in java.util.HashMap order of their ids, as the assignor sees them in Kafka.

import { javaHashMapOrder } from "../assignors/java-hash-order.ts";
import type { ConsumerGroup, TopicPartitions } from "./consumer-group.ts";
import { rangeAssign } from "./range-assignor.ts";
import type { ServerAssignorName, ServerAssignment } from "./server-assignor.ts";
import { uniformAssign } from "./uniform-assignor.ts";

export function computeTargetAssignment(group: ConsumerGroup, assignor: ServerAssignorName, partitionCount: (topic: string) => number): Map<string, TopicPartitions> {
  const byId = new Map([...group.members.values()].map((m) => [m.memberId, m]));
  const specs = javaHashMapOrder([...byId.keys()]).map((id) => {
    const m = byId.get(id)!;
    return { id, topics: m.subscribedTopics, target: group.target.get(id) ?? new Map<string, readonly number[]>() };
  });
  const partitionsPerTopic: Record<string, number> = {};
  for (const s of specs) for (const t of s.topics) Object.defineProperty(partitionsPerTopic, t, { value: partitionCount(t), enumerable: true, writable: true, configurable: true });
  const result: ServerAssignment = assignor === "range" ? rangeAssign(specs, partitionsPerTopic) : uniformAssign(specs, partitionsPerTopic);
  return result;
}

/** The assignor the group uses: the first member's group.remote.assignor, else the broker's first. */
export function groupAssignor(group: ConsumerGroup, configured: readonly ServerAssignorName[]): ServerAssignorName {
  for (const m of group.members.values()) {
    const a = m.serverAssignor;
    if (a !== null && (configured as readonly string[]).includes(a)) return a as ServerAssignorName;
  }
  return configured[0] ?? "uniform";
}
