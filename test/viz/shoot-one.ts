// One screenshot of any page state (run: node bin/run-ts.js test/viz/shoot-one.ts "<query>" out.png [width height] [reduce]).
import { buildSite, launch, openPage, serve, waitForRun } from "./harness.ts";

const [query = "", out = "shot.png", w = "1400", h = "1000", reduce = ""] = process.argv.slice(2);
const site = await serve(await buildSite());
const browser = await launch();
try {
  const { page, consoleErrors } = await openPage(browser, Number(w), Number(h));
  if (reduce === "reduce") await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(site.url + query);
  await waitForRun(page, 120_000);
  await page.waitForTimeout(300);
  await page.screenshot({ path: out });
  console.log("wrote", out, consoleErrors);
} finally {
  await browser.close();
  await site.close();
}
