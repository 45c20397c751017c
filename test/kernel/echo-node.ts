// A tiny test-only node pair for exercising the kernel before (and apart from) Kafka:
// a Pinger sends numbered pings every `intervalUs`, an Echo answers each one.

import type { Env, NodeId, SimNode } from "../../core/env.ts";

export type EchoMsg = { kind: "Ping"; n: number; bytes: number } | { kind: "Pong"; n: number; bytes: number };

export class Echo implements SimNode<EchoMsg> {
  private env!: Env<EchoMsg>;
  received: number[] = [];
  /** When each ping arrived, in arrival order. */
  receivedAtUs: number[] = [];
  onStart(env: Env<EchoMsg>): void {
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

export class Pinger implements SimNode<EchoMsg> {
  private env!: Env<EchoMsg>;
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
  onStart(env: Env<EchoMsg>): void {
    this.env = env;
    env.setTimer(this.intervalUs, "tick");
  }
  onMessage(_from: NodeId, msg: EchoMsg): void {
    if (msg.kind === "Pong") {
      this.pongs.push({ n: msg.n, atUs: this.env.now() });
    }
  }
  onTimer(tag: string): void {
    if (tag !== "tick") return;
    this.timerFirings.push(this.env.now());
    this.env.send(this.target, { kind: "Ping", n: this.n++, bytes: this.bytes });
    if (this.n < this.count) this.env.setTimer(this.intervalUs, "tick");
  }
  onDisconnect(peer: NodeId): void {
    this.disconnects.push(peer);
  }
}
