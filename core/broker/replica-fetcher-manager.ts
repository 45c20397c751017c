// ReplicaFetcherManager (AbstractFetcherManager): one fetcher per source broker, created the
// first time a local partition follows that broker, and the place a partition leaves when it
// stops following (a new leader, or leadership here).

import { ReplicaFetcher, type FetcherHost } from "./replica-fetcher.ts";
import type { Partition } from "./partition.ts";

export class ReplicaFetcherManager {
  private readonly fetchers = new Map<number, ReplicaFetcher>();

  constructor(private readonly host: FetcherHost) {}

  /** addFetcherForPartitions: `p` fetches from `leaderId` from now on. */
  addFetcherForPartition(p: Partition, leaderId: number): void {
    let fetcher = this.fetchers.get(leaderId);
    if (fetcher === undefined) {
      fetcher = new ReplicaFetcher(this.host, leaderId);
      this.fetchers.set(leaderId, fetcher);
    }
    fetcher.add(p);
  }

  /** removeFetcherForPartitions: whichever fetcher has the partition lets it go. */
  removeFetcherForPartition(key: string): void {
    for (const f of this.fetchers.values()) if (f.has(key)) f.remove(key);
  }

  /** The fetcher replicating from `leaderId`, if any (responses, failures, backoff timers). */
  fetcherFor(leaderId: number): ReplicaFetcher | undefined {
    return this.fetchers.get(leaderId);
  }
}
