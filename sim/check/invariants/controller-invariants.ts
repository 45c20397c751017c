// Invariants of the controller's committed metadata (KRaft's PartitionRecord /
// PartitionChangeRecord as ReplicationControlManager writes them), checked after each event
// the controller handled: the ISR is a subset of the replicas and holds the leader; leader
// and partition epochs never move back while one controller incarnation runs (its image holds
// records not yet fsynced, which a power loss may take back; brokers see committed records
// only, and they feed the one-leader-per-epoch check). A new leader comes from the ISR it had,
// or from its eligible leader replicas (KIP-966), unless the topic allows unclean elections
// (PartitionChangeBuilder.electLeader); the last known leader may return to an empty ISR and
// ELR ("balanced recovery", which Kafka also counts as unclean). After either of those, Kafka
// allows the partition's replicas to disagree on what was committed. The ELR never overlaps
// the ISR and is empty once the ISR is back at min.insync.replicas.

import type { Controller } from "../../../core/controller/controller.ts";
import { InvariantViolation } from "../../../core/invariant-violation.ts";
import { NO_LEADER } from "../../../core/protocol/metadata-records.ts";

interface SeenPartition {
  leaderEpoch: number;
  partitionEpoch: number;
  isr: readonly number[];
  elr: readonly number[];
  lastKnownElr: readonly number[];
}

export class ControllerInvariants {
  private readonly seen = new Map<string, SeenPartition>();
  /** Partitions that went through an unclean election. */
  readonly uncleanlyElected = new Set<string>();

  private incarnation: Controller | null = null;

  constructor(
    private readonly uncleanAllowed: (topic: string) => boolean,
    private readonly minInsyncReplicas: (topic: string) => number,
  ) {}

  check(controller: Controller): void {
    const restarted = this.incarnation !== controller;
    this.incarnation = controller;
    for (const [tp, p] of controller.metadata().partitions) {
      const seen = this.seen.get(tp);
      if (seen !== undefined && p.leaderEpoch === seen.leaderEpoch && p.partitionEpoch === seen.partitionEpoch && p.isr === seen.isr && p.elr === seen.elr) continue;
      const fail = (name: string, detail: string): never => {
        throw new InvariantViolation(name, `controller, ${tp}: ${detail}`);
      };
      if (!p.isr.every((id) => p.replicas.includes(id))) fail("isr-within-replicas", `ISR ${p.isr.join(",")} is not within replicas ${p.replicas.join(",")}`);
      if (p.leader !== NO_LEADER) {
        if (!p.isr.includes(p.leader)) fail("leader-in-isr", `leader ${p.leader} is not in ISR ${p.isr.join(",")}`);
      }
      if (p.elr.some((id) => p.isr.includes(id) || !p.replicas.includes(id))) fail("elr-apart-from-isr", `ELR ${p.elr.join(",")} overlaps ISR ${p.isr.join(",")} or leaves replicas ${p.replicas.join(",")}`);
      const minIsr = Math.min(this.minInsyncReplicas(p.topic), p.replicas.length);
      if (p.elr.length > 0 && p.isr.length >= minIsr) fail("elr-below-min-isr", `ELR ${p.elr.join(",")} kept with ISR ${p.isr.join(",")} at min.insync.replicas ${minIsr}`);
      if (seen !== undefined) {
        if (!restarted && p.leaderEpoch < seen.leaderEpoch) fail("leader-epoch-monotonic", `leader epoch moved back from ${seen.leaderEpoch} to ${p.leaderEpoch}`);
        if (!restarted && p.partitionEpoch < seen.partitionEpoch) fail("partition-epoch-monotonic", `partition epoch moved back from ${seen.partitionEpoch} to ${p.partitionEpoch}`);
        if (p.leaderEpoch > seen.leaderEpoch && p.leader !== NO_LEADER && !seen.isr.includes(p.leader) && !seen.elr.includes(p.leader)) {
          const lastKnownLeader = seen.isr.length === 0 && seen.elr.length === 0 && seen.lastKnownElr[0] === p.leader;
          if (!lastKnownLeader && !this.uncleanAllowed(p.topic)) fail("clean-election", `broker ${p.leader} was elected from outside the ISR ${seen.isr.join(",")} and ELR ${seen.elr.join(",")} with unclean.leader.election.enable=false`);
          this.uncleanlyElected.add(tp);
        }
      }
      this.seen.set(tp, { leaderEpoch: p.leaderEpoch, partitionEpoch: p.partitionEpoch, isr: p.isr, elr: p.elr, lastKnownElr: p.lastKnownElr });
    }
  }
}
