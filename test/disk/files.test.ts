// The Disk / DiskFile contract of core/env.ts: what Kafka's LogManager, LogSegment and
// checkpoint files (OffsetCheckpointFile) do with files.
import { describe, expect, it } from "vitest";
import { RemovedFileError } from "../../sim/disk/index.ts";
import { FSYNC_US, makeDisk, testDisk } from "../harness/index.ts";

describe("SimDisk files", () => {
  it("open creates a missing file and returns the same handle while it exists", () => {
    const { disk } = makeDisk();
    expect(disk.exists("a")).toBe(false);
    const a = disk.open<number>("a");
    expect(disk.exists("a")).toBe(true);
    expect(disk.open<number>("a")).toBe(a);
    expect(a.entries).toEqual([]);
    expect(a.sizeBytes).toBe(0);
  });

  it("list returns names with the prefix in creation order", () => {
    const { disk } = makeDisk();
    for (const n of ["t-1/b.log", "t-0/z.log", "u-0/a.log", "t-1/a.log"]) disk.open(n);
    expect(disk.list("t-")).toEqual(["t-1/b.log", "t-0/z.log", "t-1/a.log"]);
    disk.remove("t-1/b.log");
    disk.open("t-1/b.log"); // created again: now the newest
    expect(disk.list("t-1/")).toEqual(["t-1/a.log", "t-1/b.log"]);
    expect(disk.list("v")).toEqual([]);
  });

  it("truncate drops entries from the given index and keeps sizes right", () => {
    const { disk } = makeDisk();
    const f = disk.open<string>("f");
    f.append("a", 10);
    f.append("b", 20);
    f.append("c", 30);
    f.truncate(5); // beyond the end: nothing happens
    expect(f.sizeBytes).toBe(60);
    f.truncate(1);
    expect(f.entries).toEqual(["a"]);
    expect(f.sizeBytes).toBe(10);
    f.append("d", 5);
    expect(f.entries).toEqual(["a", "d"]);
    expect(f.sizeBytes).toBe(15);
    expect(() => f.truncate(-1)).toThrow(RangeError);
  });

  it("truncate of durable entries lowers durableBytes", () => {
    const { disk, clock } = makeDisk();
    const f = disk.open<string>("f");
    f.append("a", 10);
    f.append("b", 20);
    clock.advanceUs(f.fsync());
    expect(disk.describe()[0]?.durableBytes).toBe(30);
    f.truncate(1);
    expect(disk.describe()[0]).toEqual({ name: "f", entries: 1, sizeBytes: 10, durableBytes: 10 });
  });

  it("replace swaps the whole content and its size", () => {
    const { disk } = makeDisk();
    const f = disk.open<string>("f");
    f.append("old", 100);
    f.replace(["x", "y"], [3, 4]);
    expect(f.entries).toEqual(["x", "y"]);
    expect(f.sizeBytes).toBe(7);
    expect(() => f.replace(["x"], [1, 2])).toThrow(RangeError);
    expect(f.entries).toEqual(["x", "y"]); // a rejected replace changes nothing
  });

  it("replace makes the new content dirty: fsync writes all of it again", () => {
    const { disk, clock } = makeDisk();
    const f = disk.open<string>("f");
    f.append("old", 100);
    clock.advanceUs(f.fsync());
    f.replace(["new"], [300]);
    expect(f.fsync()).toBe(FSYNC_US + 300);
  });

  it("remove deletes the file; its old handle throws, open makes a fresh one", () => {
    const { disk } = makeDisk();
    const f = disk.open<string>("f");
    f.append("a", 10);
    disk.remove("f");
    disk.remove("f"); // removing a missing file is a no-op
    expect(disk.exists("f")).toBe(false);
    expect(() => f.append("b", 1)).toThrow(RemovedFileError);
    expect(() => f.read(0, 1)).toThrow(RemovedFileError);
    const g = disk.open<string>("f");
    expect(g).not.toBe(f);
    expect(g.entries).toEqual([]);
  });

  it("removed entries leave the page cache", () => {
    const { disk } = makeDisk();
    disk.open<string>("f").append("a", 700);
    expect(disk.stats.cachedBytes).toBe(700);
    disk.remove("f");
    expect(disk.stats.cachedBytes).toBe(0);
  });

  it("rejects bad sizes and read positions", () => {
    const { disk } = makeDisk();
    const f = disk.open<string>("f");
    expect(() => f.append("a", -1)).toThrow(RangeError);
    expect(() => f.append("a", Number.NaN)).toThrow(RangeError);
    expect(() => f.read(-1, 10)).toThrow(RangeError);
    expect(() => disk.slowDown(0)).toThrow(RangeError);
  });

  // The harness's clock cannot go back, so this guard is tested with a clock of its own.
  it("rejects a clock that goes backwards", () => {
    const clock = { t: 0, now: () => clock.t };
    const disk = testDisk({}, clock);
    const f = disk.open<string>("f");
    clock.t = 10;
    f.append("a", 1);
    clock.t = 9;
    expect(() => f.append("b", 1)).toThrow(/backwards/);
  });

  it("flushAll fsyncs every file in turn and returns when the last is durable", () => {
    const { disk, clock } = makeDisk();
    disk.open<string>("a").append("x", 100);
    disk.open<string>("b").append("y", 200);
    const delay = disk.flushAll();
    expect(delay).toBe(FSYNC_US + 100 + FSYNC_US + 200);
    clock.advanceUs(delay);
    disk.powerLoss();
    expect(disk.list("")).toEqual(["a", "b"]);
  });

  it("describe lists every file in creation order", () => {
    const { disk } = makeDisk();
    disk.open<string>("b").append("x", 5);
    disk.open<string>("a");
    expect(disk.describe()).toEqual([
      { name: "b", entries: 1, sizeBytes: 5, durableBytes: 0 },
      { name: "a", entries: 0, sizeBytes: 0, durableBytes: 0 },
    ]);
  });
});
