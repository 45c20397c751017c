// Screenshot of an HTML report opened from file:// (run: node bin/run-ts.js test/report/shoot-report.ts REPORT.html OUT.png [width height]).
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { launch, openPage } from "../viz/harness.ts";

const [file = "report.html", out = "report.png", w = "1400", h = "1700"] = process.argv.slice(2);
const browser = await launch();
try {
  const { page, consoleErrors, requests } = await openPage(browser, Number(w), Number(h));
  await page.goto(pathToFileURL(resolve(file)).href);
  await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: out });
  console.log("wrote", out, { consoleErrors, requests: requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:")) });
} finally {
  await browser.close();
}
