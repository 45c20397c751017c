// A model that loops without simulated time moving is stopped, naming what loops (issue 19):
// the scheduler counts events at one instant at its checkpoints and, past `instantLimit`,
// throws NoProgress with the events queued at that instant, described by the world.
import { describe, expect, it } from "vitest";
import { CHECKPOINT_EVENTS, EventLimitExceeded, LIMIT_SAMPLE_EVENTS, NoProgress, Scheduler } from "../../sim/kernel/scheduler.ts";
import { World } from "../../sim/world/world.ts";
import { Echo, Pinger, type EchoMsg, type TickTimer } from "./echo-node.ts";

function stopOf(run: () => void): NoProgress {
  try {
    run();
  } catch (error) {
    if (error instanceof NoProgress) return error;
    throw error;
  }
  throw new Error("ran to the end");
}

describe("no progress at one instant", () => {
  it("stops an event that reschedules itself with no delay, within a checkpoint of the limit", () => {
    const s = new Scheduler();
    s.instantLimit = 200_000;
    s.at(5, () => {});
    const spin = (): void => void s.after(0, spin);
    s.at(7, spin);
    const stop = stopOf(() => s.runUntilIdle());
    expect(stop.atUs).toBe(7);
    expect(stop.events).toBeGreaterThan(200_000);
    expect(stop.events).toBeLessThanOrEqual(200_000 + 2 * CHECKPOINT_EVENTS);
    expect(stop.pending).toEqual(["spin"]);
  });

  it("lets a busy instant that ends go on, and time that moves by 1 µs is progress", () => {
    const s = new Scheduler();
    s.instantLimit = 100_000;
    for (let i = 0; i < 90_000; i++) s.at(3, () => {});
    let n = 0;
    const crawl = (): void => void (++n < 1_000_000 && s.after(1, crawl));
    s.at(4, crawl);
    s.runUntilIdle();
    expect(n).toBe(1_000_000);
  });

  it("the event limit says which events were the most frequent just before it", () => {
    const s = new Scheduler();
    s.eventLimit = 100_000;
    const busy = (): void => void s.after(1, busy);
    const rare = (): void => void s.after(7, rare);
    s.at(0, busy);
    s.at(0, rare);
    let stop: unknown = null;
    try {
      s.runUntilIdle();
    } catch (error) {
      stop = error;
    }
    expect(stop).toBeInstanceOf(EventLimitExceeded);
    const { busiest } = stop as EventLimitExceeded;
    const share = (name: string): number => Number(/×([\d,]+)/.exec(busiest.find((b) => b.startsWith(name)) ?? "×0")![1]!.replace(/,/g, ""));
    expect(busiest.map((b) => b.split(" ")[0])).toEqual(["busy", "rare"]);
    expect(share("busy") + share("rare")).toBe(LIMIT_SAMPLE_EVENTS);
    expect(share("busy")).toBeGreaterThan(6 * share("rare"));
  });

  it("names the nodes, messages and timers that loop in a world with zero latency and a zero interval", () => {
    const w = new World<EchoMsg, TickTimer>({
      seed: 1,
      network: { latency: { kind: "fixed", us: 0 }, bandwidthBytesPerSec: 1e18, loss: 0, brokenConnectionTimeoutUs: 10_000_000 },
      sizeOf: () => 0,
      kindOf: (m) => m.kind,
    });
    w.addNode("pinger", () => new Pinger("echo", 0, Number.MAX_SAFE_INTEGER));
    w.addNode("echo", () => new Echo());
    w.start("echo");
    w.start("pinger");
    w.scheduler.instantLimit = 300_000;
    const stop = stopOf(() => w.scheduler.runUntil(1_000_000));
    expect(stop.atUs).toBe(0);
    expect(stop.pending.join(", ")).toMatch(/pinger timer Tick|echo receives Ping from pinger|pinger receives Pong from echo/);
  });
});
