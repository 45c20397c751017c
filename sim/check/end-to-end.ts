// End-to-end latency per consumer group: from a record's send() to the moment a member
// finished processing it, over every record the group processed (a record processed twice
// counts twice). Within one processed range the records finish one after another, so each
// gets its share of the range's span. Reported with racks only (summary.endToEnd), where
// follower fetching trades cross-zone bytes for the follower's high-watermark lag.

import type { ConsumerHistory } from "./consumer-history.ts";
import type { History } from "./history.ts";
import { LatencyHistogram } from "./latency-histogram.ts";

export interface EndToEnd {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function endToEndLatency(consumers: ConsumerHistory, history: History): Record<string, EndToEnd> {
  const out: Record<string, EndToEnd> = {};
  for (const [group, g] of consumers.groups) {
    const hist = new LatencyHistogram();
    for (let k = 0; k < g.rangeCount; k++) {
      const batch = g.rangeBatch(k);
      const from = g.rangeFrom(k);
      const to = g.rangeTo(k);
      const first = g.rangeFirstDoneUs(k);
      const step = to - from > 1 ? (g.rangeLastDoneUs(k) - first) / (to - from - 1) : 0;
      for (let i = from; i < to; i++) hist.record(first + (i - from) * step - history.sentAtUs(batch.ridAt(i)));
    }
    const [p50Ms, p99Ms, maxMs] = hist.quantilesMs([0.5, 0.99, 1]) as [number, number, number];
    Object.defineProperty(out, group, { value: { p50Ms, p99Ms, maxMs }, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
