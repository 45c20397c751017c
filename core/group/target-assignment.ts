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

/**
 * ConsumerGroup.computePreferredServerAssignor: the group.remote.assignor most members ask for
 * (ties: the first in the HashMap of counts, as Stream.max keeps), else the broker's first.
 */
export function groupAssignor(group: ConsumerGroup, configured: readonly ServerAssignorName[]): ServerAssignorName {
  const counts = new Map<string, number>();
  for (const m of group.members.values()) if (m.serverAssignor !== null) counts.set(m.serverAssignor, (counts.get(m.serverAssignor) ?? 0) + 1);
  let best: string | null = null;
  for (const name of javaHashMapOrder([...counts.keys()])) if (best === null || counts.get(name)! > counts.get(best)!) best = name;
  if (best !== null && (configured as readonly string[]).includes(best)) return best as ServerAssignorName;
  return configured[0] ?? "uniform";
}
