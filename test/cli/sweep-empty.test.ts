// A sweep shard with no seed is not a failure, and says so; a merge with no seed result at all is
// an error, so a CI matrix whose shards all failed cannot pass on "0/0 held".
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { kafkasim } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "kafkasim-sweep-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sweep edges", () => {
  it.concurrent("an empty shard prints that it is empty and exits 0, with nothing on stdout", async () => {
    const r = await kafkasim("sweep", "scenarios/acks1-leader-crash.yaml", "--seeds", "1..2", "--shard", "3/4", "--json");
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 0,
      stdout: "",
      stderr: "sweep acks1-leader-crash: shard 3/4 of 1..2 holds no seed; nothing to run\n",
    });
  });

  it.concurrent("--merge of parts that hold no seed result is exit 2 and one line", async () => {
    const part = join(dir, "empty.ndjson");
    writeFileSync(part, "");
    const r = await kafkasim("sweep", "--merge", part);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`kafkasim: sweep --merge: ${part} holds no seed result (did every shard fail, or run empty?)\n`);
  });
});
