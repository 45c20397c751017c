// The cost side of a tradeoff on the page (issue 18), in Chromium: acknowledgement latency,
// error responses, failed records and time offline as numbers, one column per run in compare
// mode, with the charts drawing both runs (B dashed); and the IsrShrinksPerSec chart saying
// when the controller shrank ISRs that Kafka's metric does not count.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run/runner.ts";
import { loadScenario } from "../../sim/scenario/index.ts";
import { repoRoot, skipBrowser } from "./harness.ts";
import { browserSuite } from "./browser-suite.ts";

const title = skipBrowser ? "cost panel and chart notes in Chromium (SKIPPED: KAFKASIM_SKIP_BROWSER=1)" : "cost panel and chart notes in Chromium";

const latencyOf = (name: string, overrides: string[]): string => {
  const file = `scenarios/${name}.yaml`;
  const { latency } = runScenario(loadScenario(readFileSync(join(repoRoot, file), "utf8"), file, overrides)).summary;
  const ms = (x: number): string => (x >= 1000 ? `${Math.round(x).toLocaleString("en-US")} ms` : `${Math.round(x * 10) / 10} ms`);
  return `${ms(latency.p50Ms)} · ${ms(latency.p99Ms)}`;
};

describe.skipIf(skipBrowser)(title, () => {
  const { open } = browserSuite();

  it("IsrShrinksPerSec says that the six ISR shrinks of the fencing at 17.25 s are not in it (acks1-leader-crash); nothing when the leader shrank the ISR (min-isr-1-unclean-election)", async () => {
    const page = await open("?scenario=acks1-leader-crash&t=19300&paused=1&present=1");
    const note = page.locator('[data-chart="IsrShrinksPerSec"] [data-testid="chart-note"]');
    expect((await note.textContent())!.replace(/\u00a0/g, " ")).toContain("the controller made itself (fencing, shutdown): 6 at 17.25 s");
    const other = await open("?scenario=min-isr-1-unclean-election&paused=1");
    expect(await other.locator('[data-testid="chart-note"]').count()).toBe(0);
  });

  it("compare mode shows each side's cost: latency, error responses and time offline (unclean election off: events-0 has no leader from 67.25 s to 80.0 s), and the charts draw both runs", async () => {
    const cmp = "topics.0.config.unclean.leader.election.enable=false";
    const page = await open(`?scenario=min-isr-1-unclean-election&paused=1&compare=1&cmp=${encodeURIComponent(cmp)}`);
    await page.waitForSelector('[data-testid="pane-b"]');
    const cell = (id: string): Promise<string | null> => page.textContent(`[data-testid="cost-${id}"]`);
    expect(await cell("latency-A")).toBe(latencyOf("min-isr-1-unclean-election", []));
    expect(await cell("latency-B")).toBe(latencyOf("min-isr-1-unclean-election", [cmp]));
    expect(await cell("offline-A")).toBe("0 s");
    expect(await cell("offline-B")).toBe("12.77 s · longest 12.77 s (events-0)");
    expect(await cell("error-responses-A")).toMatch(/^\d+ \(/);
    expect(await page.locator('[data-testid="cost"] th').allTextContents()).toEqual(expect.arrayContaining(["A · as configured", "time offline (no leader), summed over partitions"]));
    // The latency and error charts draw run A solid and run B dashed.
    for (const chart of ["produce latency", "FailedProduceRequestsPerSec", "UnderReplicatedPartitions"]) {
      const paths = page.locator(`[data-chart="${chart}"] path[clip-path]`);
      const dashed = await paths.evaluateAll((ps) => ps.filter((p) => p.getAttribute("stroke-dasharray") !== null).length);
      expect(dashed, chart).toBeGreaterThan(0);
      expect((await paths.count()) - dashed, chart).toBe(dashed);
    }
  });
});
