// UnifiedLog.append runs on the thread that appends (a request handler, a replica fetcher):
// whatever blocks inside it — the OS throttling a writer over vm.dirty_ratio, or the fsync
// of flush.messages — delays that thread's response or next fetch.
import { describe, expect, it } from "vitest";
import { PartitionLog } from "../../core/log/partition-log.ts";
import { SimDisk } from "../../sim/disk/index.ts";
import { batchOf, RECORD_BYTES } from "./helpers.ts";

/** A log with one batch appended 2 ms ago: its leader-epoch checkpoint is durable, the batch is dirty. */
function logOn(flushMessages: number): { log: PartitionLog; disk: SimDisk } {
  const clock = { t: 0 };
  // 1 byte = 1 µs; write-back starts over 200 bytes, writers block over 400.
  const disk = new SimDisk({ now: () => clock.t, throughputBytesPerSec: 1_000_000, fsyncLatencyUs: 1_000, pageCacheBytes: 2_000, dirtyBackgroundBytes: 200, dirtyLimitBytes: 400 });
  const log = PartitionLog.load(disk, "logs/t-0", { segmentBytes: 1 << 30, segmentMs: Infinity, flushMessages }, 0);
  log.appendAsLeader(batchOf([["k", 1]], 0), 0, 0);
  clock.t = 2_000;
  return { log, disk };
}

describe("PartitionLog append delay", () => {
  it("returns the dirty-limit block of its appends, once", () => {
    const { log, disk } = logOn(Infinity);
    for (let i = 0; i < 3; i++) log.appendAsLeader(batchOf([["k", 1]], 0), 0, 0);
    expect(log.takeAppendDelay()).toBe(0); // 400 bytes dirty: at the limit, not over it
    log.appendAsLeader(batchOf([["k", 1]], 0), 0, 0);
    // 500 dirty: the first batch's write-back (queued when the third passed 200) must finish.
    expect(log.takeAppendDelay()).toBe(RECORD_BYTES);
    expect(log.takeAppendDelay()).toBe(0);
    expect(disk.stats.throttledAppends).toBe(1);
  });

  it("takes the longer of the dirty-limit block and the flush.messages fsync", () => {
    const { log } = logOn(5);
    for (let i = 0; i < 4; i++) log.appendAsLeader(batchOf([["k", 1]], 0), 0, 0);
    // The fsync queues behind the write-back already on the device (300 bytes) and writes the other 200.
    expect(log.takeAppendDelay()).toBe(300 + 1_000 + 200);
  });
});
