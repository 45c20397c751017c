// What the back of a classroom can read (issue 18, presentation mode), measured in Chromium:
// per mode (normal, large type, presentation, and each in compare mode) and per screen
// (1024×768, 1440×900) the smallest font any rendered text has, and the cluster view's labels
// that overlap, run across a box edge, are cut short, or lose their LEO/HW numbers (all none).
// Presentation mode puts nothing under 16 px and, with one run, fits the cluster view and the
// timeline on the screen. Figures are printed; legibility-probe.js does the measuring.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, launch, openPage, removeDir, repoRoot, requireChromium, serve, skipBrowser, waitForRun, type Site, type Watched } from "./harness.ts";

interface Legibility {
  readonly smallestPx: number;
  readonly smallestText: string;
  readonly labels: number;
  readonly overlaps: string[];
  readonly crossings: string[];
  readonly cut: string[];
  readonly missingNumbers: number;
}

const SIZES = [
  [1024, 768],
  [1440, 900],
] as const;

/** After the crash and the fencing, before the restart: the longest state labels are on screen. */
const AT = "scenario=acks1-leader-crash&t=19300&paused=1";
const COMPARE = "compare=1&cmp=producers.0.config.acks%3Dall";

const title = skipBrowser ? "presentation mode in Chromium (SKIPPED: KAFKASIM_SKIP_BROWSER=1)" : "presentation mode in Chromium";

describe.skipIf(skipBrowser)(title, () => {
  let site: Site;
  let browser: Browser;
  const pages: Watched[] = [];
  const figures: string[] = [];
  const probe = readFileSync(join(repoRoot, "test/viz/legibility-probe.js"), "utf8");

  const open = async (query: string, [width, height]: readonly [number, number]): Promise<Page> => {
    const w = await openPage(browser, width, height);
    pages.push(w);
    await w.page.addInitScript({ content: probe });
    await w.page.goto(site.url + query);
    await waitForRun(w.page);
    return w.page;
  };

  /** The views were rebuilt (the app counts its layouts in body[data-built]). */
  const rebuilt = async (page: Page, change: () => Promise<void>): Promise<void> => {
    const before = await page.evaluate(() => document.body.dataset["built"] ?? "");
    await change();
    await page.waitForFunction((b) => (document.body.dataset["built"] ?? "") !== b, before);
  };

  const resize = async (page: Page, [width, height]: readonly [number, number]): Promise<void> => {
    const now = page.viewportSize()!;
    if (now.width !== width || now.height !== height) await rebuilt(page, () => page.setViewportSize({ width, height }));
  };
  const toggle = (page: Page, testid: string, on: boolean): Promise<void> => rebuilt(page, () => page.setChecked(`[data-testid="${testid}"]`, on));

  /** Measures the page and checks what holds in every mode; returns the figures. */
  const measure = async (page: Page, mode: string): Promise<Legibility> => {
    const size = page.viewportSize()!;
    const m = (await page.evaluate("window.__legibility()")) as Legibility;
    figures.push(`${mode.padEnd(22)} ${size.width}×${size.height}  smallest ${m.smallestPx} px ("${m.smallestText}") · ${m.labels} labels: overlaps ${m.overlaps.length} · crossings ${m.crossings.length} · cut ${m.cut.length} · rows without LEO/HW ${m.missingNumbers}`);
    const where = `${mode} at ${size.width}×${size.height}`;
    // Every replica row has a role and its offsets: at least 36 labels a pane.
    expect.soft(m.labels, `${where}: labels looked at`).toBeGreaterThan(36);
    expect.soft(m.overlaps, `${where}: overlapping labels`).toEqual([]);
    expect.soft(m.crossings, `${where}: labels across a box edge`).toEqual([]);
    expect.soft(m.cut, `${where}: labels cut short`).toEqual([]);
    expect.soft(m.missingNumbers, `${where}: replica rows without LEO/HW`).toBe(0);
    if (mode.includes("presentation")) expect.soft(m.smallestPx, `${where}: smallest font`).toBeGreaterThanOrEqual(16);
    return m;
  };

  const bottomOf = async (page: Page, selector: string): Promise<number> => {
    const box = (await page.locator(selector).boundingBox())!;
    return Math.round(box.y + box.height);
  };

  beforeAll(async () => {
    requireChromium();
    site = await serve(await buildSite());
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    console.log(["legibility (acks1-leader-crash at 19.3 s):", ...figures].join("\n"));
    for (const w of pages) expect(w.consoleErrors, "console errors").toEqual([]);
    await browser?.close();
    await site?.close();
    if (site !== undefined) removeDir(site.dir);
  });

  it("one run: normal and large type have no overlapping labels; presentation mode puts nothing under 16 px and fits the cluster and the timeline on the screen", async () => {
    const page = await open(`?${AT}`, SIZES[0]);
    for (const size of SIZES) {
      await resize(page, size);
      const normal = await measure(page, "normal");
      await toggle(page, "large-type", true);
      const large = await measure(page, "large");
      // Large type enlarges the page's text, not only the drawings.
      expect.soft(large.smallestPx).toBeGreaterThan(normal.smallestPx);
      expect.soft(await page.locator('[data-testid="verdict"]').evaluate((e) => getComputedStyle(e).fontSize)).toBe("19px");
      await toggle(page, "large-type", false);
      await toggle(page, "present", true);
      expect.soft(new URL(page.url()).searchParams.get("present")).toBe("1");
      await measure(page, "presentation");
      // The log, the hashes and the status line make room for the cluster and the timeline.
      for (const hidden of [".event-log", '[data-testid="trace-hash"]', '[data-testid="status"]']) expect.soft(await page.locator(hidden).isVisible(), hidden).toBe(false);
      const bottom = await bottomOf(page, '[data-testid="timeline"]');
      figures.push(`${"".padEnd(22)} ${size[0]}×${size[1]}  the timeline ends at ${bottom} px`);
      expect.soft(bottom, "timeline bottom").toBeLessThanOrEqual(size[1]);
      await toggle(page, "present", false);
    }
  });

  it("compare mode: no overlapping labels in normal, large and presentation type; presentation puts nothing under 16 px", async () => {
    // Opened in presentation mode from the URL, as a shared link would.
    const page = await open(`?${AT}&${COMPARE}&present=1`, SIZES[0]);
    await page.waitForSelector('[data-testid="pane-b"]');
    for (const size of SIZES) {
      await resize(page, size);
      await measure(page, "compare+presentation");
      await toggle(page, "present", false);
      await measure(page, "compare");
      await toggle(page, "large-type", true);
      await measure(page, "compare+large");
      await toggle(page, "large-type", false);
      await toggle(page, "present", true);
    }
  });
});
