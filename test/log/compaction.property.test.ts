// Compaction never changes what a reader of the whole topic rebuilds: replaying the log into a
// key → value map (a tombstone deletes its key) gives the same map before and after any number
// of cleaning rounds, at any times, for any segment size — tombstones past delete.retention.ms
// included (the key is absent either way). Then the same over whole simulated runs: for every
// seed, a reader of the compacted topic's final log rebuilds exactly the history's latest value
// per key (summary.topics.<topic>.stateMismatches == 0), and nothing acknowledged is lost.

import fc from "fast-check";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanLog } from "../../core/log/log-cleaner.ts";
import { logToClean } from "../../core/log/cleaner-manager.ts";
import type { PartitionLog } from "../../core/log/partition-log.ts";
import { loadScenarioFile } from "../../sim/scenario/read-file.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { makeLog, settings, type Rec } from "./helpers.ts";
import { rowsOf } from "../harness/index.ts";

function rebuild(log: PartitionLog): Map<string, number> {
  const state = new Map<string, number>();
  for (const b of log.allBatches()) {
    for (const [key, value, rid] of rowsOf(b)) {
      if (key === null) continue;
      if (value === null) state.delete(key);
      else state.set(key, rid);
    }
  }
  return state;
}

const record = fc.tuple(fc.constantFrom("a", "b", "c", "d", "e"), fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constant(null))) as fc.Arbitrary<Rec>;

describe("compaction property", () => {
  it("a reader rebuilds the same key → value map before and after cleaning", () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 4 }), (recs, perSegment, times) => {
        const s = settings({ "cleanup.policy": ["compact"], "delete.retention.ms": 1000 });
        const log = makeLog(recs, { perSegment });
        const before = rebuild(log);
        let checkpoint: number | undefined;
        for (const t of [...times].sort((x, y) => x - y)) {
          const c = logToClean("t", log, checkpoint, s, t);
          checkpoint = cleanLog(log, c.firstDirtyOffset, c.firstUncleanableOffset, s, t).endOffset;
          expect(rebuild(log)).toEqual(before);
        }
        expect(log.logEndOffset).toBe(recs.length);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it("for every seed, the compacted changelog's final log rebuilds the history's latest value per key", () => {
    const scenario = loadScenarioFile(join(import.meta.dirname, "../../scenarios/compaction-cdc-changelog.yaml"));
    for (const seed of [1, 2, 3, 4]) {
      const s = runScenario({ ...scenario, seed, consumers: [], faults: [] }).summary;
      expect(s.topics["customers"]!.stateMismatches, `seed ${seed}`).toBe(0);
      expect(s.durability.acknowledgedLost, `seed ${seed}`).toBe(0);
      expect(s.durability.removedByCompaction, `seed ${seed}`).toBeGreaterThan(1000);
    }
  });
});
