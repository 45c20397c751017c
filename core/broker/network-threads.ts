// The broker's network threads (num.network.threads) as a simulated resource. Kafka's
// processors move response bytes to sockets: with plaintext, the log's bytes go from the page
// cache to the socket by sendfile (zero-copy), costing the thread nothing — unless the pages
// are not cached, when sendfile blocks the thread on the disk read. With TLS the bytes are
// read into user space and encrypted, which costs CPU per byte. A busy thread delays every
// response queued behind it: that is how one lagging consumer reading cold data, or TLS,
// slows producers on the same broker.

/** CPU time to encrypt (or decrypt) one byte with TLS: ~1 GB/s per thread, AES-GCM plus the copy. */
export const TLS_US_PER_BYTE = 0.001;

export class NetworkThreads {
  private readonly freeAtUs: number[];

  constructor(threads: number) {
    this.freeAtUs = new Array<number>(Math.max(1, threads)).fill(0);
  }

  /**
   * Gives `costUs` of work to the thread that is free first; returns the delay from `nowUs`
   * until the work is done. Zero-cost work on an idle pool returns 0: nothing changes.
   */
  run(nowUs: number, costUs: number): number {
    let best = 0;
    for (let i = 1; i < this.freeAtUs.length; i++) if (this.freeAtUs[i]! < this.freeAtUs[best]!) best = i;
    const start = Math.max(nowUs, this.freeAtUs[best]!);
    if (costUs <= 0 && start === nowUs) return 0;
    const end = start + costUs;
    this.freeAtUs[best] = end;
    return end - nowUs;
  }
}
