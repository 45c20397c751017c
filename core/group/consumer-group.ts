// A KIP-848 consumer group on its coordinator (group-coordinator's ConsumerGroup and
// ConsumerGroupMember): the group epoch, bumped whenever membership or a subscription
// changes; the target assignment and the epoch it was computed at; and per member its epoch,
// reconciliation state, the partitions it may own and those it still has to give up.
// Partitions are kept per topic as ascending lists.

import { invariant } from "../invariant-violation.ts";
import type { TimerHandle } from "../env.ts";

/** MemberState (group-coordinator's modern.MemberState). */
export type ConsumerMemberState = "STABLE" | "UNREVOKED_PARTITIONS" | "UNRELEASED_PARTITIONS";

export type TopicPartitions = ReadonlyMap<string, readonly number[]>;

export interface ConsumerGroupMember {
  readonly memberId: string;
  instanceId: string | null;
  memberEpoch: number;
  previousMemberEpoch: number;
  state: ConsumerMemberState;
  rebalanceTimeoutMs: number;
  subscribedTopics: readonly string[];
  serverAssignor: string | null;
  assigned: TopicPartitions;
  pendingRevocation: TopicPartitions;
  sessionTimer: TimerHandle | null;
  rebalanceTimer: TimerHandle | null;
}

export class ConsumerGroup {
  groupEpoch = 0;
  assignmentEpoch = 0;
  readonly members = new Map<string, ConsumerGroupMember>();
  /** memberId -> target partitions (TargetAssignmentBuilder's output). */
  readonly target = new Map<string, TopicPartitions>();
  /** topic -> partition -> epoch of the member that holds it (assigned or pending revocation). */
  private readonly partitionEpochs = new Map<string, Map<number, number>>();
  readonly offsets = new Map<string, number>();
  /** The static member id per group.instance.id. */
  readonly staticMembers = new Map<string, string>();

  constructor(readonly groupId: string) {}

  get state(): "EMPTY" | "ASSIGNING" | "RECONCILING" | "STABLE" {
    if (this.members.size === 0) return "EMPTY";
    if (this.groupEpoch > this.assignmentEpoch) return "ASSIGNING";
    for (const m of this.members.values()) if (m.memberEpoch !== this.assignmentEpoch || m.state !== "STABLE") return "RECONCILING";
    return "STABLE";
  }

  /** ConsumerGroup.currentPartitionEpoch: -1 when no member holds the partition. */
  partitionEpoch(topic: string, partition: number): number {
    return this.partitionEpochs.get(topic)?.get(partition) ?? -1;
  }

  /** Replaces the member, keeping the partition epochs in step (ConsumerGroup.updateMember). */
  putMember(m: ConsumerGroupMember): void {
    const old = this.members.get(m.memberId);
    if (old !== undefined) this.release(old);
    this.members.set(m.memberId, m);
    if (m.instanceId !== null) this.staticMembers.set(m.instanceId, m.memberId);
    this.hold(m);
  }

  removeMember(memberId: string): void {
    const m = this.members.get(memberId);
    if (m === undefined) return;
    this.release(m);
    this.members.delete(memberId);
    this.target.delete(memberId);
    if (m.instanceId !== null && this.staticMembers.get(m.instanceId) === memberId) this.staticMembers.delete(m.instanceId);
  }

  private hold(m: ConsumerGroupMember): void {
    for (const parts of [m.assigned, m.pendingRevocation]) {
      for (const [topic, ps] of parts) {
        let epochs = this.partitionEpochs.get(topic);
        if (epochs === undefined) this.partitionEpochs.set(topic, (epochs = new Map()));
        for (const p of ps) {
          const held = epochs.get(p);
          // ConsumerGroup.addPartitionEpochs: two holders at once is a coordinator bug.
          invariant(held === undefined, "one-holder-per-partition", () => `group ${this.groupId}: ${m.memberId} at epoch ${m.memberEpoch} would hold ${topic}-${p}, held at epoch ${held} already`);
          epochs.set(p, m.memberEpoch);
        }
      }
    }
  }

  private release(m: ConsumerGroupMember): void {
    for (const parts of [m.assigned, m.pendingRevocation]) {
      for (const [topic, ps] of parts) for (const p of ps) this.partitionEpochs.get(topic)?.delete(p);
    }
  }
}
