// A classic consumer group as the coordinator holds it: Kafka's ClassicGroup and
// ClassicGroupMember (group-coordinator/src/main/java/org/apache/kafka/coordinator/group/classic/).
// States: Empty → PreparingRebalance → CompletingRebalance → Stable, and Dead once unloaded.
// Transitions live in classic-group-handler.ts and the files it names; this file is the data
// and its queries.

import type { NodeId, TimerHandle } from "../env.ts";
import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { JoinGroupProtocol, PartitionList, Subscription } from "../protocol/group-messages.ts";

export type GroupState = "Empty" | "PreparingRebalance" | "CompletingRebalance" | "Stable" | "Dead";

/** A parked JoinGroup or SyncGroup request (the "awaiting future" of ClassicGroupMember). */
export interface ParkedRequest {
  readonly from: NodeId;
  readonly correlationId: number;
}

export interface ClassicGroupMember {
  memberId: string;
  readonly groupInstanceId: string | null;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: readonly JoinGroupProtocol[];
  assignment: PartitionList;
  awaitingJoin: ParkedRequest | null;
  awaitingSync: ParkedRequest | null;
  /** Joined in the current rebalance and never heartbeated (ClassicGroupMember.isNew). */
  isNew: boolean;
  /** Session deadline in µs; the expiry timer re-arms itself while it moves. */
  sessionDeadlineUs: number;
  sessionTimer: TimerHandle | null;
  /** When sessionTimer fires. */
  sessionTimerAtUs: number;
}

export class ClassicGroup {
  state: GroupState = "Empty";
  previousState: GroupState = "Empty";
  generationId = 0;
  protocolName: string | null = null;
  leaderId: string | null = null;
  /** Insertion order is join order (Kafka's LinkedHashMap). */
  readonly members = new Map<string, ClassicGroupMember>();
  /** KIP-394: member ids handed out with MEMBER_ID_REQUIRED, not yet joined; value = expiry timer. */
  readonly pendingMembers = new Map<string, TimerHandle>();
  /** KIP-345: group.instance.id → member id. */
  readonly staticMembers = new Map<string, string>();
  newMemberAdded = false;
  joinTimer: TimerHandle | null = null;
  /** The initial delayed join's remaining budget (InitialDelayedJoin), -1 when not in one. */
  initialRemainingMs = -1;
  /** Members that must still send SyncGroup in this generation (schedulePendingSync). */
  readonly pendingSync = new Set<string>();
  /** Committed offsets (topic-partition key → offset), visible once written to the log. */
  readonly offsets = new Map<string, number>();

  constructor(readonly groupId: string) {}

  transitionTo(state: GroupState): void {
    this.previousState = this.state;
    this.state = state;
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  /** ClassicGroup.hasAllMembersJoined: every member awaits a join response and none is pending. */
  hasAllMembersJoined(): boolean {
    for (const m of this.members.values()) if (m.awaitingJoin === null) return false;
    return this.pendingMembers.size === 0;
  }

  /** ClassicGroup.rebalanceTimeoutMs: the largest of the members'. */
  rebalanceTimeoutMs(): number {
    let t = 0;
    for (const m of this.members.values()) if (m.rebalanceTimeoutMs > t) t = m.rebalanceTimeoutMs;
    return t;
  }

  /** Protocols every member supports, in the first member's preference order (candidateProtocols). */
  candidateProtocols(): string[] {
    const first = this.members.values().next().value;
    if (first === undefined) return [];
    return first.protocols.map((p) => p.name).filter((name) => this.allSupport(name));
  }

  private allSupport(name: string): boolean {
    for (const m of this.members.values()) if (!m.protocols.some((p) => p.name === name)) return false;
    return true;
  }

  /** A new member's protocols overlap the group's (ClassicGroup.supportsProtocols). */
  supportsProtocols(protocols: readonly JoinGroupProtocol[]): boolean {
    if (this.members.size === 0) return protocols.length > 0;
    const candidates = this.candidateProtocols();
    return protocols.some((p) => candidates.includes(p.name));
  }

  /**
   * ClassicGroup.selectProtocol: each member votes for its most preferred candidate; the most
   * votes win. Kafka breaks ties by HashMap order; here by the first member's preference.
   */
  selectProtocol(): string | null {
    const candidates = this.candidateProtocols();
    const votes = new Map<string, number>();
    for (const m of this.members.values()) {
      const vote = m.protocols.find((p) => candidates.includes(p.name))?.name;
      if (vote !== undefined) votes.set(vote, (votes.get(vote) ?? 0) + 1);
    }
    let best: string | null = null;
    let bestVotes = 0;
    for (const c of candidates) {
      const v = votes.get(c) ?? 0;
      if (v > bestVotes) {
        best = c;
        bestVotes = v;
      }
    }
    return best;
  }

  /** The member's subscription under the selected protocol. */
  metadataOf(m: ClassicGroupMember): Subscription {
    const p = m.protocols.find((x) => x.name === this.protocolName) ?? m.protocols[0];
    return p?.metadata ?? { topics: [], ownedPartitions: [], generationId: -1 };
  }

  /** ClassicGroup.maybeElectNewJoinedLeader: keep a leader that rejoined, else the first joined member. */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId !== null) {
      const leader = this.members.get(this.leaderId);
      if (leader?.awaitingJoin != null) return true;
    }
    for (const m of this.members.values()) {
      if (m.awaitingJoin !== null) {
        this.leaderId = m.memberId;
        return true;
      }
    }
    return false;
  }
}

export function sameProtocols(a: readonly JoinGroupProtocol[], b: readonly JoinGroupProtocol[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.name !== y.name || !sameSubscription(x.metadata, y.metadata)) return false;
  }
  return true;
}

function sameSubscription(a: Subscription, b: Subscription): boolean {
  if (a.topics.join(",") !== b.topics.join(",") || a.ownedPartitions.length !== b.ownedPartitions.length) return false;
  for (let i = 0; i < a.ownedPartitions.length; i++) {
    const x = a.ownedPartitions[i]!;
    const y = b.ownedPartitions[i]!;
    if (x.topic !== y.topic || x.partition !== y.partition) return false;
  }
  return true;
}

/**
 * ClassicGroup.validateMember: a static member is checked by its instance id first, so a
 * zombie with a replaced member id learns it was fenced (FENCED_INSTANCE_ID), not forgotten.
 */
export function validateMember(group: ClassicGroup, memberId: string, groupInstanceId: string | null): ErrorCode {
  if (groupInstanceId !== null) {
    const existing = group.staticMembers.get(groupInstanceId);
    if (existing === undefined) return Errors.UNKNOWN_MEMBER_ID;
    return existing === memberId ? Errors.NONE : Errors.FENCED_INSTANCE_ID;
  }
  return group.members.has(memberId) ? Errors.NONE : Errors.UNKNOWN_MEMBER_ID;
}
