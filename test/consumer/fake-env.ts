// A fake Env for driving one KafkaConsumer by hand: a clock the test moves, the messages
// the node sent, the timers it armed (fired in time order by advance()), and its trace.

import type { Disk, Env, Rng, TimerHandle } from "../../core/env.ts";
import type { TraceEvent } from "../../core/trace/index.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import type { ConsumerTimer } from "../../core/consumer/consumer-timers.ts";

interface FakeTimer {
  readonly at: number;
  readonly timer: ConsumerTimer;
  dead: boolean;
}

function rng(seed: number): Rng {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), int32: () => Math.floor(next() * 4294967296) | 0, fork: (name) => rng(seed ^ name.length * 7919) };
}

export class FakeEnv implements Env<KafkaMessage, ConsumerTimer> {
  nowUs = 0;
  readonly sent: { to: string; msg: KafkaMessage }[] = [];
  readonly events: TraceEvent[] = [];
  private readonly timers: FakeTimer[] = [];
  readonly rng = rng(1);
  readonly tracing = false;
  readonly disk = {} as Disk;

  constructor(readonly nodeId: string) {}

  now(): number {
    return this.nowUs;
  }
  send(to: string, msg: KafkaMessage): void {
    this.sent.push({ to, msg });
  }
  setTimer(delayUs: number, timer: ConsumerTimer): TimerHandle {
    const t: FakeTimer = { at: this.nowUs + delayUs, timer, dead: false };
    this.timers.push(t);
    return t as unknown as TimerHandle;
  }
  cancelTimer(timer: TimerHandle): void {
    (timer as unknown as FakeTimer).dead = true;
  }
  emit(event: TraceEvent): void {
    this.events.push(event);
  }

  /** Moves the clock by `ms`, firing due timers (not request timeouts) in time order. */
  advance(ms: number, fire: (timer: ConsumerTimer) => void): void {
    const until = this.nowUs + ms * 1000;
    for (;;) {
      const due = this.timers.filter((t) => !t.dead && t.at <= until && t.timer.kind !== "RequestTimeout").sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      due.dead = true;
      this.nowUs = due.at;
      fire(due.timer);
    }
    this.nowUs = until;
  }

  /** Messages of `kind` sent since index `from`. */
  sentOf<K extends KafkaMessage["kind"]>(kind: K, from = 0): Extract<KafkaMessage, { kind: K }>[] {
    return this.sent.slice(from).filter((s) => s.msg.kind === kind).map((s) => s.msg as Extract<KafkaMessage, { kind: K }>);
  }

  last<K extends KafkaMessage["kind"]>(kind: K): Extract<KafkaMessage, { kind: K }> {
    const found = this.sentOf(kind).at(-1);
    if (found === undefined) throw new Error(`no ${kind} sent`);
    return found;
  }

  kinds(from = 0): string[] {
    return this.events.slice(from).map((e) => e.kind);
  }
}
