// Types of the simulated disk: its options, its counters and its per-file picture.

import type { Micros } from "../../core/env.ts";

export interface SimDiskOptions {
  /** The simulated clock, integer microseconds. Must never go backwards. */
  readonly now: () => Micros;
  readonly throughputBytesPerSec?: number;
  /** Device time of an fsync on top of the bytes it writes (flush + journal commit). */
  readonly fsyncLatencyUs?: Micros;
  /** Device time of a read miss on top of the bytes it reads (seek / flash read latency). */
  readonly readLatencyUs?: Micros;
  /** Memory the OS gives the page cache on this machine. */
  readonly pageCacheBytes?: number;
  /** Age at which the OS writes a dirty entry back by itself (Linux dirty_expire_centisecs). */
  readonly writebackDelayUs?: Micros;
  /**
   * Dirty bytes not yet under write-back above which the OS starts writing back at once,
   * whatever their age (vm.dirty_background_ratio; default 10% of `pageCacheBytes`).
   */
  readonly dirtyBackgroundBytes?: number;
  /**
   * Dirty bytes, those under write-back included, above which a writer blocks until
   * write-back brings them under (vm.dirty_ratio; default 20% of `pageCacheBytes`).
   */
  readonly dirtyLimitBytes?: number;
}

export type ResolvedDiskOptions = Required<SimDiskOptions>;

/** Defaults: a cloud SSD volume under a broker with a few GiB of page cache. */
export const DISK_DEFAULTS = {
  throughputBytesPerSec: 500 * 1024 * 1024,
  fsyncLatencyUs: 2_000,
  readLatencyUs: 200,
  pageCacheBytes: 4 * 1024 * 1024 * 1024,
  writebackDelayUs: 30_000_000,
} as const;

/** Linux's vm.dirty_background_ratio and vm.dirty_ratio defaults, as shares of the page cache. */
export const DIRTY_BACKGROUND_RATIO = 0.1;
export const DIRTY_RATIO = 0.2;

export interface DiskStats {
  /** read() calls; each is either a hit (every entry resident) or a miss. */
  reads: number;
  hits: number;
  misses: number;
  bytesReadFromCache: number;
  bytesReadFromDevice: number;
  appends: number;
  bytesAppended: number;
  fsyncs: number;
  /** Bytes written to the device, by fsync and by background write-back. */
  bytesWritten: number;
  /** The part of `bytesWritten` the OS wrote back on its own. */
  bytesWrittenBack: number;
  /** Clean bytes dropped from the page cache to make room. */
  bytesEvicted: number;
  /** Bytes resident in the page cache now (may exceed capacity when mostly dirty). */
  cachedBytes: number;
  /** Bytes appended and not yet durable now: dirty or under write-back. */
  dirtyBytes: number;
  /** Appends that found dirty bytes over `dirtyLimitBytes` and blocked their writer. */
  throttledAppends: number;
  /** Total time writers were blocked by those appends. */
  throttledUs: Micros;
}

/** One file as the visualizer and the trace show it. */
export interface DiskFileState {
  readonly name: string;
  readonly entries: number;
  readonly sizeBytes: number;
  /** Bytes of the durable prefix: what a power loss now would leave. */
  readonly durableBytes: number;
}
