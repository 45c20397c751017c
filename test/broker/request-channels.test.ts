// A client connection's requests one at a time (SocketServer's muted channel): what waits,
// what is answered at once, what a closed connection drops — and, end to end, that a
// pipelining producer's next produce is not appended before the previous one is answered.

import { describe, expect, it } from "vitest";
import { RequestChannels } from "../../core/broker/request-channels.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import { loadScenario } from "../../sim/scenario/loader.ts";
import { runScenario } from "../../sim/run/runner.ts";

const produce = (correlationId: number, acks = -1) => ({ kind: "Produce", correlationId, acks, timeoutMs: 30_000, partitions: [] }) as unknown as KafkaMessage;
const fetch = (correlationId: number, replicaId = -1) => ({ kind: "Fetch", correlationId, replicaId, partitions: [] }) as unknown as KafkaMessage;
const request = (kind: string, correlationId: number) => ({ kind, correlationId }) as unknown as KafkaMessage;

describe("RequestChannels", () => {
  it("a connection's second request waits until the first is answered, then comes next", () => {
    const c = new RequestChannels();
    expect(c.accept("p1", produce(1))).toBe(true);
    expect(c.accept("p1", produce(2))).toBe(false);
    expect(c.accept("p1", produce(3))).toBe(false);
    expect(c.next()).toBeNull();
    c.responded("p1", 1);
    expect(c.next()).toEqual({ peer: "p1", msg: produce(2) });
    expect(c.next()).toBeNull(); // muted again, on request 2
    c.responded("p1", 2);
    expect(c.next()?.msg).toEqual(produce(3));
    c.responded("p1", 3);
    expect(c.next()).toBeNull();
    expect(c.accept("p1", produce(4))).toBe(true);
    expect(c.queued).toBe(2);
  });

  it("a response to another request, or to another peer, unmutes nothing", () => {
    const c = new RequestChannels();
    c.accept("p1", produce(1));
    c.accept("p1", produce(2));
    c.responded("p1", 7);
    c.responded("p2", 1);
    expect(c.next()).toBeNull();
  });

  // Kafka's clients: a KafkaProducer's NetworkClient, a KafkaConsumer's, and the consumer's
  // own coordinator connection (AbstractCoordinator's coordinator node).
  it.each([
    ["Produce and a transaction request share the producer's connection", "Produce", "EndTxn", false],
    ["TxnOffsetCommit rides the producer's connection", "Produce", "TxnOffsetCommit", false],
    ["a consumer's fetch and ListOffsets share its connection", "Fetch", "ListOffsets", false],
    ["group requests use the coordinator connection, apart from fetches", "Fetch", "Heartbeat", true],
    ["a Streams instance's producer and consumer are two clients", "Produce", "Fetch", true],
    ["JoinGroup held by the coordinator holds back the member's commit", "JoinGroup", "OffsetCommit", false],
    ["Metadata is answered at once", "Produce", "Metadata", true],
    ["FindCoordinator is answered at once", "Produce", "FindCoordinator", true],
  ])("%s", (_what, first, second, handledAtOnce) => {
    const c = new RequestChannels();
    expect(c.accept("node", first === "Fetch" ? fetch(1) : request(first, 1))).toBe(true);
    expect(c.accept("node", second === "Fetch" ? fetch(2) : request(second, 2))).toBe(handledAtOnce);
  });

  it("brokers' own requests are not muted: follower fetches, or anything from a broker", () => {
    const c = new RequestChannels();
    expect(c.accept("p1", fetch(1, 2))).toBe(true);
    expect(c.accept("p1", fetch(2, 2))).toBe(true);
    expect(c.accept("broker-2", request("WriteTxnMarkers", 1))).toBe(true);
    expect(c.accept("broker-2", request("AddPartitionsToTxn", 2))).toBe(true);
    expect(c.accept("broker-2", request("AddPartitionsToTxn", 3))).toBe(true);
  });

  it("a closed connection drops what it had sent; its old request's response unmutes nothing new", () => {
    const c = new RequestChannels();
    c.accept("p1", produce(1));
    c.accept("p1", produce(2));
    c.accept("p1", fetch(3));
    c.accept("p1", fetch(4));
    c.closed("p1", "producer"); // a producer reconnects with ApiVersions
    expect(c.accept("p1", produce(5))).toBe(true); // the new connection
    c.responded("p1", 1);
    expect(c.next()).toBeNull();
    c.responded("p1", 3); // the consumer's connection is still open
    expect(c.next()?.msg).toEqual(fetch(4));
    c.closed("p1");
    c.responded("p1", 5);
    expect(c.accept("p1", produce(6))).toBe(true);
  });

  it("a closed connection's queued requests are not read even if it was about to be", () => {
    const c = new RequestChannels();
    c.accept("p1", produce(1));
    c.accept("p1", produce(2));
    c.responded("p1", 1);
    c.closed("p1");
    expect(c.next()).toBeNull();
  });
});

const PIPELINED = `
name: pipelined-acks-all
seed: 2
duration: 3s
settle: 1s
cluster: { brokers: 3, network: { latency: 1ms } }
topics: [{ name: t, partitions: 3, replicationFactor: 3 }]
producers:
  - id: p1
    topic: t
    rate: 5000/s
    valueSize: 8KiB
    config: { acks: all, max.in.flight.requests.per.connection: 5, batch.size: 16KiB, linger.ms: 0 }
`;

describe("a broker handles one request per client connection at a time", () => {
  it("a pipelining producer's next produce is appended only after the previous one was answered", () => {
    // Per broker: the instants it appended p1's batches, and the instants it sent p1 a response.
    const appends = new Map<string, number[]>();
    const responses = new Map<string, number[]>();
    let produceSends = 0;
    runScenario(loadScenario(PIPELINED, "pipelined.yaml"), {
      onTrace: ({ timeUs, node, event }) => {
        if (event.kind === "LeaderAppend" && event.topic === "t") (appends.get(node) ?? appends.set(node, []).get(node)!).push(timeUs);
        if (event.kind === "Send" && event.to === "p1" && event.msg === "ProduceResponse") (responses.get(node) ?? responses.set(node, []).get(node)!).push(timeUs);
        if (event.kind === "Send" && node === "p1" && event.msg === "Produce") produceSends++;
      },
    });
    let checked = 0;
    for (const [broker, times] of appends) {
      const answered = responses.get(broker) ?? [];
      const instants = [...new Set(times)];
      for (let i = 1; i < instants.length; i++) {
        // One request's partitions are appended at one instant; the next request's only after a response left.
        const between = answered.some((t) => t >= instants[i - 1]! && t <= instants[i]!);
        expect(between, `${broker} appended at ${instants[i - 1]} and ${instants[i]} µs with no response between`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
    // The producer did pipeline: it had more requests out than the brokers handled at once.
    expect(produceSends).toBeGreaterThan(checked / 2);
  }, 60_000);
});
