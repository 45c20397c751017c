// Reads through the page cache: why a tailing consumer or follower fetch is nearly free
// while a lagging consumer's fetch goes to the disk (Kafka's design doc, "Persistence":
// "don't fear the filesystem").
import { describe, expect, it } from "vitest";
import { FSYNC_US, READ_US, makeDisk } from "../harness/index.ts";

describe("SimDisk page cache", () => {
  it("a read of recently appended data is a hit and costs nothing", () => {
    const { disk } = makeDisk();
    const f = disk.open<number>("f");
    f.append(1, 400);
    f.append(2, 400);
    expect(f.read(0, 800)).toBe(0);
    const s = disk.stats;
    expect([s.reads, s.hits, s.misses, s.bytesReadFromCache, s.bytesReadFromDevice]).toEqual([1, 1, 0, 800, 0]);
  });

  it("a read of evicted data misses and costs readLatency + bytes / throughput", () => {
    const { disk, clock } = makeDisk({ pageCacheBytes: 1_000 });
    const f = disk.open<string>("f");
    f.append("old", 600);
    clock.advanceUs(f.fsync());
    f.append("new", 600); // over capacity: the clean "old" goes
    expect(disk.stats.bytesEvicted).toBe(600);
    clock.advanceUs(10);
    expect(f.read(0, 600)).toBe(READ_US + 600);
    const s = disk.stats;
    expect([s.hits, s.misses, s.bytesReadFromDevice]).toEqual([0, 1, 600]);
  });

  it("a read covers whole entries until `bytes` are reached, at least one", () => {
    const { disk, clock } = makeDisk({ pageCacheBytes: 0 });
    const f = disk.open<string>("f");
    for (const s of ["a", "b", "c"]) f.append(s, 300);
    clock.advanceUs(f.fsync()); // all clean now; the zero-byte cache evicts them on the next touch
    f.append("d", 0);
    expect(f.read(0, 301)).toBe(READ_US + 600); // a and b
    clock.advanceUs(10_000);
    expect(f.read(2, 1)).toBe(READ_US + 300); // c, larger than asked
    expect(f.read(3, 10)).toBe(0); // d is dirty, hence resident
    expect(f.read(4, 10)).toBe(0); // past the end
  });

  it("two misses at the same instant queue behind each other", () => {
    const { disk, clock } = makeDisk({ pageCacheBytes: 0 });
    const a = disk.open<string>("a");
    const b = disk.open<string>("b");
    a.append("x", 1_000);
    b.append("y", 1_000);
    clock.advanceUs(a.fsync());
    clock.advanceUs(b.fsync());
    a.append("tick", 0); // lets the cache evict the now-clean entries
    expect(a.read(0, 1_000)).toBe(READ_US + 1_000);
    expect(b.read(0, 1_000)).toBe(2 * (READ_US + 1_000));
  });

  it("a hit on data another read is still fetching waits for that read", () => {
    const { disk, clock } = makeDisk({ pageCacheBytes: 1_000 });
    const f = disk.open<string>("f");
    f.append("x", 800);
    clock.advanceUs(f.fsync());
    const g = disk.open<string>("g");
    g.append("y", 800); // evicts x
    clock.advanceUs(g.fsync());
    const first = f.read(0, 800); // brings x back and evicts the now clean y
    expect(first).toBe(READ_US + 800);
    clock.advanceUs(200);
    expect(f.read(0, 800)).toBe(first - 200);
    expect(disk.stats.hits).toBe(1);
  });

  it("an fsync queues behind a read miss", () => {
    const { disk, clock } = makeDisk({ pageCacheBytes: 0 });
    const f = disk.open<string>("f");
    f.append("x", 500);
    clock.advanceUs(f.fsync());
    const g = disk.open<string>("g");
    g.append("y", 200); // evicts the clean x
    const read = f.read(0, 500);
    expect(read).toBe(READ_US + 500);
    expect(g.fsync()).toBe(read + FSYNC_US + 200);
  });

  it("slowDown(10) multiplies read and fsync costs by 10 until slowDown(1)", () => {
    const { disk, clock } = makeDisk({ pageCacheBytes: 0 });
    const f = disk.open<string>("f");
    f.append("x", 500);
    clock.advanceUs(f.fsync());
    disk.slowDown(10);
    f.append("tick", 0);
    expect(f.read(0, 500)).toBe(10 * (READ_US + 500));
    clock.advanceUs(100_000);
    f.append("y", 300);
    expect(f.fsync()).toBe(10 * (FSYNC_US + 300));
    clock.advanceUs(100_000);
    disk.slowDown(1);
    expect(f.read(0, 500)).toBe(READ_US + 500);
  });

  it("LRU: the entry read most recently stays, the least recently used goes", () => {
    const { disk, clock } = makeDisk({ pageCacheBytes: 1_000 });
    const f = disk.open<string>("f");
    f.append("a", 400);
    f.append("b", 400);
    clock.advanceUs(f.fsync());
    expect(f.read(0, 400)).toBe(0); // a is now more recent than b
    f.append("c", 400); // 1 200 > 1 000: b goes
    expect(f.read(0, 400)).toBe(0);
    expect(f.read(1, 400)).toBe(READ_US + 400);
  });

  it("never evicts dirty entries, even far over capacity; they go once durable", () => {
    const { disk, clock } = makeDisk({ pageCacheBytes: 1_000 });
    const f = disk.open<number>("f");
    for (let i = 0; i < 50; i++) f.append(i, 100);
    expect(disk.stats.cachedBytes).toBe(5_000);
    for (let i = 0; i < 50; i++) expect(f.read(i, 100)).toBe(0);
    expect(disk.stats.misses).toBe(0);
    const delay = f.fsync();
    clock.advanceUs(delay - 1);
    f.append(50, 100);
    expect(disk.stats.cachedBytes).toBe(5_100); // still dirty 1 µs before the fsync ends
    clock.advanceUs(1);
    f.append(51, 100);
    expect(disk.stats.cachedBytes).toBe(1_000); // 0..41 go; 42..49 stay beside dirty 50 and 51
    expect(f.read(49, 100)).toBe(0);
    expect(f.read(0, 100)).toBe(READ_US + 100);
  });

  it("a dirty entry skipped at the LRU end is evicted first once durable", () => {
    const { disk, clock } = makeDisk({ pageCacheBytes: 300 });
    const a = disk.open<string>("a");
    const b = disk.open<string>("b");
    a.append("a0", 100); // dirty, least recently used
    b.append("b0", 100);
    clock.advanceUs(b.fsync());
    b.append("b1", 100);
    b.append("b2", 100); // 400 > 300: a0 is dirty, so b0 (clean) goes instead
    expect(b.read(0, 100)).toBe(READ_US + 100);
    clock.advanceUs(a.fsync() + 10_000);
    b.append("b3", 100); // a0 is durable now and is the least recently used
    expect(a.read(0, 100)).toBe(READ_US + 100);
  });
});
