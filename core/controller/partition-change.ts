// Leader election and ISR changes as the KRaft controller computes them: Kafka's
// PartitionChangeBuilder (metadata/src/main/java/org/apache/kafka/controller/). Without
// eligible leader replicas (KIP-966, off here) the ISR is never written empty: when its last
// member goes, the leader becomes NO_LEADER and the ISR keeps that member. An unclean
// election, when the topic allows it, picks any live replica and resets the ISR to it.

import type { MetadataImage, PartitionState } from "../metadata/metadata-image.ts";
import { NO_LEADER } from "../protocol/metadata-records.ts";

export interface PartitionChange {
  readonly isr: readonly number[] | null;
  readonly leader: number | null;
  readonly reason: string;
}

export type ElectionType = "online" | "unclean" | "preferred";

/** PartitionChangeBuilder.isAcceptableLeader: registered, unfenced, not shutting down. */
function acceptable(image: MetadataImage, id: number): boolean {
  return image.isUsable(id);
}

/**
 * The change (if any) that removes `targetIsr`-excluded replicas and elects a leader.
 * `targetIsr` is the ISR the caller wants. The leader is elected from it as given, so an
 * empty target leaves no clean candidate (PartitionChangeBuilder.isValidNewLeader looks only
 * at the target ISR, or the ELR, which is off here); but an empty target is never written:
 * the ISR stays as it was (PartitionChangeBuilder.build sets the ISR only if the target is
 * non-empty or ELR is enabled).
 */
export function buildPartitionChange(
  image: MetadataImage,
  p: PartitionState,
  targetIsrIn: readonly number[],
  election: ElectionType,
  reason: string,
): PartitionChange | null {
  const leader = electLeader(image, p, targetIsrIn, election);
  const targetIsr = leader.unclean ? [leader.id] : targetIsrIn.length > 0 ? targetIsrIn : p.isr;
  const isrChanged = !sameMembers(targetIsr, p.isr);
  const leaderChanged = leader.id !== p.leader;
  if (!isrChanged && !leaderChanged) return null;
  return { isr: isrChanged ? targetIsr : null, leader: leaderChanged ? leader.id : null, reason: leader.unclean ? `${reason}, unclean` : reason };
}

function electLeader(image: MetadataImage, p: PartitionState, targetIsr: readonly number[], election: ElectionType): { id: number; unclean: boolean } {
  if (election === "preferred") {
    const preferred = p.replicas[0];
    if (preferred !== undefined && targetIsr.includes(preferred) && acceptable(image, preferred)) return { id: preferred, unclean: false };
  }
  if (p.leader !== NO_LEADER && targetIsr.includes(p.leader) && acceptable(image, p.leader)) return { id: p.leader, unclean: false };
  for (const id of p.replicas) {
    if (targetIsr.includes(id) && acceptable(image, id)) return { id, unclean: false };
  }
  if (election === "unclean") {
    for (const id of p.replicas) if (acceptable(image, id)) return { id, unclean: true };
  }
  return { id: NO_LEADER, unclean: false };
}

function sameMembers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (const x of a) if (!b.includes(x)) return false;
  return true;
}

/** Kafka's default placement, simplified to a deterministic stripe: partition p starts at broker p mod n. */
export function stripedAssignment(partitions: number, replicationFactor: number, brokerIds: readonly number[]): number[][] {
  const n = brokerIds.length;
  const out: number[][] = [];
  for (let p = 0; p < partitions; p++) {
    const replicas: number[] = [];
    for (let r = 0; r < replicationFactor; r++) replicas.push(brokerIds[(p + r) % n]!);
    out.push(replicas);
  }
  return out;
}
