// KIP-320 position validation, as rules with no state of their own (Kafka's
// SubscriptionState.TopicPartitionState.maybeValidatePosition / validatePosition and
// SubscriptionState.maybeCompleteValidation). A consumer's position remembers the leader
// epoch of the last record it consumed (FetchPosition.offsetEpoch) and the leader and epoch
// it was last validated against (FetchPosition.currentLeader). When metadata names another
// leader or epoch, the position must be validated with OffsetsForLeaderEpoch before the
// partition is fetched again; the answer tells whether the log was truncated under it.

/** A position as validation sees it (FetchPosition). */
export interface ValidatedPosition {
  readonly offset: number;
  /** Leader epoch of the last consumed record; -1 when unknown (no validation possible). */
  readonly offsetEpoch: number;
  /** The leader and epoch the position belongs to (FetchPosition.currentLeader); -1 when unknown. */
  readonly leader: number;
  readonly leaderEpoch: number;
}

/**
 * TopicPartitionState.maybeValidatePosition on a metadata update: "unchanged" when the
 * leader is unknown or the same; otherwise the position moves to the new leader and needs
 * validation only if both its offsetEpoch and the new leader epoch are known
 * (validatePosition: else it goes straight to FETCHING).
 */
export function onLeaderUpdate(pos: ValidatedPosition, leader: number, leaderEpoch: number): "unchanged" | "fetching" | "await-validation" {
  if (leader < 0) return "unchanged";
  if (pos.leader === leader && pos.leaderEpoch === leaderEpoch) return "unchanged";
  return pos.offsetEpoch >= 0 && leaderEpoch >= 0 ? "await-validation" : "fetching";
}

export type ValidationOutcome =
  /** The end offset is at or past the position: back to FETCHING (completeValidation). */
  | { readonly kind: "valid" }
  /** The broker knows no end offset for the epoch: reset by auto.offset.reset (requestOffsetReset). */
  | { readonly kind: "reset-by-policy" }
  /** Truncated below the position: seek to the end offset returned, the first offset known to diverge. */
  | { readonly kind: "seek-to-divergence"; readonly offset: number; readonly offsetEpoch: number }
  /** auto.offset.reset=none: LogTruncationException (divergentOffset -1 when the broker knew none). */
  | { readonly kind: "log-truncation"; readonly divergentOffset: number; readonly divergentEpoch: number };

/**
 * SubscriptionState.maybeCompleteValidation for a current (matching) position and the
 * EpochEndOffset the leader returned. Note what Kafka does not do: it does not apply
 * auto.offset.reset (earliest/latest) to a detected truncation; any policy other than none
 * seeks to the end offset returned (`seekValidated(new FetchPosition(endOffset, leaderEpoch))`).
 */
export function completeValidation(pos: ValidatedPosition, end: { readonly epoch: number; readonly endOffset: number }, autoOffsetReset: "earliest" | "latest" | "none"): ValidationOutcome {
  const hasDefaultPolicy = autoOffsetReset !== "none";
  if (end.endOffset < 0 || end.epoch < 0) {
    return hasDefaultPolicy ? { kind: "reset-by-policy" } : { kind: "log-truncation", divergentOffset: -1, divergentEpoch: -1 };
  }
  if (end.endOffset < pos.offset) {
    return hasDefaultPolicy ? { kind: "seek-to-divergence", offset: end.endOffset, offsetEpoch: end.epoch } : { kind: "log-truncation", divergentOffset: end.endOffset, divergentEpoch: end.epoch };
  }
  return { kind: "valid" };
}
