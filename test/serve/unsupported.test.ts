// What serve answers for what it does not offer, as Kafka answers: an ApiVersions request of
// a newer version gets ApiVersionsResponse v0 with UNSUPPORTED_VERSION and the offered ranges
// (KIP-511); Fetch v13 (topic ids, past the offered v12) gets its response with
// UNSUPPORTED_VERSION; an API key serve does not speak closes the connection with a log line.
import { connect, createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { ApiKey, wireApi } from "../../core/wire/api-table.ts";
import { ByteWriter } from "../../core/wire/byte-writer.ts";
import { decodeResponse } from "../../core/wire/frames.ts";
import { loadScenarioFile } from "../../sim/scenario/read-file.ts";
import { ServeSession } from "../../sim/serve/serve-session.ts";
import { serveDuring, startServe } from "./serve-harness.ts";

/** Sends one raw request; resolves with the response frame's body, or null if the connection closed first. */
function exchange(port: number, request: Uint8Array): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1", () => s.write(request));
    let got = Buffer.alloc(0);
    s.on("data", (d: Buffer) => {
      got = Buffer.concat([got, d]);
      if (got.length >= 4 && got.length >= 4 + got.readInt32BE(0)) {
        s.destroy();
        resolve(new Uint8Array(got.subarray(4, 4 + got.readInt32BE(0))));
      }
    });
    s.on("close", () => resolve(null));
    s.on("error", () => {});
  });
}

const headerOnly = (apiKey: number, version: number, correlationId: number): Uint8Array => {
  const w = new ByteWriter().int32(0).int16(apiKey).int16(version).int32(correlationId).int16(-1);
  if (version >= 3 && apiKey === ApiKey.API_VERSIONS) w.unsignedVarint(0).unsignedVarint(1).unsignedVarint(1).unsignedVarint(0); // tags, two empty compact strings, tags
  w.int32At(0, w.pos - 4);
  return w.finish();
};

describe("unsupported APIs and versions", () => {
  const serve = serveDuring("test/serve/three-brokers.yaml");

  it("ApiVersions v9 is answered at v0 with UNSUPPORTED_VERSION and the offered ranges (KIP-511)", async () => {
    const frame = await exchange(serve().port, headerOnly(ApiKey.API_VERSIONS, 9, 42));
    const { correlationId, body } = decodeResponse(wireApi(ApiKey.API_VERSIONS)!, 0, frame!);
    expect(correlationId).toBe(42);
    expect(body.ErrorCode).toBe(35);
    expect(body.ApiKeys).toContainEqual({ ApiKey: ApiKey.FETCH, MinVersion: 4, MaxVersion: 12 });
  });

  it("ApiVersions v3 lists every offered API", async () => {
    const frame = await exchange(serve().port, headerOnly(ApiKey.API_VERSIONS, 3, 7));
    const { body } = decodeResponse(wireApi(ApiKey.API_VERSIONS)!, 3, frame!);
    expect(body.ErrorCode).toBe(0);
    expect((body.ApiKeys as { ApiKey: number }[]).map((k) => k.ApiKey)).toEqual([0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 18, 19, 22, 60]);
  });

  it("Fetch v13 gets a Fetch response with UNSUPPORTED_VERSION", async () => {
    const frame = await exchange(serve().port, headerOnly(ApiKey.FETCH, 13, 5));
    const { correlationId, body } = decodeResponse(wireApi(ApiKey.FETCH)!, 13, frame!);
    expect(correlationId).toBe(5);
    expect(body.ErrorCode).toBe(35);
  });

  it("an API key serve does not speak (DeleteTopics) closes the connection with a log line", async () => {
    expect(await exchange(serve().port, headerOnly(20, 5, 1))).toBeNull();
    expect(serve().logs.some((l) => l.includes("api key 20 v5 is not supported"))).toBe(true);
  });
});

describe("a port already in use", () => {
  it("fails the session's open and leaves no listener of it behind", async () => {
    const first = await startServe("test/serve/three-brokers.yaml");
    const clash = new ServeSession(loadScenarioFile("test/serve/three-brokers.yaml"), { port: first.port + 1, speed: 1, log: () => {} });
    await expect(clash.open()).rejects.toMatchObject({ code: "EADDRINUSE" });
    // first.port + 3 was the clashing session's third broker: it must be free again.
    const free = createServer();
    await new Promise<void>((resolve, reject) => free.once("error", reject).listen(first.port + 3, "127.0.0.1", () => resolve()));
    free.close();
    first.session.stop();
    await first.done;
  });
});
