// Shots of the visualizer in its type modes, to look at. With no arguments, the docs' two
// presentation-mode shots of acks1-leader-crash at 1024×768 (docs/present-acks1.png, the screen;
// docs/present-compare.png, down to the end of the timelines); with an output folder, every
// mode at each size given (default 1024×768 and 1440×900), the screen each (run: node
// bin/run-ts.js test/viz/shoot-present.ts [outDir [WxH ...]]).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { buildSite, launch, openPage, repoRoot, serve, waitForRun } from "./harness.ts";

const [outArg, ...sizeArgs] = process.argv.slice(2);
const forDocs = outArg === undefined;
const out = outArg ?? join(repoRoot, "docs");
const sizes = forDocs ? [[1024, 768] as [number, number]] : (sizeArgs.length > 0 ? sizeArgs : ["1024x768", "1440x900"]).map((s) => s.split("x").map(Number) as [number, number]);
const AT = "scenario=acks1-leader-crash&t=19300&paused=1";
const COMPARE = "compare=1&cmp=producers.0.config.acks%3Dall";
/** The screen, or (docs' compare shot) the page down to the end of the timelines. */
const screen = async (page: Page, file: string, toTimeline: boolean): Promise<void> => {
  if (!toTimeline) return void (await page.screenshot({ path: file }));
  const box = (await page.locator('[data-testid="timeline"]').boundingBox())!;
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: page.viewportSize()!.width, height: Math.ceil(box.y + box.height + 6) } });
};

const docs: [string, string][] = [
  ["present-acks1", `${AT}&present=1`],
  ["present-compare", `${AT}&${COMPARE}&present=1`],
];
const modes: [string, string][] = [
  ["normal", AT],
  ["large", `${AT}&large=1`],
  ["present", `${AT}&present=1`],
  ["compare", `${AT}&${COMPARE}`],
  ["compare-large", `${AT}&${COMPARE}&large=1`],
  ["present-compare", `${AT}&${COMPARE}&present=1`],
  ["present-groups", "scenario=rebalance-cooperative-member-joins&t=31000&paused=1&present=1"],
];

mkdirSync(out, { recursive: true });
const site = await serve(await buildSite());
const browser = await launch();
try {
  for (const [w, h] of sizes) {
    for (const [name, query] of forDocs ? docs : modes) {
      const { page, consoleErrors } = await openPage(browser, w, h);
      await page.goto(`${site.url}?${query}`);
      await waitForRun(page, 60_000);
      await page.waitForTimeout(300);
      const file = join(out, forDocs ? `${name}.png` : `${name}-${w}x${h}.png`);
      await screen(page, file, forDocs && name.includes("compare"));
      console.log("wrote", file, consoleErrors.length > 0 ? consoleErrors : "");
      await page.context().close();
    }
  }
} finally {
  await browser.close();
  await site.close();
}
