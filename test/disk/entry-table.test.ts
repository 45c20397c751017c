// The disk's per-entry bookkeeping is a table of typed columns whose slots are recycled:
// a dead entry's slot may be reused only once no queue (write-back, durable log) holds it.
import { describe, expect, it } from "vitest";
import { EntryFlag, EntryTable } from "../../sim/disk/entry.ts";
import { makeDisk, WRITEBACK_US } from "../harness/index.ts";

describe("EntryTable", () => {
  it("does not reuse a dead slot while a queue still holds it", () => {
    const t = new EntryTable<string>();
    const a = t.alloc(100, 0, "f");
    t.enqueued(a, EntryFlag.inWriteback);
    t.markDead(a);
    expect(t.alloc(1, 0, "f")).not.toBe(a);
    t.dequeued(a, EntryFlag.inWriteback);
    expect(t.alloc(1, 0, "f")).toBe(a);
  });

  it("reuses a dead slot no queue holds, and resets its columns", () => {
    const t = new EntryTable<string>();
    const a = t.alloc(100, 5, "f");
    t.durableAtUs[a] = 7;
    t.markDead(a);
    const b = t.alloc(3, 9, "g");
    expect(b).toBe(a);
    expect([t.sizeBytes[b], t.appendedAtUs[b], t.durableAtUs[b], t.owner[b], t.isDead(b)]).toEqual([3, 9, Infinity, "g", false]);
  });

  it("grows past its initial size keeping every column", () => {
    const t = new EntryTable<number>();
    const slots = Array.from({ length: 5000 }, (_, i) => t.alloc(i, i * 2, i));
    expect(slots.every((s, i) => t.sizeBytes[s] === i && t.appendedAtUs[s] === i * 2 && t.owner[s] === i)).toBe(true);
  });
});

describe("SimDisk entry slots", () => {
  it("a file truncated and rewritten over and over keeps a bounded number of slots", () => {
    const { disk, clock } = makeDisk();
    const f = disk.open<number>("f");
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < 50; i++) f.append(i, 100);
      if (round % 2 === 0) clock.advanceUs(f.fsync());
      f.truncate(10);
      clock.advanceUs(WRITEBACK_US / 10); // write-back of old entries falls due and lets their slots go
    }
    const live = (disk as unknown as { storage: { entries: EntryTable<unknown> } }).storage.entries.liveSlots;
    expect(live).toBeLessThan(2_000); // 10,010 entries were appended
    expect(f.entries.length).toBe(10);
  });
});
