// Whole-screen shots of the visualizer in each type mode, to look at (run: node bin/run-ts.js
// test/viz/shoot-present.ts [outDir] [WxH ...]); with no sizes, 1024×768 and 1440×900. The
// presentation-mode shots of acks1-leader-crash at 1024×768 are docs/present-*.png.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { buildSite, launch, openPage, repoRoot, serve, waitForRun } from "./harness.ts";

const [outArg, ...sizeArgs] = process.argv.slice(2);
const out = outArg ?? join(repoRoot, "docs");
const sizes = (sizeArgs.length > 0 ? sizeArgs : ["1024x768", "1440x900"]).map((s) => s.split("x").map(Number) as [number, number]);
const AT = "scenario=acks1-leader-crash&t=19300&paused=1";
const COMPARE = "compare=1&cmp=producers.0.config.acks%3Dall";
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
    for (const [name, query] of modes) {
      const { page, consoleErrors } = await openPage(browser, w, h);
      await page.goto(`${site.url}?${query}`);
      await waitForRun(page, 60_000);
      await page.waitForTimeout(300);
      const file = join(out, `${name}-${w}x${h}.png`);
      await page.screenshot({ path: file });
      console.log("wrote", file, consoleErrors.length > 0 ? consoleErrors : "");
      await page.context().close();
    }
  }
} finally {
  await browser.close();
  await site.close();
}
