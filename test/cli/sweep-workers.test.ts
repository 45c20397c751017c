// `sweep --workers N` beyond the cores: extra threads would only share the CPUs, so the sweep
// runs on the cores and says so in one line, unless --force-workers insists.
import { availableParallelism } from "node:os";
import { describe, it } from "vitest";
import { kafkasim, linesOf } from "./run-cli.ts";

const TINY = ["sweep", "test/fixtures/cli/small.yaml", "--seeds", "1..2", "--set", "duration=1s", "--set", "settle=1s", "--json"];
const cores = availableParallelism();

describe("sweep --workers", () => {
  it.concurrent("more workers than cores: capped at the cores, with a one-line note, and the sweep runs", async ({ expect }) => {
    const r = await kafkasim(...TINY, "--workers", "1000000000");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`kafkasim: --workers 1000000000 is more than the ${cores} core(s) here; using ${cores} (--force-workers to insist)\n`);
    expect(linesOf(r.stdout).map((l) => (JSON.parse(l) as { seed: number }).seed).sort()).toEqual([1, 2]);
  });

  it.concurrent("--force-workers starts what was asked, without a note", async ({ expect }) => {
    const r = await kafkasim(...TINY, "--workers", String(cores + 1), "--force-workers");
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
    expect(linesOf(r.stdout)).toHaveLength(2);
  });
});
