import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { World } from "../../sim/world/world.ts";
import type { NetworkConfig } from "../../sim/net/network.ts";
import { Echo, Pinger, type EchoMsg, type TickTimer } from "./echo-node.ts";

const jittery: NetworkConfig = {
  latency: { kind: "normal", meanUs: 1000, stddevUs: 800 },
  bandwidthBytesPerSec: 125_000_000,
  loss: 0,
  brokenConnectionTimeoutUs: 10_000_000,
};

function world(seed = 1, network: NetworkConfig = jittery): World<EchoMsg, TickTimer> {
  return new World<EchoMsg, TickTimer>({ seed, network, sizeOf: (m) => m.bytes, kindOf: (m) => m.kind });
}

function pingPong(seed: number, network = jittery, count = 200, intervalUs = 100) {
  const w = world(seed, network);
  const pinger = new Pinger("echo", intervalUs, count);
  const echo = new Echo();
  w.addNode("pinger", () => pinger);
  w.addNode("echo", () => echo);
  w.start("echo");
  w.start("pinger");
  return { w, pinger, echo };
}

describe("network", () => {
  it("delivers in FIFO order per connection even when latency jitter exceeds the send interval", () => {
    const { w, echo, pinger } = pingPong(7);
    w.scheduler.runUntilIdle();
    expect(echo.received).toEqual([...Array(200).keys()]);
    expect(pinger.pongs.map((p) => p.n)).toEqual([...Array(200).keys()]);
  });

  it("serializes large messages at the NIC's bandwidth, queueing them behind one another", () => {
    const fixed: NetworkConfig = { ...jittery, latency: { kind: "fixed", us: 1000 }, bandwidthBytesPerSec: 1_000_000 };
    const w = world(1, fixed);
    const pinger = new Pinger("echo", 1, 3, 10_000); // 10 kB at 1 MB/s = 10 ms each
    const echo = new Echo();
    w.addNode("pinger", () => pinger);
    w.addNode("echo", () => echo);
    w.start("echo");
    w.start("pinger");
    w.scheduler.runUntilIdle();
    // sent at 1, 2, 3 µs; each takes 10 ms on the wire, then 1 ms of latency
    expect(echo.receivedAtUs).toEqual([11_001, 21_001, 31_001]);
  });

  it("a partition blocks delivery both ways; on healing, what waited arrives in order (TCP retransmits)", () => {
    const { w, echo, pinger } = pingPong(3, jittery, 100, 1000);
    w.scheduler.runUntil(20_000);
    const before = echo.received.length;
    w.network.setCut(0, 1, true);
    w.network.setCut(1, 0, true);
    w.scheduler.runUntil(60_000);
    expect(echo.received.length).toBe(before);
    w.network.healAll();
    w.scheduler.runUntilIdle();
    expect(echo.received).toEqual([...Array(100).keys()]);
    expect(pinger.pongs.map((p) => p.n)).toEqual([...Array(100).keys()]);
    expect(pinger.disconnects).toEqual([]);
  });

  it("messages held by a cut are lost if the receiver restarts before it heals", () => {
    const { w, echo } = pingPong(3, jittery, 50, 1000);
    w.network.setCut(0, 1, true);
    w.scheduler.runUntil(20_000);
    w.crash("echo");
    w.restart("echo");
    w.network.healAll();
    w.scheduler.runUntilIdle();
    expect(echo.received.length).toBeLessThan(50);
  });

  it("a one-way cut lets requests through but holds the answers", () => {
    const { w, echo, pinger } = pingPong(3, jittery, 50, 1000);
    w.network.setCut(1, 0, true); // echo → pinger cut
    w.scheduler.runUntil(200_000);
    expect(echo.received.length).toBe(50);
    expect(pinger.pongs.length).toBe(0);
  });

  it("drops messages to a crashed node and tells the sender quickly (RST)", () => {
    const { w, pinger } = pingPong(5, { ...jittery, latency: { kind: "fixed", us: 500 } }, 100, 1000);
    w.scheduler.runUntil(10_000);
    w.crash("echo");
    w.scheduler.runUntil(12_000);
    expect(pinger.disconnects).toEqual(["echo"]);
  });

  it("a lost message resets the connection: some messages are lost and the sender hears of it", () => {
    const { w, echo, pinger } = pingPong(9, { ...jittery, loss: 0.01 }, 2000, 1000);
    w.scheduler.runUntilIdle();
    expect(echo.received.length).toBeGreaterThan(1000);
    expect(echo.received.length).toBeLessThan(2000);
    expect(pinger.disconnects.length).toBeGreaterThan(5);
  });
});

describe("world", () => {
  it("a paused node's timers fire late, in order, at resume", () => {
    const w = world();
    const pinger = new Pinger("echo", 1000, 10);
    w.addNode("pinger", () => pinger);
    w.addNode("echo", () => new Echo());
    w.start("echo");
    w.start("pinger");
    w.scheduler.runUntil(2500);
    w.pause("pinger");
    w.scheduler.runUntil(50_000);
    expect(pinger.timerFirings).toEqual([1000, 2000]);
    w.resume("pinger");
    expect(pinger.timerFirings).toEqual([1000, 2000, 50_000]);
    w.scheduler.runUntilIdle();
    expect(pinger.timerFirings.slice(3, 5)).toEqual([51_000, 52_000]);
  });

  it("a crashed node's timers never fire, and a restart starts a fresh node", () => {
    const w = world();
    let built = 0;
    const instances: Pinger[] = [];
    w.addNode("pinger", () => {
      built++;
      const p = new Pinger("echo", 1000, 5);
      instances.push(p);
      return p;
    });
    w.addNode("echo", () => new Echo());
    w.start("echo");
    w.start("pinger");
    w.scheduler.runUntil(2500);
    w.crash("pinger");
    w.scheduler.runUntil(10_000);
    expect(instances[0]!.timerFirings).toEqual([1000, 2000]);
    w.restart("pinger");
    w.scheduler.runUntilIdle();
    expect(built).toBe(2);
    expect(instances[0]!.timerFirings).toEqual([1000, 2000]);
    expect(instances[1]!.timerFirings).toEqual([11_000, 12_000, 13_000, 14_000, 15_000]);
  });

  it("SIGTERM without a shutdown hook stops the node at once", () => {
    const w = world();
    w.addNode("echo", () => new Echo());
    w.start("echo");
    w.stop("echo");
    w.scheduler.runUntilIdle();
    expect(w.stateOf("echo")).toBe("down");
  });

  it("same seed gives the same traceHash; different seeds differ (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (a, b) => {
        const run = (seed: number) => {
          const { w } = pingPong(seed, jittery, 30, 300);
          w.scheduler.runUntilIdle();
          return w.trace.traceHash;
        };
        expect(run(a)).toBe(run(a));
        if (a !== b) expect(run(a)).not.toBe(run(b));
      }),
      { numRuns: 40 },
    );
  });
});

describe("network loss as a connection reset", () => {
  it("drops what the sender writes until it notices the reset, then delivers again", () => {
    const fixed: NetworkConfig = { ...jittery, latency: { kind: "fixed", us: 1000 } };
    const w = world(1, fixed);
    const echo = new Echo();
    const pinger = new Pinger("echo", 1_000_000, 0);
    w.addNode("pinger", () => pinger);
    w.addNode("echo", () => echo);
    w.start("echo");
    w.start("pinger");
    const send = (n: number) => w.network.send(0, 1, { kind: "Ping", n, bytes: 10 });
    w.network.setLoss(1);
    send(1); // lost: the connection resets
    w.network.setLoss(0);
    send(2); // written into the dead connection before the sender noticed
    w.scheduler.runUntil(1500);
    send(3); // still not noticed (the reset shows after about a round trip)
    w.scheduler.runUntil(2500);
    expect(pinger.disconnects).toEqual(["echo"]);
    send(4); // a new connection
    w.scheduler.runUntilIdle();
    expect(echo.received.filter((n) => n !== 0)).toEqual([4]); // 0 is the pinger's own tick
  });
});

/** Works through private due times (like a producer's record arrivals), running ahead when it may. */
class Arrivals {
  readonly log: string[] = [];
  private env!: import("../../core/env.ts").Env<EchoMsg, TickTimer>;
  private next = 0;
  constructor(private readonly dueUs: readonly number[]) {}
  onStart(env: import("../../core/env.ts").Env<EchoMsg, TickTimer>): void {
    this.env = env;
    this.arm();
  }
  private arm(): void {
    const due = this.dueUs[this.next];
    if (due !== undefined) this.env.setTimer(due - this.env.now(), { kind: "Tick" });
  }
  onTimer(): void {
    for (;;) {
      const due = this.dueUs[this.next];
      if (due === undefined) return;
      if (due > this.env.now() && this.env.runAheadTo?.(due) !== true) break;
      this.log.push(`arrival ${this.next} due ${due} at ${this.env.now()}`);
      if (this.next % 3 === 0) this.env.send("echo", { kind: "Ping", n: this.next, bytes: 100 });
      this.next++;
    }
    this.arm();
  }
  onMessage(_from: string, msg: EchoMsg): void {
    this.log.push(`${msg.kind} ${msg.n} at ${this.env.now()}`);
  }
}

describe("run-ahead (Env.runAheadTo)", () => {
  function run(runAhead: boolean) {
    const w = new World<EchoMsg, TickTimer>({ seed: 5, network: jittery, sizeOf: (m) => m.bytes, kindOf: (m) => m.kind, runAhead });
    const due = Array.from({ length: 400 }, (_, i) => 1000 + i * 137 + ((i * 7919) % 101));
    const node = new Arrivals(due);
    w.addNode("arrivals", () => node);
    w.addNode("echo", () => new Echo());
    w.start("echo");
    w.start("arrivals");
    // A stall in the middle: timers and messages wait and run at resume, where nobody runs ahead.
    w.scheduler.at(21_000, () => w.pause("arrivals"));
    w.scheduler.at(26_500, () => w.resume("arrivals"));
    for (let t = 5_000; t <= 80_000; t += 5_000) w.scheduler.runUntil(t);
    return { log: node.log, events: w.scheduler.processed, hash: w.trace.traceHash };
  }

  it("tells the same history as one timer per due time, with fewer events", () => {
    const ahead = run(true);
    const plain = run(false);
    expect(ahead.log).toEqual(plain.log);
    expect(ahead.hash).toBe(plain.hash);
    expect(ahead.log.filter((l) => l.startsWith("arrival")).length).toBe(400);
    expect(ahead.log.filter((l) => l.startsWith("Pong")).length).toBe(134);
    expect(ahead.log.some((l) => l.endsWith("at 26500"))).toBe(true); // work queued by the pause
    expect(ahead.events).toBeLessThan(plain.events * 0.8);
  });
});
