// Size limits, producer and broker side: KafkaProducer.ensureValidRecordSize (max.request.size,
// buffer.memory), UnifiedLog's max.message.bytes (MESSAGE_TOO_LARGE) and segment-size
// (RECORD_LIST_TOO_LARGE) checks, and the Sender's split of a too-large batch of several records.
import { describe, expect, it } from "vitest";
import type { Summary } from "../../sim/run/summary.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/index.ts";
import type { TraceRecord } from "../../sim/trace/trace.ts";

const base = `
name: size-limits
seed: 3
duration: 3s
settle: 5s
cluster: { brokers: 3, network: { latency: 1ms } }
topics:
  - { name: t, partitions: 1, replicationFactor: 3 }
producers:
  - { id: p1, topic: t, rate: 200/s, valueSize: 1KiB, keys: { distribution: uniform, count: 100 } }
`;

function run(...overrides: string[]): { summary: Summary; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const { summary } = runScenario(loadScenario(base, "size-limits.yaml", overrides), {
    onTrace: ({ event }: TraceRecord) => void counts.set(event.kind, (counts.get(event.kind) ?? 0) + 1),
  });
  return { summary, counts };
}

describe("record and batch size limits", () => {
  it("within every limit nothing is refused", () => {
    const { summary } = run();
    expect(summary.produced.acknowledged).toBe(summary.produced.attempted);
    expect(summary.errorResponses).toEqual({});
  });

  it("send() refuses a record larger than buffer.memory: MESSAGE_TOO_LARGE at once, nothing sent", () => {
    const { summary, counts } = run("producers.0.valueSize=600KiB", "producers.0.config.buffer.memory=512KiB");
    expect(summary.errors).toEqual({ MESSAGE_TOO_LARGE: summary.produced.attempted });
    expect(counts.get("ProduceSent") ?? 0).toBe(0);
  });

  it("send() refuses the records larger than max.request.size, and only those; the broker never sees them", () => {
    // A lognormal size with median 512 KiB: about a quarter of the records exceed 1 MiB.
    const { summary } = run("producers.0.valueSize={ distribution: lognormal, median: 512KiB, sigma: 1 }");
    const refused = summary.errors["MESSAGE_TOO_LARGE"]!;
    expect(refused / summary.produced.attempted).toBeGreaterThan(0.15);
    expect(refused / summary.produced.attempted).toBeLessThan(0.35);
    expect(summary.produced.acknowledged).toBe(summary.produced.attempted - refused);
    expect(summary.errorResponses["MESSAGE_TOO_LARGE"]).toBeUndefined();
  });

  it("the leader refuses a batch above the topic's max.message.bytes; one record cannot be split, so it fails", () => {
    const { summary } = run("producers.0.valueSize=600KiB", "topics.0.config.max.message.bytes=512KiB");
    expect(summary.errors).toEqual({ MESSAGE_TOO_LARGE: summary.produced.attempted });
    expect(summary.errorResponses["MESSAGE_TOO_LARGE"]).toBe(summary.produced.attempted);
  });

  it("max.message.bytes follows the broker's message.max.bytes when the topic does not set it", () => {
    const { summary } = run("producers.0.valueSize=600KiB", "cluster.config.message.max.bytes=512KiB");
    expect(summary.errors).toEqual({ MESSAGE_TOO_LARGE: summary.produced.attempted });
  });

  it("a batch larger than a whole segment is refused with RECORD_LIST_TOO_LARGE", () => {
    const { summary } = run("producers.0.config.batch.size=64KiB", "producers.0.config.linger.ms=1000", "topics.0.config.internal.segment.bytes=16KiB");
    expect(summary.errors["RECORD_LIST_TOO_LARGE"]).toBeGreaterThan(0);
    expect(summary.durability.acknowledgedLost).toBe(0);
  });

  it("batch.size above max.message.bytes: each split gives the same batch back, until delivery.timeout.ms (Kafka 4.1, KAFKA-8350)", () => {
    const { summary, counts } = run(
      "producers.0.config.batch.size=64KiB",
      "producers.0.config.linger.ms=1000",
      "producers.0.config.delivery.timeout.ms=2000",
      "producers.0.config.request.timeout.ms=500",
      "topics.0.config.max.message.bytes=32KiB",
    );
    expect(counts.get("ProduceBatchSplit")!).toBeGreaterThan(100);
    expect(summary.errors["DELIVERY_TIMEOUT"]).toBeGreaterThan(0);
    expect(summary.durability.duplicates).toBe(0);
    expect(summary.durability.unacknowledgedPresent).toBe(0);
  });
});
