// One node, two clients (core/streams/client-mux.ts): correlation ids carry the client's slot out
// and back, timers come back wrapped with it; and the pipeline's output queue (output-queue.ts).
import { describe, expect, it } from "vitest";
import type { Env } from "../../core/env.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import { clientEnv, routed, SLOTS } from "../../core/streams/client-mux.ts";
import { OutputQueue } from "../../core/streams/output-queue.ts";
import type { PipelineTimer } from "../../core/streams/pipeline-timers.ts";
import type { ConsumerTimer } from "../../core/consumer/consumer-timers.ts";

function outer(): { env: Env<KafkaMessage, PipelineTimer>; sent: KafkaMessage[]; timers: PipelineTimer[] } {
  const sent: KafkaMessage[] = [];
  const timers: PipelineTimer[] = [];
  const env = {
    nodeId: "app-1",
    now: () => 5,
    send: (_to: string, msg: KafkaMessage) => sent.push(msg),
    setTimer: (_d: number, t: PipelineTimer) => (timers.push(t), {} as never),
    cancelTimer: () => {},
    emit: () => {},
    tracing: false,
  } as unknown as Env<KafkaMessage, PipelineTimer>;
  return { env, sent, timers };
}

describe("clientEnv and routed", () => {
  it("a request leaves with id * SLOTS + slot, and its response comes back to that slot with the client's id", () => {
    const o = outer();
    const producer = clientEnv(o.env, 3, undefined as never);
    producer.send("broker-1", { kind: "ApiVersions", correlationId: 17 });
    expect(o.sent).toEqual([{ kind: "ApiVersions", correlationId: 17 * SLOTS + 3 }]);
    expect(routed({ kind: "ApiVersionsResponse", correlationId: 17 * SLOTS + 3 })).toEqual({ slot: 3, msg: { kind: "ApiVersionsResponse", correlationId: 17 } });
  });

  it("a timer comes back wrapped with its slot", () => {
    const o = outer();
    const consumer = clientEnv<ConsumerTimer>(o.env, 0, undefined as never);
    consumer.setTimer(10, { kind: "PollWakeTimer" });
    expect(o.timers).toEqual([{ kind: "PipelineClientTimer", slot: 0, timer: { kind: "PollWakeTimer" } }]);
  });
});

describe("OutputQueue", () => {
  it("hands out each output once, due now, with its input's key (hashed once) and size", () => {
    const q = new OutputQueue(() => 42);
    q.push(7, "k1", 100);
    q.push(8, null, null);
    expect([q.size, q.nextDueUs()]).toEqual([2, 42]);
    const a = { ...q.take() };
    const b = { ...q.take() };
    expect([a.rid, a.key, a.valueBytes, typeof a.keyHash]).toEqual([7, "k1", 100, "number"]);
    expect([b.rid, b.key, b.keyHash, b.valueBytes]).toEqual([8, null, null, null]);
    expect([q.size, q.nextDueUs()]).toEqual([0, null]);
  });

  it("clear() drops what was not taken (an aborted transaction's outputs are produced again after the rewind)", () => {
    const q = new OutputQueue(() => 0);
    q.push(1, "a", 1);
    q.clear();
    expect(q.size).toBe(0);
  });
});
