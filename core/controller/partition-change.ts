// Leader election and ISR changes as the KRaft controller computes them: Kafka's
// PartitionChangeBuilder (metadata/src/main/java/org/apache/kafka/controller/), with eligible
// leader replicas (KIP-966) when the eligible.leader.replicas.version feature is on (Kafka
// 4.1's default for a new cluster). Without ELR the ISR is never written empty: when its last
// member goes, the leader becomes NO_LEADER and the ISR keeps that member. With ELR, replicas
// that leave an ISR already below min.insync.replicas stay electable (they hold every
// committed record, since the HW does not advance under min ISR), the ISR may empty, and the
// last leader is remembered in lastKnownElr. An unclean election, when the topic allows it,
// picks any live replica and resets the ISR to it.

import type { MetadataImage, PartitionState } from "../metadata/metadata-image.ts";
import { NO_LEADER } from "../protocol/metadata-records.ts";

export interface PartitionChange {
  readonly isr: readonly number[] | null;
  readonly leader: number | null;
  readonly elr: readonly number[] | null;
  readonly lastKnownElr: readonly number[] | null;
  readonly reason: string;
}

export type ElectionType = "online" | "unclean" | "preferred";

/** Whether the controller tracks ELR, and the topic's effective min ISR (ReplicationControlManager.getTopicEffectiveMinIsr). */
export interface ElrSettings {
  readonly enabled: boolean;
  readonly minIsr: number;
}

export const ELR_OFF: ElrSettings = { enabled: false, minIsr: 1 };

const NONE: readonly number[] = Object.freeze([]);

/**
 * The change (if any) that moves the partition to `targetIsr` and elects a leader: Kafka's
 * PartitionChangeBuilder.build. `uncleanShutdown` names a broker back from an unclean
 * shutdown (ReplicationControlManager.handleBrokerUncleanShutdown): it may not lead and
 * leaves the ELR. Not modelled: reassignment (target replicas, adding/removing) and the
 * leader recovery state.
 */
export function buildPartitionChange(
  image: MetadataImage,
  p: PartitionState,
  targetIsrIn: readonly number[],
  election: ElectionType,
  reason: string,
  elrSettings: ElrSettings = ELR_OFF,
  uncleanShutdown: number = NO_LEADER,
): PartitionChange | null {
  const acceptable = (id: number): boolean => id !== uncleanShutdown && image.isUsable(id);
  let targetIsr = targetIsrIn;
  let targetElr = elrSettings.enabled ? populatedElr(p, targetIsr, elrSettings.minIsr, uncleanShutdown) : p.elr;

  // tryElection
  const elected = electLeader(p, targetIsr, targetElr, election, acceptable, elrSettings.enabled);
  let isr: readonly number[] | null = null;
  let leader: number | null = null;
  let how = elected.lastKnown === true ? ", last known leader" : elected.unclean ? ", unclean" : "";
  if (elected.id !== p.leader) {
    if (targetElr.includes(elected.id)) {
      how = ", from ELR";
      targetIsr = [elected.id];
      targetElr = targetElr.filter((id) => id !== elected.id);
    }
    leader = elected.id;
    // An unclean election forcibly sets the ISR to the new leader alone.
    if (elected.unclean) isr = [elected.id];
  }

  // maybeUpdateRecordElr: an unclean election, or ELR off, clears the ELR.
  if (isr !== null || !elrSettings.enabled) targetElr = NONE;
  const elr = sameList(targetElr, p.elr) ? null : targetElr;

  // The ISR is written if it changed, and written empty only with ELR.
  if (isr === null && (targetIsr.length > 0 || elrSettings.enabled) && !sameMembers(targetIsr, p.isr)) isr = targetIsr;

  const lastKnownElr = elrSettings.enabled ? lastKnownLeader(p, isr, leader) : null;
  if (isr === null && leader === null && elr === null && lastKnownElr === null) return null;
  return { isr, leader, elr, lastKnownElr, reason: reason + how };
}

/**
 * PartitionChangeBuilder.maybePopulateTargetElr: at or above min ISR the ELR empties; below
 * it, the current ISR and ELR not in the target ISR, minus a broker back from an unclean
 * shutdown. (Kafka's lastKnownElr then holds the last known leader only,
 * useLastKnownLeaderInBalancedRecovery, so the wider last-known-ELR set is not kept.)
 */
function populatedElr(p: PartitionState, targetIsr: readonly number[], minIsr: number, uncleanShutdown: number): readonly number[] {
  if (targetIsr.length >= minIsr) return NONE;
  const candidates = [...new Set([...p.elr, ...p.isr])].sort((a, b) => a - b);
  return candidates.filter((id) => !targetIsr.includes(id) && id !== uncleanShutdown);
}

/**
 * PartitionChangeBuilder.maybeUpdateLastKnownLeader: remember the leader the first time the
 * ISR empties; forget it once the partition has (or keeps) a leader.
 */
function lastKnownLeader(p: PartitionState, isr: readonly number[] | null, leader: number | null): readonly number[] | null {
  if (isr !== null && isr.length === 0 && (p.lastKnownElr.length !== 1 || p.lastKnownElr[0] !== p.leader)) return [p.leader];
  const hasLeader = (leader !== null && leader >= 0) || (p.leader !== NO_LEADER && leader !== NO_LEADER);
  if (hasLeader && p.lastKnownElr.length > 0) return NONE;
  return null;
}

interface Elected {
  readonly id: number;
  /** The ISR is reset to the new leader: an unclean election, or the last known leader's return. */
  readonly unclean: boolean;
  readonly lastKnown?: boolean;
}

/** PartitionChangeBuilder.electPreferredLeader / electAnyLeader. */
function electLeader(
  p: PartitionState,
  targetIsr: readonly number[],
  targetElr: readonly number[],
  election: ElectionType,
  acceptable: (id: number) => boolean,
  elrEnabled: boolean,
): Elected {
  // isValidNewLeader: in the target ISR, or in the ELR when the target ISR is empty.
  const valid = (id: number): boolean => (targetIsr.includes(id) || (targetIsr.length === 0 && targetElr.includes(id))) && acceptable(id);
  if (election === "preferred") {
    const preferred = p.replicas[0];
    if (preferred !== undefined && valid(preferred)) return { id: preferred, unclean: false };
  }
  if (p.leader !== NO_LEADER && valid(p.leader)) return { id: p.leader, unclean: false };
  for (const id of p.replicas) if (valid(id)) return { id, unclean: false };
  // canElectLastKnownLeader ("balanced recovery"): ISR and ELR empty, the last known leader
  // live again. Kafka's 4.0 code returned true even when it was not live; later code checks it.
  if (elrEnabled && targetIsr.length === 0 && targetElr.length === 0 && p.lastKnownElr.length === 1 && acceptable(p.lastKnownElr[0]!)) {
    return { id: p.lastKnownElr[0]!, unclean: true, lastKnown: true };
  }
  if (election === "unclean") {
    for (const id of p.replicas) if (acceptable(id)) return { id, unclean: true };
  }
  return { id: NO_LEADER, unclean: false };
}

function sameMembers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (const x of a) if (!b.includes(x)) return false;
  return true;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
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
