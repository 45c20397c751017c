// The world: wires nodes (core/ state machines) to the scheduler, network, disks, rng
// streams and trace, and carries out process faults.
// Models: processes that are up, paused (a stop-the-world stall: messages and timers wait
// and run late, in order, at resume), stopping (SIGTERM: the node's own shutdown logic runs
// until it calls done), or down (crashed, stopped, power-failed). A crash discards the
// node's memory: restart builds a fresh node from its factory, and it recovers from its disk.
// Leaves out: CPU scheduling inside a node (handlers take no simulated time by themselves).

import type { Disk, Env, Micros, NodeId, Rng, SimNode, TimerHandle } from "../../core/env.ts";
import type { TraceEvent } from "../../core/trace/index.ts";
import { SeededRng } from "../kernel/rng.ts";
import { Scheduler, type ScheduledEvent } from "../kernel/scheduler.ts";
import { Network, type NetworkConfig } from "../net/network.ts";
import type { RackLinks } from "../net/rack-links.ts";
import { Trace } from "../trace/trace.ts";

export type ProcessState = "up" | "paused" | "stopping" | "down";

/** What a world needs from the machine under a node besides the network. */
export interface Machine {
  disk: Disk;
  processCrash(): void;
  powerLoss(): void;
  /** Makes every file durable; returns the delay (a clean shutdown flushes its logs). */
  flushAll(): Micros;
}

interface Slot<M, T> {
  readonly name: NodeId;
  readonly index: number;
  readonly factory: () => SimNode<M, T>;
  readonly machine: Machine | null;
  node: SimNode<M, T> | null;
  env: NodeEnv<M, T> | null;
  state: ProcessState;
  incarnation: number;
  /** Work that arrived while paused, run in order at resume. */
  inbox: (() => void)[];
}

const NO_DISK: Disk = {
  open() {
    throw new Error("this node has no disk");
  },
  exists: () => false,
  list: () => [],
  remove() {},
};

class NodeEnv<M, T> implements Env<M, T> {
  constructor(
    private readonly world: World<M, T>,
    private readonly slot: Slot<M, T>,
    readonly rng: Rng,
    private readonly incarnation: number,
  ) {}

  get nodeId(): NodeId {
    return this.slot.name;
  }

  get disk(): Disk {
    return this.slot.machine?.disk ?? NO_DISK;
  }

  get tracing(): boolean {
    return this.world.trace.listening;
  }

  now(): Micros {
    return this.world.scheduler.now();
  }

  send(to: NodeId, msg: M): void {
    if (!this.alive()) return;
    this.world.send(this.slot, to, msg);
  }

  setTimer(delayUs: Micros, timer: T): TimerHandle {
    return this.world.scheduler.after(delayUs, this.world.fireTimer, this.slot, this.incarnation, timer);
  }

  cancelTimer(timer: TimerHandle): void {
    this.world.scheduler.cancel(timer);
  }

  runAheadTo(timeUs: Micros): boolean {
    return this.world.runningAhead === this.slot && this.alive() && this.world.scheduler.runAheadTo(timeUs);
  }

  emit(event: TraceEvent): void {
    if (!this.alive()) return;
    this.world.trace.record(this.world.scheduler.now(), this.slot.name, event);
  }

  private alive(): boolean {
    return this.slot.incarnation === this.incarnation && this.slot.state !== "down";
  }
}

export interface WorldOptions<M> {
  seed: number;
  network: NetworkConfig;
  sizeOf: (msg: M) => number;
  kindOf: (msg: M) => string;
  /** How long SIGTERM may take before the world kills the process. */
  stopTimeoutUs?: Micros;
  /** Let timer handlers run ahead (Env.runAheadTo); off only to show that it changes no history. */
  runAhead?: boolean;
}

/** `M` is the nodes' message type, `T` their timer type (core/timer.ts for Kafka's nodes). */
export class World<M, T> {
  readonly scheduler = new Scheduler();
  readonly trace = new Trace();
  readonly rng: SeededRng;
  readonly network: Network<M>;
  private readonly slots: Slot<M, T>[] = [];
  private readonly byName = new Map<NodeId, Slot<M, T>>();
  private readonly kindOf: (msg: M) => string;
  private readonly stopTimeoutUs: Micros;
  private readonly runAhead: boolean;
  /** Machines that have lost power in this run: invariant checks excuse what unflushed bytes lost. */
  readonly poweredOff = new Set<NodeId>();
  /** Nodes whose handlers ran in the current event, for an event watcher; see watchEvents. */
  private readonly touched: NodeId[] = [];
  private touchedMark = new Uint8Array(16);
  private watchingEvents = false;

  /**
   * The node whose timer handler runs now, alone in its event, so it may run ahead; null in
   * every other handler (a resume replaying an inbox, a crash notifying peers: moving the
   * clock there would change when the rest of that event's work happens).
   */
  runningAhead: Slot<M, T> | null = null;

  /** Told of every message that crosses from one rack to another (with racks only). */
  crossRack: ((from: NodeId, to: NodeId, msg: M, bytes: number) => void) | null = null;

  constructor(options: WorldOptions<M>) {
    this.rng = SeededRng.root(options.seed);
    this.runAhead = options.runAhead ?? true;
    this.kindOf = options.kindOf;
    this.stopTimeoutUs = options.stopTimeoutUs ?? 60_000_000;
    this.network = new Network<M>(
      this.scheduler,
      this.rng.fork("network"),
      options.network,
      {
        deliver: (from, to, msg) => this.deliver(from, to, msg),
        broken: (from, to) => this.broken(from, to),
        dropped: (from, to, msg, reason) =>
          this.trace.dropped(this.scheduler.now(), this.slots[from]!.name, this.slots[to]!.name, this.kindOf(msg), reason),
        sent: (from, to, msg, arrivalUs) =>
          this.trace.message(this.scheduler.now(), this.slots[from]!.name, this.slots[to]!.name, this.kindOf(msg), arrivalUs),
        crossed: (from, to, msg, bytes) => this.crossRack?.(this.slots[from]!.name, this.slots[to]!.name, msg, bytes),
      },
      options.sizeOf,
    );
    this.scheduler.describeEvent = (ev) => this.describeEvent(ev);
  }

  /** "broker-2 receives FetchResponse from broker-1", "consumer-1 timer Heartbeat": for a no-progress report. */
  private describeEvent(ev: ScheduledEvent): string | null {
    const arrival = this.network.arrivalOf(ev);
    if (arrival !== null) return `${this.slots[arrival.to]!.name} receives ${this.kindOf(arrival.msg)} from ${this.slots[arrival.from]!.name}`;
    if (ev.run !== this.fireTimer) return null;
    const kind = (ev.c as { kind?: unknown } | null)?.kind;
    return `${(ev.a as Slot<M, T>).name} timer ${typeof kind === "string" ? kind : "?"}`;
  }

  /** Adds a node; it starts when `start` is called (or at once if the world already runs). */
  addNode(name: NodeId, factory: () => SimNode<M, T>, machine: Machine | null = null): void {
    if (this.byName.has(name)) throw new Error(`node ${name} exists already`);
    const index = this.network.addNode();
    const slot: Slot<M, T> = { name, index, factory, machine, node: null, env: null, state: "down", incarnation: 0, inbox: [] };
    this.slots.push(slot);
    this.byName.set(name, slot);
    if (index >= this.touchedMark.length) {
      const grown = new Uint8Array(this.touchedMark.length * 2);
      grown.set(this.touchedMark);
      this.touchedMark = grown;
    }
    this.network.setUp(index, false);
  }

  /** Puts every node added so far in its rack (`rackOf`: an index into links.rackNames, or NO_RACK). */
  setRacks(links: RackLinks, rackOf: (name: NodeId) => number): void {
    for (const slot of this.slots) links.place(slot.index, rackOf(slot.name));
    this.network.setRacks(links);
  }

  nodeNames(): NodeId[] {
    return this.slots.map((s) => s.name);
  }

  has(name: NodeId): boolean {
    return this.byName.has(name);
  }

  stateOf(name: NodeId): ProcessState {
    return this.slot(name).state;
  }

  /** The live node object (for checkers and views); null while down. */
  nodeOf(name: NodeId): SimNode<M, T> | null {
    return this.slot(name).node;
  }

  machineOf(name: NodeId): Machine | null {
    return this.slot(name).machine;
  }

  private slot(name: NodeId): Slot<M, T> {
    const s = this.byName.get(name);
    if (s === undefined) throw new Error(`unknown node ${name}`);
    return s;
  }

  /**
   * After every event, `watcher` gets the nodes whose handlers ran in it (message, timer,
   * disconnect, start, stop, a resumed backlog): state a node holds changes only there, so
   * checking those nodes after each event checks every state the run passes through.
   */
  watchEvents(watcher: (touched: readonly NodeId[]) => void): void {
    this.watchingEvents = true;
    this.scheduler.afterEvent = () => {
      watcher(this.touched);
      for (const name of this.touched) this.touchedMark[this.byName.get(name)!.index] = 0;
      this.touched.length = 0;
    };
  }

  private touch(slot: Slot<M, T>): void {
    if (!this.watchingEvents || this.touchedMark[slot.index] === 1) return;
    this.touchedMark[slot.index] = 1;
    this.touched.push(slot.name);
  }

  /** Emits a world-level trace event (faults, lifecycle). */
  emit(node: NodeId, event: TraceEvent): void {
    this.trace.record(this.scheduler.now(), node, event);
  }

  // ---- lifecycle and faults -------------------------------------------------------------

  start(name: NodeId): void {
    const slot = this.slot(name);
    if (slot.state !== "down") return;
    slot.incarnation++;
    slot.state = "up";
    slot.inbox = [];
    this.network.setUp(slot.index, true);
    const env = new NodeEnv<M, T>(this, slot, this.rng.fork(`node/${name}/${slot.incarnation}`), slot.incarnation);
    const node = slot.factory();
    slot.node = node;
    slot.env = env;
    this.emit(name, { kind: "NodeStarted", incarnation: slot.incarnation });
    this.touch(slot);
    node.onStart(env);
  }

  /** kill -9: no goodbye, no flush; the page cache survives (the OS is still up). */
  crash(name: NodeId): void {
    const slot = this.slot(name);
    if (slot.state === "down") return;
    this.down(slot, false);
    slot.machine?.processCrash();
    this.emit(name, { kind: "NodeCrashed" });
  }

  /** The machine loses power: the process dies and unflushed bytes are gone. */
  powerLoss(name: NodeId): void {
    const slot = this.slot(name);
    const wasDown = slot.state === "down";
    if (!wasDown) this.down(slot, true);
    this.poweredOff.add(name);
    slot.machine?.powerLoss();
    this.emit(name, { kind: "PowerLost", wasDown });
  }

  /** SIGTERM: the node's shutdown logic runs; the process exits when it says so. */
  stop(name: NodeId): void {
    const slot = this.slot(name);
    if (slot.state === "down" || slot.state === "stopping") return;
    if (slot.state === "paused") this.resume(name);
    slot.state = "stopping";
    this.emit(name, { kind: "NodeStopping" });
    const incarnation = slot.incarnation;
    let finished = false;
    const exit = (): void => {
      if (finished || slot.incarnation !== incarnation || slot.state !== "stopping") return;
      finished = true;
      const flushUs = slot.machine?.flushAll() ?? 0;
      this.scheduler.after(flushUs, () => {
        if (slot.incarnation !== incarnation || slot.state !== "stopping") return;
        this.down(slot, false);
        this.emit(name, { kind: "NodeStopped" });
      });
    };
    this.scheduler.after(this.stopTimeoutUs, () => {
      if (!finished && slot.incarnation === incarnation && slot.state === "stopping") {
        this.emit(name, { kind: "StopTimedOut" });
        this.crash(name);
      }
    });
    const node = slot.node!;
    this.touch(slot);
    if (node.onStop) node.onStop(exit);
    else exit();
  }

  restart(name: NodeId): void {
    const slot = this.slot(name);
    if (slot.state !== "down") return;
    this.start(name);
  }

  pause(name: NodeId): void {
    const slot = this.slot(name);
    if (slot.state !== "up") return;
    slot.state = "paused";
    this.emit(name, { kind: "NodePaused" });
  }

  resume(name: NodeId): void {
    const slot = this.slot(name);
    if (slot.state !== "paused") return;
    slot.state = "up";
    this.emit(name, { kind: "NodeResumed", backlog: slot.inbox.length });
    const backlog = slot.inbox;
    slot.inbox = [];
    this.touch(slot);
    const incarnation = slot.incarnation;
    for (const work of backlog) {
      if (slot.incarnation !== incarnation || slot.state !== "up") break;
      work();
    }
  }

  private down(slot: Slot<M, T>, hostDead: boolean): void {
    slot.state = "down";
    slot.node = null;
    slot.env = null;
    slot.inbox = [];
    this.network.setUp(slot.index, false, hostDead);
  }

  // ---- delivery -------------------------------------------------------------------------

  send(from: Slot<M, T>, to: NodeId, msg: M): void {
    const target = this.byName.get(to);
    if (target === undefined) throw new Error(`${from.name} sent ${this.kindOf(msg)} to unknown node ${to}`);
    this.network.send(from.index, target.index, msg);
  }

  private deliver(from: number, to: number, msg: M): void {
    const slot = this.slots[to]!;
    const sender = this.slots[from]!.name;
    if (slot.state === "paused") {
      const incarnation = slot.incarnation;
      slot.inbox.push(() => {
        if (slot.incarnation === incarnation) slot.node?.onMessage(sender, msg);
      });
      return;
    }
    this.touch(slot);
    slot.node?.onMessage(sender, msg);
  }

  private broken(from: number, to: number): void {
    const slot = this.slots[from]!;
    const peer = this.slots[to]!.name;
    if (slot.state === "paused") {
      slot.inbox.push(() => slot.node?.onDisconnect?.(peer));
      return;
    }
    this.touch(slot);
    slot.node?.onDisconnect?.(peer);
  }

  readonly fireTimer = (ev: ScheduledEvent): void => {
    const slot = ev.a as Slot<M, T>;
    if (slot.incarnation !== ev.b || slot.state === "down") return;
    const timer = ev.c as T;
    if (slot.state === "paused") {
      slot.inbox.push(() => slot.node?.onTimer(timer));
      return;
    }
    if (this.runAhead) this.runningAhead = slot;
    this.touch(slot);
    slot.node?.onTimer(timer);
    this.runningAhead = null;
  };
}
