// The synthetic event mix shared by the kernel loop and the bare loop, so both do exactly
// the same pushes, pops and skips in the same order (their checksums must agree).
// Models: N independent chains (think: connections or partitions). Each chain event
// schedules its successor after a random delay (uniform 1..2·mean µs, or zero for a share
// of them: "run right after this handler"), and a share of events arm a timeout that
// replaces (cancels) the chain's previous one, as a request timeout is cancelled by its
// response. Timeouts that are not replaced in time fire.
// Leaves out: any work inside handlers; the point is the queue's own cost.

import { SeededRng } from "../kernel/rng.ts";

export interface MixSpec {
  /** Chains, i.e. chain events always pending (timers come on top). */
  readonly chains: number;
  readonly meanDelayUs: number;
  /** Share of chain events whose successor runs at the same instant. */
  readonly zeroDelayShare: number;
  /** Share of chain events that arm a timeout (cancelling the chain's previous one). */
  readonly timerShare: number;
  readonly timeoutUs: number;
}

export const DEFAULT_MIX = {
  meanDelayUs: 1000,
  zeroDelayShare: 0.05,
  timerShare: 0.1,
  timeoutUs: 10_000,
} as const;

export function mixSpec(chains: number): MixSpec {
  return { chains, ...DEFAULT_MIX };
}

const TABLE_BITS = 16;
export const TABLE_MASK = (1 << TABLE_BITS) - 1;

/**
 * Pre-drawn random decisions, read cyclically: both loops pay the same (tiny) price for
 * randomness, and the comparison measures the queues, not the generator.
 */
export interface MixTable {
  readonly delayUs: Int32Array;
  /** 1: this chain event arms a timeout. */
  readonly armsTimer: Uint8Array;
}

export function mixTable(spec: MixSpec, seed = 1): MixTable {
  const rng = new SeededRng(`kafkasim-bench:${seed}/mix`);
  const size = TABLE_MASK + 1;
  const delayUs = new Int32Array(size);
  const armsTimer = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    delayUs[i] = rng.next() < spec.zeroDelayShare ? 0 : 1 + rng.int(2 * spec.meanDelayUs);
    armsTimer[i] = rng.next() < spec.timerShare ? 1 : 0;
  }
  return { delayUs, armsTimer };
}

/** Simulated time after which about `events` chain events have run (timer firings come on top). */
export function horizonUs(spec: MixSpec, events: number): number {
  const meanUs = (1 - spec.zeroDelayShare) * (spec.meanDelayUs + 0.5);
  return Math.max(1, Math.round((events * meanUs) / spec.chains));
}

/** What a loop reports after running the mix; equal checksums mean equal histories. */
export interface MixResult {
  readonly events: number;
  readonly timeouts: number;
  readonly checksum: number;
  /** Heap entries at the end, live and cancelled. */
  readonly heapEntries: number;
}

/** A loop that can be filled (untimed) and then run to a simulated time (timed). */
export interface MixLoop {
  fill(): void;
  runUntil(untilUs: number): void;
  result(): MixResult;
}
