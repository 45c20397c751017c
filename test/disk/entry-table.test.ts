// The disk's per-entry bookkeeping is a table of typed columns whose slots are recycled:
// a dead entry's slot may be reused only once no queue (write-back, durable log) holds it.
import { describe, expect, it } from "vitest";
import { EntryFlag, EntryTable } from "../../sim/disk/entry.ts";
import { makeDisk, WRITEBACK_US } from "../harness/index.ts";

describe("EntryTable", () => {
  it("does not reuse a dead slot while a queue still holds it", () => {
    const t = new EntryTable();
    const a = t.alloc(100, 1);
    t.enqueued(a, EntryFlag.inWriteback);
    t.markDead(a);
    expect(t.alloc(1, 1)).not.toBe(a);
    t.dequeued(a, EntryFlag.inWriteback);
    expect(t.alloc(1, 1)).toBe(a);
  });

  it("reuses a dead slot no queue holds, and resets its columns", () => {
    const t = new EntryTable();
    const a = t.alloc(100, 1);
    t.durableAtUs[a] = 7;
    t.setReadyAtUs(a, 50); // a device read in flight when it died
    t.markDead(a);
    const b = t.alloc(3, 2);
    expect(b).toBe(a);
    expect([t.sizeBytes[b], t.durableAtUs[b], t.ownerId[b], t.isDead(b), t.readyAtUs(b, 4)]).toEqual([3, Infinity, 2, false, 4]);
  });

  it("answers a read's completion time while it is in flight, then forgets it", () => {
    const t = new EntryTable();
    const a = t.alloc(100, 1);
    t.setReadyAtUs(a, 50);
    expect([t.readyAtUs(a, 10), t.readyAtUs(a, 49)]).toEqual([50, 50]);
    expect(t.readyAtUs(a, 50)).toBe(50);
    expect(t.readyAtUs(a, 10)).toBe(10); // once seen done, nothing is pending (clocks only go forward)
    expect(t.flags[a]! & EntryFlag.reading).toBe(0);
  });

  it("grows past its initial size keeping every column", () => {
    const t = new EntryTable();
    const slots = Array.from({ length: 5000 }, (_, i) => t.alloc(i, i));
    expect(slots.every((s, i) => t.sizeBytes[s] === i && t.ownerId[s] === i)).toBe(true);
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
    const live = (disk as unknown as { storage: { entries: EntryTable } }).storage.entries.liveSlots;
    expect(live).toBeLessThan(2_000); // 10,010 entries were appended
    expect(f.entries.length).toBe(10);
  });
});
