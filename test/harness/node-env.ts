// An Env (core/env.ts) for one node driven by hand: the world of sim/world cut down to a single
// node. Time and timers are the real Scheduler's (TestClock), randomness the real SeededRng
// forked per node as the world forks it, and the disk a MemDisk unless the test gives another.
// What the node sends and emits is recorded for the test to read and answer; nothing is
// delivered anywhere.

import type { Disk, Env, Micros, NodeId, Rng, SimNode, TimerHandle } from "../../core/env.ts";
import type { TraceEvent } from "../../core/trace/index.ts";
import { SeededRng } from "../../sim/kernel/rng.ts";
import { TestClock } from "./clock.ts";
import { MemDisk } from "./mem-disk.ts";

export interface NodeEnvOptions<T = unknown> {
  readonly seed?: number;
  readonly clock?: TestClock;
  readonly disk?: Disk;
  /** Timers the test answers by hand (request timeouts, say): they are armed but never fire. */
  readonly silenced?: (timer: T) => boolean;
}

export class NodeEnv<M extends { readonly kind: string }, T = unknown> implements Env<M, T> {
  readonly clock: TestClock;
  readonly rng: Rng;
  readonly disk: Disk;
  readonly tracing = false;
  readonly sent: { to: NodeId; msg: M }[] = [];
  readonly events: TraceEvent[] = [];
  private node: Pick<SimNode<M, T>, "onTimer"> | null = null;
  private readonly silenced: (timer: T) => boolean;

  constructor(readonly nodeId: NodeId, options: NodeEnvOptions<T> = {}) {
    this.clock = options.clock ?? new TestClock();
    this.rng = SeededRng.root(options.seed ?? 1).fork(`node/${nodeId}`);
    this.disk = options.disk ?? new MemDisk();
    this.silenced = options.silenced ?? (() => false);
  }

  /** Starts `node` on this env; its timers fire into it from then on. */
  start<N extends SimNode<M, T>>(node: N): N {
    this.node = node;
    node.onStart(this);
    return node;
  }

  /** For nodes that are not SimNodes (a ReplicaManager, say): where timers fire. */
  onTimers(target: Pick<SimNode<M, T>, "onTimer">): this {
    this.node = target;
    return this;
  }

  now(): Micros {
    return this.clock.nowUs;
  }

  send(to: NodeId, msg: M): void {
    this.sent.push({ to, msg });
  }

  setTimer(delayUs: Micros, timer: T): TimerHandle {
    return this.clock.schedule(delayUs, () => {
      if (!this.silenced(timer)) this.node?.onTimer(timer);
    });
  }

  cancelTimer(timer: TimerHandle): void {
    this.clock.cancel(timer);
  }

  emit(event: TraceEvent): void {
    this.events.push(event);
  }

  /** Moves the clock by `ms`, firing due timers in time order. */
  advance(ms: number): void {
    this.clock.advance(ms);
  }

  /** Messages of `kind` sent since index `from`. */
  sentOf<K extends M["kind"]>(kind: K, from = 0): Extract<M, { kind: K }>[] {
    return this.sent.slice(from).filter((s) => s.msg.kind === kind).map((s) => s.msg as Extract<M, { kind: K }>);
  }

  last<K extends M["kind"]>(kind: K): Extract<M, { kind: K }> {
    const found = this.sentOf(kind).at(-1);
    if (found === undefined) throw new Error(`no ${kind} sent`);
    return found;
  }

  kinds(from = 0): string[] {
    return this.events.slice(from).map((e) => e.kind);
  }
}
