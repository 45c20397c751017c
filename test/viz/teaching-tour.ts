// The docs/teaching.md session, clicked through in headless Chromium as a teacher would (run:
// node bin/run-ts.js test/viz/teaching-tour.ts [outDir]). Prints what the class sees at each
// step (verdicts, losses, traceHashes) and writes the screenshots docs/teaching-*.png.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { buildSite, launch, openPage, repoRoot, serve, waitForRun } from "./harness.ts";

const out = process.argv[2] ?? join(repoRoot, "docs");
const site = await serve(await buildSite());
const browser = await launch();

const facts = async (page: Page, label: string): Promise<void> => {
  const text = async (sel: string): Promise<string> => ((await page.locator(sel).count()) > 0 ? ((await page.textContent(sel)) ?? "").trim() : "");
  console.log(`\n## ${label}  (t = ${await page.getAttribute('[data-testid="time"]', "data-us")} µs)`);
  console.log("verdict  ", await text('[data-testid="verdict"]'));
  for (const side of ["a", "b"]) {
    const v = await text(`[data-testid="verdict-${side}"]`);
    if (v !== "") console.log(`verdict ${side}`, v, "·", await text(`[data-testid="trace-hash-${side}"]`));
  }
  console.log("hash     ", await text('[data-testid="trace-hash"]'));
  if (await page.locator("#lesson").isVisible()) console.log("caption  ", await text("#lesson-text"));
  console.log("url      ", new URL(page.url()).search);
};

/** A new run has been computed (the app bumps body[data-ready] when its views are built). */
const rerun = async (page: Page, before: string | null): Promise<void> => {
  await page.waitForFunction((r) => document.body.dataset["ready"] !== r, before, { timeout: 60_000 });
  await page.waitForTimeout(300);
};
const ready = (page: Page): Promise<string | null> => page.evaluate(() => document.body.dataset["ready"] ?? null);

const shot = async (page: Page, name: string, selectors: string[]): Promise<void> => {
  const boxes = await Promise.all(selectors.map(async (s) => (await page.locator(s).first().boundingBox())!));
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - 4);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - 4);
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + 4;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + 4;
  await page.screenshot({ path: join(out, name), clip: { x, y, width: right - x, height: bottom - y } });
  console.log("wrote", name);
};

try {
  const { page, consoleErrors } = await openPage(browser, 1440, 1000);
  // Step 2: acks=1. Open at the first caption, then PageDown like a presenter's clicker.
  await page.goto(`${site.url}?scenario=acks1-leader-crash&t=9000&paused=1`);
  await waitForRun(page, 60_000);
  await facts(page, "acks1-leader-crash, caption 1");
  await page.keyboard.press("PageDown");
  await page.keyboard.press("PageDown");
  await page.waitForTimeout(300);
  await facts(page, "acks1-leader-crash, caption 3");
  await shot(page, "teaching-1-acks1-lost.png", ["#lesson", "#timeline-host canvas", "#lost-box"]);
  // Step 3: the same seed with acks=all, side by side.
  let hash = await ready(page);
  await page.selectOption('[data-testid="compare"]', "acks=all");
  await rerun(page, hash);
  await page.waitForSelector('[data-testid="verdict-b"]');
  await page.locator('[data-testid="scrubber"]').evaluate((e: HTMLInputElement) => {
    e.value = "10001000";
    e.dispatchEvent(new Event("input"));
  });
  await page.waitForTimeout(300);
  await facts(page, "acks1-leader-crash compared with acks=all");
  await shot(page, "teaching-2-compare-acks.png", ['[data-testid="pane-a"]', '[data-testid="pane-b"]']);
  // Step 4: the ISR can shrink to the leader; min.insync.replicas=2 in compare mode.
  hash = await ready(page);
  await page.selectOption('[data-testid="scenario-picker"]', "min-isr-1-unclean-election");
  await rerun(page, hash);
  hash = await ready(page);
  await page.selectOption('[data-testid="compare"]', "min.insync.replicas=2");
  await rerun(page, hash);
  await page.keyboard.press("PageDown");
  await page.keyboard.press("PageDown");
  await page.keyboard.press("PageDown");
  await page.keyboard.press("PageDown");
  await page.waitForTimeout(300);
  await facts(page, "min-isr-1-unclean-election compared with min.insync.replicas=2, caption 4");
  await shot(page, "teaching-3-min-isr.png", ['[data-testid="pane-a"]', '[data-testid="pane-b"]', "#timeline-host canvas"]);
  // Step 5: draw a partition live on acks=all, then flip acks to 1.
  hash = await ready(page);
  await page.selectOption('[data-testid="scenario-picker"]', "acks-all-leader-crash");
  await rerun(page, hash);
  hash = await ready(page);
  await page.selectOption('[data-testid="compare"]', "");
  await rerun(page, hash);
  await page.locator('[data-testid="scrubber"]').evaluate((e: HTMLInputElement) => {
    e.value = "5000000";
    e.dispatchEvent(new Event("input"));
  });
  await page.click('[data-testid="draw-partition"]');
  await page.click('[data-testid="broker-1"]');
  await page.click('[data-testid="p1"]');
  for (const b of ["broker-2", "broker-2", "broker-3", "broker-3"]) await page.click(`[data-testid="${b}"]`);
  console.log("\ngroups   ", await page.textContent('[data-testid="partition-groups"]'));
  hash = await ready(page);
  await page.click('[data-testid="partition-cut"]');
  await rerun(page, hash);
  await facts(page, "acks-all-leader-crash + drawn partition {1, p1} | {2, 3} at 5 s for 20 s");
  hash = await ready(page);
  await page.selectOption('[data-testid="config-acks"]', "1");
  await rerun(page, hash);
  await page.locator('[data-testid="scrubber"]').evaluate((e: HTMLInputElement) => {
    e.value = "15000000";
    e.dispatchEvent(new Event("input"));
  });
  await page.waitForTimeout(300);
  await facts(page, "... and acks=1");
  await shot(page, "teaching-4-partition-acks1.png", ['[data-testid="pane-a"]', "#timeline-host canvas"]);
  console.log("\nconsole errors:", consoleErrors);
} finally {
  await browser.close();
  await site.close();
}
