// The KRaft quorum in the cluster view, in Chromium: with 3 controllers
// (controller-quorum-failover), the controller box names the active controller and its Raft
// epoch, says "no active controller" in the 1.6 s after the active one is killed at 10 s, and
// its tooltip gives every voter's role and metadata log end offset, one a line, and the metadata
// high watermark (RaftLogProgress); one controller keeps its process state.

import { describe, expect, it } from "vitest";
import { skipBrowser } from "./harness.ts";
import { browserSuite } from "./browser-suite.ts";

const title = skipBrowser ? "controller quorum box in Chromium (SKIPPED: KAFKASIM_SKIP_BROWSER=1)" : "controller quorum box in Chromium";

describe.skipIf(skipBrowser)(title, () => {
  const { open } = browserSuite();
  const box = '[data-testid="pane-a"] [data-testid="controller"]';

  it("names the active controller, and none while the quorum elects one", async () => {
    const before = await open("?scenario=controller-quorum-failover&t=9000&paused=1");
    expect(await before.locator(`${box} text`).allTextContents()).toContain("active: controller-2 · epoch 1");
    const during = await open("?scenario=controller-quorum-failover&t=11000&paused=1");
    expect(await during.locator(`${box} text`).allTextContents()).toContain("no active controller");
    expect(await during.locator(`${box} title`).textContent()).toMatch(/^controller-1: \S+.*, log end 14\ncontroller-2: crashed, log end 14\ncontroller-3: .*, log end 14\nmetadata high watermark 14$/);
    const after = await open("?scenario=controller-quorum-failover&t=12000&paused=1");
    expect(await after.locator(`${box} text`).allTextContents()).toContain("active: controller-3 · epoch 2");
    expect(await after.locator(`${box} title`).textContent()).toContain("controller-3: leader e2, log end 15");
    // The killed leader's log end stays where it died; the high watermark is the new leader's commit.
    expect(await after.locator(`${box} title`).textContent()).toMatch(/controller-2: crashed, log end 14\n.*\nmetadata high watermark 15$/);
  });

  it("keeps a single controller's process state", async () => {
    const page = await open("?scenario=acks1-leader-crash&t=12000&paused=1");
    expect(await page.locator(`${box} text`).allTextContents()).toContain("active");
  });
});
