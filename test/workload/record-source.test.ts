import { describe, expect, it } from "vitest";
import { murmur2 } from "../../core/partitioner/murmur2.ts";
import { utf8Bytes } from "../../core/partitioner/utf8.ts";
import { SeededRng } from "../../sim/kernel/rng.ts";
import { loadScenario } from "../../sim/scenario/index.ts";
import { RecordIds, ScheduledRecordSource } from "../../sim/workload/record-source.ts";

const scenario = loadScenario(
  `name: t
duration: 10s
cluster: { brokers: 1 }
topics: [{ name: t, partitions: 3 }]
producers:
  - { id: p, topic: t, rate: 2000/s, keys: { distribution: composite, key: US, share: 0.3, count: 50 }, valueSize: 10 }
`,
  "t.yaml",
);

describe("ScheduledRecordSource", () => {
  it("hands out keys with their murmur2 hash (what the partitioner would compute)", () => {
    const source = new ScheduledRecordSource(scenario.producers[0]!, SeededRng.root(3), new RecordIds(), scenario.durationUs);
    let n = 0;
    for (let due = source.nextDueUs(); due !== null && n < 3000; due = source.nextDueUs(), n++) {
      const r = source.take();
      expect(r.key).not.toBeNull();
      expect(r.keyHash).toBe(murmur2(utf8Bytes(r.key!)));
      expect(source.keyIds.name(source.lastKeyId)).toBe(r.key);
    }
    expect(n).toBe(3000);
  });
});
