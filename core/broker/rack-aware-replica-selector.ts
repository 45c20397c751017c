// KIP-392 follower fetching, the leader's side: Kafka's RackAwareReplicaSelector
// (clients/.../common/replica/RackAwareReplicaSelector.java) and the candidate replicas
// ReplicaManager.findPreferredReadReplica offers it: the leader, and each follower in the
// ISR whose log holds the fetch offset. A consumer in a rack fetches from the leader if the
// leader is in its rack, else from the most caught-up replica in its rack
// (ReplicaView.comparator: log end offset, then least time since caught up, then id).

import type { Partition } from "./partition.ts";

/** ReplicaView: a candidate with its rack, log end offset and time since it was last caught up. */
export interface ReplicaView {
  readonly id: number;
  readonly rack: string | null;
  readonly logEndOffset: number;
  readonly timeSinceLastCaughtUpMs: number;
}

/** ReplicaView.comparator: positive when `a` is the better choice. */
function compareViews(a: ReplicaView, b: ReplicaView): number {
  return a.logEndOffset - b.logEndOffset || b.timeSinceLastCaughtUpMs - a.timeSinceLastCaughtUpMs || a.id - b.id;
}

/** RackAwareReplicaSelector.select. */
export function selectReplica(clientRack: string, replicas: readonly ReplicaView[], leader: ReplicaView): ReplicaView {
  if (clientRack === "") return leader;
  const sameRack = replicas.filter((r) => r.rack === clientRack);
  if (sameRack.length === 0 || sameRack.some((r) => r.id === leader.id)) return leader;
  return sameRack.reduce((best, r) => (compareViews(r, best) > 0 ? r : best));
}

/**
 * ReplicaManager.findPreferredReadReplica for a consumer's fetch of `p` at `fetchOffset` on
 * its leader: the replica to send the consumer to, or null to serve it here (the selector
 * chose the leader). Followers out of the ISR are left out: they may lag for good.
 */
export function findPreferredReadReplica(p: Partition, clientRack: string, fetchOffset: number, nowMs: number, rackOf: (broker: number) => string | null): number | null {
  const leader: ReplicaView = { id: p.localBrokerId, rack: rackOf(p.localBrokerId), logEndOffset: p.log.logEndOffset, timeSinceLastCaughtUpMs: 0 };
  const candidates: ReplicaView[] = [leader];
  for (const [id, f] of p.followers) {
    // Partition.remoteReplicas' logStartOffset is not tracked here; the leader's stands in for it.
    if (!p.isr.includes(id) || f.logEndOffset < fetchOffset || p.log.logStartOffset > fetchOffset) continue;
    candidates.push({ id, rack: rackOf(id), logEndOffset: f.logEndOffset, timeSinceLastCaughtUpMs: nowMs - f.lastCaughtUpTimeMs });
  }
  const selected = selectReplica(clientRack, candidates, leader);
  return selected.id === leader.id ? null : selected.id;
}
