// One TCP connection of a real Kafka client, as a node of the simulated world. The socket edge
// (wire-server.ts) hands it each request frame inside a simulator event, at the simulated time
// the bytes arrived; it decodes the request, sends the simulator's request to the broker the
// connection is open to, and when the broker's answer is delivered writes the wire response.
// As Kafka's SocketServer mutes a channel while one of its requests is in the broker, requests
// are handled one at a time, so responses leave in request order. Bad input never reaches the
// broker: a frame that does not parse closes the connection with a log line (Kafka's
// InvalidRequestException), an ApiVersions request of a version not offered is answered v0 with
// UNSUPPORTED_VERSION and the offered ranges (KIP-511), another API at a version not offered
// gets its response with UNSUPPORTED_VERSION when the spec can express one, else the
// connection closes, as Kafka closes it.

import type { Env, NodeId, SimNode } from "../../core/env.ts";
import type { KafkaMessage } from "../../core/protocol/messages.ts";
import type { Timer } from "../../core/timer.ts";
import { ApiKey, wireApi } from "../../core/wire/api-table.ts";
import { wireErrorCode } from "../../core/wire/error-codes.ts";
import { decodeRequest, encodeResponse, type DecodedRequest } from "../../core/wire/frames.ts";
import { inVersions } from "../../core/wire/message-spec.ts";
import { contextFor, defaultStruct } from "../../core/wire/struct-codec.ts";
import { WireFormatError } from "../../core/wire/wire-format-error.ts";
import type { WireStruct } from "../../core/wire/wire-value.ts";
import { apiKeys } from "./translate/metadata.ts";
import { translateRequest } from "./translate/translate-request.ts";
import type { TranslateContext, Translation } from "./translate/translation.ts";

/** The socket side of a connection. */
export interface ClientSocket {
  write(frame: Uint8Array): void;
  close(reason: string): void;
}

export type ConnectionContext = Omit<TranslateContext, "correlationId" | "version" | "clientId">;

interface InFlight {
  readonly request: DecodedRequest & { kind: "request" };
  readonly translation: Translation;
  readonly simCorrelationId: number;
}

export class RealClient implements SimNode<KafkaMessage, Timer> {
  private env!: Env<KafkaMessage, Timer>;
  private readonly queue: Uint8Array[] = [];
  private inFlight: InFlight | null = null;
  private nextCorrelationId = 0;
  private closed = false;

  constructor(
    private readonly broker: NodeId,
    private readonly socket: ClientSocket,
    private readonly ctx: ConnectionContext,
  ) {}

  onStart(env: Env<KafkaMessage, Timer>): void {
    this.env = env;
  }

  /** One request frame (after its size prefix), from the socket edge, inside a simulator event. */
  receive(frame: Uint8Array): void {
    if (this.closed) return;
    this.queue.push(frame);
    this.pump();
  }

  private pump(): void {
    while (this.inFlight === null && !this.closed) {
      const frame = this.queue.shift();
      if (frame === undefined) return;
      this.handle(frame);
    }
  }

  private close(reason: string): void {
    this.closed = true;
    this.queue.length = 0;
    this.socket.close(reason);
  }

  private handle(frame: Uint8Array): void {
    let req: DecodedRequest;
    try {
      req = decodeRequest(frame);
    } catch (e) {
      if (e instanceof WireFormatError) return this.close(`malformed request: ${e.message}`);
      throw e;
    }
    if (req.kind === "unsupported") return this.unsupported(req);
    const simCorrelationId = this.nextCorrelationId++;
    let translation: Translation;
    try {
      translation = translateRequest(req.api.key, req.body, { ...this.ctx, correlationId: simCorrelationId, version: req.version, clientId: req.clientId });
    } catch (e) {
      return this.close(`${req.api.name} v${req.version} could not be served: ${(e as Error).message}`);
    }
    if (translation.message === null) {
      try {
        return this.respond(req, translation.answer(null));
      } catch (e) {
        return this.close(`${req.api.name} answer could not be encoded: ${(e as Error).message}`);
      }
    }
    if (translation.noResponse !== true) this.inFlight = { request: req, translation, simCorrelationId };
    this.env.send(this.broker, translation.message);
  }

  private unsupported(req: DecodedRequest & { kind: "unsupported" }): void {
    const api = wireApi(req.apiKey);
    if (req.apiKey === ApiKey.API_VERSIONS && api !== undefined) {
      // KIP-511: answered at v0, whose layout every client can read, with the ranges offered.
      this.socket.write(encodeResponse(api, 0, req.correlationId, { ErrorCode: wireErrorCode("UNSUPPORTED_VERSION"), ApiKeys: apiKeys() }));
      return;
    }
    if (api === undefined || !inVersions(api.response.validVersions, req.version)) {
      return this.close(`api key ${req.apiKey} v${req.version} is not supported`);
    }
    const body: WireStruct = { ...defaultStruct(contextFor(api.response, req.version), api.response.fields), ErrorCode: wireErrorCode("UNSUPPORTED_VERSION") };
    this.socket.write(encodeResponse(api, req.version, req.correlationId, body));
  }

  private respond(req: DecodedRequest & { kind: "request" }, body: WireStruct): void {
    this.socket.write(encodeResponse(req.api, req.version, req.correlationId, body));
  }

  onMessage(_from: NodeId, msg: KafkaMessage): void {
    const f = this.inFlight;
    // Answers to acks=0 produces, and anything late after a close, have no one waiting.
    if (f === null || this.closed || !("correlationId" in msg) || msg.correlationId !== f.simCorrelationId) return;
    this.inFlight = null;
    try {
      this.respond(f.request, f.translation.answer(msg));
    } catch (e) {
      return this.close(`${f.request.api.name} answer could not be encoded: ${(e as Error).message}`);
    }
    this.pump();
  }

  onTimer(): void {}

  /** The simulated link to the broker broke (a crash or a partition seen by the client's timeout). */
  onDisconnect(peer: NodeId): void {
    if (peer === this.broker) this.close(`lost the connection to ${peer}`);
  }
}
