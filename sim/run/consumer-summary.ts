// summary.consumers.<group>: the consumer checker's verdict plus the lag samples. Groups that
// formed at run time (kafkasim serve's real consumers, ConsumerHistory.unplanned) follow the
// scenario's, named by group id, or `<group>/<topic>` for each topic when the group read several
// or shares its id with a scenario group reading another topic.

import { transactionalReads } from "../check/transactions.ts";
import { checkGroup } from "../check/consumers.ts";
import type { GroupHistory } from "../check/consumer-history.ts";
import type { CommittedLog } from "../check/durability.ts";
import type { LagStats } from "./consumer-lag.ts";
import type { Cluster } from "./cluster.ts";
import type { GroupSummary } from "./summary.ts";

const NO_SAMPLES: LagStats = { maxLag: 0, finalLag: 0, maxTimeLagMs: 0, finalTimeLagMs: 0, samples: 0 };

export function groupSummaries(cluster: Cluster, logs: readonly CommittedLog[]): Record<string, GroupSummary> {
  const out: Record<string, GroupSummary> = {};
  const put = (name: string, h: GroupHistory, lag: LagStats): void => {
    Object.defineProperty(out, name, { value: groupSummary(cluster, logs, h, lag), enumerable: true, writable: true, configurable: true });
  };
  for (const c of cluster.scenario.consumers) put(c.group, cluster.consumerHistory.groups.get(c.group)!, cluster.lag.stats.get(c.group)!);
  for (const [group, list] of cluster.consumerHistory.unplanned) {
    const alone = list.length === 1 && !cluster.consumerHistory.groups.has(group);
    for (const h of list) put(alone ? group : `${group}/${h.topic}`, h, cluster.lag.unplannedStats.get(h) ?? NO_SAMPLES);
  }
  return out;
}

function groupSummary(cluster: Cluster, logs: readonly CommittedLog[], h: GroupHistory, lag: LagStats): GroupSummary {
  const report = checkGroup(h, logs, (rid) => cluster.history.producer(rid), (rid) => cluster.keys.keyOf(rid));
  // DESIGN.md's fields first (consumed, maxLag, finalLag, rebalances), then the rest.
  const { consumed, rebalances, ...rest } = report;
  return {
    consumed,
    maxLag: lag.maxLag,
    finalLag: lag.finalLag,
    rebalances,
    ...rest,
    maxTimeLagMs: lag.maxTimeLagMs,
    finalTimeLagMs: lag.finalTimeLagMs,
    ...(cluster.transactionTimeouts === null ? {} : transactionalReads(cluster.history, h)),
  };
}
