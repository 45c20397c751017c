// Real clients through a leader crash scripted in the scenario (leader-crash.yaml: broker 1,
// the partition's leader, crashes at 4 s and restarts at 8 s). kafkajs, idempotent with
// acks=all, keeps producing through the crash: nothing acknowledged to it is lost, and a
// consumer group reads every acknowledged record. kcat with acks=1 loses records the leader
// acknowledged before its followers had them, and the summary says so.
import { Kafka, logLevel } from "kafkajs";
import { describe, expect, it } from "vitest";
import { KCAT, startServe } from "./serve-harness.ts";
import { spawn } from "node:child_process";

const SCENARIO = "test/serve/leader-crash.yaml";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bootstrap = (port: number) => [0, 1, 2].map((i) => `127.0.0.1:${port + i}`);

describe("through a leader crash", () => {
  it("kafkajs, idempotent with acks=all: every acknowledged record survives and is consumed", async () => {
    const serving = await startServe(SCENARIO, [], 2);
    const kafka = new Kafka({ clientId: "kafkajs-crash", brokers: bootstrap(serving.port), logLevel: logLevel.NOTHING, retry: { retries: 30, initialRetryTime: 50, maxRetryTime: 500 }, connectionTimeout: 500, requestTimeout: 2000 });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const acked: string[] = [];
    // 7 s of wall time at speed 2: past the crash (2 s) and the restart (4 s).
    const until = Date.now() + 5000;
    for (let i = 0; Date.now() < until; i++) {
      try {
        await producer.send({ topic: "orders", acks: -1, messages: [{ key: `k${i}`, value: `v${i}` }] });
        acked.push(`v${i}`);
      } catch {
        // a send kafkajs gave up on is not acknowledged
      }
      await sleep(20);
    }
    await producer.disconnect();
    expect(acked.length).toBeGreaterThan(20);

    const consumer = kafka.consumer({ groupId: "crash-readers", sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await consumer.connect();
    await consumer.subscribe({ topic: "orders", fromBeginning: true });
    const read = new Set<string>();
    await new Promise<void>((resolve, reject) => {
      consumer.run({
        eachMessage: async ({ message }) => {
          read.add(message.value!.toString());
          if (acked.every((v) => read.has(v))) resolve();
        },
      }).catch(reject);
    });
    await consumer.disconnect();
    serving.session.stop();
    const summary = await serving.done;
    expect(summary.produced.acknowledged).toBeGreaterThanOrEqual(acked.length);
    expect(summary.durability).toMatchObject({ acknowledgedLost: 0, duplicates: 0, outOfOrder: 0 });
    expect(serving.logs.some((l) => l.includes("broker 1 is down"))).toBe(true);
  }, 40_000);

  it.skipIf(KCAT === null)("kcat with acks=1 loses records the crashed leader had acknowledged, and the summary counts them", async () => {
    const serving = await startServe(SCENARIO, [], 2);
    const kcat = spawn(KCAT!, ["-b", bootstrap(serving.port).join(","), "-P", "-t", "orders", "-X", "acks=1", "-X", "linger.ms=0", "-X", "message.timeout.ms=20000"], { stdio: ["pipe", "ignore", "ignore"] });
    // Records from before the crash (2 s at speed 2) until after it, ten every 20 ms.
    const until = Date.now() + 3500;
    for (let i = 0; Date.now() < until; i += 10) {
      kcat.stdin.write(Array.from({ length: 10 }, (_, j) => `r${i + j}\n`).join(""));
      await sleep(20);
    }
    kcat.stdin.end();
    await new Promise((r) => kcat.on("exit", r));
    serving.session.stop();
    const summary = await serving.done;
    expect(summary.produced.acknowledged).toBeGreaterThan(100);
    expect(summary.durability.acknowledgedLost).toBeGreaterThan(0);
  }, 40_000);
});
