// One built site and one Chromium for a browser suite: built before its tests, closed after
// them, every page it opened checked for console errors. Call inside the suite's describe.

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { buildSite, launch, openPage, removeDir, requireChromium, serve, waitForRun, type Site, type Watched } from "./harness.ts";

export interface BrowserSuite {
  /** Opens the site with `query` at a viewport size (after `init`, a script run before the page's) and waits for its run. */
  open(query: string, width?: number, height?: number, init?: string): Promise<Page>;
}

export function browserSuite(): BrowserSuite {
  let site: Site;
  let browser: Browser;
  const pages: Watched[] = [];
  beforeAll(async () => {
    requireChromium();
    site = await serve(await buildSite());
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    for (const w of pages) expect(w.consoleErrors, "console errors").toEqual([]);
    await browser?.close();
    await site?.close();
    if (site !== undefined) removeDir(site.dir);
  });
  return {
    async open(query, width = 1024, height = 768, init) {
      const w = await openPage(browser, width, height);
      pages.push(w);
      if (init !== undefined) await w.page.addInitScript({ content: init });
      await w.page.goto(site.url + query);
      await waitForRun(w.page);
      return w.page;
    },
  };
}
