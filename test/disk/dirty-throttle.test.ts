// Linux's dirty thresholds (mm/page-writeback.c): above vm.dirty_background_ratio the flusher
// writes back at once instead of waiting for dirty_expire_centisecs; above vm.dirty_ratio
// balance_dirty_pages blocks the writer until write-back catches up. This is how a lagging
// consumer's cold reads, queued on the same device, slow a broker's appends.
import { describe, expect, it } from "vitest";
import { SimDisk } from "../../sim/disk/index.ts";
import { READ_US, WRITEBACK_US, makeDisk } from "../harness/index.ts";

const THRESHOLDS = { dirtyBackgroundBytes: 1_000, dirtyLimitBytes: 2_000 };

describe("SimDisk dirty thresholds", () => {
  it("above dirtyBackgroundBytes the oldest dirty entries are written back at once", () => {
    const { disk, clock } = makeDisk({ dirtyBackgroundBytes: 1_000 });
    const f = disk.open<string>("f");
    expect(f.append("a", 600)).toBe(0);
    expect(f.append("b", 600)).toBe(0); // 1 200 > 1 000: "a" goes to the device now
    clock.advanceToUs(599);
    expect(disk.describe()[0]?.durableBytes).toBe(0);
    clock.advanceToUs(600);
    expect(disk.describe()[0]?.durableBytes).toBe(600);
    clock.advanceToUs(WRITEBACK_US - 1); // "b" is back under the threshold: it waits for its age
    expect(disk.describe()[0]?.durableBytes).toBe(600);
    clock.advanceToUs(WRITEBACK_US + 600);
    expect(disk.describe()[0]?.durableBytes).toBe(1_200);
    expect(disk.stats.bytesWrittenBack).toBe(1_200);
  });

  it("above dirtyLimitBytes an append blocks until enough write-back completes, to the µs", () => {
    const { disk, clock } = makeDisk(THRESHOLDS);
    const f = disk.open<number>("f");
    // a1, a2 fill the background threshold; a3, a4 push a1, a2 onto the device (0–500, 500–1 000).
    for (let i = 1; i <= 4; i++) expect(f.append(i, 500)).toBe(0);
    expect(disk.stats.dirtyBytes).toBe(2_000);
    expect(f.append(5, 500)).toBe(500); // 2 500 dirty: waits for a1
    expect(f.append(6, 500)).toBe(1_000); // 3 000 dirty: waits for a2
    clock.advanceToUs(700); // a1 is durable
    expect(disk.stats.dirtyBytes).toBe(2_500);
    expect(f.append(7, 500)).toBe(1_500 - 700); // 3 000 dirty again: waits for a3 (1 000–1 500)
    const s = disk.stats;
    expect([s.throttledAppends, s.throttledUs]).toEqual([3, 500 + 1_000 + 800]);
    clock.advanceToUs(1_499);
    expect(disk.stats.dirtyBytes).toBe(2_500);
    clock.advanceToUs(1_500);
    expect(disk.stats.dirtyBytes).toBe(2_000);
  });

  it("a cold read queued on the device delays write-back, so the append blocks longer", () => {
    const blockedAfter = (coldRead: boolean): number => {
      const { disk, clock } = makeDisk({ ...THRESHOLDS, pageCacheBytes: 1_000 });
      const old = disk.open<string>("old");
      old.append("cold", 1_000);
      clock.advanceToUs(old.fsync()); // durable and clean
      const f = disk.open<number>("f");
      f.append(1, 500); // the cache is over capacity: the clean "cold" is evicted
      if (coldRead) expect(old.read(0, 1_000)).toBe(READ_US + 1_000);
      for (let i = 2; i <= 4; i++) expect(f.append(i, 500)).toBe(0);
      return f.append(5, 500); // waits for entry 1's write-back
    };
    expect(blockedAfter(false)).toBe(500);
    expect(blockedAfter(true)).toBe(500 + READ_US + 1_000);
  });

  it("fsynced entries are no longer dirty: they neither trigger write-back nor block", () => {
    const { disk, clock } = makeDisk(THRESHOLDS);
    const f = disk.open<number>("f");
    for (let i = 0; i < 2; i++) f.append(i, 500);
    clock.advanceUs(f.fsync());
    expect(disk.stats.dirtyBytes).toBe(0);
    for (let i = 0; i < 2; i++) expect(f.append(i, 500)).toBe(0); // without the fsync, 2 000 dirty bytes would start write-back
    expect(disk.stats.bytesWrittenBack).toBe(0);
  });

  it("truncated entries never written leave the dirty count at once", () => {
    const { disk } = makeDisk(THRESHOLDS);
    const f = disk.open<number>("f");
    for (let i = 0; i < 2; i++) f.append(i, 500);
    f.truncate(0);
    expect(disk.stats.dirtyBytes).toBe(0);
    for (let i = 0; i < 4; i++) expect(f.append(i, 500)).toBe(0);
    expect(disk.stats.bytesWrittenBack).toBe(1_000);
  });

  it("defaults to Linux's 10% and 20% of the page cache; a background threshold at or over the limit is halved to it", () => {
    const now = () => 0;
    expect(new SimDisk({ now, pageCacheBytes: 1_000 }).options).toMatchObject({ dirtyBackgroundBytes: 100, dirtyLimitBytes: 200 });
    expect(new SimDisk({ now, pageCacheBytes: 1_000, dirtyBackgroundBytes: 500, dirtyLimitBytes: 400 }).options).toMatchObject({ dirtyBackgroundBytes: 200, dirtyLimitBytes: 400 });
    expect(() => new SimDisk({ now, dirtyLimitBytes: -1 })).toThrow(RangeError);
  });
});
