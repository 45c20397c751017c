import { describe, expect, it } from "vitest";
import { NetworkThreads } from "../../core/broker/network-threads.ts";

describe("NetworkThreads", () => {
  it("sends at once when the work is free and a thread is idle (plaintext, page-cache hits)", () => {
    const t = new NetworkThreads(2);
    expect(t.run(100, 0)).toBe(0);
    expect(t.run(100, 0)).toBe(0);
  });

  it("queues work behind busy threads: a cold read blocks one thread, the next free thread serves others", () => {
    const t = new NetworkThreads(2);
    expect(t.run(0, 10_000)).toBe(10_000); // a sendfile waiting 10 ms on the disk
    expect(t.run(0, 0)).toBe(0); // the other thread is free
    expect(t.run(0, 5_000)).toBe(5_000);
    expect(t.run(1_000, 0)).toBe(4_000); // both busy: waits for the earlier one (free at 5 ms)
  });

  it("a single thread serializes everything", () => {
    const t = new NetworkThreads(1);
    expect(t.run(0, 2_000)).toBe(2_000);
    expect(t.run(0, 2_000)).toBe(4_000);
    expect(t.run(10_000, 0)).toBe(0);
  });
});
