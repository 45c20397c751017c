// Screenshots for docs/ (run: node bin/run-ts.js test/viz/shoot.ts [outDir]).
import { join } from "node:path";
import { buildSite, launch, openPage, repoRoot, serve, waitForRun } from "./harness.ts";

const out = process.argv[2] ?? join(repoRoot, "docs");
const dir = await buildSite();
const site = await serve(dir);
const browser = await launch();
try {
  const shots: [string, string, number, number][] = [
    ["viz-cluster.png", "?scenario=acks1-leader-crash&t=9998.5&paused=1", 1400, 900],
    ["viz-timeline.png", "?scenario=acks1-leader-crash&t=19300&paused=1", 1400, 1500],
    ["viz-groups.png", "?scenario=rebalance-cooperative-member-joins&t=31000&paused=1", 1400, 1400],
    ["viz-compare.png", "?scenario=acks1-leader-crash&compare=1&cmp=producers.0.config.acks%3Dall&t=10001&paused=1", 1600, 1100],
  ];
  for (const [name, query, w, h] of shots) {
    const { page, consoleErrors } = await openPage(browser, w, h);
    await page.goto(site.url + query);
    await waitForRun(page, 60_000);
    await page.waitForTimeout(300);
    const fullPage = name === "viz-timeline.png" || name === "viz-groups.png";
    await page.screenshot({ path: join(out, name), fullPage });
    if (consoleErrors.length > 0) console.error(name, consoleErrors);
    console.log("wrote", name);
    await page.context().close();
  }
} finally {
  await browser.close();
  await site.close();
}
