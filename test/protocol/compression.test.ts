// Compression: the accumulator fills batches by their estimated compressed size and
// compresses them at close (CompressionRatioEstimator, MemoryRecordsBuilder), the leader
// recompresses for a topic codec of its own (BrokerCompressionType.targetCompression), and
// every byte count downstream is the compressed one.
import { describe, expect, it } from "vitest";
import { RecordAccumulator } from "../../core/producer/record-accumulator.ts";
import { CODECS, CompressionType, targetCompression } from "../../core/protocol/compression.ts";
import { BATCH_OVERHEAD_BYTES, recordSizeBytes } from "../../core/protocol/records.ts";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/index.ts";

const keys = { name: (id: number) => `k${id}` };
const RECORD = recordSizeBytes(2, 200);

function accumulator(code: (typeof CompressionType)[keyof typeof CompressionType], ratio?: number): RecordAccumulator {
  return new RecordAccumulator("t", 1, 16384, 1_000_000, 1 << 30, keys, () => {}, code, ratio);
}

/** Record counts of the first `n` closed batches of one partition. */
function batchCounts(acc: RecordAccumulator, n: number): { counts: number[]; wire: number[]; raw: number[] } {
  const counts: number[] = [];
  const wire: number[] = [];
  const raw: number[] = [];
  for (let rid = 0; counts.length < n; rid++) {
    acc.append(0, rid, "k1", 1, 200, 0, 0);
    // A batch closes when it is full, or when the next record no longer fits (a new one starts).
    if (acc.head(0)!.closed) {
      const b = acc.drain(0);
      counts.push(b.recordCount);
      wire.push(b.wireBytes);
      raw.push(b.sizeBytes);
    }
  }
  return { counts, wire, raw };
}

describe("producer compression", () => {
  it("without compression a batch is full at batch.size of records, and carries them as they are", () => {
    const { counts, wire, raw } = batchCounts(accumulator(CompressionType.NONE), 3);
    expect(counts).toEqual([Math.floor((16384 - BATCH_OVERHEAD_BYTES) / RECORD), Math.floor((16384 - BATCH_OVERHEAD_BYTES) / RECORD), Math.floor((16384 - BATCH_OVERHEAD_BYTES) / RECORD)]);
    expect(wire).toEqual(raw);
  });

  it("compresses each closed batch at the codec's ratio, and the estimate lets later batches hold more records", () => {
    const { counts, wire, raw } = batchCounts(accumulator(CompressionType.ZSTD), 60);
    // The estimate starts at 1.0 (times the 1.05 margin) and improves by 0.005 a batch.
    expect(counts[0]).toBeLessThan(Math.floor((16384 - BATCH_OVERHEAD_BYTES) / RECORD));
    expect(counts[59]!).toBeGreaterThan(counts[0]! * 1.3);
    for (let i = 0; i < counts.length; i++) expect(wire[i]).toBe(BATCH_OVERHEAD_BYTES + Math.ceil((raw[i]! - BATCH_OVERHEAD_BYTES) * CODECS[CompressionType.ZSTD]!.ratio));
  });

  it("the estimate converges on the ratio: batches end up near batch.size compressed", () => {
    const { wire } = batchCounts(accumulator(CompressionType.GZIP), 400);
    expect(wire[399]!).toBeGreaterThan(16384 * 0.85);
    expect(wire[399]!).toBeLessThanOrEqual(16384);
  });

  it("kafkasim.compression.ratio states the data's own ratio", () => {
    const { wire, raw } = batchCounts(accumulator(CompressionType.LZ4, 0.1), 1);
    expect(wire[0]).toBe(BATCH_OVERHEAD_BYTES + Math.ceil((raw[0]! - BATCH_OVERHEAD_BYTES) * 0.1));
  });
});

describe("the topic's compression.type", () => {
  it.each([
    ["producer", CompressionType.ZSTD, CompressionType.ZSTD],
    ["producer", CompressionType.NONE, CompressionType.NONE],
    ["uncompressed", CompressionType.ZSTD, CompressionType.NONE],
    ["gzip", CompressionType.NONE, CompressionType.GZIP],
    ["lz4", CompressionType.SNAPPY, CompressionType.LZ4],
  ])("%s with a batch of codec %i stores codec %i (targetCompression)", (topic, source, target) => {
    expect(targetCompression(topic, source)).toBe(target);
  });

  const scenario = (producer: string, topic: string): number => {
    const yaml = `name: c\nseed: 1\nduration: 5s\nsettle: 2s\ncluster: { brokers: 3 }\ntopics:\n  - { name: t, partitions: 1, replicationFactor: 3, config: { compression.type: ${topic} } }\nproducers:\n  - { id: p1, topic: t, rate: 500/s, valueSize: 500, keys: uniform, config: { compression.type: ${producer} } }\n`;
    return runScenario(loadScenario(yaml, "c.yaml")).summary.partitions[0]!.bytes;
  };

  it("the leader stores what the topic asks for, whatever the producer sent", () => {
    const raw = scenario("none", "producer");
    expect(scenario("zstd", "producer") / raw).toBeLessThan(0.45);
    expect(scenario("none", "gzip") / raw).toBeLessThan(0.45);
    expect(scenario("zstd", "uncompressed")).toBe(raw);
  });
});

describe("compression CPU", () => {
  const rate = (r: number, codec: string): number =>
    runScenario(
      loadScenario(
        `name: cpu\nseed: 2\nduration: 5s\nsettle: 5s\ncluster: { brokers: 3 }\ntopics:\n  - { name: t, partitions: 3, replicationFactor: 3 }\nproducers:\n  - { id: p1, topic: t, rate: ${r}/s, valueSize: 1KiB, keys: uniform, config: { compression.type: ${codec} } }\n`,
        "cpu.yaml",
      ),
    ).summary.latency.p99Ms;

  it("gzip's 25 MB/s per thread caps a producer: at 30,000 records of 1 KiB a second it falls behind, zstd does not", () => {
    expect(rate(30_000, "gzip")).toBeGreaterThan(1000);
    expect(rate(30_000, "zstd")).toBeLessThan(100);
  });
});
