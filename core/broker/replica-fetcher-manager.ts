// ReplicaFetcherManager (AbstractFetcherManager): num.replica.fetchers fetchers per source
// broker, each created the first time a local partition it would serve follows that broker;
// a partition goes to fetcher getFetcherId(tp) = abs(31 * topic.hashCode() + partition) mod
// num.replica.fetchers, as in Kafka. Each fetcher has its own fetch in flight. A partition
// leaves its fetcher when it stops following (a new leader, or leadership here).

import { javaStringHashCode } from "../assignors/java-hash-order.ts";
import { ReplicaFetcher, type FetcherHost } from "./replica-fetcher.ts";
import type { Partition } from "./partition.ts";

/** AbstractFetcherManager.getFetcherId, with Utils.abs (Integer.MIN_VALUE maps to 0). */
export function fetcherIdOf(topic: string, partition: number, numFetchers: number): number {
  const h = (Math.imul(31, javaStringHashCode(topic)) + partition) | 0;
  const abs = h === -2147483648 ? 0 : Math.abs(h);
  return abs % numFetchers;
}

export class ReplicaFetcherManager {
  /** By source broker, then fetcher id. */
  private readonly fetchers = new Map<number, (ReplicaFetcher | undefined)[]>();

  constructor(private readonly host: FetcherHost) {}

  /** addFetcherForPartitions: `p` fetches from `leaderId` from now on. */
  addFetcherForPartition(p: Partition, leaderId: number): void {
    const id = fetcherIdOf(p.topic, p.partition, this.host.settings.numReplicaFetchers);
    let ofLeader = this.fetchers.get(leaderId);
    if (ofLeader === undefined) this.fetchers.set(leaderId, (ofLeader = []));
    let fetcher = ofLeader[id];
    if (fetcher === undefined) ofLeader[id] = fetcher = new ReplicaFetcher(this.host, leaderId, id);
    fetcher.add(p);
  }

  /** removeFetcherForPartitions: whichever fetcher has the partition lets it go. */
  removeFetcherForPartition(key: string): void {
    for (const ofLeader of this.fetchers.values()) for (const f of ofLeader) if (f?.has(key)) f.remove(key);
  }

  /** The fetcher replicating from `leaderId` with id `fetcherId`, if any (responses, failures, backoff timers). */
  fetcherFor(leaderId: number, fetcherId: number): ReplicaFetcher | undefined {
    return this.fetchers.get(leaderId)?.[fetcherId];
  }
}
