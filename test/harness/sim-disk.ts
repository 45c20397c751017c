// A real SimDisk (sim/disk) on a test's clock, with round numbers: 1 byte = 1 µs of device time.

import type { Micros } from "../../core/env.ts";
import { SimDisk, type SimDiskOptions } from "../../sim/disk/index.ts";
import { TestClock } from "./clock.ts";

export const THROUGHPUT = 1_000_000; // bytes/s, so a byte costs exactly 1 µs
export const FSYNC_US = 1_000;
export const READ_US = 100;
export const WRITEBACK_US = 30_000_000;

/** `clock` defaults to a fresh TestClock; any `now` will do for a test of the disk's own guards. */
export function testDisk(overrides: Omit<SimDiskOptions, "now"> = {}, clock: { now(): Micros } = new TestClock()): SimDisk {
  return new SimDisk({
    now: () => clock.now(),
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
}

/** A disk and the clock it reads, for tests that move time themselves. */
export function makeDisk(overrides: Omit<SimDiskOptions, "now"> = {}): { disk: SimDisk; clock: TestClock } {
  const clock = new TestClock();
  return { disk: testDisk(overrides, clock), clock };
}
