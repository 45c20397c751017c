// Frame-level fuzzing of `kafkasim serve`: random frames, valid requests with bytes flipped,
// cut short or lengthened, and unknown API keys and versions, each on its own connection,
// while another connection keeps asking for metadata. Nothing may crash the simulation: every
// bad frame gets an error response or a closed connection, and the healthy connection's
// requests are all answered. Seeded (a fixed xorshift stream), so a failure replays.
import { connect, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { ApiKey, WIRE_APIS, wireApi } from "../../core/wire/api-table.ts";
import { decodeResponse, encodeRequest } from "../../core/wire/frames.ts";
import { encodeRecordBatch } from "../../core/wire/record-batch-codec.ts";
import { contextFor, defaultStruct } from "../../core/wire/struct-codec.ts";
import { serveDuring } from "./serve-harness.ts";

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** Writes `bytes` on a new connection; resolves when the server closes it or after `waitMs`. */
function throwAt(port: number, bytes: Uint8Array, waitMs = 300): Promise<"closed" | "open"> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    const timer = setTimeout(() => {
      s.destroy();
      resolve("open");
    }, waitMs);
    s.on("error", () => {});
    s.on("close", () => {
      clearTimeout(timer);
      resolve("closed");
    });
    s.write(bytes);
  });
}

/** A connection that sends Metadata v9 requests one at a time and reads the answers. */
class HealthyClient {
  private buffered = Buffer.alloc(0);
  private waiting: ((frame: Uint8Array) => void) | null = null;
  private constructor(private readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      if (this.buffered.length >= 4 && this.buffered.length >= 4 + this.buffered.readInt32BE(0)) {
        const size = this.buffered.readInt32BE(0);
        const frame = new Uint8Array(this.buffered.subarray(4, 4 + size));
        this.buffered = this.buffered.subarray(4 + size);
        this.waiting?.(frame);
      }
    });
  }
  static open(port: number): Promise<HealthyClient> {
    return new Promise((resolve) => {
      const s = connect(port, "127.0.0.1", () => resolve(new HealthyClient(s)));
    });
  }
  metadata(correlationId: number): Promise<string[]> {
    const api = wireApi(ApiKey.METADATA)!;
    return new Promise((resolve) => {
      this.waiting = (frame) => {
        const { body } = decodeResponse(api, 9, frame);
        resolve((body.Topics as { Name: string }[]).map((t) => t.Name));
      };
      this.socket.write(encodeRequest(api, 9, correlationId, "healthy", { Topics: [{ Name: "orders" }], AllowAutoTopicCreation: false }));
    });
  }
  close(): void {
    this.socket.destroy();
  }
}

function validRequests(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const a of WIRE_APIS) {
    for (const v of [a.advertised.min, a.advertised.max]) out.push(encodeRequest(a, v, 1, "fuzz", defaultStruct(contextFor(a.request, v), a.request.fields)));
  }
  const produce = wireApi(ApiKey.PRODUCE)!;
  const batch = encodeRecordBatch({
    baseOffset: 0, partitionLeaderEpoch: -1, compression: 0, timestampType: 0, isTransactional: false, isControl: false, lastOffsetDelta: 0,
    baseTimestamp: 0, maxTimestamp: 0, producerId: -1, producerEpoch: -1, baseSequence: -1,
    records: [{ offsetDelta: 0, timestampDelta: 0, key: null, value: Uint8Array.of(1, 2, 3), headers: [] }],
  }, null);
  out.push(encodeRequest(produce, 9, 2, "fuzz", { TransactionalId: null, Acks: 1, TimeoutMs: 1000, TopicData: [{ Name: "orders", PartitionData: [{ Index: 0, Records: batch }] }] }));
  return out;
}

function mutate(frame: Uint8Array, next: () => number): Uint8Array {
  const f = frame.slice();
  switch (Math.floor(next() * 4)) {
    case 0: // flip bytes after the size prefix
      for (let i = 0; i < 1 + Math.floor(next() * 4); i++) {
        const at = 4 + Math.floor(next() * (f.length - 4));
        f[at] = f[at]! ^ (1 + Math.floor(next() * 255));
      }
      return f;
    case 1: { // cut short, with the size prefix saying so
      const cut = f.subarray(0, 4 + Math.floor(next() * (f.length - 4)));
      new DataView(cut.buffer, cut.byteOffset).setInt32(0, cut.length - 4);
      return cut.slice();
    }
    case 2: { // an unknown API key or an unoffered version
      new DataView(f.buffer).setInt16(4, Math.floor(next() * 100));
      new DataView(f.buffer).setInt16(6, Math.floor(next() * 40) - 2);
      return f;
    }
    default: { // trailing garbage inside the frame
      const g = new Uint8Array(f.length + 8);
      g.set(f);
      for (let i = f.length; i < g.length; i++) g[i] = Math.floor(next() * 256);
      new DataView(g.buffer).setInt32(0, g.length - 4);
      return g;
    }
  }
}

describe("fuzzed frames against kafkasim serve", () => {
  const serve = serveDuring("test/serve/three-brokers.yaml");

  it("random, mutated and oversized frames never stop the simulation, and another connection keeps being answered", async () => {
    const next = rng(20261203);
    const healthy = await HealthyClient.open(serve().port);
    expect(await healthy.metadata(0)).toEqual(["orders"]);
    const valid = validRequests();
    const frames: Uint8Array[] = [
      Uint8Array.of(0x7f, 0xff, 0xff, 0xff), // a size past socket.request.max.bytes
      Uint8Array.of(0xff, 0xff, 0xff, 0xfe), // a negative size
      Uint8Array.of(0, 0, 0, 2, 0, 3), // shorter than a header
    ];
    for (let i = 0; i < 40; i++) {
      const random = Uint8Array.from({ length: 4 + Math.floor(next() * 60) }, () => Math.floor(next() * 256));
      new DataView(random.buffer).setInt32(0, random.length - 4);
      frames.push(random);
    }
    for (let i = 0; i < 160; i++) frames.push(mutate(valid[Math.floor(next() * valid.length)]!, next));
    for (let i = 0; i < frames.length; i += 20) {
      await Promise.all(frames.slice(i, i + 20).map((f) => throwAt(serve().port, f)));
      expect(await healthy.metadata(i + 1)).toEqual(["orders"]);
    }
    healthy.close();
    expect(serve().logs.some((l) => l.includes("closing"))).toBe(true);
  }, 30_000);

  it("the session still ends with a summary", async () => {
    serve().session.stop();
    const summary = await serve().done;
    expect(summary.scenario).toBe("serve-three-brokers");
  });
});
