// Rebuilds consumer groups from their __consumer_offsets records (GroupMetadataManager.replay
// for the ConsumerGroup* records): the last record per key wins, a null value deletes. A
// loaded member keeps its epoch, state and assignment and must heartbeat the new coordinator
// within its session timeout.

import type { ConsumerGroupRecord } from "../protocol/coordinator-records.ts";
import { ConsumerGroup, type ConsumerGroupMember } from "./consumer-group.ts";
import { fromList } from "./consumer-group-records.ts";
import { assertNever } from "../assert-never.ts";

type MemberMetadata = NonNullable<Extract<ConsumerGroupRecord, { type: "ConsumerGroupMemberMetadata" }>["value"]>;
type CurrentAssignment = NonNullable<Extract<ConsumerGroupRecord, { type: "ConsumerGroupCurrentMemberAssignment" }>["value"]>;

interface Draft {
  epoch: number;
  assignmentEpoch: number;
  readonly metadata: Map<string, MemberMetadata>;
  readonly current: Map<string, CurrentAssignment>;
  readonly target: Map<string, Extract<ConsumerGroupRecord, { type: "ConsumerGroupTargetAssignmentMember" }>["partitions"]>;
  readonly offsets: Map<string, number>;
}

export class ConsumerGroupReplay {
  private readonly drafts = new Map<string, Draft>();

  has(groupId: string): boolean {
    return this.drafts.has(groupId);
  }

  apply(r: ConsumerGroupRecord): void {
    const d = this.draft(r.groupId);
    switch (r.type) {
      case "ConsumerGroupMetadata":
        d.epoch = r.epoch;
        return;
      case "ConsumerGroupTargetAssignmentMetadata":
        d.assignmentEpoch = r.assignmentEpoch;
        return;
      case "ConsumerGroupMemberMetadata":
        if (r.value === null) d.metadata.delete(r.memberId);
        else d.metadata.set(r.memberId, r.value);
        return;
      case "ConsumerGroupCurrentMemberAssignment":
        if (r.value === null) d.current.delete(r.memberId);
        else d.current.set(r.memberId, r.value);
        return;
      case "ConsumerGroupTargetAssignmentMember":
        if (r.partitions === null) d.target.delete(r.memberId);
        else d.target.set(r.memberId, r.partitions);
        return;
      default:
        return assertNever(r);
    }
  }

  offset(groupId: string, key: string, offset: number | null): void {
    const d = this.draft(groupId);
    if (offset === null) d.offsets.delete(key);
    else d.offsets.set(key, offset);
  }

  build(): ConsumerGroup[] {
    const out: ConsumerGroup[] = [];
    for (const [groupId, d] of this.drafts) {
      const g = new ConsumerGroup(groupId);
      g.groupEpoch = d.epoch;
      g.assignmentEpoch = d.assignmentEpoch;
      for (const [k, v] of d.offsets) g.offsets.set(k, v);
      for (const [memberId, meta] of d.metadata) {
        const cur = d.current.get(memberId);
        const m: ConsumerGroupMember = {
          memberId,
          instanceId: meta.instanceId,
          memberEpoch: cur?.memberEpoch ?? 0,
          previousMemberEpoch: cur?.previousMemberEpoch ?? 0,
          state: cur?.state ?? "STABLE",
          rebalanceTimeoutMs: meta.rebalanceTimeoutMs,
          subscribedTopics: meta.subscribedTopics,
          serverAssignor: meta.serverAssignor,
          assigned: fromList(cur?.assigned ?? []),
          pendingRevocation: fromList(cur?.pendingRevocation ?? []),
          client: null,
          sessionTimer: null,
          rebalanceTimer: null,
        };
        g.putMember(m);
        const t = d.target.get(memberId);
        if (t !== undefined && t !== null) g.target.set(memberId, fromList(t));
      }
      out.push(g);
    }
    return out;
  }

  private draft(groupId: string): Draft {
    let d = this.drafts.get(groupId);
    if (d === undefined) {
      d = { epoch: 0, assignmentEpoch: 0, metadata: new Map(), current: new Map(), target: new Map(), offsets: new Map() };
      this.drafts.set(groupId, d);
    }
    return d;
  }
}
