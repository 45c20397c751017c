// KIP-848's client-side reconciliation (ConsumerMembershipManager.maybeReconcile), run in the
// application thread from poll(): revoke the partitions the new target no longer holds — with
// auto-commit, commitSync the consumed offsets first, as the revocation callback would — then
// take the partitions it adds, then acknowledge at once with a heartbeat that lists what the
// member owns now. Only with no heartbeat in flight, whose response may bring a newer target.

import type { ConsumerSettings } from "../config/index.ts";
import type { Env } from "../env.ts";
import type { PartitionList } from "../protocol/group-messages.ts";
import type { KafkaMessage } from "../protocol/messages.ts";
import type { CommitDriver } from "./commit-driver.ts";
import type { ConsumerMembershipManager } from "./consumer-membership.ts";
import type { Fetcher } from "./fetcher.ts";
import type { ConsumeObserver } from "./observer.ts";
import type { ConsumerTimer } from "./consumer-timers.ts";

export interface ReconcilerHost {
  readonly env: Env<KafkaMessage, ConsumerTimer>;
  readonly groupId: string;
  readonly settings: ConsumerSettings;
  readonly observer: ConsumeObserver;
  readonly fetcher: Fetcher;
  readonly commits: CommitDriver;
  readonly membership: ConsumerMembershipManager;
  /** The application thread waits in commitSync; `resume` when it returns. */
  block(): void;
  resume(): void;
}

export class AssignmentReconciler {
  private pending: { epoch: number; assignment: PartitionList } | null = null;

  constructor(private readonly host: ReconcilerHost) {}

  onTarget(epoch: number, assignment: PartitionList): void {
    this.pending = { epoch, assignment: sortPartitions(assignment) };
  }

  /** The member lost its partitions (fenced, poll timeout): an older target is void. */
  clear(): void {
    this.pending = null;
  }

  /** True while the application is blocked on the commit before a revocation. */
  reconcile(): boolean {
    const h = this.host;
    if (this.pending === null || !h.membership.canReconcile()) return false;
    const keep = keys(this.pending.assignment);
    const revoking = h.fetcher.ownedPartitions().some((p) => !keep.has(`${p.topic}-${p.partition}`));
    if (revoking && h.settings.enableAutoCommit && h.membership.state === "STABLE") {
      h.block();
      h.commits.commitSync(h.fetcher.consumedOffsets(), "before revocation", () => {
        this.apply();
        h.resume();
      });
      return true;
    }
    this.apply();
    return false;
  }

  private apply(): void {
    const h = this.host;
    const target = this.pending;
    if (target === null) return;
    this.pending = null;
    const before = h.fetcher.ownedPartitions();
    const keep = keys(target.assignment);
    const had = keys(before);
    const revoked = before.filter((p) => !keep.has(`${p.topic}-${p.partition}`));
    const added = target.assignment.filter((p) => !had.has(`${p.topic}-${p.partition}`));
    if (revoked.length === 0 && added.length === 0) return;
    const member = h.membership.memberId;
    if (revoked.length > 0) h.env.emit({ kind: "PartitionsRevoked", group: h.groupId, member, partitions: revoked.map((p) => p.partition), protocol: "consumer" });
    h.fetcher.setAssignment(target.assignment);
    h.observer.assigned(h.groupId, h.env.nodeId, target.epoch, target.assignment, revoked.length, h.env.now());
    h.env.emit({ kind: "AssignmentReceived", group: h.groupId, member, generation: target.epoch, partitions: target.assignment.map((p) => p.partition), revoked: revoked.map((p) => p.partition), added: added.map((p) => p.partition) });
    h.membership.acknowledge();
  }
}

function keys(list: PartitionList): Set<string> {
  return new Set(list.map((p) => `${p.topic}-${p.partition}`));
}

export function sortPartitions(list: PartitionList): PartitionList {
  return [...list].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}
