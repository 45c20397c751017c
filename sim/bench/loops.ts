// Parts 1 and 2 of the benchmark: the kernel and the world against the bare loop, each
// warmed up, repeated (alternating, so drift and GC hit both alike), median taken.

import { BareLoop } from "./bare-loop.ts";
import { echoHorizonUs, echoSpec, echoWorld } from "./echo-world.ts";
import { KernelLoop } from "./kernel-loop.ts";
import { medianRate, wallMs, type Sample } from "./measure.ts";
import { horizonUs, mixSpec, mixTable, type MixLoop, type MixResult, type MixSpec, type MixTable } from "./mix.ts";

export interface LoopComparison {
  readonly pending: number;
  readonly eventsPerRep: number;
  readonly kernelEventsPerSec: number;
  readonly bareEventsPerSec: number;
  /** kernel / bare (≥ 0.5 is the goal). */
  readonly ratio: number;
  readonly heapEntries: number;
  readonly timeoutShare: number;
  /** Both loops ran the same history (same event times in the same order). */
  readonly sameHistory: boolean;
}

function timeMix(make: () => MixLoop, untilUs: number): { sample: Sample; result: MixResult } {
  const loop = make();
  loop.fill();
  const t0 = wallMs();
  loop.runUntil(untilUs);
  const ms = wallMs() - t0;
  const result = loop.result();
  return { sample: { work: result.events, ms }, result };
}

export function compareKernel(chains: number, events: number, reps: number): LoopComparison {
  const spec: MixSpec = mixSpec(chains);
  const table: MixTable = mixTable(spec);
  const kernel = (): MixLoop => new KernelLoop(spec, table);
  const bare = (): MixLoop => new BareLoop(spec, table);
  const untilUs = horizonUs(spec, events);
  const warmUs = horizonUs(spec, Math.max(events >> 2, 50_000));
  timeMix(kernel, warmUs);
  timeMix(bare, warmUs);
  const k: Sample[] = [];
  const b: Sample[] = [];
  let sameHistory = true;
  let last: MixResult | null = null;
  for (let r = 0; r < reps; r++) {
    const kr = timeMix(kernel, untilUs);
    const br = timeMix(bare, untilUs);
    k.push(kr.sample);
    b.push(br.sample);
    if (kr.result.checksum !== br.result.checksum || kr.result.events !== br.result.events) sameHistory = false;
    last = kr.result;
  }
  const kernelEventsPerSec = medianRate(k);
  const bareEventsPerSec = medianRate(b);
  return {
    pending: chains,
    eventsPerRep: last?.events ?? 0,
    kernelEventsPerSec,
    bareEventsPerSec,
    ratio: kernelEventsPerSec / bareEventsPerSec,
    heapEntries: last?.heapEntries ?? 0,
    timeoutShare: last === null ? 0 : last.timeouts / last.events,
    sameHistory,
  };
}

export interface WorldComparison {
  readonly inFlight: number;
  readonly messagesPerRep: number;
  readonly worldMessagesPerSec: number;
  readonly bareEventsPerSec: number;
  readonly kernelEventsPerSec: number;
  /** world / bare. */
  readonly ratio: number;
  /** world / kernel: what the network, trace and handlers add on top of the queue. */
  readonly ratioToKernel: number;
}

function timeWorld(inFlight: number, messages: number): Sample {
  const spec = echoSpec(inFlight);
  const world = echoWorld(spec);
  const chunkUs = Math.max(100, echoHorizonUs(spec, messages) >> 4);
  const s = world.scheduler;
  const t0 = wallMs();
  while (s.processed < messages) s.runUntil(s.now() + chunkUs);
  return { work: s.processed, ms: wallMs() - t0 };
}

export function compareWorld(base: LoopComparison, messages: number, reps: number): WorldComparison {
  timeWorld(base.pending, Math.max(messages >> 2, 50_000));
  const w: Sample[] = [];
  let done = 0;
  for (let r = 0; r < reps; r++) {
    const sample = timeWorld(base.pending, messages);
    w.push(sample);
    done = sample.work;
  }
  const worldMessagesPerSec = medianRate(w);
  return {
    inFlight: base.pending,
    messagesPerRep: done,
    worldMessagesPerSec,
    bareEventsPerSec: base.bareEventsPerSec,
    kernelEventsPerSec: base.kernelEventsPerSec,
    ratio: worldMessagesPerSec / base.bareEventsPerSec,
    ratioToKernel: worldMessagesPerSec / base.kernelEventsPerSec,
  };
}
