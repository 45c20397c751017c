// The consumer's preferred read replica (KIP-392, SubscriptionState): set from a Fetch
// response, used until metadata.max.age.ms has passed, cleared by a failed fetch.
import { describe, expect, it } from "vitest";
import { clearPreferredReadReplica, readReplicaOf, updatePreferredReadReplica, type ReadReplicaState } from "../../core/consumer/preferred-read-replica.ts";

describe("preferred read replica", () => {
  const fresh = (): ReadReplicaState => ({ preferredReadReplica: -1, preferredReadReplicaExpiresUs: 0 });

  it("fetches from the leader until a leader names a replica", () => {
    expect(readReplicaOf(fresh(), 1, 0)).toBe(1);
  });

  it("fetches from the named replica until metadata.max.age.ms has passed (FetchCollector's expireTimeMs)", () => {
    const a = fresh();
    updatePreferredReadReplica(a, 3, 1_000_000, 300_000);
    expect(readReplicaOf(a, 1, 300_999_999)).toBe(3);
    expect(readReplicaOf(a, 1, 301_000_000)).toBe(1);
    expect(a.preferredReadReplica).toBe(-1);
  });

  it("says whether it cleared one, so OFFSET_OUT_OF_RANGE from a follower retries the leader before resetting", () => {
    const a = fresh();
    updatePreferredReadReplica(a, 3, 0, 300_000);
    expect(clearPreferredReadReplica(a)).toBe(true);
    expect(clearPreferredReadReplica(a)).toBe(false);
    expect(readReplicaOf(a, 1, 0)).toBe(1);
  });
});
