// Screenshots for docs/ (run: npm run viz:shots, or node bin/run-ts.js test/viz/shoot.ts [outDir] [name,...]).
// Headless Chromium against a production build, each shot clipped to the view it documents.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { buildSite, launch, openPage, repoRoot, serve, waitForRun } from "./harness.ts";

const out = process.argv[2] ?? join(repoRoot, "docs");
/** Only these shots (file names, comma-separated); all without. */
const only = process.argv[3]?.split(",") ?? null;
const dir = await buildSite();
const site = await serve(dir);
const browser = await launch();

type Clip = (page: Page) => Promise<{ x: number; y: number; width: number; height: number }>;

const below = (selector: string, maxHeight: number): Clip => async (page) => {
  const b = (await page.locator(selector).boundingBox())!;
  return { x: 0, y: 0, width: (page.viewportSize()?.width ?? 1400), height: Math.min(maxHeight, b.y + b.height + 8) };
};

/** The page's full width, from the top of one view to the bottom of another. */
const between = (top: string, bottom: string): Clip => async (page) => {
  const t = (await page.locator(top).boundingBox())!;
  const b = (await page.locator(bottom).boundingBox())!;
  return { x: 0, y: t.y - 4, width: page.viewportSize()?.width ?? 1400, height: b.y + b.height + 8 - t.y };
};

const union = (selectors: string[]): Clip => async (page) => {
  const boxes = await Promise.all(selectors.map(async (s) => (await page.locator(s).boundingBox())!));
  const x = Math.min(...boxes.map((b) => b.x)) - 4;
  const y = Math.min(...boxes.map((b) => b.y)) - 4;
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + 4;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + 4;
  return { x, y, width: right - x, height: bottom - y };
};

try {
  const shots: [string, string, number, number, Clip][] = [
    ["viz-cluster.png", "?scenario=acks1-leader-crash&t=9998.5&paused=1", 1300, 900, below('[data-testid="pane-a"]', 900)],
    ["viz-timeline.png", "?scenario=acks1-leader-crash&t=19300&paused=1", 1300, 1500, union(["#timeline-host", "#charts-host"])],
    ["viz-compare.png", "?scenario=acks1-leader-crash&compare=1&cmp=producers.0.config.acks%3Dall&t=10001&paused=1", 1500, 1000, below('[data-testid="pane-a"]', 1000)],
    ["viz-groups.png", "?scenario=rebalance-cooperative-member-joins&t=31000&paused=1", 1300, 1100, below('[data-testid="pane-a"]', 1100)],
    // Zones: az1 is down, the bands show which brokers went with it.
    ["viz-zones.png", "?scenario=zone-outage-rack-aware&t=25000&paused=1", 1300, 900, below('[data-testid="pane-a"]', 900)],
    // Predict, then reveal: after the kill the outcome is still hidden; at the election (17.25 s) it shows.
    ["reveal-acks1-before.png", "?scenario=acks1-leader-crash&t=12000&paused=1&reveal=1", 1440, 900, between(".run-facts", "#timeline-host")],
    ["reveal-acks1.png", "?scenario=acks1-leader-crash&t=17250&paused=1&reveal=1", 1440, 900, between(".run-facts", "#timeline-host")],
  ];
  for (const [name, query, w, h, clip] of shots.filter(([name]) => only === null || only.includes(name))) {
    const { page, consoleErrors } = await openPage(browser, w, h);
    await page.goto(site.url + query);
    await waitForRun(page, 60_000);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, name), clip: await clip(page) });
    if (consoleErrors.length > 0) console.error(name, consoleErrors);
    console.log("wrote", name);
    await page.context().close();
  }
} finally {
  await browser.close();
  await site.close();
}
