// Request and response frames over the vendored specs: every advertised API and version
// round-trips; requests that kafkajs 2.x encodes (an independent implementation of
// the same specs) decode to what it sent; a flexible request header v2 and the ApiVersions
// response's header v0 (KIP-511) are laid out as RequestHeader.json / ApiKeys say.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { ApiKey, WIRE_APIS, wireApi, type WireApi } from "../../core/wire/api-table.ts";
import { ByteWriter } from "../../core/wire/byte-writer.ts";
import { decodeRequest, decodeResponse, encodeRequest, encodeResponse } from "../../core/wire/frames.ts";
import { decodeRecordBatches } from "../../core/wire/record-batch-codec.ts";
import { contextFor, defaultStruct } from "../../core/wire/struct-codec.ts";
import type { WireStruct } from "../../core/wire/wire-value.ts";
import { nodeGzip } from "../../sim/serve/node-gzip.ts";

const require = createRequire(import.meta.url);
const api = (key: number): WireApi => wireApi(key)!;

function requestOf(frame: Uint8Array) {
  const d = decodeRequest(frame.subarray(4));
  if (d.kind !== "request") throw new Error(`unsupported ${d.apiKey} v${d.version}`);
  return d;
}

describe("every advertised version round-trips", () => {
  for (const a of WIRE_APIS) {
    for (let v = a.advertised.min; v <= a.advertised.max; v++) {
      it(`${a.name} v${v} request and response`, () => {
        const req = defaultStruct(contextFor(a.request, v), a.request.fields);
        const decoded = requestOf(encodeRequest(a, v, 77, "client-1", req));
        expect(decoded).toMatchObject({ version: v, correlationId: 77, clientId: "client-1", body: req });
        const res = defaultStruct(contextFor(a.response, v), a.response.fields);
        const frame = encodeResponse(a, v, 78, res);
        expect(new DataView(frame.buffer).getInt32(0)).toBe(frame.length - 4);
        expect(decodeResponse(a, v, frame.subarray(4))).toEqual({ correlationId: 78, body: res });
      });
    }
  }
});

describe("flexible versions", () => {
  it("Metadata v12 carries compact strings, a nullable array and tagged fields", () => {
    const a = api(ApiKey.METADATA);
    const body = { Topics: [{ TopicId: new Uint8Array(16), Name: "orders" }], AllowAutoTopicCreation: false, IncludeTopicAuthorizedOperations: false };
    const frame = encodeRequest(a, 12, 5, "rdkafka", body);
    // header v2: apiKey, version, correlationId, int16-length client id (never compact), no tags
    expect(Array.from(frame.subarray(4, 4 + 10 + 7 + 1))).toEqual([0, 3, 0, 12, 0, 0, 0, 5, 0, 7, ...new TextEncoder().encode("rdkafka"), 0]);
    expect(requestOf(frame).body).toEqual({ ...body, IncludeClusterAuthorizedOperations: false }); // v8-10 only: its default
    const nullTopics = requestOf(encodeRequest(a, 12, 6, null, { ...body, Topics: null }));
    expect(nullTopics.body.Topics).toBeNull();
    expect(nullTopics.clientId).toBeNull();
  });

  it("a tagged field with a non-default value is written and read back (ApiVersionsResponse.FinalizedFeaturesEpoch)", () => {
    const a = api(ApiKey.API_VERSIONS);
    const res = { ...defaultStruct(contextFor(a.response, 3), a.response.fields), FinalizedFeaturesEpoch: 7 };
    expect(decodeResponse(a, 3, encodeResponse(a, 3, 1, res).subarray(4)).body.FinalizedFeaturesEpoch).toBe(7);
  });

  it("an unknown tagged field is skipped", () => {
    // A Heartbeat v4 request (flexible) whose body ends with one unknown tag 9 of 3 bytes.
    const w = new ByteWriter().int16(ApiKey.HEARTBEAT).int16(4).int32(3).int16(-1).unsignedVarint(0);
    w.unsignedVarint(2).raw(new TextEncoder().encode("g")).int32(1).unsignedVarint(2).raw(new TextEncoder().encode("m")).unsignedVarint(0);
    w.unsignedVarint(1).unsignedVarint(9).unsignedVarint(3).raw(Uint8Array.of(1, 2, 3));
    const d = decodeRequest(w.finish());
    expect(d).toMatchObject({ kind: "request", body: { GroupId: "g", GenerationId: 1, MemberId: "m", GroupInstanceId: null } });
  });

  it("ApiVersionsResponse v3 keeps response header v0 (no tagged fields after the correlation id)", () => {
    const a = api(ApiKey.API_VERSIONS);
    const frame = encodeResponse(a, 3, 0x01020304, { ErrorCode: 0, ApiKeys: [], ThrottleTimeMs: 0 });
    // size, correlation id, then the body: error code int16 0, compact array of 0 (1), throttle int32, tags 0
    expect(Array.from(frame.subarray(4))).toEqual([1, 2, 3, 4, 0, 0, 1, 0, 0, 0, 0, 0]);
  });
});

describe("unsupported keys and versions", () => {
  it("an API key the edge does not speak is reported with its correlation id", () => {
    const w = new ByteWriter().int16(32).int16(0).int32(99).int16(-1);
    expect(decodeRequest(w.finish())).toEqual({ kind: "unsupported", apiKey: 32, version: 0, correlationId: 99 });
  });
  it("Fetch v13 (topic ids) is past the advertised range", () => {
    const w = new ByteWriter().int16(ApiKey.FETCH).int16(13).int32(4).int16(-1);
    expect(decodeRequest(w.finish())).toMatchObject({ kind: "unsupported", version: 13 });
  });
});

describe("requests encoded by kafkajs 2.x decode to what it sent", () => {
  const kafkajsRequest = require("kafkajs/src/protocol/request.js") as (o: object) => Promise<{ buffer: Buffer }>;
  const encode = async (path: string, args: object): Promise<Uint8Array> => {
    const build = require(`kafkajs/src/protocol/requests/${path}/request.js`) as (a: object) => object;
    const frame = await kafkajsRequest({ correlationId: 11, clientId: "kafkajs", request: build(args) });
    return new Uint8Array(frame.buffer);
  };
  const body = async (path: string, args: object): Promise<WireStruct> => {
    const d = requestOf(await encode(path, args));
    expect(d).toMatchObject({ correlationId: 11, clientId: "kafkajs" });
    return d.body;
  };

  it("ApiVersions v2", async () => {
    expect(await body("apiVersions/v2", {})).toEqual({ ClientSoftwareName: "", ClientSoftwareVersion: "" }); // v3+ fields: defaults
  });

  it("Metadata v6", async () => {
    expect(await body("metadata/v6", { topics: ["a", "b"], allowAutoTopicCreation: false })).toMatchObject({
      Topics: [{ Name: "a" }, { Name: "b" }], AllowAutoTopicCreation: false,
    });
  });

  it("Produce v7 with an idempotent gzip batch", async () => {
    const Long = require("kafkajs/src/utils/long.js") as { fromValue(v: number): unknown };
    const b = await body("produce/v7", {
      acks: -1, timeout: 30000, producerId: Long.fromValue(1000), producerEpoch: 0, compression: 1,
      topicData: [{ topic: "orders", partitions: [{ partition: 2, firstSequence: 5, messages: [{ key: "k", value: "v", timestamp: 1700000000000, headers: { h: "1" } }] }] }],
    });
    expect(b).toMatchObject({ TransactionalId: null, Acks: -1, TimeoutMs: 30000 });
    const p = (b.TopicData as WireStruct[])[0]!;
    expect(p.Name).toBe("orders");
    const part = (p.PartitionData as WireStruct[])[0]!;
    expect(part.Index).toBe(2);
    const [batch] = decodeRecordBatches(part.Records as Uint8Array, nodeGzip);
    expect(batch).toMatchObject({ producerId: 1000, baseSequence: 5, compression: 1, baseTimestamp: 1700000000000 });
    expect(new TextDecoder().decode(batch!.records[0]!.value!)).toBe("v");
  });

  it("Fetch v11", async () => {
    expect(await body("fetch/v11", {
      replicaId: -1, maxWaitTime: 500, minBytes: 1, maxBytes: 1048576, isolationLevel: 1, rackId: "",
      topics: [{ topic: "orders", partitions: [{ partition: 0, fetchOffset: "42", maxBytes: 1024 }] }],
    })).toMatchObject({
      ReplicaId: -1, MaxWaitMs: 500, MinBytes: 1, MaxBytes: 1048576, IsolationLevel: 1, SessionId: 0, SessionEpoch: -1,
      Topics: [{ Topic: "orders", Partitions: [{ Partition: 0, CurrentLeaderEpoch: -1, FetchOffset: 42, LogStartOffset: -1, PartitionMaxBytes: 1024 }] }],
      RackId: "",
    });
  });

  it("FindCoordinator v2, JoinGroup v5, Heartbeat v3", async () => {
    expect(await body("findCoordinator/v2", { coordinatorKey: "g", coordinatorType: 0 })).toEqual({ Key: "g", KeyType: 0, CoordinatorKeys: [] });
    const join = await body("joinGroup/v5", {
      groupId: "g", sessionTimeout: 30000, rebalanceTimeout: 60000, memberId: "", protocolType: "consumer",
      groupProtocols: [{ name: "RoundRobinAssigner", metadata: Buffer.from([0, 1]) }],
    });
    expect(join).toMatchObject({ GroupId: "g", SessionTimeoutMs: 30000, RebalanceTimeoutMs: 60000, MemberId: "", GroupInstanceId: null, ProtocolType: "consumer" });
    expect(join.Protocols).toEqual([{ Name: "RoundRobinAssigner", Metadata: Uint8Array.of(0, 1) }]);
    expect(await body("heartbeat/v3", { groupId: "g", groupGenerationId: 3, memberId: "m", groupInstanceId: null })).toEqual({
      GroupId: "g", GenerationId: 3, MemberId: "m", GroupInstanceId: null,
    });
  });
});
