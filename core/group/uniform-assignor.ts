// The server-side `uniform` assignor (UniformAssignor) for a homogeneous group — every member
// subscribed to the same topics — as UniformHomogeneousAssignmentBuilder (formerly
// OptimizedUniformAssignmentBuilder) computes it: balance first (sizes differ by at most one),
// then stickiness (a member keeps what it had, up to its quota). The heterogeneous builder
// (GeneralUniformAssignmentBuilder) is not ported: a kafkasim group subscribes to one topic.

import { addPartition, PartitionAssignorError, sortAssignment, type AssignorMemberSpec, type ServerAssignment } from "./server-assignor.ts";

export function uniformAssign(members: readonly AssignorMemberSpec[], partitionsPerTopic: Readonly<Record<string, number>>): ServerAssignment {
  const result: ServerAssignment = new Map();
  const first = members[0];
  if (first === undefined) return result;
  const subscribed = new Set(first.topics);
  for (const m of members) {
    if (m.topics.length !== subscribed.size || m.topics.some((t) => !subscribed.has(t))) throw new PartitionAssignorError("heterogeneous subscriptions are not modelled");
  }
  if (subscribed.size === 0) {
    for (const m of members) result.set(m.id, new Map());
    return result;
  }
  // isPartitionAssigned: a partition in nobody's current target starts out unassigned.
  const taken = new Set<string>();
  for (const m of members) for (const [t, ps] of m.target) for (const p of ps) taken.add(`${t}:${p}`);
  const unassigned: { topic: string; partition: number }[] = [];
  let total = 0;
  for (const topic of first.topics) {
    const n = partitionsPerTopic[topic];
    if (n === undefined || n < 0) throw new PartitionAssignorError(`members are subscribed to topic ${topic} which doesn't exist in the topic metadata`);
    for (let p = 0; p < n; p++) if (!taken.has(`${topic}:${p}`)) unassigned.push({ topic, partition: p });
    total += n;
  }
  const minQuota = Math.floor(total / members.length);
  let extra = total % members.length;
  // maybeRevokePartitions: keep up to the quota (the extra slots go to the first members walked).
  const unfilled: { id: string; remaining: number }[] = [];
  for (const m of members) {
    let quota = minQuota;
    if (extra > 0) {
      quota++;
      extra--;
    }
    const kept = new Map<string, number[]>();
    for (const [topic, partitions] of m.target) {
      if (!subscribed.has(topic)) continue;
      for (const p of [...partitions].sort((a, b) => a - b)) {
        if (quota > 0) {
          quota--;
          addPartition(kept, topic, p);
        } else unassigned.push({ topic, partition: p });
      }
    }
    if (quota > 0) unfilled.push({ id: m.id, remaining: quota });
    result.set(m.id, kept);
  }
  // assignRemainingPartitions: hand out the free partitions in order.
  let next = 0;
  for (const u of unfilled) {
    const a = result.get(u.id)!;
    for (let i = 0; i < u.remaining && next < unassigned.length; i++) {
      const tp = unassigned[next++]!;
      addPartition(a, tp.topic, tp.partition);
    }
  }
  if (next < unassigned.length) throw new PartitionAssignorError("Partitions were left unassigned");
  return sortAssignment(result);
}
