// The storage device: one FIFO queue with a `busyUntilUs` cursor. Every operation (fsync,
// read miss, background write-back) starts when both it has arrived and the device is
// free, so they compete for throughput in arrival order. No parallelism inside the device
// (an NVMe drive has many queues; one queue keeps the cost of contention easy to see).

import type { Micros } from "../../core/env.ts";

export class Device {
  /** When the last queued operation completes. Fractional: small writes must add up. */
  busyUntilUs: Micros = 0;
  /** 1 normally; a slow disk multiplies latencies and divides throughput by it. */
  slowFactor = 1;
  private readonly usPerByte: number;

  constructor(throughputBytesPerSec: number) {
    this.usPerByte = 1_000_000 / throughputBytesPerSec;
  }

  /** Queues an operation that arrived at `arrivalUs`; returns its completion time. */
  run(arrivalUs: Micros, latencyUs: Micros, bytes: number): Micros {
    const start = this.busyUntilUs > arrivalUs ? this.busyUntilUs : arrivalUs;
    this.busyUntilUs = start + (latencyUs + bytes * this.usPerByte) * this.slowFactor;
    return this.busyUntilUs;
  }

  /** Power loss aborts whatever was in flight: the device is idle when power returns. */
  abort(nowUs: Micros): void {
    if (this.busyUntilUs > nowUs) this.busyUntilUs = nowUs;
  }
}
