// The network between nodes.
// Models: one-way latency drawn from a distribution; each node's NIC serializes what it
// sends at `bandwidth`, so a large message takes size/bandwidth and later ones queue behind
// it; each ordered pair of nodes is one TCP-like connection that delivers in FIFO order.
// Faults: cut links (partitions, one-way or both ways), random message loss, extra delay.
// A cut does not break a connection: like TCP retransmitting into a black hole, what is sent
// or in flight waits and arrives after the cut heals — unless an end restarts meanwhile.
// Whether anyone gives up first is decided by Kafka's own timeouts (request.timeout.ms,
// replica.socket.timeout.ms, session timeouts). A connection breaks when either end crashes
// or restarts: messages on their way to a crashed process are lost and the sender hears of
// it (onBroken) — at once from a live host (RST), after a timeout from a dead one.
// Racks (rack-links.ts): a message between two zones takes the inter-zone latency and link.
// Leaves out: TCP congestion control, receive windows, retransmission delays (a lost
// message is simply gone, and Kafka's request timeouts deal with it), MTU/packetization.

import type { Micros, Rng } from "../../core/env.ts";
import type { Scheduler, ScheduledEvent } from "../kernel/scheduler.ts";
import { latencySampler, type LatencySampler, type LatencySpec } from "./latency.ts";
import type { RackLinks } from "./rack-links.ts";

export interface NetworkConfig {
  latency: LatencySpec;
  bandwidthBytesPerSec: number;
  /** Probability that a message is silently lost (0..1). */
  loss: number;
  /** How long a sender takes to notice a connection that broke without an RST. */
  brokenConnectionTimeoutUs: Micros;
}

export type DropReason = "down" | "loss" | "broken";

export interface NetworkHooks<M> {
  deliver(from: number, to: number, msg: M): void;
  /** A connection from→to broke; `to` is what `from` lost. Called once per break. */
  broken(from: number, to: number, reason: DropReason): void;
  dropped?(from: number, to: number, msg: M, reason: DropReason): void;
  /** A message left `from`; it will arrive at `arrivalUs` unless its connection breaks. */
  sent?(from: number, to: number, msg: M, arrivalUs: Micros): void;
  /** A message of `bytes` left `from`'s rack for `to`'s (racks only). */
  crossed?(from: number, to: number, msg: M, bytes: number): void;
}

interface Link<M> {
  lastArrivalUs: Micros;
  epoch: number;
  cut: boolean;
  /** A break notice is on its way to the sender; later drops wait for it. */
  notifying: boolean;
  /** Reset but the sender has not noticed yet: what it writes meanwhile goes nowhere. */
  reset: boolean;
  /** Messages waiting for the cut to heal, with the connection epoch they were sent on. */
  held: { msg: M; epoch: number }[];
}

export class Network<M> {
  private readonly links = new Map<number, Link<M>>();
  private readonly nicFreeAtUs: number[] = [];
  private readonly up: boolean[] = [];
  /** Node is alive but its host is unreachable without RST (power loss keeps no OS to answer). */
  private readonly hostDead: boolean[] = [];
  private readonly sampleLatency: LatencySampler;
  private readonly usPerByte: number;
  private extraDelayUs = 0;
  /** Share of messages the extra delay holds back (a `delay` fault's probability). */
  private delayProbability = 1;
  private lossProbability: number;
  /** Zones, when the cluster has racks. */
  private racks: RackLinks | null = null;
  messagesSent = 0;
  messagesDropped = 0;
  bytesSent = 0;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly rng: Rng,
    private readonly config: NetworkConfig,
    private readonly hooks: NetworkHooks<M>,
    private readonly sizeOf: (msg: M) => number,
  ) {
    this.sampleLatency = latencySampler(config.latency, rng);
    this.usPerByte = config.bandwidthBytesPerSec > 0 ? 1e6 / config.bandwidthBytesPerSec : 0;
    this.lossProbability = config.loss;
  }

  /** Puts nodes in zones: from now on a message between two zones crosses their link. */
  setRacks(racks: RackLinks): void {
    this.racks = racks;
  }

  /** One-way latency of a message from→to: the inter-rack one between two zones. */
  private latencyOf(from: number, to: number): number {
    return this.racks !== null && this.racks.crossing(from, to) >= 0 ? this.racks.latencyUs() : this.sampleLatency();
  }

  addNode(): number {
    this.nicFreeAtUs.push(0);
    this.up.push(true);
    this.hostDead.push(false);
    return this.up.length - 1;
  }

  private link(from: number, to: number): Link<M> {
    const key = from * 1048576 + to;
    let l = this.links.get(key);
    if (l === undefined) {
      l = { lastArrivalUs: 0, epoch: 0, cut: false, notifying: false, reset: false, held: [] };
      this.links.set(key, l);
    }
    return l;
  }

  send(from: number, to: number, msg: M): void {
    const now = this.scheduler.now();
    const link = this.link(from, to);
    this.messagesSent++;
    if (!this.up[to]) {
      this.dropToDown(from, to, msg, link);
      return;
    }
    // A cut link still takes the message: it is held when it reaches the cut (on arrival),
    // which keeps held messages in send order.
    if (link.reset) {
      this.messagesDropped++;
      this.hooks.dropped?.(from, to, msg, "broken");
      return;
    }
    const size = this.sizeOf(msg);
    this.bytesSent += size;
    const txStart = Math.max(now, this.nicFreeAtUs[from]!);
    const txDone = txStart + size * this.usPerByte;
    this.nicFreeAtUs[from] = txDone;
    const pair = this.racks === null ? -1 : this.racks.crossing(from, to);
    const linkDone = pair < 0 ? txDone : this.racks!.cross(pair, size, txStart, txDone);
    if (pair >= 0) this.hooks.crossed?.(from, to, msg, size);
    if (this.lossProbability > 0 && this.rng.next() < this.lossProbability) {
      this.loseMessage(from, to, msg, link);
      return;
    }
    const delayed = this.extraDelayUs > 0 && (this.delayProbability >= 1 || this.rng.next() < this.delayProbability);
    const latency = pair < 0 ? this.sampleLatency() : this.racks!.latencyUs();
    let arrival = Math.round(linkDone + latency + (delayed ? this.extraDelayUs : 0));
    if (arrival < link.lastArrivalUs) arrival = link.lastArrivalUs; // TCP: in order per connection
    link.lastArrivalUs = arrival;
    this.hooks.sent?.(from, to, msg, arrival);
    this.scheduler.post(arrival, this.arrive, msg, link.epoch, from * 1048576 + to);
  }

  /** The message an arrival event carries (for a no-progress report); null for any other event. */
  arrivalOf(ev: ScheduledEvent): { readonly from: number; readonly to: number; readonly msg: M } | null {
    if (ev.run !== this.arrive) return null;
    const ends = ev.c as number;
    return { from: Math.floor(ends / 1048576), to: ends % 1048576, msg: ev.a as M };
  }

  private readonly arrive = (ev: ScheduledEvent): void => {
    const key = ev.c as number;
    const from = Math.floor(key / 1048576);
    const to = key - from * 1048576;
    const link = this.links.get(key)!;
    const msg = ev.a as M;
    if (link.epoch !== ev.b || !this.up[to]) {
      // Its connection broke while it was in flight; whoever broke it told the sender.
      this.messagesDropped++;
      this.hooks.dropped?.(from, to, msg, "broken");
      return;
    }
    if (link.cut || link.held.length > 0) {
      // Behind a cut, or behind messages still waiting from one: keep the order.
      link.held.push({ msg, epoch: ev.b as number });
      return;
    }
    this.hooks.deliver(from, to, msg);
  };

  /** A message to a process that is down: a live host refuses the connection (RST) at once; a dead one stays silent until the sender's timeout. */
  private dropToDown(from: number, to: number, msg: M, link: Link<M>): void {
    this.messagesDropped++;
    this.hooks.dropped?.(from, to, msg, "down");
    const delayUs = this.hostDead[to] ? this.config.brokenConnectionTimeoutUs : this.latencyOf(from, to) * 2;
    this.notifyBroken(from, to, link, delayUs, "down");
  }

  /** Tells `from` (once per break) that its connection to `to` is gone; it then reconnects. */
  private notifyBroken(from: number, to: number, link: Link<M>, delayUs: number, reason: DropReason): void {
    if (link.notifying) return;
    link.notifying = true;
    this.scheduler.after(delayUs, () => {
      link.notifying = false;
      link.reset = false;
      link.epoch++; // the sender's next message opens a new connection
      if (this.up[from]) this.hooks.broken(from, to, reason);
    });
  }

  /**
   * A lost message: TCP never silently drops one on a live connection, so a loss here is a
   * connection reset. The message and everything in flight on the connection, both ways, is
   * gone, and both ends see the reset after about a round trip.
   */
  private loseMessage(from: number, to: number, msg: M, link: Link<M>): void {
    this.messagesDropped++;
    this.hooks.dropped?.(from, to, msg, "loss");
    const back = this.link(to, from);
    link.epoch++;
    back.epoch++;
    const rtt = this.latencyOf(from, to) * 2;
    link.reset = true;
    back.reset = true;
    this.notifyBroken(from, to, link, rtt, "loss");
    this.notifyBroken(to, from, back, rtt, "loss");
  }

  /**
   * Breaks connections of `node`. When it dies, what it already put on the wire still
   * arrives (the bytes left the host); what is on its way to it is lost. When it starts, every
   * old connection is gone.
   */
  private breakConnections(node: number, incomingOnly: boolean, hostDead: boolean): void {
    const now = this.scheduler.now();
    for (const [key, link] of this.links) {
      const from = Math.floor(key / 1048576);
      const to = key - from * 1048576;
      if (to !== node && (incomingOnly || from !== node)) continue;
      link.epoch++;
      if (!incomingOnly || to !== node || from === node) continue; // only when it goes down
      // A killed process's sockets are closed by its OS: every peer connected to it gets a
      // FIN/RST at once. A dead host says nothing; peers with messages in flight notice after
      // a timeout, the others only when their own request timeouts fire.
      if (!hostDead) this.notifyBroken(from, to, link, this.latencyOf(from, to) * 2, "down");
      else if (link.lastArrivalUs > now) this.notifyBroken(from, to, link, this.config.brokenConnectionTimeoutUs, "down");
    }
  }

  setUp(node: number, up: boolean, hostDead = false): void {
    if (this.up[node] !== up) this.breakConnections(node, !up, hostDead);
    this.up[node] = up;
    this.hostDead[node] = !up && hostDead;
    if (up) this.nicFreeAtUs[node] = this.scheduler.now();
  }

  isUp(node: number): boolean {
    return this.up[node] === true;
  }

  /** Cuts (or restores) the one-way link from→to. Cutting breaks the connection. */
  /** Cuts (or restores) the one-way link from→to. Restoring delivers what waited, in order. */
  setCut(from: number, to: number, cut: boolean): void {
    const link = this.link(from, to);
    const healed = link.cut && !cut;
    link.cut = cut;
    if (healed) this.release(from, to, link);
  }

  /** After a heal, the waiting messages arrive together, in order, about one latency later. */
  private release(from: number, to: number, link: Link<M>): void {
    if (link.held.length === 0) return;
    this.scheduler.after(this.latencyOf(from, to), () => {
      if (link.cut) return; // cut again before they got through: keep waiting
      const held = link.held;
      link.held = [];
      for (const h of held) {
        if (h.epoch !== link.epoch || !this.up[to]) {
          this.messagesDropped++;
          this.hooks.dropped?.(from, to, h.msg, "broken");
        } else this.hooks.deliver(from, to, h.msg);
      }
    });
  }

  isCut(from: number, to: number): boolean {
    return this.links.get(from * 1048576 + to)?.cut === true;
  }

  healAll(): void {
    for (const [key, link] of this.links) {
      if (!link.cut) continue;
      const from = Math.floor(key / 1048576);
      this.setCut(from, key - from * 1048576, false);
    }
    this.extraDelayUs = 0;
    this.delayProbability = 1;
    this.lossProbability = this.config.loss;
  }

  /** The share of messages lost now: the cluster's own `loss`, or a loss fault's. */
  get loss(): number {
    return this.lossProbability;
  }

  /** The cluster's own `loss`, which a heal restores. */
  get configuredLoss(): number {
    return this.config.loss;
  }

  /** What a delay fault adds now (0 µs: none) and to which share of messages. */
  get extraDelay(): { readonly us: Micros; readonly probability: number } {
    return { us: this.extraDelayUs, probability: this.delayProbability };
  }

  /** Whether any one-way link is cut now. */
  anyCut(): boolean {
    for (const link of this.links.values()) if (link.cut) return true;
    return false;
  }

  setLoss(probability: number): void {
    this.lossProbability = probability;
  }

  /** Every message (or the `probability` share of them) arrives `us` later; a later one on the same connection waits behind it, as TCP delivers in order. */
  setExtraDelay(us: Micros, probability = 1): void {
    this.extraDelayUs = us;
    this.delayProbability = probability;
  }
}
