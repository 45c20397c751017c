// One node, several Kafka clients: a Streams instance runs a consumer and a producer in one
// process, on one network identity. Each client gets an Env of its own whose correlation ids
// carry its slot (id * SLOTS + slot), so responses find their client, and whose timers come
// back wrapped with the slot. A replaced producer takes a new slot: answers to its dead
// predecessor are dropped, as a closed KafkaProducer's would be.

import type { Env, Rng } from "../env.ts";
import type { KafkaMessage } from "../protocol/messages.ts";
import type { PipelineClientTimer, PipelineTimer } from "./pipeline-timers.ts";

export const SLOTS = 64;

export function clientEnv<T extends PipelineClientTimer["timer"]>(outer: Env<KafkaMessage, PipelineTimer>, slot: number, rng: Rng): Env<KafkaMessage, T> {
  return {
    nodeId: outer.nodeId,
    now: () => outer.now(),
    send: (to, msg) => outer.send(to, "correlationId" in msg ? ({ ...msg, correlationId: msg.correlationId * SLOTS + slot } as KafkaMessage) : msg),
    setTimer: (delayUs, timer) => outer.setTimer(delayUs, { kind: "PipelineClientTimer", slot, timer }),
    cancelTimer: (t) => outer.cancelTimer(t),
    disk: outer.disk,
    rng,
    emit: (e) => outer.emit(e),
    tracing: outer.tracing,
  };
}

/** The slot a response is for, and the response as its client sent the request; null without a correlation id. */
export function routed(msg: KafkaMessage): { slot: number; msg: KafkaMessage } | null {
  if (!("correlationId" in msg)) return null;
  const slot = msg.correlationId % SLOTS;
  return { slot, msg: { ...msg, correlationId: (msg.correlationId - slot) / SLOTS } as KafkaMessage };
}
