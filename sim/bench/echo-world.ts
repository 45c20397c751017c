// A World (sim/world/world.ts) carrying nothing but pings and pongs, to price the world
// itself: per message a latency draw, NIC serialization, the per-connection FIFO clamp, a
// scheduler event, the trace hash of the send, and the node's handler call.
// Models: `clients` nodes, each keeping `window` pings in flight to `servers` echo nodes
// (round-robin); every pong is answered with the next ping, so in-flight messages, i.e.
// pending events, stay at clients × window.
// Leaves out: faults, disks, timers; Kafka's own handlers (the cluster case has them).

import type { Env, NodeId, SimNode } from "../../core/env.ts";
import { World } from "../world/world.ts";

export type BenchMsg = { kind: "Ping"; n: number; bytes: number } | { kind: "Pong"; n: number; bytes: number };

class EchoServer implements SimNode<BenchMsg, never> {
  private env!: Env<BenchMsg, never>;
  onStart(env: Env<BenchMsg, never>): void {
    this.env = env;
  }
  onMessage(from: NodeId, msg: BenchMsg): void {
    if (msg.kind === "Ping") this.env.send(from, { kind: "Pong", n: msg.n, bytes: 64 });
  }
  onTimer(): void {}
}

class WindowClient implements SimNode<BenchMsg, never> {
  private env!: Env<BenchMsg, never>;
  private n = 0;
  constructor(
    private readonly servers: readonly NodeId[],
    private readonly window: number,
  ) {}
  onStart(env: Env<BenchMsg, never>): void {
    this.env = env;
    for (let i = 0; i < this.window; i++) this.ping(this.servers[i % this.servers.length]!);
  }
  onMessage(from: NodeId, msg: BenchMsg): void {
    if (msg.kind === "Pong") this.ping(from);
  }
  onTimer(): void {}
  private ping(to: NodeId): void {
    this.env.send(to, { kind: "Ping", n: this.n++, bytes: 100 });
  }
}

export interface EchoSpec {
  /** Messages in flight (= pending events); split over the clients. */
  readonly inFlight: number;
  readonly clients: number;
  readonly servers: number;
  readonly seed: number;
}

export function echoSpec(inFlight: number): EchoSpec {
  return { inFlight, clients: 10, servers: 2, seed: 1 };
}

/** A world with the echo nodes started (their first window is on the wire). */
export function echoWorld(spec: EchoSpec): World<BenchMsg, never> {
  const world = new World<BenchMsg, never>({
    seed: spec.seed,
    // 1 ms ± 200 µs (normal), 10 Gbps: the scenario defaults with the jitter DESIGN.md shows.
    network: { latency: { kind: "normal", meanUs: 1000, stddevUs: 200 }, bandwidthBytesPerSec: 1.25e9, loss: 0, brokenConnectionTimeoutUs: 10_000_000 },
    sizeOf: (m) => m.bytes,
    kindOf: (m) => m.kind,
  });
  const servers = Array.from({ length: spec.servers }, (_, i) => `echo-${i + 1}`);
  for (const s of servers) world.addNode(s, () => new EchoServer());
  const window = Math.max(1, Math.round(spec.inFlight / spec.clients));
  for (let c = 1; c <= spec.clients; c++) world.addNode(`client-${c}`, () => new WindowClient(servers, window));
  for (const name of world.nodeNames()) world.start(name);
  return world;
}

/** Simulated time for about `messages` deliveries (one message takes ~1 ms of latency). */
export function echoHorizonUs(spec: EchoSpec, messages: number): number {
  return Math.max(1, Math.round((messages * 1000) / spec.inFlight));
}
