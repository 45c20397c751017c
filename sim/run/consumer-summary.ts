// summary.consumers.<group>: the consumer checker's verdict plus the lag samples.

import { transactionalReads } from "../check/transactions.ts";
import { checkGroup } from "../check/consumers.ts";
import type { CommittedLog } from "../check/durability.ts";
import type { Cluster } from "./cluster.ts";
import type { GroupSummary } from "./summary.ts";

export function groupSummaries(cluster: Cluster, logs: readonly CommittedLog[]): Record<string, GroupSummary> {
  const out: Record<string, GroupSummary> = {};
  for (const c of cluster.scenario.consumers) {
    const h = cluster.consumerHistory.groups.get(c.group)!;
    const report = checkGroup(h, logs, (rid) => cluster.history.producer(rid), (rid) => cluster.keys.keyOf(rid));
    const lag = cluster.lag.stats.get(c.group)!;
    // DESIGN.md's fields first (consumed, maxLag, finalLag, rebalances), then the rest.
    const { consumed, rebalances, ...rest } = report;
    const summary: GroupSummary = {
      consumed,
      maxLag: lag.maxLag,
      finalLag: lag.finalLag,
      rebalances,
      ...rest,
      maxTimeLagMs: lag.maxTimeLagMs,
      finalTimeLagMs: lag.finalTimeLagMs,
      ...(cluster.transactionTimeouts === null ? {} : transactionalReads(cluster.history, h)),
    };
    Object.defineProperty(out, c.group, { value: summary, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
