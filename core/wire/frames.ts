// Kafka's request and response frames: a 4-byte size, then the header, then the body.
// Request header v1 (apiKey, apiVersion, correlationId, clientId) for non-flexible requests,
// v2 (plus tagged fields) for flexible ones; response header v0 (correlationId) or v1 (plus
// tagged fields), except ApiVersionsResponse, whose header stays v0 at every version so a
// client can read it before knowing what the broker speaks (KIP-511;
// ApiKeys.responseHeaderVersion).

import { ByteReader } from "./byte-reader.ts";
import { ByteWriter } from "./byte-writer.ts";
import { ApiKey, isAdvertised, wireApi, type WireApi } from "./api-table.ts";
import { inVersions } from "./message-spec.ts";
import { RequestHeader } from "./specs/request-header.ts";
import { ResponseHeader } from "./specs/response-header.ts";
import { contextFor, readStruct, writeStruct } from "./struct-codec.ts";
import { WireFormatError } from "./wire-format-error.ts";
import type { WireStruct } from "./wire-value.ts";

/** socket.request.max.bytes' default (100 MiB): a larger size prefix closes the connection. */
export const MAX_REQUEST_BYTES = 104857600;

export type DecodedRequest =
  | {
      readonly kind: "request";
      readonly api: WireApi;
      readonly version: number;
      readonly correlationId: number;
      readonly clientId: string | null;
      readonly body: WireStruct;
    }
  | {
      /** An API key or version not advertised: only the header's fixed part is read. */
      readonly kind: "unsupported";
      readonly apiKey: number;
      readonly version: number;
      readonly correlationId: number;
    };

function requestHeaderVersion(api: WireApi, version: number): number {
  return inVersions(api.request.flexibleVersions, version) ? 2 : 1;
}

function responseHeaderVersion(api: WireApi, version: number): number {
  if (api.key === ApiKey.API_VERSIONS) return 0;
  return inVersions(api.response.flexibleVersions, version) ? 1 : 0;
}

/** Parses one request (the bytes after the size prefix). Throws WireFormatError. */
export function decodeRequest(frame: Uint8Array): DecodedRequest {
  if (frame.length < 8) throw new WireFormatError(`request of ${frame.length} bytes is shorter than a header`);
  const peek = new ByteReader(frame);
  const apiKey = peek.int16();
  const version = peek.int16();
  const correlationId = peek.int32();
  const api = wireApi(apiKey);
  if (api === undefined || !isAdvertised(apiKey, version)) return { kind: "unsupported", apiKey, version, correlationId };
  const r = new ByteReader(frame);
  const header = readStruct(r, contextFor(RequestHeader, requestHeaderVersion(api, version)), RequestHeader.fields);
  const body = readStruct(r, contextFor(api.request, version), api.request.fields);
  return { kind: "request", api, version, correlationId, clientId: (header.ClientId as string | null) ?? null, body };
}

function frame(write: (w: ByteWriter) => void): Uint8Array {
  const w = new ByteWriter();
  w.int32(0);
  write(w);
  w.int32At(0, w.pos - 4);
  return w.finish();
}

/** A response frame, size prefix included. */
export function encodeResponse(api: WireApi, version: number, correlationId: number, body: WireStruct): Uint8Array {
  return frame((w) => {
    writeStruct(w, contextFor(ResponseHeader, responseHeaderVersion(api, version)), ResponseHeader.fields, { CorrelationId: correlationId });
    writeStruct(w, contextFor(api.response, version), api.response.fields, body);
  });
}

/** A request frame, size prefix included (what a client writes; the tests' and fuzzer's side). */
export function encodeRequest(api: WireApi, version: number, correlationId: number, clientId: string | null, body: WireStruct): Uint8Array {
  return frame((w) => {
    const header = { RequestApiKey: api.key, RequestApiVersion: version, CorrelationId: correlationId, ClientId: clientId };
    writeStruct(w, contextFor(RequestHeader, requestHeaderVersion(api, version)), RequestHeader.fields, header);
    writeStruct(w, contextFor(api.request, version), api.request.fields, body);
  });
}

/** Parses a response frame's body (after the size prefix): the client side, for tests. */
export function decodeResponse(api: WireApi, version: number, frameBody: Uint8Array): { correlationId: number; body: WireStruct } {
  const r = new ByteReader(frameBody);
  const header = readStruct(r, contextFor(ResponseHeader, responseHeaderVersion(api, version)), ResponseHeader.fields);
  const body = readStruct(r, contextFor(api.response, version), api.response.fields);
  if (r.remaining !== 0) throw new WireFormatError(`${r.remaining} bytes after the ${api.name} response`);
  return { correlationId: header.CorrelationId as number, body };
}
