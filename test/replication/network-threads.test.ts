import { describe, expect, it } from "vitest";
import { NetworkThreads } from "../../core/broker/network-threads.ts";

describe("NetworkThreads", () => {
  it("sends at once when the work is free and its processor is idle (plaintext, page-cache hits)", () => {
    const t = new NetworkThreads(2);
    expect(t.run(100, 0, 0, "a")).toBe(0);
    expect(t.run(100, 0, 0, "b")).toBe(0);
  });

  it("binds connections to processors round-robin: a cold read delays only connections on its processor", () => {
    const t = new NetworkThreads(2);
    expect(t.run(0, 10_000, 0, "consumer")).toBe(10_000); // processor 0: sendfile waits 10 ms on the disk
    expect(t.run(0, 0, 0, "producer")).toBe(0); // processor 1 is free
    expect(t.run(0, 0, 0, "follower")).toBe(10_000); // processor 0 again: waits behind the cold read
    expect(t.run(2_000, 0, 0, "producer")).toBe(0);
  });

  it("a single processor serializes everything", () => {
    const t = new NetworkThreads(1);
    expect(t.run(0, 2_000, 0, "a")).toBe(2_000);
    expect(t.run(0, 0, 2_000, "b")).toBe(4_000);
    expect(t.run(10_000, 0, 0, "a")).toBe(0);
  });

  it("counts the time blocked on the disk and the time spent on TLS", () => {
    const t = new NetworkThreads(2);
    t.run(0, 5_000, 300, "consumer");
    t.run(0, 0, 200, "producer");
    expect([t.threads, t.diskWaitUs, t.tlsUs]).toEqual([2, 5_000, 500]);
  });
});
