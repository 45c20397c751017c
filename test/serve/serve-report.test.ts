// `kafkasim serve FILE --report OUT.html` as a user runs it: a kafkajs producer writes while the
// session runs, Ctrl-C (SIGINT) ends it, and the file is run's self-contained report of the
// served run: its traceHash, a trace from the cluster's start through the settle in which the
// real client's Produce requests and the leader's append of its records appear. The summary's
// simulatedMs is the simulated time reached at Ctrl-C, not the scenario's 60 s duration.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAYLOAD_ID, type ReportPayload } from "../../sim/report/payload-format.ts";
import type { Summary } from "../../sim/run/summary.ts";
import { freeBlock } from "./serve-harness.ts";
import { verdictOf } from "../../sim/run/verdict.ts";
import { traceStoreOf } from "../../viz/src/report/decode.ts";
import { launch, openPage, removeDir, skipBrowser } from "../viz/harness.ts";

const dir = mkdtempSync(join(tmpdir(), "kafkasim-serve-report-"));
const out = join(dir, "served.html");
afterAll(() => removeDir(dir));

describe("kafkasim serve --report", () => {
  let summary: Summary;
  let html: string;
  let elapsedMs = 0;

  beforeAll(async () => {
    const port = await freeBlock();
    const child = spawn("node", ["bin/kafkasim.js", "serve", "test/serve/three-brokers.yaml", "--port", String(port), "--json", "--report", out], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    await new Promise<void>((resolve) => child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes("Ctrl-C ends early")) resolve();
    }));
    const listeningAt = performance.now();
    const kafka = new Kafka({ clientId: "report-test", brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic: "orders", acks: -1, messages: Array.from({ length: 5 }, (_, i) => ({ value: `r${i}`, partition: 0 })) });
    await producer.disconnect();
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    elapsedMs = performance.now() - listeningAt;
    child.kill("SIGINT");
    expect(await exited, stderr).toBe(0);
    summary = JSON.parse(stdout) as Summary;
    html = readFileSync(out, "utf8");
  }, 60_000);

  it("says in simulatedMs the simulated time reached at Ctrl-C, not the scenario's duration", () => {
    expect(summary.simulatedMs).toBeGreaterThanOrEqual(elapsedMs * 0.8);
    expect(summary.simulatedMs).toBeLessThan(elapsedMs + 10_000);
    expect(summary.simulatedMs).toBeLessThan(60_000);
    expect(summary.produced.acknowledged).toBe(5);
  });

  it("writes the report of the served run: its traceHash and verdict, and a payload whose scenario ends where the run stopped", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain(summary.traceHash);
    const payload = payloadOf(html);
    expect(payload.runs).toHaveLength(1);
    expect(payload.runs[0]!.summary.traceHash).toBe(summary.traceHash);
    expect(payload.runs[0]!.scenario.durationUs).toBe(Math.round(summary.simulatedMs * 1000));
  });

  it("holds the trace from the cluster's start through the settle, with the real client's produce in it", () => {
    const trace = traceStoreOf(payloadOf(html).runs[0]!.trace);
    expect(trace.node(0)).not.toMatch(/^real-client/);
    expect(trace.time(0)).toBe(0);
    expect(trace.time(trace.size - 1)).toBeGreaterThan(summary.simulatedMs * 1000);
    const produces: number[] = [];
    let appended = 0;
    for (let i = 0; i < trace.size; i++) {
      const e = trace.event(i);
      if (e.kind === "Send" && e.msg === "Produce" && trace.node(i).startsWith("real-client-")) produces.push(i);
      if (e.kind === "LeaderAppend" && e.topic === "orders" && e.partition === 0) appended += e.records;
    }
    expect(produces.length).toBeGreaterThan(0);
    expect(appended).toBe(5);
  });

  it.skipIf(skipBrowser)("opens in Chromium from file:// with the served run's verdict, without console errors", async () => {
    const browser = await launch();
    try {
      const w = await openPage(browser, 1400, 1200);
      await w.page.route(/^(?!file:|data:|blob:)/, (route) => route.abort());
      await w.page.goto(pathToFileURL(out).href);
      await w.page.waitForSelector("body[data-ready]", { timeout: 30_000 });
      expect(await w.page.textContent('[data-testid="trace-hash"]')).toBe(summary.traceHash);
      expect(await w.page.getAttribute('[data-testid="verdict"]', "data-verdict")).toBe(verdictOf(summary));
      expect(w.consoleErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

function payloadOf(text: string): ReportPayload {
  const m = new RegExp(`<script type="application/octet-stream;base64\\+gzip" id="${PAYLOAD_ID}">([^<]*)</script>`).exec(text);
  if (m === null) throw new Error("no payload in the report");
  return JSON.parse(gunzipSync(Buffer.from(m[1]!, "base64")).toString("utf8")) as ReportPayload;
}
