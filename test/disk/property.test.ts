// Seeded random operation sequences against a small reference of what must and must not
// survive a power loss (in the spirit of TigerBeetle's storage fault tests): an entry
// covered by an fsync whose delay has elapsed must survive; an entry neither fsynced, nor
// old enough for write-back, nor written back early over the dirty background threshold
// must not; the survivors are a prefix of each file. With a dirty limit, a blocked append
// blocks exactly until the machine's dirty bytes are back under it.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { READ_US, WRITEBACK_US, makeDisk } from "../harness/index.ts";

interface RefEntry {
  readonly id: number;
  readonly sizeBytes: number;
  readonly appendedAtUs: number;
  /** Completion of the first fsync that covered it; Infinity if none. */
  syncedAtUs: number;
  /** Written back early because dirty bytes passed the background threshold. */
  early: boolean;
}

/** [dirtyBackgroundBytes, dirtyLimitBytes]; null: thresholds off. */
const dirtyOptions = fc.constantFrom(null, [2_000, 5_000], [0, 0], [4_000, 3_000], [500, Infinity]);

const NAMES = ["a", "b", "c"] as const;
const name = fc.constantFrom(...NAMES);
const size = fc.integer({ min: 1, max: 3_000 });
const op = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("append" as const), name, size }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("fsync" as const), name }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("read" as const), name, from: fc.nat(30), bytes: fc.integer({ min: 1, max: 8_000 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("advance" as const), us: fc.oneof(fc.nat(5_000), fc.nat(40_000_000)) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), name, n: fc.nat(30) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("replace" as const), name, sizes: fc.array(size, { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("slow" as const), factor: fc.constantFrom(1, 4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("crash" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("powerLoss" as const) }) },
);
type Op = typeof op extends fc.Arbitrary<infer O> ? O : never;

function run(ops: readonly Op[], dirty: readonly number[] | null): void {
  const capacity = 6_000;
  const { disk, clock } = makeDisk(dirty === null ? { pageCacheBytes: capacity } : { pageCacheBytes: capacity, dirtyBackgroundBytes: dirty[0]!, dirtyLimitBytes: dirty[1]! });
  const { dirtyBackgroundBytes, dirtyLimitBytes } = disk.options;
  const ref = new Map<string, { entries: RefEntry[]; syncedAtUs: number }>();
  let nextId = 0;
  const refFile = (n: string) => {
    let f = ref.get(n);
    if (f === undefined) ref.set(n, (f = { entries: [], syncedAtUs: Infinity }));
    return f;
  };
  const surelyDirty = (e: RefEntry) => e.syncedAtUs > clock.nowUs && clock.nowUs - e.appendedAtUs < WRITEBACK_US && !e.early;
  const dirtyUpperBound = () => {
    let bytes = 0;
    for (const f of ref.values()) for (const e of f.entries) if (e.syncedAtUs > clock.nowUs) bytes += e.sizeBytes;
    return bytes;
  };
  const append = (n: string, sizeBytes: number) => {
    refFile(n).entries.push({ id: nextId, sizeBytes, appendedAtUs: clock.nowUs, syncedAtUs: Infinity, early: false });
    writeBackEarly();
    return nextId++;
  };
  // The flusher: while the entries nobody has queued yet exceed the background threshold,
  // the oldest (machine-wide append order) are queued now.
  const writeBackEarly = () => {
    const queue: RefEntry[] = [];
    for (const f of ref.values()) for (const e of f.entries) if (e.syncedAtUs === Infinity && !e.early && clock.nowUs - e.appendedAtUs < WRITEBACK_US) queue.push(e);
    queue.sort((x, y) => x.id - y.id);
    let bytes = queue.reduce((sum, e) => sum + e.sizeBytes, 0);
    for (const e of queue) {
      if (bytes <= dirtyBackgroundBytes) break;
      e.early = true;
      bytes -= e.sizeBytes;
    }
  };

  for (const o of ops) {
    switch (o.kind) {
      case "append": {
        const file = disk.open<number>(o.name);
        const blockedUs = file.append(append(o.name, o.size), o.size);
        expect(disk.stats.cachedBytes).toBeLessThanOrEqual(Math.max(capacity, dirtyUpperBound()));
        // The writer resumes at the first µs the machine is back under the dirty limit.
        if (blockedUs === 0) {
          expect(disk.stats.dirtyBytes).toBeLessThanOrEqual(dirtyLimitBytes);
          break;
        }
        clock.advanceUs(blockedUs - 1);
        expect(disk.stats.dirtyBytes).toBeGreaterThan(dirtyLimitBytes);
        clock.advanceUs(1);
        expect(disk.stats.dirtyBytes).toBeLessThanOrEqual(dirtyLimitBytes);
        break;
      }
      case "fsync": {
        const doneUs = clock.nowUs + disk.open<number>(o.name).fsync();
        const f = refFile(o.name);
        f.syncedAtUs = Math.min(f.syncedAtUs, doneUs);
        for (const e of f.entries) e.syncedAtUs = Math.min(e.syncedAtUs, doneUs);
        break;
      }
      case "read": {
        const file = disk.open<number>(o.name);
        const target = refFile(o.name).entries[o.from];
        const cost = file.read(o.from, o.bytes);
        expect(Number.isInteger(cost) && cost >= 0).toBe(true);
        // Dirty data is always in memory: a read of it alone never touches the device.
        if (target !== undefined && target.sizeBytes >= o.bytes && surelyDirty(target)) expect(cost).toBe(0);
        if (target === undefined) expect(cost).toBe(0);
        if (cost > 0) expect(cost).toBeGreaterThanOrEqual(READ_US);
        expect(disk.stats.cachedBytes).toBeLessThanOrEqual(Math.max(capacity, dirtyUpperBound()));
        break;
      }
      case "advance":
        clock.advanceUs(o.us);
        break;
      case "truncate":
        disk.open<number>(o.name).truncate(o.n);
        refFile(o.name).entries.splice(o.n);
        break;
      case "replace": {
        refFile(o.name).entries = [];
        const ids = o.sizes.map((s) => append(o.name, s));
        disk.open<number>(o.name).replace(ids, o.sizes);
        break;
      }
      case "slow":
        disk.slowDown(o.factor);
        break;
      case "crash":
        disk.processCrash();
        break;
      case "powerLoss":
        checkPowerLoss();
        break;
    }
    for (const n of NAMES) {
      const f = ref.get(n);
      if (f === undefined) continue;
      const file = disk.open<number>(n);
      expect(file.entries).toEqual(f.entries.map((e) => e.id));
      expect(file.sizeBytes).toBe(f.entries.reduce((s, e) => s + e.sizeBytes, 0));
    }
  }
  checkPowerLoss();

  function checkPowerLoss(): void {
    disk.powerLoss();
    expect(disk.stats.dirtyBytes).toBe(0);
    for (const [n, f] of [...ref]) {
      const mustKeep = f.entries.filter((e) => e.syncedAtUs <= clock.nowUs).length;
      if (!disk.exists(n)) {
        expect(mustKeep).toBe(0);
        expect(f.syncedAtUs).toBeGreaterThan(clock.nowUs);
        ref.delete(n);
        continue;
      }
      const kept = disk.open<number>(n).entries;
      expect(kept).toEqual(f.entries.slice(0, kept.length).map((e) => e.id));
      // Every entry covered by a completed fsync survives (fsyncs cover prefixes).
      let mustKeepPrefix = 0;
      f.entries.forEach((e, i) => {
        if (e.syncedAtUs <= clock.nowUs) mustKeepPrefix = i + 1;
      });
      expect(kept.length).toBeGreaterThanOrEqual(mustKeepPrefix);
      // No entry that could not yet be durable survives.
      const firstSurelyDirty = f.entries.findIndex(surelyDirty);
      if (firstSurelyDirty >= 0) expect(kept.length).toBeLessThanOrEqual(firstSurelyDirty);
      f.entries = f.entries.slice(0, kept.length);
      for (const e of f.entries) e.syncedAtUs = -Infinity;
      f.syncedAtUs = -Infinity;
    }
  }
}

describe("SimDisk under random operations", () => {
  it("power loss keeps fsynced prefixes, drops surely-dirty entries; dirty data is never evicted; throttled writers wait exactly", () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 80 }), dirtyOptions, (ops, dirty) => run(ops, dirty)), { seed: 20_260_101, numRuns: 600 });
  });
});

/** Like `op`, but often idle past the write-back delay and then dropping entries: where laziness could show. */
const lazyOp = fc.oneof(
  op,
  fc.record({ kind: fc.constant("advance" as const), us: fc.constantFrom(WRITEBACK_US - 1, WRITEBACK_US, WRITEBACK_US + 5_000) }),
  fc.record({ kind: fc.constant("truncate" as const), name, n: fc.nat(3) }),
);

/** Runs `ops` and returns every result the disk gave; `look` reads its counters after each op. */
function outcomes(ops: readonly Op[], dirty: readonly number[] | null, look: boolean): unknown[] {
  const { disk, clock } = makeDisk(dirty === null ? { pageCacheBytes: 6_000 } : { pageCacheBytes: 6_000, dirtyBackgroundBytes: dirty[0]!, dirtyLimitBytes: dirty[1]! });
  const out: unknown[] = [];
  let id = 0;
  for (const o of ops) {
    switch (o.kind) {
      case "append":
        out.push(disk.open<number>(o.name).append(id++, o.size));
        break;
      case "fsync":
        out.push(disk.open<number>(o.name).fsync());
        break;
      case "read":
        out.push(disk.open<number>(o.name).read(o.from, o.bytes));
        break;
      case "advance":
        clock.advanceUs(o.us);
        break;
      case "truncate":
        disk.open<number>(o.name).truncate(o.n);
        break;
      case "replace":
        disk.open<number>(o.name).replace(o.sizes.map(() => id++), o.sizes);
        break;
      case "slow":
        disk.slowDown(o.factor);
        break;
      case "crash":
        disk.processCrash();
        break;
      case "powerLoss":
        disk.powerLoss();
        break;
    }
    if (look) void disk.stats;
  }
  out.push({ ...disk.stats }, disk.describe());
  return out;
}

describe("SimDisk is lazy but not observable", () => {
  it("reading its counters between operations changes nothing it does (property)", () => {
    fc.assert(
      fc.property(fc.array(lazyOp, { maxLength: 40 }), dirtyOptions, (ops, dirty) => {
        expect(outcomes(ops, dirty, true)).toEqual(outcomes(ops, dirty, false));
      }),
      { seed: 20_261_125, numRuns: 1500 },
    );
  });
});

