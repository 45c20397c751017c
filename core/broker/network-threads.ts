// The broker's network threads (num.network.threads) as a simulated resource. Kafka's
// processors move response bytes to sockets: with plaintext, the log's bytes go from the page
// cache to the socket by sendfile (zero-copy), costing the thread nothing — unless the pages
// are not cached, when sendfile blocks the thread on the disk read. With TLS the bytes are
// read into user space and encrypted, which costs CPU per byte. A busy thread delays every
// response queued behind it: that is how one lagging consumer reading cold data, or TLS,
// slows producers on the same broker. As Kafka's Acceptor does, each connection is bound to
// one processor, handed out round-robin as connections arrive, so a blocked processor delays
// exactly the connections that share it.

/** CPU time to encrypt (or decrypt) one byte with TLS: ~1 GB/s per thread, AES-GCM plus the copy. */
export const TLS_US_PER_BYTE = 0.001;

export class NetworkThreads {
  private readonly freeAtUs: number[];
  private readonly processorOf = new Map<string, number>();

  constructor(threads: number) {
    this.freeAtUs = new Array<number>(Math.max(1, threads)).fill(0);
  }

  /**
   * Gives `costUs` of work for the connection of `peer` to its processor; returns the delay
   * from `nowUs` until the work is done. Zero-cost work on an idle processor returns 0.
   */
  run(nowUs: number, costUs: number, peer: string): number {
    let p = this.processorOf.get(peer);
    if (p === undefined) {
      p = this.processorOf.size % this.freeAtUs.length;
      this.processorOf.set(peer, p);
    }
    const start = Math.max(nowUs, this.freeAtUs[p]!);
    if (costUs <= 0 && start === nowUs) return 0;
    const end = start + costUs;
    this.freeAtUs[p] = end;
    return end - nowUs;
  }
}
