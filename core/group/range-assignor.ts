// The server-side `range` assignor (group-coordinator's RangeAssignor): per topic, the members
// subscribed to it in walk order get contiguous ranges of numPartitions / members (the first
// numPartitions % members one more), but a member first keeps the lowest of its current
// partitions up to its quota — range with stickiness, unlike the client-side RangeAssignor.

import { addPartition, PartitionAssignorError, sortAssignment, type AssignorMemberSpec, type ServerAssignment } from "./server-assignor.ts";

export function rangeAssign(members: readonly AssignorMemberSpec[], partitionsPerTopic: Readonly<Record<string, number>>): ServerAssignment {
  const result: ServerAssignment = new Map();
  for (const m of members) result.set(m.id, new Map());
  // membersPerTopic, in member walk order.
  const perTopic = new Map<string, AssignorMemberSpec[]>();
  for (const m of members) {
    for (const topic of m.topics) {
      if (partitionsPerTopic[topic] === undefined) throw new PartitionAssignorError("Member is subscribed to a non-existent topic");
      let list = perTopic.get(topic);
      if (list === undefined) perTopic.set(topic, (list = []));
      list.push(m);
    }
  }
  for (const [topic, subscribers] of perTopic) {
    const n = partitionsPerTopic[topic]!;
    const minQuota = Math.floor(n / subscribers.length);
    let withExtra = n % subscribers.length;
    const sticky = new Set<number>();
    const unfilled: { id: string; remaining: number }[] = [];
    for (const m of subscribers) {
      const current = [...(m.target.get(topic) ?? [])].sort((a, b) => a - b);
      const a = result.get(m.id)!;
      for (let i = 0; i < Math.min(current.length, minQuota); i++) {
        sticky.add(current[i]!);
        addPartition(a, topic, current[i]!);
      }
      const remaining = minQuota - current.length;
      if (remaining < 0 && withExtra > 0) {
        withExtra--;
        sticky.add(current[minQuota]!);
        addPartition(a, topic, current[minQuota]!);
      } else unfilled.push({ id: m.id, remaining });
    }
    const free: number[] = [];
    for (let p = 0; p < n; p++) if (!sticky.has(p)) free.push(p);
    let next = 0;
    for (const u of unfilled) {
      let remaining = u.remaining;
      if (withExtra > 0) {
        remaining++;
        withExtra--;
      }
      for (let i = 0; i < remaining; i++) addPartition(result.get(u.id)!, topic, free[next++]!);
    }
  }
  return sortAssignment(result);
}
