// Frame time of scrubbing a big trace (run: node bin/run-ts.js test/viz/measure.ts).
// Loads a 10-minute run in headless Chromium and renders 300 seeks spread over the run,
// forwards and backwards; prints the run size and the frame-time distribution.
import { buildSite, launch, openPage, serve, waitForRun } from "./harness.ts";

const query = process.argv[2] ?? "?scenario=acks1-leader-crash&set=duration%3D10m&set=producers.0.rate%3D2000%2Fs&paused=1";
const dir = await buildSite();
const site = await serve(dir);
const browser = await launch();
try {
  const { page, consoleErrors } = await openPage(browser, 1400, 1000);
  const started = Date.now();
  await page.goto(site.url + query);
  await waitForRun(page, 300_000);
  const loadMs = Date.now() - started;
  const status = await page.textContent('[data-testid="status"]');
  // Strings, not functions: tsx would wrap functions with helpers the page does not have.
  const frames = (await page.evaluate("window.__viz.measureScrub(300)")) as number[];
  // And what the browser paints: rAF-to-rAF intervals while seeking to a new time every frame.
  const painted = (await page.evaluate(`new Promise((resolve) => {
    const viz = window.__viz;
    const out = [];
    let last = performance.now();
    let i = 0;
    const tick = (now) => {
      if (i > 0) out.push(now - last);
      last = now;
      viz.app.playback.seek((((i * 7919) % 120) / 120) * viz.app.a.model.endUs);
      if (++i <= 120) requestAnimationFrame(tick);
      else resolve(out);
    };
    requestAnimationFrame(tick);
  })`)) as number[];
  const stats = (xs: number[]): string => {
    const s = [...xs].sort((a, b) => a - b);
    const q = (p: number): string => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2);
    return `median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${s[s.length - 1]!.toFixed(2)} ms`;
  };
  console.log(`run: ${status}`);
  console.log(`page load to verdict: ${loadMs} ms`);
  console.log(`render per seek (all views): ${stats(frames)}`);
  console.log(`rAF interval while seeking every frame: ${stats(painted)}`);
  if (consoleErrors.length > 0) console.log("console errors:", consoleErrors);
} finally {
  await browser.close();
  await site.close();
}
