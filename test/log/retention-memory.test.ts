// Memory stays bounded under retention: over a long run with retention.ms on, the bytes and
// segments each broker keeps for the topic stop growing once retention starts deleting —
// the second half of the run holds no more than the first half's peak (plus a segment).

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { brokerNode } from "../../core/cluster-names.ts";
import type { Broker } from "../../core/broker/broker.ts";
import { loadScenarioFile } from "../../sim/scenario/read-file.ts";
import { buildCluster, startCluster } from "../../sim/run/cluster.ts";

describe("retention bounds memory", () => {
  it("a 10-minute run with retention.ms 20s keeps a bounded log on every broker", () => {
    const base = loadScenarioFile(join(import.meta.dirname, "../../scenarios/retention-time-lagging-consumer.yaml"));
    const scenario = { ...base, consumers: [], durationUs: 600_000_000 };
    const cluster = buildCluster(scenario);
    startCluster(cluster);
    const peaks = { first: 0, second: 0, segments: 0 };
    for (let t = 5_000_000; t <= scenario.durationUs; t += 5_000_000) {
      cluster.world.scheduler.runUntil(t);
      let bytes = 0;
      for (const id of cluster.brokerIds) {
        const log = (cluster.world.nodeOf(brokerNode(id)) as Broker).partition("clicks", 0)!.log;
        bytes = Math.max(bytes, log.sizeBytes);
        peaks.segments = Math.max(peaks.segments, log.segmentCount);
      }
      if (t <= scenario.durationUs / 2) peaks.first = Math.max(peaks.first, bytes);
      else peaks.second = Math.max(peaks.second, bytes);
    }
    const segmentBytes = 64 * 1024;
    expect(peaks.first).toBeGreaterThan(0);
    expect(peaks.second).toBeLessThanOrEqual(peaks.first + segmentBytes);
    // 200 records/s of ~120 bytes for retention.ms 20 s + a 5 s check interval + a segment.
    expect(peaks.second).toBeLessThan(1024 * 1024);
    expect(peaks.segments).toBeLessThan(20);
  });
});
