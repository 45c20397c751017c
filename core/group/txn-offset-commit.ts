// TxnOffsetCommit's validation on the group coordinator (OffsetMetadataManager.
// validateTransactionalOffsetCommit with ClassicGroup/ConsumerGroup.validateOffsetCommit,
// isTransactional = true): KIP-447 fences a consumer that is no longer the group's member of
// the current generation — UNKNOWN_MEMBER_ID, FENCED_INSTANCE_ID (a newer static member),
// ILLEGAL_GENERATION — so a zombie's transaction cannot commit offsets its successor owns.
// Unlike OffsetCommit, a transactional commit is not refused during CompletingRebalance.

import { Errors, type ErrorCode } from "../protocol/errors.ts";
import type { TxnOffsetCommitRequest } from "../protocol/txn-messages.ts";
import { validateMember, type ClassicGroup } from "./classic-group.ts";
import type { ConsumerGroup } from "./consumer-group.ts";

export function validateTxnOffsetCommit(classic: ClassicGroup | undefined, consumer: ConsumerGroup | undefined, req: TxnOffsetCommitRequest): ErrorCode {
  if (consumer !== undefined) {
    // ConsumerGroup.validateOffsetCommit: a stale member epoch is ILLEGAL_GENERATION here.
    const member = consumer.members.get(req.memberId);
    if (member === undefined) return Errors.UNKNOWN_MEMBER_ID;
    if (req.generationId > member.memberEpoch) return Errors.FENCED_MEMBER_EPOCH;
    return req.generationId < member.memberEpoch ? Errors.ILLEGAL_GENERATION : Errors.NONE;
  }
  // No group: a generation of -1 creates a simple group (the caller's), any other is ILLEGAL_GENERATION.
  if (classic === undefined) return req.generationId < 0 ? Errors.NONE : Errors.ILLEGAL_GENERATION;
  if (classic.state === "Dead") return Errors.COORDINATOR_NOT_AVAILABLE;
  if (req.generationId < 0 && classic.state === "Empty") return Errors.NONE;
  if (req.generationId >= 0 || req.memberId !== "" || req.groupInstanceId !== null) {
    const invalid = validateMember(classic, req.memberId, req.groupInstanceId);
    if (invalid !== Errors.NONE) return invalid;
    if (req.generationId !== classic.generationId) return Errors.ILLEGAL_GENERATION;
  }
  return Errors.NONE;
}
