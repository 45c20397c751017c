// Eligible leader replicas (KIP-966) in the cluster view, in Chromium: in
// elr-last-replica-standing the ISR shrinks to [1] at 15 s and brokers 2 and 3 stay electable,
// so their rows say "ELR" (or "out of ISR, eligible" where there is room) instead of "not ISR";
// once broker 2 leads from the ELR at 25.25 s, broker 1's row says it is the eligible one
// until broker 3 rejoins the ISR 8 ms later and the ELR empties.

import { describe, expect, it } from "vitest";
import { skipBrowser } from "./harness.ts";
import { browserSuite } from "./browser-suite.ts";

const title = skipBrowser ? "ELR roles in Chromium (SKIPPED: KAFKASIM_SKIP_BROWSER=1)" : "ELR roles in Chromium";

describe.skipIf(skipBrowser)(title, () => {
  const { open } = browserSuite();
  const role = (text: string | null): string => (/(leader e\d+|follower, in ISR|out of ISR, eligible|out of ISR|ISR|ELR|not ISR)/.exec(text ?? "")?.[1] ?? "");

  it("marks the replicas that left an ISR below min.insync.replicas as eligible", async () => {
    const page = await open("?scenario=elr-last-replica-standing&t=16000&paused=1");
    const rows = async (): Promise<string[]> => Promise.all([1, 2, 3].map(async (b) => role(await page.locator(`[data-testid="pane-a"] [data-testid="replica-ledger-0-${b}"]`).textContent())));
    const before = await rows();
    expect(before[0]).toMatch(/^leader e0$/);
    expect(before[1]).toMatch(/^(ELR|out of ISR, eligible)$/);
    expect(before[2]).toMatch(/^(ELR|out of ISR, eligible)$/);
  });

  it("keeps the old leader eligible after a follower leads from the ELR", async () => {
    const page = await open("?scenario=elr-last-replica-standing&t=25252&paused=1");
    const text = await page.locator('[data-testid="pane-a"] [data-testid="replica-ledger-0-1"]').textContent();
    expect(role(text)).toMatch(/^(ELR|out of ISR, eligible)$/);
    const leader = await page.locator('[data-testid="pane-a"] [data-testid="replica-ledger-0-2"]').textContent();
    expect(role(leader)).toBe("leader e1");
  });
});
