// The consumer's KIP-320 position validation (OffsetFetcher.validatePositionsAsync,
// OffsetsForLeaderEpochUtils, OffsetFetcherUtils.onSuccessfulResponseForValidatingPositions):
// positions awaiting validation are sent, per leader, in one OffsetsForLeaderEpoch; answers
// complete the validation by SubscriptionState.maybeCompleteValidation's rules
// (position-validation.ts) or back the partition off by retry.backoff.ms.

import { brokerNode } from "../cluster-names.ts";
import { Errors } from "../protocol/errors.ts";
import type { OffsetsForLeaderEpochResponse } from "../protocol/group-messages.ts";
import { NO_LEADER } from "../protocol/metadata-records.ts";
import type { ConsumerContext } from "./consumer-context.ts";
import type { AssignedPartition } from "./fetcher.ts";
import { completeValidation, type ValidatedPosition } from "./position-validation.ts";

/** A position as an OffsetsForLeaderEpoch request carried it. */
export type RequestedPosition = ValidatedPosition & { readonly partition: number };

export function positionOf(a: AssignedPartition): ValidatedPosition {
  return { offset: a.position, offsetEpoch: a.offsetEpoch, leader: a.positionLeader, leaderEpoch: a.positionLeaderEpoch };
}

export class PositionValidator {
  constructor(
    private readonly ctx: ConsumerContext,
    private readonly assigned: ReadonlyMap<string, AssignedPartition>,
    private readonly requestMetadata: () => void,
    /** seekValidated: the divergence point, fetched at once. */
    private readonly seekValidated: (a: AssignedPartition, offset: number, offsetEpoch: number) => void,
  ) {}

  /**
   * OffsetFetcher.validatePositionsAsync: one OffsetsForLeaderEpoch per leader for the
   * positions awaiting validation and not in retry backoff (OffsetsForLeaderEpochUtils
   * .prepareRequest: leaderEpoch = offsetEpoch, currentLeaderEpoch = the position's leader
   * epoch). Returns µs until a partition in backoff may be retried (Infinity if none).
   */
  validatePositions(): number {
    const now = this.ctx.env.now();
    const byLeader = new Map<number, AssignedPartition[]>();
    let retryUs = Infinity;
    for (const a of this.assigned.values()) {
      if (a.phase !== "validate" || a.validationInFlight) continue;
      if (a.nextRetryUs > now) {
        retryUs = Math.min(retryUs, a.nextRetryUs - now);
        continue;
      }
      if (a.positionLeader === NO_LEADER) {
        this.requestMetadata();
        continue;
      }
      let list = byLeader.get(a.positionLeader);
      if (list === undefined) byLeader.set(a.positionLeader, (list = []));
      list.push(a);
    }
    for (const [leader, list] of byLeader) {
      for (const a of list) a.validationInFlight = true;
      const positions = list.map((a) => ({ partition: a.partition, ...positionOf(a) }));
      this.ctx.request(brokerNode(leader), { type: "offsets-for-leader-epoch", positions }, this.ctx.settings.requestTimeoutMs, (correlationId) => ({
        kind: "OffsetsForLeaderEpoch",
        correlationId,
        replicaId: -1,
        partitions: positions.map((p) => ({ topic: this.ctx.topic, partition: p.partition, currentLeaderEpoch: p.leaderEpoch, leaderEpoch: p.offsetEpoch })),
      }));
    }
    return retryUs;
  }

  /**
   * OffsetFetcherUtils.onSuccessfulResponseForValidatingPositions / onFailedResponse…: a
   * retriable error or a failed request backs the partition off by retry.backoff.ms and asks
   * for metadata; an answer for a position that is still current completes its validation.
   */
  onResponse(resp: OffsetsForLeaderEpochResponse | null, positions: readonly RequestedPosition[]): void {
    const now = this.ctx.env.now();
    let retry = false;
    for (const req of positions) {
      const a = this.assigned.get(`${this.ctx.topic}-${req.partition}`);
      if (a === undefined) continue;
      a.validationInFlight = false;
      const r = resp?.partitions.find((x) => x.partition === req.partition);
      if (r === undefined || r.error !== Errors.NONE) {
        a.nextRetryUs = now + this.ctx.settings.retryBackoffMs * 1000;
        retry = true;
        continue;
      }
      const cur = positionOf(a);
      if (a.phase !== "validate" || cur.offset !== req.offset || cur.offsetEpoch !== req.offsetEpoch || cur.leader !== req.leader || cur.leaderEpoch !== req.leaderEpoch) continue;
      this.completeValidation(a, { epoch: r.leaderEpoch, endOffset: r.endOffset });
    }
    if (retry) this.requestMetadata();
  }

  private completeValidation(a: AssignedPartition, end: { epoch: number; endOffset: number }): void {
    const { groupId, env, observer, settings } = this.ctx;
    const outcome = completeValidation(positionOf(a), end, settings.autoOffsetReset);
    const base = { group: groupId, partition: a.partition, position: a.position, offsetEpoch: a.offsetEpoch, endOffset: end.endOffset, endEpoch: end.epoch };
    if (outcome.kind === "valid") {
      a.phase = "ready";
      env.emit({ kind: "ConsumerPositionValidated", ...base });
      return;
    }
    const action = outcome.kind === "seek-to-divergence" ? "seek" : outcome.kind === "reset-by-policy" ? "reset" : "LogTruncationException";
    env.emit({ kind: "ConsumerLogTruncation", ...base, action });
    observer.logTruncation(groupId, a.topic, a.partition, a.position, end.endOffset);
    if (outcome.kind === "seek-to-divergence") this.seekValidated(a, outcome.offset, outcome.offsetEpoch);
    else if (outcome.kind === "reset-by-policy") {
      a.phase = "reset";
      a.position = -1;
    } else a.phase = "truncated";
  }
}
