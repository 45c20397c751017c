// Each step of docs/teaching.md as the projector shows it: presentation mode at 1024×768, the
// whole screen (run: node bin/run-ts.js test/viz/shoot-teaching-present.ts [outDir]). Writes
// docs/present-step-N.png and prints what each shows; step 8 (sweeps) is the CLI's.
import { join } from "node:path";
import { buildSite, launch, openPage, repoRoot, serve, waitForRun } from "./harness.ts";

const out = process.argv[2] ?? join(repoRoot, "docs");
const STEPS: readonly (readonly [step: number, what: string, query: string])[] = [
  [1, "acks=1 before the kill", "?scenario=acks1-leader-crash&t=9000&paused=1"],
  [2, "acks=1 at the loss: the reveal", "?scenario=acks1-leader-crash&t=17250&paused=1"],
  [3, "acks=1 against acks=all on the same seed", "?scenario=acks1-leader-crash&compare=1&cmp=producers.0.config.acks%3Dall&t=10001&paused=1"],
  [4, "acks=0 after the kill", "?scenario=acks0-leader-crash&t=12000&paused=1"],
  [5, "min.insync.replicas 1 against 2 at the election", "?scenario=min-isr-1-unclean-election&compare=1&cmp=topics.0.config.min.insync.replicas%3D2&t=67250&paused=1"],
  [6, "a drawn partition with acks=1", "?scenario=acks-all-leader-crash&set=producers.0.config.acks%3D1&iv=partition%3A1%2Cp1%7C2%2C3%405000%2B20000&t=15000&paused=1"],
  [7, "the power loss without fsync", "?scenario=power-loss-no-fsync&t=25100&paused=1"],
];

const site = await serve(await buildSite());
const browser = await launch();
try {
  const { page, consoleErrors } = await openPage(browser, 1024, 768);
  for (const [step, what, query] of STEPS) {
    await page.goto(`${site.url}${query}&present=1`);
    await waitForRun(page, 60_000);
    await page.waitForTimeout(300);
    const name = `present-step-${step}.png`;
    await page.screenshot({ path: join(out, name) });
    console.log(`step ${step}: ${what} → ${name}`);
  }
  console.log("console errors:", consoleErrors);
} finally {
  await browser.close();
  await site.close?.();
}
process.exit(0);
