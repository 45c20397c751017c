// Memory of the browser tab while its worker simulates a large run and the page keeps the
// trace (run: npm run viz:heap [-- QUERY]). Default: acks1-leader-crash at 200,000 records/s
// for 60 s. Samples every Chromium renderer process's resident memory (/proc, Linux) every
// 250 ms while the run is computed, and reads the JavaScript heaps at the end: the page's
// (CDP Runtime.getHeapUsage) and the worker's (performance.memory inside the worker, when
// Chromium exposes it). Prints peak and final figures; the run's own size from its status line.
import { readdirSync, readFileSync } from "node:fs";
import { buildSite, launch, openPage, serve, waitForRun } from "./harness.ts";

const query = process.argv[2] ?? "?scenario=acks1-leader-crash&set=producers.0.rate%3D200000%2Fs&set=duration%3D60s&paused=1";
const MiB = 2 ** 20;

/** Resident bytes of each Chromium renderer process now, by pid. */
function rendererRss(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, "utf8");
      if (!cmd.includes("chromium") || !cmd.includes("--type=renderer")) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${name}/status`, "utf8"));
      if (rss !== null) out.set(Number(name), Number(rss[1]) * 1024);
    } catch {
      // the process ended between listing and reading
    }
  }
  return out;
}

const dir = await buildSite();
const site = await serve(dir);
const browser = await launch();
try {
  const { page, consoleErrors } = await openPage(browser, 1400, 1000);
  let peak = 0;
  const sampler = setInterval(() => {
    for (const rss of rendererRss().values()) peak = Math.max(peak, rss);
  }, 250);
  const started = Date.now();
  await page.goto(site.url + query);
  await waitForRun(page, 600_000);
  const wallMs = Date.now() - started;
  clearInterval(sampler);
  const status = await page.textContent('[data-testid="status"]');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const pageHeap = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number; totalSize: number };
  const workerHeap = await Promise.all(page.workers().map((w) => w.evaluate("self.performance && performance.memory ? performance.memory.usedJSHeapSize : null")));
  const final = [...rendererRss().values()];
  console.log(`query: ${query}`);
  console.log(`run: ${status}`);
  console.log(`page load to verdict: ${(wallMs / 1000).toFixed(1)} s`);
  console.log(`renderer resident memory: peak ${(peak / MiB).toFixed(0)} MiB, at the end ${final.map((b) => (b / MiB).toFixed(0)).join(", ")} MiB`);
  console.log(`page JS heap after GC: ${(pageHeap.usedSize / MiB).toFixed(0)} MiB used of ${(pageHeap.totalSize / MiB).toFixed(0)} MiB`);
  console.log(`worker JS heap: ${workerHeap.map((b) => (typeof b === "number" ? `${(b / MiB).toFixed(0)} MiB` : "not exposed")).join(", ") || "no worker alive"}`);
  if (consoleErrors.length > 0) console.log("console errors:", consoleErrors);
} finally {
  await browser.close();
  await site.close();
}
