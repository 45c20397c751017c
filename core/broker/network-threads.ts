// The broker's network threads (num.network.threads) as a simulated resource. Kafka's
// processors move response bytes to sockets: with plaintext, the log's bytes go from the page
// cache to the socket by sendfile (zero-copy), costing the thread nothing — unless the pages
// are not cached, when sendfile blocks the thread on the disk read. With TLS the bytes are
// read into user space and encrypted, which costs CPU per byte. A busy thread delays every
// response queued behind it: that is how one lagging consumer reading cold data, or TLS,
// slows producers on the same broker. As Kafka's Acceptor does, each connection is bound to
// one processor, handed out round-robin as connections arrive, so a blocked processor delays
// exactly the connections that share it. Not charged: the replica fetcher decrypting fetch
// responses on its own thread, clients' TLS work, and the handshake.

/**
 * Network-thread time per byte with TLS: the copy into user space plus AES-GCM, ~2 ns a byte
 * (~500 MB/s per thread). Derived from a Kafka committer's laptop test (I. Juma, "Kafka
 * performance Java 8 versus Java 9", gist 664abe8922ef64426c6cf221f579d71c, 2017: one producer, Java 9,
 * 100 kB records, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 at 258.69 MB/s against 557.90 MB/s
 * plaintext, the perf tool's MB being MiB): 1/258.69 − 1/557.90 s/MiB ≈ 2.0 ns more per byte
 * on the busiest thread.
 */
export const TLS_US_PER_BYTE = 0.002;

export class NetworkThreads {
  private readonly freeAtUs: number[];
  private readonly processorOf = new Map<string, number>();
  /** Time the threads spent blocked on disk reads (sendfile of pages not in the page cache). */
  diskWaitUs = 0;
  /** Time the threads spent encrypting and decrypting (TLS). */
  tlsUs = 0;

  constructor(threads: number) {
    this.freeAtUs = new Array<number>(Math.max(1, threads)).fill(0);
  }

  get threads(): number {
    return this.freeAtUs.length;
  }

  /**
   * Gives `diskUs` of waiting on the disk and `tlsUs` of encryption for the connection of
   * `peer` to its processor; returns the delay from `nowUs` until the work is done. Free
   * work on an idle processor returns 0.
   */
  run(nowUs: number, diskUs: number, tlsUs: number, peer: string): number {
    let p = this.processorOf.get(peer);
    if (p === undefined) {
      p = this.processorOf.size % this.freeAtUs.length;
      this.processorOf.set(peer, p);
    }
    this.diskWaitUs += diskUs;
    this.tlsUs += tlsUs;
    const costUs = diskUs + tlsUs;
    const start = Math.max(nowUs, this.freeAtUs[p]!);
    if (costUs <= 0 && start === nowUs) return 0;
    const end = start + costUs;
    this.freeAtUs[p] = end;
    return end - nowUs;
  }
}
