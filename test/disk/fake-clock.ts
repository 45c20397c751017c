// A disk on a hand-driven clock with round numbers: 1 byte = 1 µs of device time.
import { SimDisk } from "../../sim/disk/index.ts";
import type { SimDiskOptions } from "../../sim/disk/index.ts";

export const THROUGHPUT = 1_000_000; // bytes/s, so a byte costs exactly 1 µs
export const FSYNC_US = 1_000;
export const READ_US = 100;
export const WRITEBACK_US = 30_000_000;

export function makeDisk(overrides: Omit<SimDiskOptions, "now"> = {}): { disk: SimDisk; clock: { t: number } } {
  const clock = { t: 0 };
  const disk = new SimDisk({
    now: () => clock.t,
    throughputBytesPerSec: THROUGHPUT,
    fsyncLatencyUs: FSYNC_US,
    readLatencyUs: READ_US,
    pageCacheBytes: 10_000,
    writebackDelayUs: WRITEBACK_US,
    // Dirty thresholds off unless a test sets them, so each test sees the mechanism it names.
    dirtyBackgroundBytes: Number.POSITIVE_INFINITY,
    dirtyLimitBytes: Number.POSITIVE_INFINITY,
    ...overrides,
  });
  return { disk, clock };
}
