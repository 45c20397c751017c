// The recovery point (UnifiedLog.recoveryPoint): a rolled segment is flushed at once, in the
// background (UnifiedLog.roll → flushUptoOffsetExclusive), so it survives a power loss and
// the recovery point moves to the new segment; truncation moves it back; a restart after an
// unclean shutdown re-reads every segment at or past the checkpointed recovery point
// (LogLoader.recoverLog), from the disk when the page cache lost them.
import { describe, expect, it } from "vitest";
import { PartitionLog } from "../../core/log/partition-log.ts";
import { RecoveryPointCheckpoint } from "../../core/log/recovery-point-checkpoint.ts";
import { SimDisk } from "../../sim/disk/index.ts";
import { batchOf, RECORD_BYTES } from "./helpers.ts";

function setUp(segmentBytes: number): { log: PartitionLog; disk: SimDisk; clock: { t: number } } {
  const clock = { t: 0 };
  // 1 byte = 1 µs, no write-back before 1 MB is dirty: only fsyncs make data durable here.
  const disk = new SimDisk({ now: () => clock.t, throughputBytesPerSec: 1_000_000, fsyncLatencyUs: 1_000, pageCacheBytes: 10_000_000, dirtyBackgroundBytes: 1_000_000, dirtyLimitBytes: 2_000_000, writebackDelayUs: 1e12 });
  const log = PartitionLog.load(disk, "logs/t-0", { segmentBytes, segmentMs: Infinity, flushMessages: Infinity }, 0);
  return { log, disk, clock };
}

/** A restart: the log loaded again, its recovery point from the log directory's checkpoint. */
function reload(disk: SimDisk): PartitionLog {
  const log = PartitionLog.load(disk, "logs/t-0", { segmentBytes: 1 << 30, segmentMs: Infinity, flushMessages: Infinity }, 0);
  log.restoreRecoveryPoint(new RecoveryPointCheckpoint(disk, "logs").read().get("logs/t-0") ?? 0);
  return log;
}

const checkpoint = (disk: SimDisk, log: PartitionLog) => new RecoveryPointCheckpoint(disk, "logs").write([log]);

describe("PartitionLog recovery point", () => {
  it("rolling a segment flushes the one before and moves the recovery point to the new segment", () => {
    const { log, disk, clock } = setUp(RECORD_BYTES * 2);
    for (let i = 0; i < 3; i++) log.appendAsLeader(batchOf([["k", 1]], 0), 0, 0); // the third rolls
    expect(log.segmentCount).toBe(2);
    expect(log.recoveryPoint).toBe(2);
    clock.t = 1_000_000;
    disk.powerLoss();
    const after = reload(disk);
    expect(after.logEndOffset).toBe(2); // the rolled segment was durable; the active one was not
  });

  it("truncation moves the recovery point back with the log end", () => {
    const { log } = setUp(RECORD_BYTES * 2);
    for (let i = 0; i < 5; i++) log.appendAsLeader(batchOf([["k", 1]], 0), 0, 0);
    expect(log.recoveryPoint).toBe(4);
    log.truncateTo(3);
    expect(log.recoveryPoint).toBe(3);
  });

  it("recovery re-reads the segments from the one holding the recovery point: from disk after a power loss, free after a kill -9", () => {
    const { log, disk, clock } = setUp(RECORD_BYTES * 2);
    for (let i = 0; i < 5; i++) log.appendAsLeader(batchOf([["k", 1]], 0), 0, 0); // segments [0,1] [2,3] [4]
    checkpoint(disk, log); // 4
    clock.t = 1_000_000;
    disk.processCrash();
    const crashed = reload(disk);
    expect(crashed.recoveryPoint).toBe(4);
    expect(crashed.recoverUnflushed()).toEqual({ delayUs: 0, bytes: RECORD_BYTES, segments: 1 });
    disk.powerLoss(); // the active segment was never durable: only [0,1] [2,3] remain
    const rebooted = reload(disk);
    expect(rebooted.logEndOffset).toBe(4);
    expect(rebooted.recoveryPoint).toBe(4);
    // The segment holding the recovery point is re-read (LogSegments.values takes the floor
    // segment of the recovery point), from the device now that the page cache is empty.
    const cold = rebooted.recoverUnflushed();
    expect(cold).toMatchObject({ bytes: RECORD_BYTES * 2, segments: 1 });
    expect(cold.delayUs).toBeGreaterThan(RECORD_BYTES * 2);
  });

  it("an old checkpoint makes recovery re-read more: every segment from the one holding it", () => {
    const { log, disk, clock } = setUp(RECORD_BYTES * 2);
    checkpoint(disk, log); // 0
    for (let i = 0; i < 5; i++) log.appendAsLeader(batchOf([["k", 1]], 0), 0, 0);
    clock.t = 1_000_000;
    disk.powerLoss();
    const rebooted = reload(disk);
    expect(rebooted.recoveryPoint).toBe(0);
    const r = rebooted.recoverUnflushed();
    expect(r).toMatchObject({ bytes: RECORD_BYTES * 4, segments: 2 });
    expect(r.delayUs).toBeGreaterThan(RECORD_BYTES * 4); // read from the device: latency + bytes
  });
});
