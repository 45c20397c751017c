// A tiny test-only node pair for exercising the kernel before (and apart from) Kafka:
// a Pinger sends numbered pings every `intervalUs`, an Echo answers each one.

import type { Env, NodeId, SimNode } from "../../core/env.ts";

export type EchoMsg = { kind: "Ping"; n: number; bytes: number } | { kind: "Pong"; n: number; bytes: number };

/** The pinger's one timer: time for the next ping. */
export interface TickTimer {
  readonly kind: "Tick";
}

const TICK: TickTimer = Object.freeze({ kind: "Tick" });

export class Echo implements SimNode<EchoMsg, TickTimer> {
  private env!: Env<EchoMsg, TickTimer>;
  received: number[] = [];
  /** When each ping arrived, in arrival order. */
  receivedAtUs: number[] = [];
  onStart(env: Env<EchoMsg, TickTimer>): void {
    this.env = env;
  }
  onMessage(from: NodeId, msg: EchoMsg): void {
    if (msg.kind !== "Ping") return;
    this.received.push(msg.n);
    this.receivedAtUs.push(this.env.now());
    this.env.send(from, { kind: "Pong", n: msg.n, bytes: 64 });
  }
  onTimer(): void {}
}

export class Pinger implements SimNode<EchoMsg, TickTimer> {
  private env!: Env<EchoMsg, TickTimer>;
  private n = 0;
  pongs: { n: number; atUs: number }[] = [];
  timerFirings: number[] = [];
  disconnects: NodeId[] = [];
  constructor(
    private readonly target: NodeId,
    private readonly intervalUs: number,
    private readonly count: number,
    private readonly bytes = 100,
  ) {}
  onStart(env: Env<EchoMsg, TickTimer>): void {
    this.env = env;
    env.setTimer(this.intervalUs, TICK);
  }
  onMessage(_from: NodeId, msg: EchoMsg): void {
    if (msg.kind === "Pong") {
      this.pongs.push({ n: msg.n, atUs: this.env.now() });
    }
  }
  onTimer(_timer: TickTimer): void {
    this.timerFirings.push(this.env.now());
    this.env.send(this.target, { kind: "Ping", n: this.n++, bytes: this.bytes });
    if (this.n < this.count) this.env.setTimer(this.intervalUs, TICK);
  }
  onDisconnect(peer: NodeId): void {
    this.disconnects.push(peer);
  }
}
