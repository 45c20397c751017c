// Starts a `kafkasim serve` session in the test's process on free-looking ports, and runs
// real client programs against it without blocking the event loop that paces the simulation.
import { execFile } from "node:child_process";
import { connect, createServer } from "node:net";
import type { WireApi } from "../../core/wire/api-table.ts";
import { decodeResponse, encodeRequest } from "../../core/wire/frames.ts";
import { contextFor, defaultStruct } from "../../core/wire/struct-codec.ts";
import type { WireStruct } from "../../core/wire/wire-value.ts";
import { afterAll, beforeAll } from "vitest";
import { existsSync } from "node:fs";
import { loadScenarioFile } from "../../sim/scenario/read-file.ts";
import type { Summary } from "../../sim/run/summary.ts";
import { ServeSession } from "../../sim/serve/serve-session.ts";

export const KCAT = ["/usr/bin/kcat", "/usr/local/bin/kcat"].find((p) => existsSync(p)) ?? null;

// Below Linux's ephemeral range (32768–60999), where outgoing connections (kcat's, kafkajs's, other
// workers') take their local ports: a block there can be taken between two tests (EADDRINUSE).
// Each worker process starts in its own stretch; a block still found busy is skipped.
let nextPort = 20000 + (process.pid % 120) * 100;
const PORTS_PER_SESSION = 10;

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

export async function freeBlock(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = nextPort;
    nextPort += PORTS_PER_SESSION;
    if (nextPort > 32000) nextPort = 20000;
    let free = true;
    for (let i = 0; i < PORTS_PER_SESSION && free; i++) free = await portFree(base + i);
    if (free) return base;
  }
  throw new Error("no block of free ports found for kafkasim serve");
}

export interface Serving {
  readonly session: ServeSession;
  readonly port: number;
  readonly logs: string[];
  /** The paced run: resolves with the summary once stopped (session.stop()) or at the scenario's duration. */
  readonly done: Promise<Summary>;
}

export async function startServe(file: string, sets: string[] = [], speed = 1): Promise<Serving> {
  const port = await freeBlock();
  const logs: string[] = [];
  const session = new ServeSession(loadScenarioFile(file, sets), { port, speed, log: (l) => logs.push(l) });
  await session.open();
  return { session, port, logs, done: session.run() };
}

export function run(cmd: string, args: string[], input?: string, timeoutMs = 15_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { timeout: timeoutMs, encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

/** A session for the whole describe block: started before its tests, stopped after them. */
export function serveDuring(file: string): () => Serving {
  let serving: Serving | null = null;
  beforeAll(async () => {
    serving = await startServe(file);
  });
  afterAll(async () => {
    serving?.session.stop();
    await serving?.done;
  });
  return () => serving!;
}

/** One request on a new connection as `clientId` (fields not given take their spec defaults); resolves with the response body. */
export function wireRequest(port: number, api: WireApi, version: number, clientId: string, fields: WireStruct): Promise<WireStruct> {
  const body = { ...defaultStruct(contextFor(api.request, version), api.request.fields), ...fields };
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const s = connect(port, "127.0.0.1", () => s.write(encodeRequest(api, version, 7, clientId, body)));
    s.on("error", reject);
    s.on("data", (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 4 || buffered.length < 4 + buffered.readInt32BE(0)) return;
      s.destroy();
      resolve(decodeResponse(api, version, new Uint8Array(buffered.subarray(4, 4 + buffered.readInt32BE(0)))).body);
    });
  });
}
