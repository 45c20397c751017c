// `kafkasim serve FILE --json` as a user runs it: brokers listen, kcat produces, Ctrl-C
// (SIGINT) ends the session, and stdout holds exactly one JSON object, the summary, whose
// `produced` counts kcat's records; log lines go to stderr.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { freeBlock, KCAT, run } from "./serve-harness.ts";

describe.skipIf(KCAT === null)("kafkasim serve on the command line", () => {
  it("ends on SIGINT with one JSON summary on stdout that counts kcat's records", async () => {
    const port = await freeBlock();
    const child = spawn("node", ["bin/kafkasim.js", "serve", "test/serve/three-brokers.yaml", "--port", String(port), "--json"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const listening = new Promise<void>((resolve) => child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes("Ctrl-C ends early")) resolve();
    }));
    await listening;
    const p = await run(KCAT!, ["-b", `127.0.0.1:${port}`, "-P", "-t", "orders", "-p", "0"], "one\ntwo\n");
    expect(p.code).toBe(0);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!) as { scenario: string; produced: { acknowledged: number }; durability: { acknowledgedLost: number } };
    expect(summary.scenario).toBe("serve-three-brokers");
    expect(summary.produced.acknowledged).toBe(2);
    expect(summary.durability.acknowledgedLost).toBe(0);
  }, 30_000);
});
