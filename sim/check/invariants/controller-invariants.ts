// Invariants of the controller's committed metadata (KRaft's PartitionRecord /
// PartitionChangeRecord as ReplicationControlManager writes them), checked after each event
// the controller handled: the ISR is a subset of the replicas and holds the leader; leader
// and partition epochs never move back while one controller incarnation runs (its image holds
// records not yet fsynced, which a power loss may take back; brokers see committed records
// only, and they feed the one-leader-per-epoch check). A new leader comes from the ISR it had
// unless the topic allows unclean elections (PartitionChangeBuilder.electLeader); after an
// unclean one, Kafka allows the partition's replicas to disagree on what was committed.

import type { Controller } from "../../../core/controller/controller.ts";
import { InvariantViolation } from "../../../core/invariant-violation.ts";
import { NO_LEADER } from "../../../core/protocol/metadata-records.ts";

interface SeenPartition {
  leaderEpoch: number;
  partitionEpoch: number;
  isr: readonly number[];
}

export class ControllerInvariants {
  private readonly seen = new Map<string, SeenPartition>();
  /** Partitions that went through an unclean election. */
  readonly uncleanlyElected = new Set<string>();

  private incarnation: Controller | null = null;

  constructor(private readonly uncleanAllowed: (topic: string) => boolean) {}

  check(controller: Controller): void {
    const restarted = this.incarnation !== controller;
    this.incarnation = controller;
    for (const [tp, p] of controller.metadata().partitions) {
      const seen = this.seen.get(tp);
      if (seen !== undefined && p.leaderEpoch === seen.leaderEpoch && p.partitionEpoch === seen.partitionEpoch && p.isr === seen.isr) continue;
      const fail = (name: string, detail: string): never => {
        throw new InvariantViolation(name, `controller, ${tp}: ${detail}`);
      };
      if (!p.isr.every((id) => p.replicas.includes(id))) fail("isr-within-replicas", `ISR ${p.isr.join(",")} is not within replicas ${p.replicas.join(",")}`);
      if (p.leader !== NO_LEADER) {
        if (!p.isr.includes(p.leader)) fail("leader-in-isr", `leader ${p.leader} is not in ISR ${p.isr.join(",")}`);
      }
      if (seen !== undefined) {
        if (!restarted && p.leaderEpoch < seen.leaderEpoch) fail("leader-epoch-monotonic", `leader epoch moved back from ${seen.leaderEpoch} to ${p.leaderEpoch}`);
        if (!restarted && p.partitionEpoch < seen.partitionEpoch) fail("partition-epoch-monotonic", `partition epoch moved back from ${seen.partitionEpoch} to ${p.partitionEpoch}`);
        if (p.leaderEpoch > seen.leaderEpoch && p.leader !== NO_LEADER && !seen.isr.includes(p.leader)) {
          if (!this.uncleanAllowed(p.topic)) fail("clean-election", `broker ${p.leader} was elected from outside the ISR ${seen.isr.join(",")} with unclean.leader.election.enable=false`);
          this.uncleanlyElected.add(tp);
        }
      }
      this.seen.set(tp, { leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, isr: p.isr });
    }
  }
}
