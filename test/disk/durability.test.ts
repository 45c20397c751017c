// What survives a kill -9 and what survives a power loss. Kafka relies on the former
// (LogManager recovers from the page cache's contents after an unclean shutdown) and
// leaves the latter to replication unless flush.messages / flush.ms force an fsync.
import { describe, expect, it } from "vitest";
import { FSYNC_US, WRITEBACK_US, makeDisk } from "../harness/index.ts";

describe("SimDisk durability", () => {
  it("processCrash keeps unflushed entries; powerLoss drops exactly them", () => {
    const { disk, clock } = makeDisk();
    const seg = disk.open<string>("orders-0/00000000000000000000.log");
    seg.append("a", 100);
    seg.append("b", 100);
    clock.advanceUs(seg.fsync());
    seg.append("c", 100);
    seg.append("d", 50);
    clock.advanceUs(10);

    disk.processCrash();
    expect(seg.entries).toEqual(["a", "b", "c", "d"]);
    expect(seg.sizeBytes).toBe(350);

    disk.powerLoss();
    expect(seg.entries).toEqual(["a", "b"]);
    expect(seg.sizeBytes).toBe(200);
    expect(disk.describe()).toEqual([{ name: "orders-0/00000000000000000000.log", entries: 2, sizeBytes: 200, durableBytes: 200 }]);
  });

  it("fsync returns fsyncLatency + dirty bytes / throughput", () => {
    const { disk } = makeDisk();
    const f = disk.open<number>("f");
    f.append(1, 3_000);
    f.append(2, 2_000);
    expect(f.fsync()).toBe(FSYNC_US + 5_000);
  });

  it("an fsync's entries are lost by a power loss 1 µs before it completes", () => {
    const { disk, clock } = makeDisk();
    const f = disk.open<number>("f");
    f.append(1, 500);
    const delay = f.fsync();
    clock.advanceUs(delay - 1);
    expect(disk.describe()[0]?.durableBytes).toBe(0);
    disk.powerLoss();
    expect(disk.exists("f")).toBe(false); // never durable, so not even the file survives
  });

  it("an fsync's entries survive a power loss once its delay has elapsed", () => {
    const { disk, clock } = makeDisk();
    const f = disk.open<number>("f");
    f.append(1, 500);
    clock.advanceUs(f.fsync());
    disk.powerLoss();
    expect(disk.exists("f")).toBe(true);
    expect(f.entries).toEqual([1]);
  });

  it("an fsync covers only what was appended before it", () => {
    const { disk, clock } = makeDisk();
    const f = disk.open<number>("f");
    f.append(1, 100);
    const delay = f.fsync();
    f.append(2, 100); // after the fsync started
    clock.advanceUs(delay + 1_000_000);
    disk.powerLoss();
    expect(f.entries).toEqual([1]);
  });

  it("a second fsync with nothing new waits only for the first", () => {
    const { disk, clock } = makeDisk();
    const f = disk.open<number>("f");
    f.append(1, 400);
    const first = f.fsync();
    clock.advanceUs(300);
    expect(f.fsync()).toBe(first - 300);
    clock.advanceUs(first);
    expect(f.fsync()).toBe(0);
    expect(disk.stats.bytesWritten).toBe(400);
  });

  it("a second fsync of a new empty file waits for the first to create it durably", () => {
    const { disk, clock } = makeDisk();
    const f = disk.open("empty");
    expect(f.fsync()).toBe(FSYNC_US);
    clock.advanceUs(400);
    expect(f.fsync()).toBe(FSYNC_US - 400);
  });

  it("background write-back makes an entry durable writebackDelay + device time after its append", () => {
    const { disk, clock } = makeDisk();
    const f = disk.open<string>("f");
    f.append("x", 200);
    clock.advanceToUs(WRITEBACK_US + 199);
    expect(disk.describe()[0]?.durableBytes).toBe(0);
    clock.advanceToUs(WRITEBACK_US + 200);
    expect(disk.describe()[0]?.durableBytes).toBe(200);
    expect(disk.stats.bytesWrittenBack).toBe(200);
    disk.powerLoss();
    expect(f.entries).toEqual(["x"]);
  });

  it("an entry whose write-back is still on the device is lost by a power loss", () => {
    const { disk, clock } = makeDisk();
    const f = disk.open<string>("f");
    f.append("x", 200);
    clock.advanceToUs(1);
    f.append("y", 200);
    clock.advanceToUs(WRITEBACK_US + 200); // x is written back, y is due but its write is not done
    disk.powerLoss();
    expect(f.entries).toEqual(["x"]);
  });

  it("write-back waits for the device, behind a read that was queued first", () => {
    const { disk, clock } = makeDisk({ pageCacheBytes: 1_000 });
    const old = disk.open<string>("old");
    old.append("cold", 1_000);
    clock.advanceToUs(old.fsync()); // durable, clean
    const hot = disk.open<string>("hot");
    hot.append("h", 1_000); // evicts "cold"
    clock.advanceToUs(WRITEBACK_US + clock.nowUs - 50); // 50 µs before hot's write-back is due
    expect(old.read(0, 1_000)).toBe(100 + 1_000);
    clock.advanceUs(50 + 1_000); // on an idle device the write-back would be done by now
    expect(disk.describe()[1]?.durableBytes).toBe(0);
    clock.advanceUs(1_049); // the read ends 1 050 µs after the due time, then 1 000 µs of write-back
    expect(disk.describe()[1]?.durableBytes).toBe(0);
    clock.advanceUs(1);
    expect(disk.describe()[1]?.durableBytes).toBe(1_000);
  });

  it("a power loss removes a file never made durable and keeps an fsynced empty one", () => {
    const { disk, clock } = makeDisk();
    disk.open("never-synced");
    const empty = disk.open("synced-empty");
    clock.advanceUs(empty.fsync());
    expect(clock.nowUs).toBe(FSYNC_US);
    disk.powerLoss();
    expect(disk.list("")).toEqual(["synced-empty"]);
  });

  it("truncate is durable at once: a power loss does not bring truncated entries back", () => {
    const { disk, clock } = makeDisk();
    const f = disk.open<number>("f");
    for (let i = 0; i < 4; i++) f.append(i, 10);
    clock.advanceUs(f.fsync());
    f.truncate(2);
    f.append(9, 10);
    disk.powerLoss();
    expect(f.entries).toEqual([0, 1]);
  });

  it("replaced content is dirty again: a power loss before fsync leaves the file empty", () => {
    const { disk, clock } = makeDisk();
    const ckpt = disk.open<string>("replication-offset-checkpoint");
    ckpt.replace(["v1"], [20]);
    clock.advanceUs(ckpt.fsync());
    ckpt.replace(["v2"], [20]);
    clock.advanceUs(1_000);
    expect(disk.describe()).toEqual([{ name: "replication-offset-checkpoint", entries: 1, sizeBytes: 20, durableBytes: 0 }]);
    disk.powerLoss();
    expect(disk.exists("replication-offset-checkpoint")).toBe(true);
    expect(ckpt.entries).toEqual([]);
  });

  it("replaced content survives once its fsync completes", () => {
    const { disk, clock } = makeDisk();
    const ckpt = disk.open<string>("ckpt");
    ckpt.replace(["v1"], [20]);
    clock.advanceUs(ckpt.fsync());
    ckpt.replace(["v2", "v2b"], [20, 5]);
    clock.advanceUs(ckpt.fsync());
    disk.powerLoss();
    expect(ckpt.entries).toEqual(["v2", "v2b"]);
  });

  it("after a power loss reads miss, since the page cache is empty", () => {
    const { disk, clock } = makeDisk();
    const f = disk.open<number>("f");
    f.append(1, 300);
    clock.advanceUs(f.fsync());
    expect(f.read(0, 300)).toBe(0);
    disk.powerLoss();
    expect(f.read(0, 300)).toBe(100 + 300);
    expect(disk.stats.cachedBytes).toBe(300);
  });

  it("a power loss aborts queued device work", () => {
    const { disk, clock } = makeDisk();
    const f = disk.open<number>("f");
    f.append(1, 5_000);
    f.fsync(); // device busy for 6 ms
    clock.advanceUs(10);
    disk.powerLoss();
    const g = disk.open<number>("g");
    g.append(1, 100);
    expect(g.fsync()).toBe(FSYNC_US + 100);
  });
});
