// OffsetCommit from the consumer (ConsumerCoordinator.sendOffsetCommitRequest and its
// response handler): only a STABLE member of a known generation commits; a commit that
// learns the member was fenced drops its partitions and rejoins. The observer hears every
// offset the group durably committed.

import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { OffsetCommitResponse } from "../protocol/group-messages.ts";
import type { ConsumerContext } from "./consumer-context.ts";
import type { ConsumerCoordinator, MembershipListener } from "./coordinator-client.ts";

export type CommitOffsets = readonly { topic: string; partition: number; offset: number }[];

const RETRIABLE_COMMIT: readonly ErrorCode[] = [Errors.STALE_MEMBER_EPOCH, Errors.COORDINATOR_NOT_AVAILABLE, Errors.NOT_COORDINATOR, Errors.COORDINATOR_LOAD_IN_PROGRESS, Errors.REQUEST_TIMED_OUT, Errors.NETWORK_EXCEPTION];

/** Errors commitSync retries (RetriableCommitFailedException's causes). */
export function isRetriableCommitError(error: ErrorCode): boolean {
  return RETRIABLE_COMMIT.includes(error);
}

interface Commit {
  readonly offsets: CommitOffsets;
  readonly done: (error: ErrorCode) => void;
}

export class OffsetCommitter {
  private readonly commits = new Map<number, Commit>();
  private nextCommitId = 1;

  constructor(
    private readonly ctx: ConsumerContext,
    private readonly member: ConsumerCoordinator,
    private readonly listener: MembershipListener,
  ) {}

  /** Without a request: CommitFailedException / RebalanceInProgressException when not STABLE. */
  commit(offsets: CommitOffsets, done: (error: ErrorCode) => void): void {
    const m = this.member;
    if (m.state !== "STABLE" || m.generation < 0) {
      done(m.state === "UNJOINED" ? Errors.UNKNOWN_MEMBER_ID : Errors.REBALANCE_IN_PROGRESS);
      return;
    }
    if (offsets.length === 0) return done(Errors.NONE);
    if (m.coordinator === null) {
      m.ensureCoordinator();
      return done(Errors.COORDINATOR_NOT_AVAILABLE);
    }
    const id = this.nextCommitId++;
    this.commits.set(id, { offsets, done });
    this.ctx.request(m.coordinator, { type: "commit", id }, this.ctx.settings.requestTimeoutMs, (correlationId) => ({
      kind: "OffsetCommit",
      correlationId,
      groupId: this.ctx.groupId,
      generationId: m.generation,
      memberId: m.memberId,
      groupInstanceId: m.instanceId,
      offsets,
    }));
  }

  onResponse(id: number, resp: OffsetCommitResponse | null, failure: ErrorCode): void {
    const c = this.commits.get(id);
    if (c === undefined) return;
    this.commits.delete(id);
    const m = this.member;
    const env = this.ctx.env;
    let error: ErrorCode = resp === null ? failure : Errors.NONE;
    for (const p of resp?.partitions ?? []) if (p.error !== Errors.NONE) error = p.error;
    if (error === Errors.NONE) {
      const now = env.now();
      for (const o of c.offsets) this.ctx.observer.committed(this.ctx.groupId, env.nodeId, o.topic, o.partition, o.offset, now);
      env.emit({ kind: "OffsetsCommitted", group: this.ctx.groupId, member: m.memberId, generation: m.generation, offsets: c.offsets.map((o) => `${o.partition}:${o.offset}`) });
    } else {
      env.emit({ kind: "OffsetCommitFailed", group: this.ctx.groupId, member: m.memberId, error });
      if (error === Errors.NOT_COORDINATOR || error === Errors.COORDINATOR_NOT_AVAILABLE) m.markCoordinatorUnknown(`commit: ${error}`);
      if (error === Errors.UNKNOWN_MEMBER_ID || error === Errors.ILLEGAL_GENERATION) {
        m.resetGeneration(error === Errors.UNKNOWN_MEMBER_ID);
        this.listener.onMembershipLost(`commit: ${error}`);
        m.requestRejoin(`commit: ${error}`);
      }
      if (error === Errors.REBALANCE_IN_PROGRESS) m.requestRejoin("commit: rebalance in progress");
    }
    c.done(error);
  }
}
