// KIP-392 on the consumer: SubscriptionState's preferred read replica. A leader's Fetch
// response may name another replica for a partition (the consumer's client.rack has one);
// the consumer then fetches that partition from it until metadata.max.age.ms has passed
// (FetchCollector: expiry = now + metadata.metadataExpireMs()), or until a fetch from it
// fails, which clears it (FetchUtils.requestMetadataUpdate, and OFFSET_OUT_OF_RANGE from a
// follower: retry at the leader before resetting). Not modelled: AbstractFetch.selectReadReplica
// also falls back to the leader when the replica is missing from the consumer's metadata.

import { NO_LEADER } from "../protocol/metadata-records.ts";

export interface ReadReplicaState {
  /** The broker to fetch from instead of the leader; NO_LEADER (-1) for none. */
  preferredReadReplica: number;
  /** µs at which the preference lapses. */
  preferredReadReplicaExpiresUs: number;
}

/** AbstractFetch.selectReadReplica: the preferred replica while it has not expired, else the leader. */
export function readReplicaOf(a: ReadReplicaState, leader: number, nowUs: number): number {
  if (a.preferredReadReplica === NO_LEADER) return leader;
  if (nowUs >= a.preferredReadReplicaExpiresUs) {
    clearPreferredReadReplica(a);
    return leader;
  }
  return a.preferredReadReplica;
}

/** SubscriptionState.updatePreferredReadReplica. */
export function updatePreferredReadReplica(a: ReadReplicaState, replica: number, nowUs: number, metadataMaxAgeMs: number): void {
  a.preferredReadReplica = replica;
  a.preferredReadReplicaExpiresUs = nowUs + metadataMaxAgeMs * 1000;
}

/** SubscriptionState.clearPreferredReadReplica: whether there was one. */
export function clearPreferredReadReplica(a: ReadReplicaState): boolean {
  const had = a.preferredReadReplica !== NO_LEADER;
  a.preferredReadReplica = NO_LEADER;
  return had;
}
